// The impact of a draft (fenlei compare): the same register classified under the rules in
// force and under the draft — transition matrices of classes and of modes, and every
// enterprise that moves, with why on each side.
import type { Decision, Outcome, RuleSetIR } from '../../runtime/index.js';
import { CLASS_KEYS, MODE_KEYS, RANK, classKey, modeKey, why, type CompareData } from './compare-data.js';
import { CLASS_COLOURS, fmtInt, page, table } from './html.js';
import { esc } from './escape.js';
import { displayWidth, padTo } from './text-width.js';

// The counting is apart from the page (the information system compares a draft over stored registers with it).
export { CLASS_KEYS, MODE_KEYS, classKey, emptyCompare, modeKey, noteAnswers, tallyCompare, why, type CompareData, type Mover, type SideAnswers } from './compare-data.js';

/** Item ids with their number of records: 补1（300 户）、4.1（12 户）…, the most frequent first. */
const listItems = (m: Map<string, number>, max = 12) => {
  const ids = [...m].sort((a, b) => b[1] - a[1]);
  return ids.slice(0, max).map(([id, n]) => `${id}（${fmtInt(n)} 户）`).join('、') + (ids.length > max ? ` 等 ${ids.length} 项` : '');
};
const SIDE_NAMES = { before: '现行规则', after: '草案' } as const;

/** What the comparison had to assume or could not decide, in sentences (empty when nothing). */
export function answersLines(data: CompareData, assume: 'pass' | 'fail' | undefined): string[] {
  const out: string[] = [];
  for (const key of ['before', 'after'] as const) {
    const side = data[key];
    if (side.assumedRecords) out.push(`${SIDE_NAMES[key]}下 ${fmtInt(side.assumedRecords)} 户有登记表中没有答案的项目，按“${assume === 'fail' ? '不通过' : '通过'}”计：${listItems(side.assumed)}。`);
    const missing = [...side.missing.values()].reduce((a, b) => a + b, 0);
    if (missing) out.push(`${SIDE_NAMES[key]}下 ${fmtInt(missing)} 户缺少答案而无法判定（计入“错误”），首个缺少的项目：${listItems(side.missing)}；可加 --assume 通过 或 --assume 不通过 估计。`);
  }
  return out;
}

/** The same for the terminal: one line each, or nothing. */
export function answersNote(data: CompareData, assume: 'pass' | 'fail' | undefined): string {
  return answersLines(data, assume)
    .map((l) => `注意：${l}\n`)
    .join('');
}

function matrixTable(matrix: Record<string, Record<string, number>>, keys: readonly string[], beforeName: string, afterName: string, cls: string): string {
  const used = keys.filter((k) => keys.some((j) => (matrix[k]![j] ?? 0) > 0 || (matrix[j]![k] ?? 0) > 0));
  const rows = used.map((k) => {
    const cells = used.map((j) => {
      const n = matrix[k]![j] ?? 0;
      const style = n === 0 ? ' style="color:#b0b7bf"' : k === j ? ' style="background:#eef1f4;font-weight:600"' : (RANK[j] ?? -9) > (RANK[k] ?? -9) && k in RANK && j in RANK ? ' style="background:#e8f4ec"' : k in RANK && j in RANK ? ' style="background:#fbeaea"' : '';
      return `<td class="num"${style} data-from="${esc(k)}" data-to="${esc(j)}">${fmtInt(n)}</td>`;
    });
    const sum = used.reduce((a, j) => a + (matrix[k]![j] ?? 0), 0);
    return `<tr><th>${esc(k)}</th>${cells.join('')}<td class="num">${fmtInt(sum)}</td></tr>`;
  });
  const colSums = used.map((j) => used.reduce((a, k) => a + (matrix[k]![j] ?? 0), 0));
  return `<table class="${cls}"><thead><tr><th>${esc(beforeName)} ↓ \\ ${esc(afterName)} →</th>${used.map((k) => `<th class="num">${esc(k)}</th>`).join('')}<th class="num">合计</th></tr></thead><tbody>${rows.join('')}<tr><th>合计</th>${colSums.map((n) => `<td class="num">${fmtInt(n)}</td>`).join('')}<td class="num">${fmtInt(colSums.reduce((a, b) => a + b, 0))}</td></tr></tbody></table>`;
}

export interface CompareMeta {
  /** The answer given to items the register has no answer for (--assume). */
  assume?: 'pass' | 'fail';
  draft: RuleSetIR['meta'];
  draftFile: string;
  against: RuleSetIR['meta'];
  againstFile: string;
  register: string;
  asOf: string;
  generated: string;
}

