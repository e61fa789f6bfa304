// From a prepared record to a decision, in the order of D3: scope (第二条) → ★ and
// ratio (通用规则备注（二）, via the generated classifier) → 第二十一条 → mode
// (第十八条) → risk shift (第二十条) → measures (D7: they follow the mode).
import { bitIndices, countEvents, pc } from './bits.js';
import type { ClassName, ModeName, RuleSetIR } from './ir.js';
import { CLASS_BY_RANK, CLASS_RANK, CONDITION_ORDER, MODE_ARTICLE } from './classes.js';
import { RISK_LEVEL_GLOSS, RISK_LEVEL_NAME } from './risk-levels.js';
import type { Prepared, RuleIndex } from './prepare.js';
import { recordErrors } from './prepare.js';
import type { RecordProblem } from './prepare.js';
import type { Decision, RecordError, TraceStep } from './record.js';
import { recordNotice } from './record-errors.js';
import { answerText } from './answers.js';
import { dateText } from './dates.js';

export interface Generated {
  /** Bits of the items that are not applicable for this record. */
  na(p: Prepared): Int32Array;
  /** Bits of the items whose cross-check (核对条件) the record does not satisfy (valid until the next call). */
  checks?(p: Prepared): Int32Array;
  /** Bits of the items whose 视为不通过条件 (fail) or 视为通过条件 (pass) holds, or null when none does (valid until the next call). */
  forced?(p: Prepared): Forced | null;
  /** Assessed class rank (C 0 … AA 3) before 第二十一条. */
  assess(p: Prepared, na: Int32Array): number;
  /** The value of every classification condition, in IR order C, AA, A, B (for traces). */
  conditions(p: Prepared, na: Int32Array): boolean[];
}

export interface Forced {
  fail: Int32Array;
  pass: Int32Array;
}

/** The items settled by 视为不通过条件 / 视为通过条件 for this record, as a copy (the generated one is reused); null when none. */
export function forcedItems(gen: Generated, p: Prepared): Forced | null {
  const f = gen.forced?.(p) ?? null;
  return f && { fail: Int32Array.from(f.fail), pass: Int32Array.from(f.pass) };
}

/** Answer bits with the settled items set: failing ones cleared, passing ones set (D8 before D2′). */
export function settledPass(pass: ArrayLike<number>, f: Forced, w: number): number {
  return (pass[w]! | f.pass[w]!) & ~f.fail[w]!;
}


// Shared by every decision that has none of them: a bulk run makes millions of decisions,
// and these are only read (frozen, so that a mistaken write fails loudly).
const NO_IDS: string[] = Object.freeze([]) as unknown as string[];
const NO_TRACE: TraceStep[] = Object.freeze([]) as unknown as TraceStep[];

