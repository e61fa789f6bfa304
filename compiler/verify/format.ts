// A verification result as text, Chinese first with English alongside: the verdict, and for a
// weakness the counterexample (record, filled checklist, both decisions and traces side by side,
// the provincial clauses responsible), then what the province made stricter.
import type { Decision, TraceStep } from '../../runtime/index.js';
import type { Clause, Counterexample, VerificationResult } from './types.js';

export interface FormatOptions {
  /** Also print the national-view record. */
  nationalRecord?: boolean;
  /** Print at most this many stricter findings (default 12). */
  maxStricter?: number;
  /** A longer checklist shows only the items that fail or are not applicable (default 40). */
  maxChecklistRows?: number;
  /** Technical detail: how the search counted (abstract situations, item states). */
  verbose?: boolean;
}

/** Display width: CJK and full-width characters take two columns. */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c === 0x2605 ? 2 : 1;
  }
  return w;
}

function cut(s: string, max: number): string {
  if (width(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (width(out + ch) > max - 1) break;
    out += ch;
  }
  return out + '…';
}

export function table(headers: string[], rows: string[][], indent = '  '): string[] {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => indent + cells.map((c, i) => c + ' '.repeat(Math.max(0, widths[i]! - width(c)))).join('  ').trimEnd();
  return [line(headers), indent + widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

const pct = (d: Decision) => (d.passRatio === null ? '—' : `${(d.passRatio * 100).toFixed(2)}%`);
const ORIGIN: Record<string, string> = { national: '国家项目', refined: '细化', supplementary: '补充', nationalOnly: '仅国家' };

export function decisionsTable(p: Decision, n: Decision): string[] {
  const row = (label: string, f: (d: Decision) => string) => [label, f(p), f(n)];
  return table(
    ['', '本省 province', '国家 national'],
    [
      row('适用本办法 in scope', (d) => (d.inScope ? '是' : '否（第二条）')),
      row('通过/作答 passed/answered', (d) => `${d.passed}/${d.answered}`),
      row('通过率 ratio', pct),
      row('不通过项目 failed', (d) => d.failedItems.join('、') || '—'),
      row('评定类别 assessed', (d) => d.assessedClass ?? '—'),
      row('类别 class', (d) => d.class ?? '—'),
      row('风险等级 risk', (d) => d.riskLevel ?? '—'),
      row('监管方式 mode', (d) => d.mode ?? '—'),
    ],
  );
}

const STEP_ZH: Record<TraceStep['step'], string> = { scope: '适用范围', answers: '作答', directive: '指向型', ratio: '通过率', condition: '分类条件', class: '评定', review: '动态调整', mode: '监管方式', catalogue: '产品目录', risk: '风险调整', measures: '措施' };

/** Both traces, step by step: the provincial line above the national line. */
export function tracesSideBySide(p: Decision, n: Decision): string[] {
  const out: string[] = [];
  const order: TraceStep['step'][] = ['scope', 'answers', 'directive', 'condition', 'class', 'review', 'mode', 'risk'];
  for (const step of order) {
    const ps = p.trace.filter((t) => t.step === step);
    const ns = n.trace.filter((t) => t.step === step);
    if (!ps.length && !ns.length) continue;
    out.push(`  【${STEP_ZH[step]} ${step}】`);
    for (const t of ps) out.push(`    本省 ${t.text}  —— ${t.clause}`);
    for (const t of ns) out.push(`    国家 ${t.text}  —— ${t.clause}`);
  }
  return out;
}

/** What the province's outcome becomes with one clause corrected, in words. */
function afterWords(x: Clause, national: Decision): { zh: string; en: string } {
  const now = x.after ? `本省 ${x.after.class}类（${x.after.mode}）` : '';
  const nowEn = x.after ? `provincial class ${x.after.class} (${x.after.mode})` : '';
  switch (x.effect) {
    case 'fixes':
      return { zh: `只改这一处：${now}，不再比国家（${national.class}类）宽松`, en: `this alone: ${nowEn}, no longer weaker` };
    case 'narrows':
      return { zh: `只改这一处：${now}，仍比国家（${national.class}类）宽松`, en: `this alone: ${nowEn}, still weaker` };
    case 'jointly':
      return { zh: '要与其他各处一起改', en: 'needed together with the others' };
    default:
      return { zh: '', en: '' };
  }
}

/** The provincial clauses that explain the weakness, the decisive first; the others with --verbose. */
export function causesText(c: Counterexample, o: FormatOptions = {}): string[] {
  const lines: string[] = [];
  const causes = c.clauses.filter((x) => x.effect !== 'none');
  lines.push('原因 Why（本省规则中的有关条款，按只改这一处的效果排列 / provincial clauses, ranked by what correcting each alone does）：');
  if (causes.length === 0) lines.push('  （无：差异来自所依据的规则 / none in the province’s own files）');
  causes.forEach((x, k) => {
    const a = afterWords(x, c.national);
    lines.push(`  ${k + 1}. ${x.file}:${x.line}  ${x.what}`);
    lines.push(`     ${x.whatEn}`);
    if (a.zh) lines.push(`     → ${a.zh} / ${a.en}`);
  });
  const sug = c.suggestions ?? [];
  if (sug.length) {
    lines.push(sug.length > 1 ? '建议 Suggestion（以下门槛一起改 / change these together）：' : '建议 Suggestion：');
    for (const x of sug) lines.push(`  - ${x.zh}：${x.write.zh}`, `    ${x.en}: ${x.write.en}`);
    const first = sug[0]!;
    if (first.verified) lines.push('  已验证：按建议修改后，fenlei verify 证明本省规则不比国家规则宽松。Verified: with the suggestion the rules are proven not weaker.');
    else if (first.note) lines.push(`  未验证：${first.note.zh}。Not verified: ${first.note.en}.`);
  }
  const rest = c.clauses.filter((x) => x.effect === 'none');
  if (o.verbose && rest.length) {
    lines.push('  也参与了判定、但只改这一处不改变结果的条款 Involved, but correcting it alone changes nothing：');
    for (const x of rest) lines.push(`  - ${x.file}:${x.line}  ${x.what}`);
  }
  return lines;
}

export function counterexampleText(c: Counterexample, o: FormatOptions = {}): string[] {
  const lines: string[] = [];
  lines.push(
    c.minimal
      ? `反例 Counterexample（不通过项目最少，其次事件最少 / fewest failed items, then fewest events）：`
      : `反例 Counterexample（找到的第一个；时间用完，未能确认是否最简单 / the first found; time ran out before it could be made the simplest）：`,
  );
  lines.push(`  ${c.summary}`, `  ${c.summaryEn}`, '');
  lines.push('两边的判定 Both decisions（已用两套编译后的判定程序重放 / replayed through both compiled evaluators）：');
  lines.push(...decisionsTable(c.province, c.national), '');
  lines.push('填写的检查表 Filled checklist（★ 指向型；国家答案写在对应国家项目的第一个子项目行上）：');
  const passing = new Set(['未发现问题', '符合']);
  const notable = (r: Counterexample['checklist'][number]) => !passing.has(r.answer) || (r.nationalAnswer !== '' && !passing.has(r.nationalAnswer));
  const rows = c.checklist.length <= (o.maxChecklistRows ?? 40) ? c.checklist : c.checklist.filter(notable);
  lines.push(
    ...table(
      ['编号 id', '★', '来源 origin', '国家项目', '本省答案', '国家答案', '内容 text'],
      rows.map((r) => [r.id, r.directive ? '★' : '', ORIGIN[r.origin] ?? r.origin, r.nationalId ?? '—', r.answer || '—', r.nationalAnswer, cut(r.text, 36)]),
    ),
  );
  if (rows.length < c.checklist.length) lines.push(`  其余 ${c.checklist.length - rows.length} 项两边均为通过（未列出）/ the other ${c.checklist.length - rows.length} items pass on both sides`);
  lines.push(`  本省 通过 ${c.province.passed}/${c.province.answered}，通过率 ${pct(c.province)}；国家 通过 ${c.national.passed}/${c.national.answered}，通过率 ${pct(c.national)}`, '');
  lines.push('记录（交换格式）Record in the interchange format:');
  lines.push(...JSON.stringify(c.record, null, 2).split('\n').map((l) => `  ${l}`), '');
  if (o.nationalRecord) {
    lines.push('同一情形的国家视角记录 The same situation seen nationally:');
    lines.push(...JSON.stringify(c.nationalRecord, null, 2).split('\n').map((l) => `  ${l}`), '');
  }
  lines.push('判定过程 Traces（本省在上，国家在下 / provincial above national）：');
  lines.push(...tracesSideBySide(c.province, c.national), '');
  lines.push(...causesText(c, o));
  return lines;
}

export function resultText(r: VerificationResult, o: FormatOptions = {}): string {
  const lines: string[] = [];
  const name = (x: VerificationResult['province']) => `${x.name}${x.version ? ` ${x.version}` : ''}（${x.file}）`;
  lines.push(`验证 Verify：${name(r.province)}`);
  lines.push(`  对照 against：${name(r.national)}`);
  lines.push(`  比较期间 in force together：${r.interval.from} 起${r.interval.to ? `，至 ${r.interval.to} 前` : ''}`);
  // Plain words by default; how the search counted only with --verbose.
  const stats = o.verbose
    ? `${r.stats.situations} 种抽象情形（${r.stats.contexts} 个记录情形 × 上次类别 × 检查形式 × 可达的评定类别组合；${r.stats.itemProblems} 个项目计数子问题，${r.stats.states} 个聚合状态），用时 ${r.stats.ms} 毫秒 / ${r.stats.situations} abstract situations (${r.stats.contexts} record contexts; ${r.stats.itemProblems} item-count subproblems, ${r.stats.states} aggregate states) in ${r.stats.ms} ms`
    : `${r.stats.situations} 种可区分的企业情形，用时 ${r.stats.ms} 毫秒`;
  const assumptions = r.assumptions.length
    ? ['  以下验证假设成立时结论才成立 The verdict holds only under the province’s stated assumptions（验证假设）：', ...r.assumptions.map((a) => `  - ${a.file}:${a.line}  项目 ${a.item} 不适用时，国家第${a.nationalId ?? '—'}项按“通过”勾选：${a.text}`)]
    : [];
  switch (r.status) {
    case 'notWeaker':
      lines.push(`结论：✓ 已证明不比国家规则宽松。Proven not weaker than the national rules.`);
      lines.push(`  比较了 ${stats}。`, ...assumptions);
      break;
    case 'weaker':
      lines.push(`结论：✗ 比国家规则宽松。Weaker than the national rules.`);
      lines.push(`  比较了 ${stats}。`, ...assumptions);
      if (!r.counterexample!.minimal && r.reason) lines.push(`  ${r.reason.zh}；下面是找到的第一个反例 / ${r.reason.en}; the first counterexample found follows`);
      lines.push('');
      lines.push(...counterexampleText(r.counterexample!, o));
      break;
    case 'unknown':
      lines.push(`结论：? 未知（${r.reason?.zh ?? ''}）——不能认为不比国家规则宽松。Unknown (${r.reason?.en ?? ''}); not a proof.`);
      break;
    case 'error':
      lines.push('结论：无法验证。Cannot verify.');
      break;
  }
  for (const p of r.problems) lines.push(`  ${p.file}:${p.range.start.line + 1}:${p.range.start.column + 1} ${p.code} ${p.detail}`, `    ${p.detailEn}`);
  if (r.stricter.length) {
    const max = o.maxStricter ?? 12;
    lines.push('', '比国家规则严格之处 Where the province is stricter（每类举最简单的一例 / simplest example of each kind）：');
    for (const s of r.stricter.slice(0, max)) lines.push(`  - ${s.text}`);
    if (r.stricter.length > max) lines.push(`  …… 另有 ${r.stricter.length - max} 类 / ${r.stricter.length - max} more`);
  }
  return lines.join('\n') + '\n';
}
