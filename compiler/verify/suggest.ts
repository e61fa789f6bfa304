// The least strict pass-ratio thresholds that remove a weakness (通用规则备注（二）, D1).
// When the national class comes from the ratio (no ★ item fails nationally) and the province
// reaches a higher class through pass-ratio thresholds, each threshold of the classes between the
// two is raised just above the counterexample's ratio: to the smallest percentage (two decimals,
// more only when two producible ratios are closer) that the ratio no longer meets, and that still
// admits the next ratio the checklist can produce. The rules so changed are verified again; a new
// counterexample of the same kind raises the thresholds further, until the verifier proves the
// rules not weaker (the suggestion is then verified), finds a weakness of another kind, or the time
// runs out (the suggestion is then said to be unverified). Each raise is needed: the counterexample
// stays one while its ratio meets the threshold, whichever counterexample is found; so any one
// found is enough (the search stops at the first), and the last raise is the least strict proven.
import { CLASS_BY_RANK as CLASSES, CLASS_RANK as RANK, type ClassName, type Decision, type IrExpr, type RuleSetIR } from '../../runtime/index.js';
import { bound, boundOp, failuresAllowed, failuresWords, holds, producibleRatios, type Bound } from '../checks/ratio-bound.js';
import type { ConditionModel, RuleSetModel } from '../model/types.js';
import type { Range } from '../diagnostics/types.js';
import type { Locate } from './locate.js';
import type { ThresholdSuggestion } from './types.js';


/** Verifying changed rules again: not weaker, or the decisions of the new counterexample, or unknown (time, limits). */
export type Recheck = { status: 'notWeaker' } | { status: 'weaker'; province: Decision; national: Decision; kind: string } | { status: 'unknown' };

export interface SuggestInput {
  model: RuleSetModel;
  P: RuleSetIR;
  /** Files of the province itself (not of the rules it builds on). */
  own: Set<string>;
  province: Decision;
  national: Decision;
  kind: string;
  locate: Locate;
  anchor: { file: string; range: Range };
  recheck: (ir: RuleSetIR) => Recheck;
}

interface Threshold {
  cls: ClassName;
  index: number;
  cond: ConditionModel;
  b: Bound;
  /** The raised value as numerator / denominator of a percentage with `digits` decimals. */
  raised: { n: number; d: number; digits: number } | null;
}

/** The pass-ratio conditions (every item, as 通过率 op x%) a class has, with their index in the class. */
function ratioConditions(model: RuleSetModel, cls: ClassName): { index: number; cond: ConditionModel; b: Bound }[] {
  return model.classification[cls].flatMap((cond, index) => {
    const b = bound(cond.when.ir);
    return b && b.set === 0 && b.upward === (cls !== 'C') ? [{ index, cond, b }] : [];
  });
}

/**
 * The smallest percentage t with `digits` decimals (two, more when needed) that the ratio k/m does
 * not satisfy in the bound's direction, while the next producible ratio beyond it still does.
 */
function raiseAbove(b: Bound, k: number, m: number, ratios: readonly { k: number; m: number }[]): { n: number; d: number; digits: number } | null {
  for (let digits = 2; digits <= 6; digits++) {
    const d = 10 ** (digits + 2);
    // Upward (AA/A/B: ratio ≥/> t): t must exceed k/m (≥) or reach it (>); downward (C: ratio </≤ t) alike.
    const strict = b.upward ? b.inclusive : !b.inclusive;
    const n = strict ? Math.floor((k * d) / m) + 1 : Math.ceil((k * d) / m);
    if (n > d) return null;
    const t: Bound = { ...b, n, d };
    if (b.upward ? holds(t, k, m) : !holds(t, k, m)) continue;
    // The nearest producible ratio on the side that keeps the class must still qualify.
    const next = ratios.filter((r) => r.k * m > k * r.m).sort((x, y) => x.k * y.m - y.k * x.m)[0];
    if (!next) return b.upward ? null : { n, d, digits };
    // Upward, the next ratio still qualifies; downward (C), it is still not C.
    if (b.upward ? holds(t, next.k, next.m) : !holds(t, next.k, next.m)) return { n, d, digits };
  }
  return null;
}

