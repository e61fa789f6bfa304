// From a prepared record to a decision, in the order of D3: scope (第二条) → ★ and
// ratio (通用规则备注（二）, via the generated classifier) → 第二十一条 → mode
// (第十八条) → risk shift (第二十条) → measures (D7: they follow the mode).
import { bitIndices, countEvents, pc } from './bits.js';
import type { ClassName, ModeName, RuleSetIR } from './ir.js';
import type { Prepared, RuleIndex } from './prepare.js';
import { recordError } from './prepare.js';
import type { Decision, RecordError, TraceStep } from './record.js';
import { recordNotice } from './record-errors.js';
import { answerText } from './answers.js';

export interface Generated {
  /** Bits of the items that are not applicable for this record. */
  na(p: Prepared): Int32Array;
  /** Bits of the items whose cross-check (核对条件) the record does not satisfy (valid until the next call). */
  checks?(p: Prepared): Int32Array;
  /** Assessed class rank (C 0 … AA 3) before 第二十一条. */
  assess(p: Prepared, na: Int32Array): number;
  /** The value of every classification condition, in IR order C, AA, A, B (for traces). */
  conditions(p: Prepared, na: Int32Array): boolean[];
}

export const CLASS_BY_RANK: readonly ClassName[] = ['C', 'B', 'A', 'AA'];
const RANK: Record<ClassName, number> = { C: 0, B: 1, A: 2, AA: 3 };
const RISK_TEXT = ['', 'Ⅰ级', 'Ⅱ级', 'Ⅲ级'] as const;
const RISK_GLOSS = ['', '高风险', '较高风险', '一般风险'];
const MODE_ARTICLE: Record<ModeName, string> = { 信用监管: '第十八条（一）', 责任监管: '第十八条（二）', 常态监管: '第十八条（三）', 加严监管: '第十八条（四）' };

// Shared by every decision that has none of them: a bulk run makes millions of decisions,
// and these are only read (frozen, so that a mistaken write fails loudly).
const NO_IDS: string[] = Object.freeze([]) as unknown as string[];
const NO_TRACE: TraceStep[] = Object.freeze([]) as unknown as TraceStep[];

