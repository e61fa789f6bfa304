// The finite input space outside the checklist: products (and so scope and risk on each side),
// enterprise facts, the inspection date, the previous review date and the event history.
// Each dimension is cut into classes whose members no condition and no step of either
// evaluator can tell apart, with one representative (the cheapest) per class.
import { catalogueProducts, dateText, dayNumber, shiftBack, type RuleSetIR } from '../../runtime/index.js';
import { eventClass, type EventRead, type SideAnalysis } from './analyze.js';
import type { Budget } from './budget.js';
import { interchangeable, type Conditions } from './symmetry.js';
import type { Compiled } from './evaluators.js';

export const SYNTHETIC_PRODUCT = '目录外产品';

export interface ProductOption {
  products: string[];
  /** Risk level the inspector declares (raises the catalogue level, D6). */
  declared: 1 | 2 | null;
  /** Scope and composite risk on each side, as `prepare` computed them for this product list. */
  inP: boolean;
  riskP: number;
  inN: boolean;
  riskN: number;
}

/** Prepares a minimal record on one side: its scope and composite risk. */
function scopeAndRisk(c: Compiled, products: string[], declared: 1 | 2 | null, date: string): { inScope: boolean; risk: number } {
  const rec = {
    id: 'probe',
    enterprise: { name: 'probe', products },
    inspection: { date, answers: {}, ...(declared ? { riskLevel: declared === 1 ? 'Ⅰ级' : 'Ⅱ级' } : {}) },
  };
  const p = c.evaluator.prepare(rec);
  if ('error' in p) throw new Error(`internal: product probe failed: ${p.error.message}`);
  return { inScope: p.inScope, risk: p.risk };
}

/** Both rule sets' conditions, for compiler/verify/symmetry.ts. */
function conditionsOf(aP: SideAnalysis, aN: SideAnalysis): Conditions[] {
  return [aP, aN].map((a) => ({ exprs: a.exprs, factName: (i: number) => a.ir.facts[i]!.name }));
}

/** Products the conditions cannot tell apart, as one class; a record lists 0…`max` of them. */
export interface ProductClass {
  members: string[];
  /** Largest count that matters: all members for named products, one otherwise. */
  max: number;
  /** Whether a condition names them. */
  read: boolean;
  n: { inScope: boolean; risk: number };
  p: { inScope: boolean; risk: number };
}

/**
 * The classes of products: the catalogue entries, excluded kinds and named products of both
 * sides, one unnamed product; names the conditions do not read are interchangeable when they have
 * the same scope and risk on both sides (one of them stands for all); named ones when swapping
 * them changes no condition (compiler/verify/symmetry.ts).
 */
/** `tick` polls the time budget (each name is prepared on both sides: poll every time). */
export function productClasses(P: Compiled, N: Compiled, aP: SideAnalysis, aN: SideAnalysis, date: string, tick: () => void): ProductClass[] {
  const read = new Set([...aP.products, ...aN.products]);
  const names: string[] = [];
  const seen = new Set<string>();
  const push = (n: string) => {
    if (seen.has(n)) return;
    seen.add(n);
    names.push(n);
  };
  catalogueProducts(N.ir).forEach((p) => push(p.name));
  catalogueProducts(P.ir).forEach((p) => push(p.name));
  read.forEach(push);
  N.ir.excluded.forEach(push);
  P.ir.excluded.forEach(push);
  push(SYNTHETIC_PRODUCT);
  const kinds = new Map<string, { n: { inScope: boolean; risk: number }; p: { inScope: boolean; risk: number } }>();
  for (const n of names) {
    tick();
    kinds.set(n, { n: scopeAndRisk(N, [n], null, date), p: scopeAndRisk(P, [n], null, date) });
  }
  const kindKey = (n: string) => {
    const k = kinds.get(n)!;
    return `${k.n.inScope}|${k.n.risk}|${k.p.inScope}|${k.p.risk}`;
  };
  const out: ProductClass[] = [];
  const unread = new Map<string, string>();
  for (const n of names) if (!read.has(n) && !unread.has(kindKey(n))) unread.set(kindKey(n), n);
  const named = interchangeable(conditionsOf(aP, aN), 'product', names.filter((n) => read.has(n)), kindKey, tick);
  for (const members of named) out.push({ members, max: members.length, read: true, ...kinds.get(members[0]!)! });
  for (const n of unread.values()) out.push({ members: [n], max: 1, read: false, ...kinds.get(n)! });
  return out;
}