const pctText = (r: { n: number; d: number; digits: number }) => `${(r.n / 10 ** r.digits).toFixed(r.digits)}%`;

function withPct(e: IrExpr, n: number, d: number): IrExpr {
  if (e.k !== 'cmp') return e;
  return { ...e, l: e.l.k === 'pct' ? { k: 'pct', n, d } : e.l, r: e.r.k === 'pct' ? { k: 'pct', n, d } : e.r };
}

/** Whether the counterexample is one thresholds can remove, and which classes' thresholds then. */
function involved(model: RuleSetModel, own: Set<string>, p: Decision, n: Decision, kind: string): ClassName[] {
  if (kind !== 'class' || !p.inScope || !n.inScope || n.directiveFailures.length > 0 || p.directiveFailures.length > 0) return [];
  const aP = RANK[p.assessedClass!]!;
  const aN = RANK[n.assessedClass!]!;
  if (aP <= aN || p.answered === 0 || p.passed === p.answered) return [];
  // C's own lowered threshold, when the national class is C: raising it alone is enough (C is decided first).
  if (aN === 0 && ratioConditions(model, 'C').some((c) => own.has(c.cond.from.file))) return ['C'];
  // Else every class from just above the national one up to the province's must stop admitting the ratio.
  const up = CLASSES.filter((c) => RANK[c]! > aN && RANK[c]! <= aP);
  return up.every((c) => ratioConditions(model, c).length > 0) ? up : [];
}

/** Whether threshold t still lets the counterexample (p, n) through. */
function lets(t: Threshold, p: Decision, n: Decision): boolean {
  const cur: Bound = t.raised ? { ...t.b, n: t.raised.n, d: t.raised.d } : t.b;
  const meets = holds(cur, p.passed, p.answered);
  if (t.cls === 'C') return n.assessedClass === 'C' && p.assessedClass !== 'C' && !meets;
  return RANK[t.cls]! > RANK[n.assessedClass!]! && RANK[t.cls]! <= RANK[p.assessedClass!]! && meets;
}

const UNFINISHED = { zh: '时间不够，未能用修改后的规则再验证一次', en: 'not verified again within the time limit' };

const OTHER = { zh: '改为建议的门槛后仍有宽松之处，原因不在这些门槛（见上面的原因）', en: 'with the suggested thresholds the rules are still weaker, for another reason (see the causes above)' };

export function suggestThresholds(x: SuggestInput): ThresholdSuggestion[] {
  if (involved(x.model, x.own, x.province, x.national, x.kind).length === 0) return [];
  const optional = x.P.items.filter((it) => it.na).length;
  const raised = raiseUntilProven(x, producibleRatios(x.P.items.length, optional));
  if (!raised) return [];
  return raised.ths.flatMap((t): ThresholdSuggestion[] => (t.raised ? [suggestion(x, t, t.raised, raised, optional === 0)] : []));
}

/** The thresholds raised round by round, and whether the last rules were proven not weaker (else why not). */
interface Raised {
  ths: Threshold[];
  verified: boolean;
  note: { zh: string; en: string } | undefined;
}

/**
 * Raises the thresholds the counterexample gets through, verifies the changed rules again, and
 * repeats with the new counterexample; null when a threshold cannot be raised above a ratio.
 */