export function decide(rules: RuleIndex, gen: Generated, p: Prepared, wantTrace: boolean): Decision | RecordError {
  const { ir } = rules;
  const trace: TraceStep[] = wantTrace ? [] : NO_TRACE;
  // Made outside this function: a closure in here would cost every call a context object.
  const step = wantTrace ? stepper(trace) : null;

  if (!p.inScope) {
    step?.('scope', '第二条', ir.scopeSrc, `主要产品（${p.excludedProducts.join('、')}）均属于第二条规定的不适用类别，本办法不适用，不予分类`);
    return outOfScope(ir, p, trace);
  }
  step?.('scope', '第二条', ir.scopeSrc, p.products.length ? `主要产品（${p.products.join('、')}）不全属于第二条规定的不适用类别，适用本办法` : '未填写主要产品，按适用本办法处理');

  const n = gen.na(p);
  const words = ir.words;
  const all = ir.sets[0]!;
  const star = ir.sets[1]!;
  let passed = 0;
  let answered = 0;
  let failing = false;
  let starFailing = false;
  let naAny = 0;
  for (let w = 0; w < words; w++) {
    const applicable = all[w]! & ~n[w]!;
    const lacking = p.missing[w]! & applicable;
    if (lacking !== 0) return missingAnswer(ir, p, w, lacking);
    const wrongNa = p.naAnswer[w]! & applicable;
    if (wrongNa !== 0) {
      const id = ir.items[(w << 5) + 31 - Math.clz32(wrongNa & -wrongNa)]!.id;
      return recordError(p.id, 'FL5009', `inspection.answers.${id}`, { item: id });
    }
    naAny |= n[w]!;
    const ok = p.pass[w]! & applicable;
    passed += pc(ok);
    answered += pc(applicable);
    if (ok !== applicable) failing = true;
    if ((star[w]! & applicable & ~ok) !== 0) starFailing = true;
  }
  let warnings = p.warnings;
  if (naAny !== 0) warnings = ignoredAnswers(ir, p, n, warnings);
  const contradicted = gen.checks?.(p);
  if (contradicted) warnings = crossCheckWarnings(ir, p, n, contradicted, warnings);

  const failedItems = failing ? failedIds(rules, p, n, all) : NO_IDS;
  const directiveFailures = starFailing ? failedIds(rules, p, n, star) : NO_IDS;
  const assessed = gen.assess(p, n);

  if (step) {
    const naIds = bitIndices(n, ir.items.length).map((i) => ir.items[i]!.id);
    step('answers', '通用规则备注（二）', ir.itemsSrc, `作答 ${answered} 项，通过（未发现问题/符合）${passed} 项，通过率 ${percent(passed, answered)}（${passed}/${answered}）${naIds.length ? `；不适用项目 ${naIds.join('、')} 不计入（D2）` : ''}`);
    step('directive', '通用规则备注（二）', ir.itemsSrc, directiveFailures.length ? `C类指向型（★）项目 ${directiveFailures.join('、')} 发现问题（不符合）` : 'C类指向型（★）项目均未发现问题（符合）');
    traceConditions(ir, gen.conditions(p, n), assessed, step);
  }

  // 第二十一条: at most one level up at a periodic review, no rise between reviews,
  // and a trigger event lowers the class below the previous one (D4).
  const r = ir.review;
  // The names of the trigger events only for the trace; a bulk run needs to know whether there is one.
  const triggers = step ? triggerEvents(ir, p) : null;
  const adj = review(r, p, assessed, triggers ? triggers.length > 0 : anyTrigger(rules, p));
  const rank = adj.rank;
  if (step) {
    if (p.prev >= 0) {
      const prevName = CLASS_BY_RANK[p.prev]!;
      const afterCap = Math.min(assessed, adj.cap);
      if (adj.capped && p.periodic) step('review', '第二十一条', r.src, `上次类别 ${prevName}，不允许越级上升，每次最多上升 ${r.maxRise} 级：评定 ${CLASS_BY_RANK[assessed]} 调整为 ${CLASS_BY_RANK[afterCap]}`);
      else if (adj.capped) step('review', '第二十一条', r.src, `非定期监督检查，类别不在调整周期之间上升：保持上次类别 ${prevName}`);
      if (triggers!.length) step('review', '第二十一条', r.src, `自上次评定以来出现降级情形（${triggers!.join('、')}），应当作降级处理：至多为上次类别 ${prevName} 下降 ${r.triggerDrop} 级，即 ${CLASS_BY_RANK[adj.limit]}${adj.lowered ? `，由 ${CLASS_BY_RANK[afterCap]} 降为 ${CLASS_BY_RANK[rank]}` : ''}`);
      if (rank === assessed && !triggers!.length) step('review', '第二十一条', r.src, `上次类别 ${prevName}，本次评定 ${CLASS_BY_RANK[assessed]}，无需调整`);
    } else if (adj.capped) step('review', '第二十一条', r.src, `首次评定的类别最高为 ${r.firstCap}：评定 ${CLASS_BY_RANK[assessed]} 调整为 ${r.firstCap}`);
    else step('review', '第二十一条', r.src, '首次评定，无上次类别可比较');
  }

  const cls = CLASS_BY_RANK[rank]!;
  const mode = rules.modeByRisk[p.risk - 1]![rank]!;
  if (step) {
    const baseMode = ir.classModes[cls];
    step('mode', MODE_ARTICLE[baseMode], ir.modeSrc.classModes[cls], `${cls}类企业实施${baseMode}`);
    const c = p.catalogue;
    step('catalogue', '第二十条', c.src || ir.meta.src, c.used.length ? `检查日期有效的产品目录：${c.label}` : '检查日期没有有效的产品目录（规则集未引用目录文件，或目录尚未生效）');
    const level = p.riskFrom === 'undetermined' ? '综合风险等级未确定（主要产品都不在有效的产品目录中，检查表也未勾选），未作第二十条调整（同Ⅲ级一般风险）' : `主要产品综合风险等级${RISK_TEXT[p.risk]}（${RISK_GLOSS[p.risk]}${p.riskFrom === 'form' ? '，检查表勾选' : '，按产品目录'}）`;
    step('risk', '第二十条', ir.modeSrc.riskModes[p.risk - 1]![cls], mode === baseMode ? `${level}，监管方式保持${mode}` : `${level}，监管方式由${baseMode}调整为${mode}`);
  }
  const measures = rules.measureTexts[mode];
  if (step) for (const m of ir.measures[mode]) step('measures', m.article || MODE_ARTICLE[mode], m.src, m.text);

  const d: Decision = {
    id: p.id,
    inScope: true,
    assessedClass: CLASS_BY_RANK[assessed]!,
    class: cls,
    mode,
    riskLevel: p.riskFrom === 'undetermined' ? null : (RISK_TEXT[p.risk] as Decision['riskLevel']),
    passed,
    answered,
    passRatio: answered === 0 ? null : Math.round((passed / answered) * 10000) / 10000,
    failedItems,
    directiveFailures,
    measures,
    rulesVersion: ir.meta.version,
    catalogues: p.catalogue.used,
    trace,
  };
  if (warnings) d.warnings = warnings;
  return d;
}

