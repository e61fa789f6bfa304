// What the conditions of one rule set read, and where the abstraction may merge values:
// the item sets whose failure counts matter (with caps per not-applicable mask), the event
// windows (with the counts where some condition changes its truth), the number facts (with cut points), products, risk and previous class.
// Anything that cannot be partitioned exactly is a problem (FL4004), never a guess.
import type { IrExpr, RuleSetIR } from '../../runtime/ir.js';
import type { CompileResult } from '../program.js';
import { isIntegral, linear, mentioned, ratioForm, threshold, varsOf, type Lin, type LinEnv, type Op } from './linear.js';
import type { VerifyProblem } from './types.js';
import type { Locate } from './locate.js';
import { CONDITION_ORDER } from '../../runtime/classes.js';

export interface SourcedExpr {
  expr: IrExpr;
  /** Classification condition, or an item's not-applicable condition. */
  kind: 'class' | 'na';
  /** What the condition belongs to (see SideAnalysis.exprs). */
  tag: string;
  file: string;
  start: number;
  end: number;
  text: string;
}

export interface EventRead {
  e: number;
  w: number;
  /**
   * Sorted positive counts where some condition's truth may change: counts between two
   * consecutive cuts (and at or above the last) are interchangeable for every condition.
   * A count compared alone with a constant adds one cut (two for = and ≠); a count combined
   * with other quantities adds every count up to where the comparison settles.
   */
  cuts: number[];
  /** The last cut (0 when no condition tells counts apart). */
  cap: number;
}

/** The class of an event count under a read's cuts: how many cuts lie at or below it. */
export function eventClass(r: EventRead, count: number): number {
  let k = 0;
  while (k < r.cuts.length && r.cuts[k]! <= count) k++;
  return k;
}

export interface SideAnalysis {
  ir: RuleSetIR;
  /**
   * Every condition the analysis read, with what it belongs to: a classification condition's
   * class, or the item whose not-applicable condition it is, by everything the search can tell
   * about that item (set membership, national parent, ★) — so that two conditions are the same
   * only if exchanging them changes nothing (compiler/verify/symmetry.ts).
   */
  exprs: { tag: string; expr: IrExpr }[];
  /** Sets whose failure count some classification condition reads. */
  countSets: number[];
  /** Items in each count set (structural). */
  setItems: number[][];
  itemLeaves: IrExpr[];
  events: Map<string, EventRead>;
  /** Facts read by any condition (index → cut points for number facts). */
  facts: Map<number, number[]>;
  products: Set<string>;
  readsRisk: boolean;
  readsPrev: boolean;
  problems: VerifyProblem[];
}

export function sourcedExprs(result: CompileResult, ir: RuleSetIR): SourcedExpr[] {
  const out: SourcedExpr[] = [];
  const model = result.linked?.model;
  for (const cls of CONDITION_ORDER) {
    ir.classification[cls].forEach((c, i) => {
      const m = model?.classification[cls][i];
      out.push({ expr: c.when, kind: 'class', tag: `class:${cls}`, file: m?.when.file ?? result.file, start: m?.when.source.loc.start ?? 0, end: m?.when.source.loc.end ?? 0, text: c.text });
    });
  }
  ir.items.forEach((it, i) => {
    if (!it.na) return;
    const m = model?.items[i]?.notApplicableWhen;
    const sets = ir.sets.map((m) => ((m[i >> 5] ?? 0) >>> (i & 31)) & 1).join('');
    out.push({ expr: it.na, kind: 'na', tag: `na|${sets}|${it.nationalId ?? ''}|${it.directive}|${it.origin}`, file: m?.file ?? result.file, start: m?.source.loc.start ?? 0, end: m?.source.loc.end ?? 0, text: m?.source.text ?? '' });
  });
  // 视为不通过/通过条件 read no answers, like not-applicable conditions: what they read is part of the context.
  // Their tag names the item as a not-applicable condition's does, so that grouping keeps items apart that they settle differently.
  ir.items.forEach((it, i) => {
    const sets = ir.sets.map((m) => ((m[i >> 5] ?? 0) >>> (i & 31)) & 1).join('');
    for (const [kind, c, m] of [['fails', it.failsWhen, model?.items[i]?.failsWhen], ['passes', it.passesWhen, model?.items[i]?.passesWhen]] as const) {
      if (c) out.push({ expr: c.when, kind: 'na', tag: `${kind}|${i}|${sets}|${it.nationalId ?? ''}|${it.directive}|${it.origin}`, file: m?.file ?? result.file, start: m?.source.loc.start ?? 0, end: m?.source.loc.end ?? 0, text: c.text });
    }
  });
  return out;
}

function bits(ir: RuleSetIR, set: number): number[] {
  const mask = ir.sets[set]!;
  const out: number[] = [];
  for (let i = 0; i < ir.items.length; i++) if (((mask[i >> 5] ?? 0) >>> (i & 31)) & 1) out.push(i);
  return out;
}