/** How many product lists `productOptions` considers (before merging equal outcomes). */
export function productListCount(classes: readonly ProductClass[]): number {
  return classes.reduce((n, c) => n * (c.max + 1), 1);
}

/**
 * Every distinguishable combination of scope and composite risk on both sides and presence of
 * the product names the conditions read, each with the fewest products: a count per class of
 * interchangeable products (the first members of the class).
 */
export function productOptions(P: Compiled, N: Compiled, classes: readonly ProductClass[], read: ReadonlySet<string>, date: string, tick: () => void): ProductOption[] {
  const lists: { picks: number[]; size: number }[] = [];
  const picks = classes.map(() => 0);
  for (;;) {
    tick();
    lists.push({ picks: [...picks], size: picks.reduce((s, x) => s + x, 0) });
    let k = picks.length - 1;
    while (k >= 0 && picks[k] === classes[k]!.max) picks[k--] = 0;
    if (k < 0) break;
    picks[k]!++;
  }
  // Fewest products first, but a single product before none (a record naming its product reads better).
  const rank = (n: number) => (n === 1 ? 0 : n === 0 ? 1 : n);
  lists.sort((x, y) => rank(x.size) - rank(y.size));
  // Scope and risk of a list follow from its members' (第二条; D6: the highest risk, a declared level only raises it).
  // Every option kept is prepared again below, so this shortcut is checked, not trusted.
  const combine = (side: 'n' | 'p', l: number[], declared: 1 | 2 | null) => {
    const chosen = classes.filter((_, i) => l[i]! > 0);
    const inScope = chosen.length === 0 || chosen.some((k) => k[side].inScope);
    const risk = Math.min(declared ?? 3, ...chosen.filter((k) => k[side].inScope).map((k) => k[side].risk));
    return { inScope, risk };
  };
  const seen = new Set<string>();
  const out: ProductOption[] = [];
  // The named products a list contains are the first members of each class the conditions read.
  const readClasses = classes.flatMap((c, i) => (c.members.some((m) => read.has(m)) ? [i] : []));
  for (const declared of [null, 2, 1] as const) {
    for (const l of lists) {
      tick();
      const a = combine('n', l.picks, declared);
      const b = combine('p', l.picks, declared);
      const key = `${a.inScope}|${a.inScope ? a.risk : 0}|${b.inScope}|${b.inScope ? b.risk : 0}|${readClasses.map((i) => l.picks[i]).join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const products = classes.flatMap((c, i) => c.members.slice(0, l.picks[i]!));
      const pa = scopeAndRisk(N, products, declared, date);
      const pb = scopeAndRisk(P, products, declared, date);
      if (pa.inScope !== a.inScope || pb.inScope !== b.inScope || (a.inScope && pa.risk !== a.risk) || (b.inScope && pb.risk !== b.risk)) throw new Error('internal: product scope or risk differs from prepare');
      out.push({ products, declared, inP: pb.inScope, riskP: pb.risk, inN: pa.inScope, riskN: pa.risk });
    }
  }
  return out;
}

export type FactValue = boolean | number | string;

export interface FactDim {
  name: string;
  values: FactValue[];
}

/** Values of each fact: every value of a read fact (numbers: one per interval between cut points), else one. */
export function factDims(P: RuleSetIR, N: RuleSetIR, aP: SideAnalysis, aN: SideAnalysis): FactDim[] {
  const dims: FactDim[] = [];
  const byName = new Map<string, { fact: RuleSetIR['facts'][number]; cuts: number[] | undefined }>();
  for (const [ir, an] of [[P, aP], [N, aN]] as const) {
    ir.facts.forEach((f, i) => {
      const prev = byName.get(f.name);
      const cuts = an.facts.get(i);
      const merged = prev?.cuts || cuts ? [...(prev?.cuts ?? []), ...(cuts ?? [])] : undefined;
      byName.set(f.name, { fact: prev?.fact ?? f, cuts: merged });
    });
  }
  for (const [name, { fact, cuts }] of byName) {
    const def = fact.default;
    let values: FactValue[];
    if (fact.type === 'bool') values = cuts ? [def === true, def !== true] : [def ?? false];
    else if (fact.type === 'enum') values = cuts ? [...(def !== null ? [def as string] : []), ...fact.values.filter((v) => v !== def)] : [(def as string | null) ?? fact.values[0] ?? ''];
    else if (!cuts) values = [(def as number | null) ?? 0];
    else {
      const cs = [...new Set(cuts)].sort((x, y) => x - y);
      const reps: number[] = [];
      if (cs.length === 0) reps.push((def as number | null) ?? 0);
      cs.forEach((c, i) => {
        reps.push(i === 0 ? c - 1 : (cs[i - 1]! + c) / 2);
        reps.push(c);
      });
      if (cs.length) reps.push(cs[cs.length - 1]! + 1);
      // The representative of the default's interval first.
      if (typeof def === 'number') {
        const cls = (x: number) => cs.filter((c) => c < x).length * 2 + (cs.includes(x) ? 1 : 0);
        const k = reps.findIndex((r) => cls(r) === cls(def));
        if (k >= 0) reps.splice(k, 1, def);
        reps.sort((x, y) => (x === def ? -1 : y === def ? 1 : 0));
      }
      values = reps;
    }
    dims.push({ name, values });
  }
  return dims;
}

/**
 * Facts walked together: a single fact with its values, or facts the conditions cannot tell
 * apart (compiler/verify/symmetry.ts) with the same values to take, where only how many of them
 * take each value matters (a multiset of values per option).
 */
export interface FactGroup {
  names: string[];
  options: Record<string, FactValue>[];
}

/** Non-decreasing sequences of `length` indices below `n` (multisets), the all-zero one first. */
function multisets(length: number, n: number): number[][] {
  const out: number[][] = [];
  const cur: number[] = [];
  const rec = (i: number, min: number) => {
    if (i === length) return void out.push([...cur]);
    for (let v = min; v < n; v++) {
      cur[i] = v;
      rec(i + 1, v);
    }
  };
  rec(0, 0);
  // Most ordinary first: fewest facts away from their default (index 0), then by value.
  return out.sort((x, y) => x.filter(Boolean).length - y.filter(Boolean).length);
}

export function factGroups(dims: readonly FactDim[], aP: SideAnalysis, aN: SideAnalysis, tick: () => void): FactGroup[] {
  const many = dims.filter((d) => d.values.length > 1);
  const byName = new Map(dims.map((d) => [d.name, d]));
  const kind = (n: string) => JSON.stringify(byName.get(n)!.values);
  const classes = interchangeable(conditionsOf(aP, aN), 'fact', many.map((d) => d.name), kind, tick);
  const inClass = new Map<string, string[]>();
  for (const c of classes) if (c.length > 1) for (const n of c) inClass.set(n, c);
  const out: FactGroup[] = [];
  const done = new Set<string>();
  for (const d of dims) {
    if (done.has(d.name)) continue;
    const c = inClass.get(d.name);
    if (!c) {
      out.push({ names: [d.name], options: d.values.map((v) => ({ [d.name]: v })) });
      continue;
    }
    c.forEach((n) => done.add(n));
    // A multiset is non-decreasing: the first facts keep their default, the last ones change.
    out.push({ names: c, options: multisets(c.length, d.values.length).map((m) => Object.fromEntries(c.map((n, i) => [n, d.values[m[i]!]!]))) });
  }
  return out;
}

/** How many assignments `factAssignments` yields. */
export function factCount(groups: readonly FactGroup[]): number {
  return groups.reduce((n, g) => n * g.options.length, 1);
}

/**
 * Every assignment of the fact groups, the most ordinary first: the defaults, then one group
 * changed, then two, and so on (a weakness found early then reads simply). Lazy: a space of
 * 2^30 assignments is walked, not built. `unusual` counts the facts not at their default.
 */
export function* factAssignments(groups: readonly FactGroup[]): Generator<{ facts: Record<string, FactValue>; unusual: number }> {
  const n = groups.length;
  const idx = groups.map(() => 0);
  const emit = () => {
    const out: Record<string, FactValue> = {};
    let unusual = 0;
    groups.forEach((g, i) => {
      const o = g.options[idx[i]!]!;
      Object.assign(out, o);
      if (idx[i]) unusual += g.names.length === 1 ? 1 : g.names.filter((n) => o[n] !== g.options[0]![n]).length;
    });
    return { facts: out, unusual };
  };
  // Groups changed, in increasing order; each changed group takes every option but the first.
  function* changed(from: number, left: number): Generator<{ facts: Record<string, FactValue>; unusual: number }> {
    if (left === 0) {
      yield emit();
      return;
    }
    for (let i = from; i <= n - left; i++) {
      for (let v = 1; v < groups[i]!.options.length; v++) {
        idx[i] = v;
        yield* changed(i + 1, left - 1);
      }
      idx[i] = 0;
    }
  }
  for (let k = 0; k <= n; k++) yield* changed(0, k);
}

// ------------------------------------------------------------------------------------------
// Time and events.

export interface EventOption {
  date: string;
  prevDate: string | null;
  events: { type: string; date: string }[];
  total: number;
  /** Event counts of every window a condition reads (provincial reads, then national), capped. */
  reads: number[];
  /** Triggers since the previous review, per side (what 第二十一条 reads). */
  trigP: boolean;
  trigN: boolean;
}

interface EventType {
  name: string;
  p: number;
  n: number;
  trigP: boolean;
  trigN: boolean;
  read: boolean;
}

interface Side {
  ir: RuleSetIR;
  an: SideAnalysis;
  key: 'p' | 'n';
}

function windowStart(ir: RuleSetIR, w: number, day: number, reviewStart: number): number {
  const win = ir.windows[w]!;
  return win.unit === 'review' ? reviewStart : shiftBack(day, win.amount, win.unit);
}

/** Inspection dates whose window boundaries fall in every order that can occur. */
function candidateDates(P: RuleSetIR, N: RuleSetIR, from: number, to: number | null, budget: Budget): number[] {
  const fixed = [...P.windows, ...N.windows].filter((w) => w.unit !== 'review');
  // Month and year windows keep their order on every date; day windows may not (29 February, month lengths).
  if (!fixed.some((w) => w.unit === 'day')) return [from];
  const out: number[] = [];
  const seen = new Set<string>();
  const last = to === null ? from + 1461 : Math.min(to - 1, from + 1461);
  for (let d = from; d <= last; d++) {
    budget.tick();
    const bs = [...fixed.map((w) => shiftBack(d, w.amount, w.unit as 'day')), shiftBack(d, P.review.periodMonths, 'month'), shiftBack(d, N.review.periodMonths, 'month')];
    const sorted = [...new Set(bs)].sort((x, y) => x - y);
    const sig = bs.map((b) => sorted.indexOf(b)).join(',');
    if (seen.has(sig)) continue;
    seen.add(sig);
    out.push(d);
  }
  return out;
}

interface ClassOption {
  days: number[];
  total: number;
  trigP: boolean;
  trigN: boolean;
  /** Class of each read count (0 for reads of other classes). */
  reads: number[];
}

/**
 * The distinguishable histories of one class of event types, each with the fewest events.
 * Every window ends on the inspection day, so windows are nested: ordered from the latest start
 * (innermost) outwards, their counts never decrease. Counts in the same classes of every window
 * (between the same cuts) are interchangeable, and the smallest count of a class is reached by
 * taking, window by window, either the count so far or a cut above it (never anything between).
 */
function classOptions(
  cls: EventType[],
  ci: number,
  reads: { r: EventRead; cls: number }[],
  readStart: number[],
  review: { p: number; n: number },
  D: number,
  budget: Budget,
): ClassOption[] {
  // Windows of this class by start: the read windows and the windows since the last review (triggers).
  const cutsAt = new Map<number, Set<number>>();
  const at = (start: number) => {
    let c = cutsAt.get(start);
    if (!c) cutsAt.set(start, (c = new Set()));
    return c;
  };
  reads.forEach((x, k) => {
    if (x.cls !== ci || readStart[k]! >= D) return;
    const set = at(readStart[k]!);
    for (const c of x.r.cuts) set.add(c);
  });
  const trigP = cls.some((t) => t.trigP);
  const trigN = cls.some((t) => t.trigN);
  if (trigP && review.p < D) at(review.p).add(1);
  if (trigN && review.n < D) at(review.n).add(1);
  const starts = [...cutsAt.keys()].sort((x, y) => y - x);
  const out = new Map<string, ClassOption>();
  const counts: number[] = [];
  const visit = (i: number, cur: number): void => {
    budget.tick();
    if (i === starts.length) {
      // Every window of this class with a start before the inspection day is one of `starts`.
      const countAt = (start: number) => (start < D ? counts[starts.indexOf(start)]! : 0);
      const readVals = reads.map((x, k) => (x.cls === ci ? eventClass(x.r, countAt(readStart[k]!)) : 0));
      const o: ClassOption = { days: [], total: cur, trigP: trigP && countAt(review.p) > 0, trigN: trigN && countAt(review.n) > 0, reads: readVals };
      const key = `${readVals.join(',')}|${o.trigP}|${o.trigN}`;
      const prev = out.get(key);
      if (prev && prev.total <= cur) return;
      // The events added at each start go in the middle of (start, the next later start or D].
      for (let j = 0; j < starts.length; j++) {
        const add = counts[j]! - (j ? counts[j - 1]! : 0);
        const hi = j ? starts[j - 1]! : D;
        const day = starts[j]! + Math.ceil((hi - starts[j]!) / 2);
        for (let k = 0; k < add; k++) o.days.push(day);
      }
      out.set(key, o);
      return;
    }
    const options = [cur, ...[...cutsAt.get(starts[i]!)!].filter((c) => c > cur).sort((x, y) => x - y)];
    for (const v of options) {
      counts[i] = v;
      visit(i + 1, v);
    }
  };
  visit(0, 0);
  return [...out.values()];
}

/** A count an analysis reads: the side, the read, and the class of event types it belongs to. */
interface ClassRead {
  side: Side;
  r: EventRead;
  cls: number;
}

/** Both sides' event types, and their classes: each read type alone; the others by trigger flags. */
function eventTypeClasses(P: RuleSetIR, N: RuleSetIR, aP: SideAnalysis, aN: SideAnalysis): EventType[][] {
  const types: EventType[] = [];
  P.events.forEach((e, i) => {
    const n = N.events.findIndex((x) => x.name === e.name);
    types.push({ name: e.name, p: i, n, trigP: e.trigger, trigN: n >= 0 && N.events[n]!.trigger, read: false });
  });
  N.events.forEach((e, i) => {
    if (!types.some((t) => t.n === i)) types.push({ name: e.name, p: -1, n: i, trigP: false, trigN: e.trigger, read: false });
  });
  for (const r of aP.events.values()) types.find((t) => t.p === r.e)!.read = true;
  for (const r of aN.events.values()) types.find((t) => t.n === r.e)!.read = true;
  const classes: EventType[][] = [];
  for (const t of types) {
    if (t.read) classes.push([t]);
    else if (t.trigP || t.trigN) {
      const c = classes.find((k) => !k[0]!.read && k[0]!.trigP === t.trigP && k[0]!.trigN === t.trigN);
      if (c) c.push(t);
      else classes.push([t]);
    }
  }
  return classes;
}

/**
 * Previous inspection days for an inspection on D: none (first inspection), one before every
 * window boundary, and one between each two boundaries (on the later one when they are a day apart).
 */
function previousDays(sides: readonly Side[], D: number, periodStart: { p: number; n: number }): (number | null)[] {
  const bounds = new Set<number>();
  for (const s of sides) s.ir.windows.forEach((w) => w.unit !== 'review' && bounds.add(shiftBack(D, w.amount, w.unit)));
  bounds.add(periodStart.p);
  bounds.add(periodStart.n);
  const B = [...bounds].filter((b) => b < D).sort((x, y) => x - y);
  const prevDays: (number | null)[] = [null];
  if (B.length === 0) prevDays.push(D - 30);
  else prevDays.push(B[0]! - 30);
  for (let i = 0; i < B.length; i++) {
    const lo = B[i]!;
    const hi = i + 1 < B.length ? B[i + 1]! : D;
    if (hi - lo >= 2) prevDays.push(Math.floor((lo + hi) / 2));
    else if (i + 1 < B.length) prevDays.push(hi);
  }
  return prevDays;
}

/** A choice of one option per class of event types, with what it adds up to. */
interface Combo {
  picks: number[];
  total: number;
  trigP: boolean;
  trigN: boolean;
  reads: number[];
}

/** The classes' options combined: one combination per read counts and triggers, the fewest events kept. */
function combineClasses(perClass: readonly ClassOption[][], reads: readonly ClassRead[], budget: Budget): Combo[] {
  let combos: Combo[] = [{ picks: [], total: 0, trigP: false, trigN: false, reads: reads.map(() => 0) }];
  perClass.forEach((opts) => {
    const next = new Map<string, Combo>();
    for (const c of combos) {
      opts.forEach((o, oi) => {
        budget.tick();
        const readsSum = c.reads.map((v, k) => v + o.reads[k]!);
        const n = { picks: [...c.picks, oi], total: c.total + o.total, trigP: c.trigP || o.trigP, trigN: c.trigN || o.trigN, reads: readsSum };
        const key = `${readsSum.join(',')}|${n.trigP}|${n.trigN}`;
        const p = next.get(key);
        if (!p || p.total > n.total) next.set(key, n);
      });
    }
    combos = [...next.values()];
    budget.check();
  });
  return combos;
}

export function eventOptions(P: RuleSetIR, N: RuleSetIR, aP: SideAnalysis, aN: SideAnalysis, from: string, to: string | null, budget: Budget): EventOption[] {
  const classes = eventTypeClasses(P, N, aP, aN);
  const sides: Side[] = [
    { ir: P, an: aP, key: 'p' },
    { ir: N, an: aN, key: 'n' },
  ];
  const reads: ClassRead[] = sides.flatMap((s) => [...s.an.events.values()].map((r) => ({ side: s, r, cls: classes.findIndex((c) => c.some((t) => (s.key === 'p' ? t.p : t.n) === r.e)) })));

  const best = new Map<string, EventOption>();
  const day0 = dayNumber(from);
  const dates = candidateDates(P, N, day0, to === null ? null : dayNumber(to), budget);
  for (const D of dates) {
    const periodStart = { p: shiftBack(D, P.review.periodMonths, 'month'), n: shiftBack(D, N.review.periodMonths, 'month') };
    for (const prev of previousDays(sides, D, periodStart)) {
      budget.check();
      const review = { p: prev ?? periodStart.p, n: prev ?? periodStart.n };
      const readStart = reads.map(({ side, r }) => windowStart(side.ir, r.w, D, review[side.key]));
      const perClass = classes.map((cls, ci) => classOptions(cls, ci, reads, readStart, review, D, budget));
      for (const c of combineClasses(perClass, reads, budget)) {
        budget.tick();
        const key = `${c.reads.join(',')}|${c.trigP}|${c.trigN}`;
        const p = best.get(key);
        if (p && p.total <= c.total) continue;
        const events: EventOption['events'] = [];
        c.picks.forEach((oi, ci) => {
          for (const day of perClass[ci]![oi]!.days) events.push({ type: classes[ci]![0]!.name, date: dateText(day) });
        });
        events.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
        best.set(key, { date: dateText(D), prevDate: prev === null ? null : dateText(prev), events, total: c.total, reads: c.reads, trigP: c.trigP, trigN: c.trigN });
      }
    }
  }
  return [...best.values()].sort((x, y) => x.total - y.total);
}