// long: one record's decision step after step (settled items, scope, assessed
// class, 第二十一条 caps, risk and mode), in one frame: it runs for every record of a bulk run.
export function decide(rules: RuleIndex, gen: Generated, record: Prepared, wantTrace: boolean): Decision | RecordError {
  const { ir } = rules;
  let p = record;
  const trace: TraceStep[] = wantTrace ? [] : NO_TRACE;
  // Made outside this function: a closure in here would cost every call a context object.
  const step = wantTrace ? stepper(trace) : null;

  if (!p.inScope) {
    step?.('scope', '第二条', ir.scopeSrc, `主要产品均属于第二条规定的不适用类别：${exclusionText(p)}。这些类别生产企业的监管不适用本办法，不予分类`);
    return outOfScope(ir, p, trace);
  }
  step?.('scope', '第二条', ir.scopeSrc, scopeText(p));

  if (p.adjustmentOnly) return adjustment(rules, p, step, trace);

  // D8, D2′: an item whose 视为不通过条件 or 视为通过条件 holds is settled before its answer is read.
  const f = gen.forced?.(p) ?? null;
  let n = gen.na(p);
  if (f) {
    p = overrule(ir, p, f, step);
    n = n.map((x, w) => x & ~f.fail[w]! & ~f.pass[w]!);
  }
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
    if (((p.missing[w]! | p.naAnswer[w]!) & applicable) !== 0) return recordErrors(p.id, answerProblems(ir, p, n));
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
      step('review', REVIEW_PERIOD_ARTICLE, r.src, periodText(r, p));
      if (adj.capped && p.periodic) step('review', '第二十一条', r.src, `上次类别 ${prevName}，不允许越级上升，每次最多上升 ${r.maxRise} 级：评定 ${CLASS_BY_RANK[assessed]} 调整为 ${CLASS_BY_RANK[afterCap]}`);
      else if (adj.capped) step('review', REVIEW_PERIOD_ARTICLE, r.src, `两次周期调整之间类别不上升：保持上次类别 ${prevName}（评定为 ${CLASS_BY_RANK[assessed]}）`);
      if (triggers!.length) step('review', '第二十一条', r.src, `自上次评定以来出现降级情形（${triggers!.join('、')}），应当作降级处理：至多为上次类别 ${prevName} 下降 ${r.triggerDrop} 级，即 ${CLASS_BY_RANK[adj.limit]}${adj.lowered ? `，由 ${CLASS_BY_RANK[afterCap]} 降为 ${CLASS_BY_RANK[rank]}` : ''}`);
      if (rank === assessed && !triggers!.length) step('review', '第二十一条', r.src, `上次类别 ${prevName}，本次评定 ${CLASS_BY_RANK[assessed]}，无需调整`);
    } else if (adj.capped) step('review', '第二十一条', r.src, `首次评定的类别最高为 ${r.firstCap}：评定 ${CLASS_BY_RANK[assessed]} 调整为 ${r.firstCap}`);
    else step('review', '第二十一条', r.src, '首次评定，无上次类别可比较');
  }

  const cls = CLASS_BY_RANK[rank]!;
  const mode = rules.modeByRisk[p.risk - 1]![rank]!;
  if (step) modeSteps(ir, p, cls, mode, step);
  const measures = rules.measureTexts[mode];

  const d: Decision = {
    id: p.id,
    inScope: true,
    assessedClass: CLASS_BY_RANK[assessed]!,
    class: cls,
    mode,
    riskLevel: p.riskFrom === 'undetermined' ? null : (RISK_LEVEL_NAME[p.risk] as Decision['riskLevel']),
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

/** Whether this is a periodic review is the rules' reading of 调整周期原则上为1年 (D4′), not the article's words. */
const REVIEW_PERIOD_ARTICLE = '第二十一条（调整周期原则上为1年）；解释 D4′';

function periodText(r: RuleSetIR['review'], p: Prepared): string {
  if (p.noPrevDate) return `没有上次评定日期，按周期调整处理（调整周期 ${r.periodMonths} 个月）`;
  const since = dateText(p.reviewStart);
  return p.periodic
    ? `距上次评定（${since}）已满调整周期 ${r.periodMonths} 个月，为周期调整：类别可以上升，但不允许越级上升`
    : `距上次评定（${since}）不满调整周期 ${r.periodMonths} 个月，不是周期调整（与监督检查形式无关）：类别不上升，出现降级情形时降级`;
}

/**
 * D8, D2′: the items whose 视为不通过条件 holds fail, then those whose 视为通过条件 holds pass,
 * whatever was written; an overruled written answer is a warning (FL5113, FL5114).
 */
function overrule(ir: RuleSetIR, p: Prepared, f: Forced, step: ReturnType<typeof stepper> | null): Prepared {
  const pass = new Int32Array(ir.words);
  const missing = new Int32Array(ir.words);
  const naAnswer = new Int32Array(ir.words);
  let warnings = p.warnings;
  for (let w = 0; w < ir.words; w++) {
    const fail = f.fail[w]!;
    const ok = f.pass[w]! & ~fail;
    const settled = fail | ok;
    pass[w] = settledPass(p.pass, f, w);
    missing[w] = p.missing[w]! & ~settled;
    naAnswer[w] = p.naAnswer[w]! & ~settled;
    for (let x = settled; x !== 0; x &= x - 1) {
      const i = (w << 5) + 31 - Math.clz32(x & -x);
      const it = ir.items[i]!;
      const bit = 1 << (i & 31);
      const failing = (fail & bit) !== 0;
      const cond = (failing ? it.failsWhen : it.passesWhen)!;
      const written = (p.missing[w]! & bit) !== 0 || (p.naAnswer[w]! & bit) !== 0 ? null : (p.pass[w]! & bit) !== 0;
      const overruled = written !== null && written === failing;
      const result = answerText(it.pair, !failing);
      if (overruled) {
        warnings = warnings ? [...warnings] : [];
        warnings.push(recordNotice(failing ? 'FL5113' : 'FL5114', `inspection.answers.${it.id}`, { item: it.id, value: answerText(it.pair, written), condition: cond.text, article: it.article, result }));
      }
      step?.('answers', it.article, cond.src, `第${it.id}项的${failing ? '视为不通过条件' : '视为通过条件'}“${cond.text}”成立，该项视为“${result}”${overruled ? `，填写的“${answerText(it.pair, written)}”不予采纳（${failing ? 'FL5113' : 'FL5114'}）` : ''}`);
    }
  }
  return { ...p, pass, missing, naAnswer, warnings };
}

/**
 * D11: no inspection, only the history. The previous class stands, lowered per 第二十一条 when a
 * trigger event happened since the previous review (C stays C); the mode follows (D5).
 */
function adjustment(rules: RuleIndex, p: Prepared, step: ReturnType<typeof stepper> | null, trace: TraceStep[]): Decision {
  const { ir } = rules;
  const r = ir.review;
  const triggers = triggerEvents(ir, p);
  const rank = triggers.length ? Math.max(0, p.prev - r.triggerDrop) : p.prev;
  const prevName = CLASS_BY_RANK[p.prev]!;
  const cls = CLASS_BY_RANK[rank]!;
  if (step) {
    const since = p.noPrevDate ? `检查日期前 ${r.periodMonths} 个月` : dateText(p.reviewStart);
    const how = !triggers.length
      ? `自上次评定（${since}）以来未出现降级情形，保持上次类别 ${prevName}`
      : rank === p.prev
        ? `自上次评定（${since}）以来出现降级情形（${triggers.join('、')}），应当作降级处理；上次类别已是 C 类，保持 C 类`
        : `自上次评定（${since}）以来出现降级情形（${triggers.join('、')}），应当作降级处理：由上次类别 ${prevName} 降为 ${cls}`;
    step('review', '第二十一条', r.src, `未作监督检查（记录没有检查答案），按上次类别动态调整（解释 D11）：${how}`);
  }
  const mode = rules.modeByRisk[p.risk - 1]![rank]!;
  if (step) modeSteps(ir, p, cls, mode, step);
  const d: Decision = {
    id: p.id,
    inScope: true,
    assessedClass: prevName,
    class: cls,
    mode,
    riskLevel: p.riskFrom === 'undetermined' ? null : (RISK_LEVEL_NAME[p.risk] as Decision['riskLevel']),
    passed: 0,
    answered: 0,
    passRatio: null,
    failedItems: NO_IDS,
    directiveFailures: NO_IDS,
    measures: rules.measureTexts[mode],
    rulesVersion: ir.meta.version,
    catalogues: p.catalogue.used,
    trace,
    adjustmentOnly: true,
  };
  if (p.warnings) d.warnings = p.warnings;
  return d;
}

function modeSteps(ir: RuleSetIR, p: Prepared, cls: ClassName, mode: ModeName, step: ReturnType<typeof stepper>): void {
  const baseMode = ir.classModes[cls];
  step('mode', MODE_ARTICLE[baseMode], ir.modeSrc.classModes[cls], `${cls}类企业实施${baseMode}`);
  const c = p.catalogue;
  step('catalogue', '第二十条', c.src || ir.meta.src, c.used.length ? `检查日期有效的产品目录：${c.label}` : '检查日期没有有效的产品目录（规则集未引用目录文件，或目录尚未生效）');
  const level = p.riskFrom === 'undetermined' ? '综合风险等级未确定（主要产品都不在有效的产品目录中，检查表也未勾选），未作第二十条调整（同Ⅲ级一般风险）' : `主要产品综合风险等级${RISK_LEVEL_NAME[p.risk]}（${RISK_LEVEL_GLOSS[p.risk]}${p.riskFrom === 'form' ? '，检查表勾选' : '，按产品目录'}）`;
  step('risk', '第二十条', ir.modeSrc.riskModes[p.risk - 1]![cls], mode === baseMode ? `${level}，监管方式保持${mode}` : `${level}，监管方式由${baseMode}调整为${mode}`);
  for (const m of ir.measures[mode]) step('measures', m.article || MODE_ARTICLE[mode], m.src, m.text);
}

/** 电梯属于特种设备（依据：…） for each excluded product. */
function exclusionText(p: Prepared): string {
  return p.exclusions.map((x) => `${x.product}属于${x.category}（依据：${x.source}）`).join('；');
}

/** D9: what is in scope and why, without claiming that an unrecognised product is not of an excluded kind. */
function scopeText(p: Prepared): string {
  if (!p.products.length) return '未填写主要产品，按适用本办法处理';
  const parts: string[] = [];
  const rest = p.products.filter((x) => !p.excludedProducts.includes(x));
  if (p.exclusions.length) parts.push(`${exclusionText(p)}，按第二条“有其他专门规定的从其规定”由其专门规定监管，不计入本次分类的风险等级`);
  const unknown = rest.filter((x) => p.unrecognised.includes(x));
  const known = rest.filter((x) => !p.unrecognised.includes(x));
  if (known.length) parts.push(`${known.join('、')}是适用本办法的工业产品（产品目录或企业申报）`);
  if (unknown.length) parts.push(`${unknown.join('、')}未识别为第二条规定的不适用类别（范围表和产品目录中都没有这个名称），按适用本办法处理`);
  return `主要产品：${parts.join('；')}。本办法适用于这家企业`;
}

function outOfScope(ir: RuleSetIR, p: Prepared, trace: TraceStep[]): Decision {
  const d: Decision = { id: p.id, inScope: false, assessedClass: null, class: null, mode: null, riskLevel: null, passed: 0, answered: 0, passRatio: null, failedItems: NO_IDS, directiveFailures: NO_IDS, measures: NO_IDS, rulesVersion: ir.meta.version, catalogues: p.catalogue.used, trace };
  if (p.warnings) d.warnings = p.warnings;
  return d;
}

/** Every applicable item without an answer (FL5005) or answered 不适用 (FL5009), in checklist order. */
export function answerProblems(ir: RuleSetIR, p: Pick<Prepared, 'missing' | 'naAnswer'>, n: Int32Array): RecordProblem[] {
  const out: RecordProblem[] = [];
  const all = ir.sets[0]!;
  for (let w = 0; w < ir.words; w++) {
    const applicable = all[w]! & ~n[w]!;
    for (let x = (p.missing[w]! | p.naAnswer[w]!) & applicable; x !== 0; x &= x - 1) {
      const bit = x & -x;
      const id = ir.items[(w << 5) + 31 - Math.clz32(bit)]!.id;
      out.push({ code: (p.missing[w]! & bit) !== 0 ? 'FL5005' : 'FL5009', field: `inspection.answers.${id}`, args: { item: id } });
    }
  }
  return out;
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
 * 第二十一条 as D4′ reads it: at a periodic review (by dates, see prepare) at most `maxRise` levels above the previous class,
 * between reviews no rise, after a trigger event at most `triggerDrop` below the previous class;
 * a first classification only meets the province's first-classification cap, if any.
 */
export function review(r: RuleSetIR['review'], p: Pick<Prepared, 'prev' | 'periodic'>, assessed: number, triggered: boolean): ReviewOutcome {
  if (p.prev < 0) {
    const cap = r.firstCap === null ? 3 : CLASS_RANK[r.firstCap];
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
  let decided = false;
  let clause = ir.classification.C[0]?.src ?? ir.meta.src;
  for (const cls of CONDITION_ORDER) {
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
