// Small inline SVG charts for the printable documents: horizontal bars with counts and
// shares, and stacked bars (the classes of each region). No script, no external font.
import { fmtInt, percentText } from './html.js';
import { esc } from './escape.js';

export interface Bar {
  label: string;
  value: number;
  colour: string;
}

const FONT = `font-family="Noto Sans CJK SC, Microsoft YaHei, sans-serif"`;

/** Horizontal bars, one per entry, each labelled with its count and share of `total`. */
export function barChart(bars: readonly Bar[], opts: { title: string; total?: number; width?: number } = { title: '' }): string {
  const width = opts.width ?? 460;
  const labelW = Math.min(140, Math.max(56, ...bars.map((b) => textWidth(b.label) + 12)));
  const valueW = 110;
  const barW = width - labelW - valueW;
  const rowH = 26;
  const top = opts.title ? 28 : 6;
  const height = top + bars.length * rowH + 6;
  const total = opts.total ?? bars.reduce((a, b) => a + b.value, 0);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rows = bars
    .map((b, i) => {
      const y = top + i * rowH;
      const w = Math.round((b.value / max) * barW);
      return `<g><text x="${labelW - 8}" y="${y + 17}" text-anchor="end" font-size="13" ${FONT}>${esc(b.label)}</text>` +
        `<rect x="${labelW}" y="${y + 4}" width="${Math.max(w, b.value > 0 ? 2 : 0)}" height="${rowH - 8}" fill="${esc(b.colour)}" rx="2"><title>${esc(`${b.label}：${b.value}`)}</title></rect>` +
        `<text x="${labelW + w + 6}" y="${y + 17}" font-size="12" ${FONT} fill="#1d2329">${esc(`${fmtInt(b.value)}（${percentText(b.value, total)}）`)}</text></g>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(opts.title)}">` +
    (opts.title ? `<text x="0" y="16" font-size="14" font-weight="600" ${FONT}>${esc(opts.title)}</text>` : '') +
    `<line x1="${labelW}" y1="${top}" x2="${labelW}" y2="${height - 4}" stroke="#9aa3ad"/>${rows}</svg>`;
}

export interface StackRow {
  label: string;
  parts: { key: string; value: number; colour: string }[];
}

/** One 100% bar per row, split by the parts' shares, with a legend. */
export function stackedBars(rows: readonly StackRow[], opts: { title: string; width?: number }): string {
  const width = opts.width ?? 920;
  const labelW = Math.min(180, Math.max(60, ...rows.map((r) => textWidth(r.label) + 12)));
  const totalW = 70;
  const barW = width - labelW - totalW;
  const rowH = 24;
  const top = 48;
  const height = top + rows.length * rowH + 8;
  const keys = rows[0]?.parts.map((p) => ({ key: p.key, colour: p.colour })) ?? [];
  const legend = keys.map((k, i) => `<rect x="${labelW + i * 70}" y="24" width="12" height="12" fill="${esc(k.colour)}"/><text x="${labelW + i * 70 + 16}" y="34" font-size="12" ${FONT}>${esc(k.key)}</text>`).join('');
  const body = rows
    .map((r, i) => {
      const y = top + i * rowH;
      const total = r.parts.reduce((a, p) => a + p.value, 0);
      let x = labelW;
      const segs = r.parts
        .map((p) => {
          const w = total ? (p.value / total) * barW : 0;
          const seg = w > 0 ? `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${esc(p.colour)}"><title>${esc(`${r.label} ${p.key}：${p.value}（${percentText(p.value, total)}）`)}</title></rect>` +
            (w > 28 ? `<text x="${(x + w / 2).toFixed(1)}" y="${y + 16}" text-anchor="middle" font-size="11" fill="${p.colour === '#e0b000' ? '#1d2329' : '#fff'}" ${FONT}>${p.value}</text>` : '') : '';
          x += w;
          return seg;
        })
        .join('');
      return `<text x="${labelW - 8}" y="${y + 16}" text-anchor="end" font-size="12" ${FONT}>${esc(r.label)}</text>${segs}<text x="${labelW + barW + 6}" y="${y + 16}" font-size="12" ${FONT}>${fmtInt(total)}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(opts.title)}">` +
    `<text x="0" y="16" font-size="14" font-weight="600" ${FONT}>${esc(opts.title)}</text>${legend}${body}</svg>`;
}

/** Rough width in px of a label at 13px: CJK characters are square, others about half. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\uffff]/.test(ch) ? 13 : 7.5;
  return w;
}