function outOfScope(ir: RuleSetIR, p: Prepared, trace: TraceStep[]): Decision {
  const d: Decision = { id: p.id, inScope: false, assessedClass: null, class: null, mode: null, riskLevel: null, passed: 0, answered: 0, passRatio: null, failedItems: NO_IDS, directiveFailures: NO_IDS, measures: NO_IDS, rulesVersion: ir.meta.version, catalogues: p.catalogue.used, trace };
  if (p.warnings) d.warnings = p.warnings;
  return d;
}

function missingAnswer(ir: RuleSetIR, p: Prepared, w: number, lacking: number): RecordError {
  const id = ir.items[(w << 5) + 31 - Math.clz32(lacking & -lacking)]!.id;
  return recordError(p.id, 'FL5005', `inspection.answers.${id}`, { item: id });
}

function failedIds(rules: RuleIndex, p: Prepared, n: Int32Array, set: number[]): string[] {
  const out: string[] = [];
  for (let w = 0; w < set.length; w++) {
    let x = set[w]! & ~n[w]! & ~p.pass[w]!;
    while (x !== 0) {
      const low = x & -x;
      out.push(rules.ids[(w << 5) + 31 - Math.clz32(low)]!);
      x ^= low;
    }
  }
  return out;
}

function stepper(trace: TraceStep[]) {
  return (s: TraceStep['step'], article: string, clause: string, text: string): void => void trace.push({ step: s, article, clause, text });
}

/** Whether any 第二十一条 trigger event happened since the previous review. */
function anyTrigger(rules: RuleIndex, p: Prepared): boolean {
  const types = rules.triggerTypes;
  for (let t = 0; t < types.length; t++) if (countEvents(p.events[types[t]!]!, p.reviewStart, p.day) > 0) return true;
  return false;
}

/** FL5112 for each applicable item answered as passing whose cross-check the record contradicts. */
function crossCheckWarnings(ir: RuleSetIR, p: Prepared, n: Int32Array, contradicted: Int32Array, warnings: Prepared['warnings']): Prepared['warnings'] {
  let out = warnings;
  for (let w = 0; w < ir.words; w++) {
    for (let x = contradicted[w]! & p.pass[w]! & ~n[w]!; x !== 0; x &= x - 1) {
      const it = ir.items[(w << 5) + 31 - Math.clz32(x & -x)]!;
      // Copied only when there is something to add: most records have no contradiction.
      if (out === warnings) out = warnings ? [...warnings] : [];
      out!.push(recordNotice('FL5112', `inspection.answers.${it.id}`, { item: it.id, value: answerText(it.pair, true), check: it.check?.text ?? '' }));
    }
  }
  return out;
}