export function analyze(ir: RuleSetIR, exprs: readonly SourcedExpr[], locate: Locate): SideAnalysis {
  const a: SideAnalysis = {
    ir,
    exprs: exprs.map((s) => ({ tag: s.tag, expr: s.expr })),
    countSets: [],
    setItems: ir.sets.map((_, s) => bits(ir, s)),
    itemLeaves: [],
    events: new Map(),
    facts: new Map(),
    products: new Set(),
    readsRisk: false,
    readsPrev: false,
    problems: [],
  };
  const r: Reading = { a, env: { numberFact: (i) => ir.facts[i]?.type === 'number' }, countSets: new Set(), locate };
  for (const s of exprs) readExpr(r, s.expr, s);
  a.countSets = [...r.countSets].sort((x, y) => x - y);
  return a;
}

/** The analysis being filled, with what reading a condition needs. */
interface Reading {
  a: SideAnalysis;
  env: LinEnv;
  countSets: Set<number>;
  locate: Locate;
}

function problem(r: Reading, s: SourcedExpr, zh: string, en: string): void {
  r.a.problems.push({ code: 'FL4004', detail: `条件“${s.text}”${zh}`, detailEn: `condition '${s.text}' ${en}`, file: s.file, start: s.start, end: s.end, range: r.locate(s.file, s.start, s.end) });
}

/** Adds cut points to an event window's counts (`v` is `e<event>:<window>`). */
function eventCuts(a: SideAnalysis, v: string, cuts: number[]): void {
  const [e, w] = v.slice(1).split(':').map(Number) as [number, number];
  let r = a.events.get(v);
  if (!r) a.events.set(v, (r = { e, w, cuts: [], cap: 0 }));
  const all = new Set([...r.cuts, ...cuts.filter((c) => c > 0)]);
  r.cuts = [...all].sort((x, y) => x - y);
  r.cap = r.cuts[r.cuts.length - 1] ?? 0;
}

/** Every count up to `cap` matters (the count is combined with other quantities). */
function eventCap(a: SideAnalysis, v: string, cap: number): void {
  eventCuts(a, v, Array.from({ length: cap }, (_, i) => i + 1));
}

function factCut(a: SideAnalysis, i: number, c: number): void {
  const cuts = a.facts.get(i) ?? [];
  if (!cuts.includes(c)) cuts.push(c);
  a.facts.set(i, cuts);
}

/** What one condition reads: count sets, event windows, facts, products, risk level, previous class. */
function readExpr(r: Reading, e: IrExpr, s: SourcedExpr): void {
  const { a } = r;
  switch (e.k) {
    case 'and':
    case 'or':
      e.xs.forEach((x) => readExpr(r, x, s));
      return;
    case 'not':
      readExpr(r, e.x, s);
      return;
    case 'cmp':
      readExpr(r, e.l, s);
      readExpr(r, e.r, s);
      readComparison(r, e, s);
      return;
    case 'arith':
      readExpr(r, e.l, s);
      readExpr(r, e.r, s);
      return;
    case 'passed':
    case 'failed':
    case 'ratio':
      r.countSets.add(e.set);
      return;
    case 'allPass':
    case 'anyFail':
      r.countSets.add(e.set);
      if (s.kind === 'class') a.itemLeaves.push(e);
      return;
    case 'events': {
      const v = `e${e.e}:${e.w}`;
      if (!a.events.has(v)) eventCuts(a, v, []);
      return;
    }
    case 'fact':
      if (!a.facts.has(e.i)) a.facts.set(e.i, []);
      return;
    case 'product':
      a.products.add(e.v);
      return;
    case 'riskLevel':
      a.readsRisk = true;
      return;
    case 'prevClass':
    case 'first':
      a.readsPrev = true;
      return;
    default:
      return;
  }
}