export function compareHtml(data: CompareData, meta: CompareMeta): string {
  const before = `${meta.against.region}（现行）`;
  const after = `${meta.draft.region}（草案）`;
  const title = `实施细则草案影响分析：${meta.draft.name}`;
  const parts: string[] = [];
  parts.push(`<h1>${esc(title)}</h1>`);
  parts.push(`<p class="sub">同一登记表分别按现行规则和草案判定，比较类别和监管方式的变化。</p>`);
  parts.push(
    table(
      ['项目', '内容'],
      [
        ['草案', `${esc(meta.draft.name)}（版本 ${esc(meta.draft.version)}）<div class="muted small"><code>${esc(meta.draftFile)}</code></div>`],
        ['对照（现行）', `${esc(meta.against.name)}（版本 ${esc(meta.against.version)}）<div class="muted small"><code>${esc(meta.againstFile)}</code></div>`],
        ['登记表', `<code>${esc(meta.register)}</code>`],
        ['评定日期截至', esc(meta.asOf)],
        ['生成日期', esc(meta.generated)],
      ],
    ),
  );
  parts.push(
    `<div class="cards">${[
      ['登记企业', data.records],
      ['类别变化', data.moved],
      ['类别上升', data.up],
      ['类别下降', data.down],
      ['监管方式变化', data.modeChanged],
    ]
      .map(([k, v]) => `<div class="card"><div class="v" data-figure="${esc(k)}">${fmtInt(v as number)}</div><div class="k">${esc(k)}</div></div>`)
      .join('')}</div>`,
  );
  const notes = answersLines(data, meta.assume);
  if (notes.length) parts.push(`<div class="assumptions" role="note"><strong>登记表中没有的答案</strong>${notes.map((l) => `<p>${esc(l)}</p>`).join('')}<p class="small muted">能换算的已换算：被另一套规则细化的项目按其子项目（全部通过则通过，有一项不通过则不通过）；子项目按其国家项目（国家项目通过则通过）。</p></div>`);
  parts.push(`<h2>一、类别变化</h2><p class="muted small">行为现行规则的类别，列为草案的类别；绿色为草案下上升，红色为下降。</p>`);
  parts.push(matrixTable(data.classMatrix, CLASS_KEYS, before, after, 'class-matrix'));
  parts.push(`<h2>二、监管方式变化</h2>`);
  parts.push(matrixTable(data.modeMatrix, MODE_KEYS, before, after, 'mode-matrix'));
  parts.push(`<h2 class="page-break">三、类别或监管方式变化的企业</h2>`);
  parts.push(`<p class="muted small">共 ${fmtInt(data.movers.length)} 户${data.movers.length >= 10_000 ? '（只列出前 10,000 户）' : ''}。“原因”按各自规则的判定说明摘录。</p>`);
  parts.push(
    data.movers.length
      ? table(
          ['行号', '编号', '企业名称', '现行', '草案', '现行规则下的原因', '草案下的原因'],
          data.movers.map((m) => {
            const cell = (o: Outcome) => {
              const k = classKey(o);
              const c = CLASS_COLOURS[k];
              return `${c ? `<span class="swatch" style="background:${c}"></span>` : ''}${esc(k)}<div class="small muted">${esc(modeKey(o))}</div>`;
            };
            return [String(m.row), esc(m.id), esc(m.name), cell(m.before), cell(m.after), why(m.before).map((w) => `<div>${esc(w)}</div>`).join(''), why(m.after).map((w) => `<div>${esc(w)}</div>`).join('')];
          }),
          [0],
          'movers',
        )
      : '<p>没有企业的类别或监管方式发生变化。</p>',
  );
  return page({ title, runningHead: title }, parts.join('\n'));
}

/** The class matrix as text, for the terminal. */
export function matrixText(matrix: Record<string, Record<string, number>>, keys: readonly string[]): string {
  const used = keys.filter((k) => keys.some((j) => (matrix[k]![j] ?? 0) > 0 || (matrix[j]![k] ?? 0) > 0));
  // Widths in terminal columns (a Chinese character takes two); counts right-aligned under their class.
  const corner = '现行\\草案';
  const first = Math.max(displayWidth(corner), ...used.map(displayWidth));
  const cell = Math.max(...used.map(displayWidth), ...used.flatMap((k) => used.map((j) => String(matrix[k]![j] ?? 0).length))) + 2;
  const lines = [padTo(corner, first) + used.map((k) => padTo(k, cell, 'right')).join('')];
  for (const k of used) lines.push(padTo(k, first) + used.map((j) => padTo(String(matrix[k]![j] ?? 0), cell, 'right')).join(''));
  return lines.join('\n');
}

export type { Decision };