function ignoredAnswers(ir: RuleSetIR, p: Prepared, n: Int32Array, warnings: Prepared['warnings']): Prepared['warnings'] {
  const given = new Int32Array(ir.words);
  for (let w = 0; w < ir.words; w++) given[w] = n[w]! & ~p.missing[w]! & ~p.naAnswer[w]!;
  const out = warnings ? [...warnings] : [];
  for (const i of bitIndices(given, ir.items.length)) {
    const it = ir.items[i]!;
    const value = answerText(it.pair, ((p.pass[i >> 5]! >>> (i & 31)) & 1) === 1);
    out.push(recordNotice('FL5102', `inspection.answers.${it.id}`, { item: it.id, value }));
  }
  return out.length ? out : null;
}

export interface ReviewOutcome {
  /** The class rank after 第二十一条. */
  rank: number;
  /** The highest rank the review allows before triggers (previous + max rise, previous between reviews, or the first-classification cap). */
  cap: number;
  /** The highest rank a trigger event allows (3 when there is none). */
  limit: number;
  /** The assessed class was held down by the cap. */
  capped: boolean;
  /** A trigger event lowered the class below where the cap left it. */
  lowered: boolean;
}

/**
 * 第二十一条 as D4 reads it: at a periodic review at most `maxRise` levels above the previous class,
 * between reviews no rise, after a trigger event at most `triggerDrop` below the previous class;
 * a first classification only meets the province's first-classification cap, if any.
 */
export function review(r: RuleSetIR['review'], p: Pick<Prepared, 'prev' | 'periodic'>, assessed: number, triggered: boolean): ReviewOutcome {
  if (p.prev < 0) {
    const cap = r.firstCap === null ? 3 : RANK[r.firstCap];
    return { rank: Math.min(assessed, cap), cap, limit: 3, capped: assessed > cap, lowered: false };
  }
  const cap = p.periodic ? Math.min(3, p.prev + r.maxRise) : p.prev;
  const afterCap = Math.min(assessed, cap);
  const limit = triggered ? Math.max(0, p.prev - r.triggerDrop) : 3;
  return { rank: Math.min(afterCap, limit), cap, limit, capped: assessed > cap, lowered: afterCap > limit };
}

/** The trigger events since the previous review, by name (×n when several). */
export function triggerEvents(ir: RuleSetIR, p: Prepared): string[] {
  const out: string[] = [];
  ir.events.forEach((e, i) => {
    if (!e.trigger) return;
    const n = countEvents(p.events[i]!, p.reviewStart, p.day);
    if (n > 0) out.push(n > 1 ? `${e.name}×${n}` : e.name);
  });
  return out;
}

function percent(a: number, b: number): string {
  return b === 0 ? '—' : `${(Math.round((a / b) * 10000) / 100).toFixed(2)}%`;
}

function traceConditions(ir: RuleSetIR, values: boolean[], assessed: number, step: (s: TraceStep['step'], article: string, clause: string, text: string) => void): void {
  let k = 0;
  const order: ClassName[] = ['C', 'AA', 'A', 'B'];
  let decided = false;
  let clause = ir.classification.C[0]?.src ?? ir.meta.src;
  for (const cls of order) {
    const conds = ir.classification[cls];
    const vals = values.slice(k, k + conds.length);
    k += conds.length;
    if (decided) continue;
    conds.forEach((c, i) => {
      step('condition', c.article || '通用规则备注（二）', c.src, `${cls}类${cls === 'C' ? '（任一成立即是）' : '（须全部成立）'}条件${c.name ? `“${c.name}”` : ''}：${c.text} —— ${vals[i] ? '成立' : '不成立'}`);
    });
    const holds = cls === 'C' ? vals.some(Boolean) : vals.every(Boolean);
    if (holds) {
      decided = true;
      // Cite what decided: the C condition that held, or the class's first condition.
      clause = (cls === 'C' ? conds[vals.indexOf(true)] : conds[0])?.src ?? clause;
    }
  }
  step('class', '通用规则备注（二）', clause, `评定类别为 ${CLASS_BY_RANK[assessed]}${decided ? '' : '（以上条件均不满足，判定为C类）'}`);
}