/** A comparison: the cut points of the number facts and event counts it reads, or a problem. */
function readComparison(r: Reading, e: Extract<IrExpr, { k: 'cmp' }>, s: SourcedExpr): void {
  const { a, env } = r;
  if (e.t === 'ratio' && s.kind === 'class') a.itemLeaves.push(e);
  if (e.t !== 'num') return;
  const l = linear(e.l, env);
  const rt = linear(e.r, env);
  if (!l || !rt) {
    const vars = [...mentioned(e, env)];
    if (vars.some((v) => v[0] === 'e' || v[0] === 'x')) problem(r, s, '以非线性方式（乘除）使用事件次数或数值信息', 'uses event counts or number facts non-linearly');
    else if (s.kind === 'class') a.itemLeaves.push(e);
    for (const v of vars) if (v[0] === 'e') eventCap(a, v, 0);
    return;
  }
  const f: Lin = { c: l.c - rt.c, t: new Map(l.t) };
  for (const [k, v] of rt.t) {
    const n = (f.t.get(k) ?? 0) - v;
    if (n === 0) f.t.delete(k);
    else f.t.set(k, n);
  }
  const { items, events, facts } = varsOf(f);
  if (facts.length) {
    const direct = (x: IrExpr, y: IrExpr) => x.k === 'fact' && (linear(y, env)?.t.size ?? 1) === 0;
    if (facts.length === 1 && items.length === 0 && events.length === 0 && (direct(e.l, e.r) || direct(e.r, e.l))) {
      const fi = Number(facts[0]!.slice(1));
      const other = e.l.k === 'fact' ? e.r : e.l;
      factCut(a, fi, linear(other, env)!.c);
    } else {
      problem(r, s, '把数值信息与其他量比较或用于运算（只能与常数直接比较）', 'compares a number fact with something other than a constant');
    }
    return;
  }
  if (items.length && s.kind === 'class') a.itemLeaves.push(e);
  if (events.length) eventComparison(r, e.op as Op, f, items, events, s);
}

/** The counts where a linear comparison `f op 0` over event counts (and item counts) may change its truth. */
function eventComparison(r: Reading, op: Op, f: Lin, items: string[], events: string[], s: SourcedExpr): void {
  const { a } = r;
  const coefs = events.map((v) => f.t.get(v)!);
  const sign = Math.sign(coefs[0]!);
  if (coefs.some((c) => Math.sign(c) !== sign)) {
    problem(r, s, '以正负相抵的方式组合事件次数', 'combines event counts with opposite signs');
    return;
  }
  const integral = isIntegral(f);
  if (items.length === 0 && events.length === 1) {
    const a0 = coefs[0]!;
    if (integral && op !== '=' && op !== '!=') eventCuts(a, events[0]!, [threshold(a0, f.c, op, true)]);
    else if (integral) {
      // a·x + b = 0 holds at one count at most: x* (when a whole number), then not from x*+1.
      const x = -f.c / a0;
      eventCuts(a, events[0]!, Number.isInteger(x) && x >= 0 ? [x, x + 1] : []);
    } else eventCap(a, events[0]!, threshold(a0, f.c, op, false));
    return;
  }
  // Other terms are bounded; with every event coefficient of one sign, each event variable
  // settles the comparison once its term exceeds the largest opposing value of the rest.
  let restMin = f.c * sign;
  for (const v of items) {
    const c = f.t.get(v)! * sign;
    if (c < 0) restMin += c * a.setItems[Number(v.slice(1))]!.length;
  }
  for (const v of events) {
    const c = Math.abs(f.t.get(v)!);
    const t = Math.max(0, Math.floor(-restMin / c) + 1);
    eventCap(a, v, integral ? t : t + 1);
  }
}

/**
 * Caps of the failure counts of the count sets, for fixed answered counts (a fixed
 * not-applicable mask): values at or above the cap are interchangeable in every condition.
 * A set read in a comparison with several counts (or non-linearly) is not capped.
 */
export function itemCaps(a: SideAnalysis, answered: (set: number) => number): Map<number, number> {
  const caps = new Map<number, number>(a.countSets.map((s) => [s, 0]));
  const env: LinEnv = { answered, numberFact: (i) => a.ir.facts[i]?.type === 'number' };
  const raise = (s: number, c: number) => caps.set(s, Math.max(caps.get(s) ?? 0, Math.min(c, a.setItems[s]!.length)));
  const uncap = (vars: Iterable<string>) => {
    for (const v of vars) if (v[0] === 'f') raise(Number(v.slice(1)), Infinity);
  };
  for (const e of a.itemLeaves) {
    if (e.k === 'allPass' || e.k === 'anyFail') {
      raise(e.set, 1);
      continue;
    }
    if (e.k !== 'cmp') continue;
    let f: Lin | null;
    if (e.t === 'ratio') f = ratioForm(e.l, e.r, answered);
    else {
      const l = linear(e.l, env);
      const r = linear(e.r, env);
      f = l && r ? { c: l.c - r.c, t: new Map([...l.t, ...[...r.t].map(([k, v]) => [k, -v + (l.t.get(k) ?? 0)] as [string, number])]) } : null;
    }
    if (!f) {
      uncap(mentioned(e, env));
      continue;
    }
    const fs = [...f.t.entries()].filter(([k, v]) => k[0] === 'f' && v !== 0);
    const others = [...f.t.entries()].filter(([k, v]) => k[0] !== 'f' && v !== 0);
    if (fs.length === 1 && others.length === 0) {
      const [k, coef] = fs[0]!;
      raise(Number(k.slice(1)), threshold(coef, f.c, e.op as Op, isIntegral(f)));
    } else uncap(fs.map(([k]) => k));
  }
  return caps;
}
