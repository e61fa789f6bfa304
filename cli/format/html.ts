// Shared pieces of the printable documents (report, rule document, inspection form,
// comparison): one self-contained page (inline CSS, no fonts or scripts from
// outside), A4 print layout, and the 第十三条 notice on every printed page.
import { ART13_NOTICE } from './explain.js';
import { cssString, esc } from './escape.js';

export const NOTICE_HTML = `<p class="notice" role="note"><strong>第十三条：</strong>${esc(ART13_NOTICE.replace(/^依据第十三条，/, ''))}</p>`;

/** Colours of the classes, as Zhejiang's practice colours AA, A, B, C: green, blue, yellow, red. */
export const CLASS_COLOURS: Record<string, string> = { AA: '#2e8b57', A: '#2f6fd0', B: '#e0b000', C: '#d23c3c' };
export const MODE_COLOURS: Record<string, string> = { 信用监管: '#2e8b57', 责任监管: '#2f6fd0', 常态监管: '#e0b000', 加严监管: '#d23c3c' };
export const RISK_COLOURS: Record<string, string> = { 'Ⅰ级': '#d23c3c', 'Ⅱ级': '#e0b000', 'Ⅲ级': '#2f6fd0' };
export const GREY = '#9aa3ad';

const CSS = `
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;padding:24px 32px;font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","SimSun","WenQuanYi Micro Hei",sans-serif;font-size:14px;line-height:1.55;color:#1d2329;background:#fff}
main{max-width:1000px;margin:0 auto}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid #1d2329;break-after:avoid}
h3{font-size:15px;margin:18px 0 8px;break-after:avoid}
.sub{color:#56606b;margin:0 0 12px}
table{border-collapse:collapse;width:100%;margin:8px 0 14px;font-size:13px}
th,td{border:1px solid #9aa3ad;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#eef1f4;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
thead{display:table-header-group}
tr{break-inside:avoid}
.notice{border:1px solid #d23c3c;background:#fff5f5;color:#7a1414;padding:8px 12px;margin:12px 0;font-size:13px}
.assumptions{border:1px solid #c9a227;background:#fffbea;color:#5c4a00;padding:8px 12px;margin:12px 0;font-size:13px}.assumptions p{margin:4px 0}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}
.card{border:1px solid #c8ced5;border-radius:6px;padding:8px 14px;min-width:120px}
.card .v{font-size:22px;font-weight:700;font-variant-numeric:tabular-nums}
.card .k{color:#56606b;font-size:12px}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.chart{break-inside:avoid}
.chart svg{max-width:100%;height:auto}
.swatch{display:inline-block;width:12px;height:12px;border:1px solid #666;vertical-align:-1px;margin-right:4px}
.muted{color:#56606b}
.small{font-size:12px}
.star{color:#d23c3c;font-weight:700}
.box{font-family:"Noto Sans CJK SC","SimSun",sans-serif;white-space:nowrap}
.page-break{break-before:page}
.avoid{break-inside:avoid}
.footer-note{margin-top:28px;color:#56606b;font-size:12px}
@page{size:A4;margin:16mm 14mm 18mm 14mm}
@media print{
  body{padding:0;font-size:11.5pt}
  main{max-width:none}
  .no-print{display:none}
  h2{margin-top:18px}
  .grid2{grid-template-columns:1fr 1fr}
}
`;

export interface PageOptions {
  title: string;
  /** Extra CSS for this document. */
  css?: string;
  /** Text at the top of every printed page (beside the page number). */
  runningHead?: string;
  lang?: string;
}

/**
 * One self-contained HTML document. On screen the 第十三条 notice stands at the top and at the
 * end; in print it is also in the bottom margin of every page (CSS page margin boxes), with
 * the page number, so no page leaves without it.
 */
export function page(opts: PageOptions, body: string): string {
  const notice = ART13_NOTICE;
  const printCss = `@page{@bottom-left{content:${cssString(notice)};font-size:7.5pt;color:#7a1414;font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;vertical-align:top;padding-top:2mm;width:85%}@bottom-right{content:"第 " counter(page) " 页 / 共 " counter(pages) " 页";font-size:7.5pt;color:#56606b;font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;vertical-align:top;padding-top:2mm}${opts.runningHead ? `@top-left{content:${cssString(opts.runningHead)};font-size:7.5pt;color:#56606b;font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif}` : ''}}`;
  return `<!DOCTYPE html>
<html lang="${esc(opts.lang ?? 'zh-CN')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="fenlei">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(opts.title)}</title>
<style>${CSS}${printCss}${opts.css ?? ''}</style>
</head>
<body>
<main>
${NOTICE_HTML}
${body}
${NOTICE_HTML.replace('class="notice"', 'class="notice notice-end"')}
</main>
</body>
</html>
`;
}

export function percentText(n: number, d: number, digits = 1): string {
  return d === 0 ? '—' : `${((n / d) * 100).toFixed(digits)}%`;
}

export const fmtInt = (n: number) => new Intl.NumberFormat('zh-CN').format(n);

/** A table: header cells and rows of cells (already HTML). `num` marks right-aligned columns. */
export function table(head: readonly string[], rows: readonly (readonly string[])[], num: readonly number[] = [], cls = ''): string {
  const th = head.map((h, i) => `<th${num.includes(i) ? ' class="num"' : ''}>${h}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c, i) => `<td${num.includes(i) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

export function todayText(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