function raiseUntilProven(x: SuggestInput, ratios: readonly { k: number; m: number }[]): Raised | null {
  const ths: Threshold[] = [];
  let { province: p, national: n } = x;
  let kind = x.kind;
  let verified = false;
  let note: { zh: string; en: string } | undefined;
  for (let round = 0; round < 64; round++) {
    const classes = involved(x.model, x.own, p, n, kind);
    for (const cls of classes) {
      for (const c of ratioConditions(x.model, cls)) if (!ths.some((t) => t.cls === cls && t.index === c.index)) ths.push({ cls, ...c, raised: null });
    }
    // Raise every threshold the current counterexample still gets through.
    let raisedAny = false;
    for (const t of ths) {
      if (classes.length === 0 || !lets(t, p, n)) continue;
      const r = raiseAbove(t.b, p.passed, p.answered, ratios);
      if (!r) return null;
      t.raised = r;
      raisedAny = true;
    }
    if (!raisedAny) {
      note = OTHER;
      break;
    }
    const ir = structuredClone(x.P);
    for (const t of ths) if (t.raised) ir.classification[t.cls][t.index]!.when = withPct(ir.classification[t.cls][t.index]!.when, t.raised.n, t.raised.d);
    const again = x.recheck(ir);
    if (again.status === 'notWeaker') {
      verified = true;
      break;
    }
    if (again.status === 'unknown') {
      note = UNFINISHED;
      break;
    }
    ({ province: p, national: n, kind } = again);
  }
  // Out of rounds: the thresholds raised so far are not proven either.
  if (!verified && !note) note = { zh: '门槛提高的轮数超过上限，未能证明', en: 'too many rounds of raising, not proven' };
  return { ths, verified, note };
}

/** One raised threshold in words: the condition to write, where, and what it allows (per answered count unless fixed). */
function suggestion(x: SuggestInput, t: Threshold, raised: NonNullable<Threshold['raised']>, { verified, note }: Raised, fixedCount: boolean): ThresholdSuggestion {
  const value = pctText(raised);
  const op = boundOp(t.b);
  const m = x.province.answered;
  const allowed = failuresWords(failuresAllowed(op, raised.n, raised.d, m), m);
  const condition = `通过率 ${op} ${value}`;
  const own = x.own.has(t.cond.from.file);
  const at = own ? percentAt(t.cond) : null;
  const where = at ? { file: t.cond.when.file, start: at.start, end: at.end, range: x.locate(t.cond.when.file, at.start, at.end) } : { file: x.anchor.file, start: x.anchor.range.start.offset, end: x.anchor.range.end.offset, range: x.anchor.range };
  const per = fixedCount ? '' : `，作答 ${m} 项时`;
  const perEn = fixedCount ? '' : ` of ${m} answered`;
  const verb = t.cls === 'C' ? `${allowed.zh}为C类` : allowed.zh;
  const list = t.cls === 'C' ? '任一条件' : '全部条件';
  const write = own
    ? { zh: `把 ${t.cond.when.source.text} 改为 ${condition}`, en: `change ${t.cond.when.source.text} to ${condition}` }
    : {
        zh: `在本省规则的“分类 → ${t.cls} → ${list}”中写 - { 名称: ${t.cond.name ?? ''}, 条件: ${condition} }，代替所依据规则的“${t.cond.when.source.text}”`,
        en: `add to class ${t.cls}: - { 名称: ${t.cond.name ?? ''}, 条件: ${condition} }, replacing the base's '${t.cond.when.source.text}'`,
      };
  return {
    cls: t.cls,
    name: t.cond.name ?? '',
    current: t.cond.when.source.text,
    condition,
    value,
    answered: m,
    allowed: allowed.zh,
    own,
    ...where,
    verified,
    ...(note ? { note } : {}),
    write,
    zh: `${t.cls}类门槛至少为 ${value}（${verb}${per}）`,
    en: `class ${t.cls} threshold at least ${value} (${allowed.en}${perEn})`,
  };
}

/** File offsets of the percentage in a `通过率 op x%` condition. */
function percentAt(c: ConditionModel): { start: number; end: number } | null {
  const ast = c.when.source.parsed.ast;
  if (!ast || ast.kind !== 'compare') return null;
  const lit = ast.right.kind === 'percent' ? ast.right : ast.left.kind === 'percent' ? ast.left : null;
  if (!lit) return null;
  const offsets = c.when.source.offsets;
  return { start: offsets[lit.start]!, end: offsets[lit.end]! };
}
