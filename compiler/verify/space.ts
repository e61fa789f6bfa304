// The finite input space outside the checklist: products (and so scope and risk on each side),
// enterprise facts, the inspection date, the previous review date and the event history.
// Each dimension is cut into classes whose members no condition and no step of either
// evaluator can tell apart, with one representative (the cheapest) per class.
import { catalogueProducts, countEvents, dateText, dayNumber, shiftBack, type RuleSetIR } from '../../runtime/index.js';
import type { SideAnalysis } from './analyze.js';
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

/**
 * Every distinguishable combination of scope and composite risk on both sides and presence of
 * the product names the conditions read, each with the fewest products. Products with the same
 * (excluded, level) on both sides and not named in a condition are interchangeable.
 */
export function productOptions(P: Compiled, N: Compiled, read: ReadonlySet<string>, date: string, limitKinds = 14): ProductOption[] | null {
  const names: string[] = [];
  const push = (n: string) => {
    if (!names.includes(n)) names.push(n);
  };
  catalogueProducts(N.ir).forEach((p) => push(p.name));
  catalogueProducts(P.ir).forEach((p) => push(p.name));
  read.forEach(push);
  N.ir.excluded.forEach(push);
  P.ir.excluded.forEach(push);
  push(SYNTHETIC_PRODUCT);
  const kinds = new Map<string, { name: string; n: { inScope: boolean; risk: number }; p: { inScope: boolean; risk: number } }>();
  for (const n of names) {
    const a = scopeAndRisk(N, [n], null, date);
    const b = scopeAndRisk(P, [n], null, date);
    const key = read.has(n) ? `read:${n}` : `${a.inScope}|${a.risk}|${b.inScope}|${b.risk}`;
    if (!kinds.has(key)) kinds.set(key, { name: n, n: a, p: b });
  }
  const reps = [...kinds.values()];
  if (reps.length > limitKinds) return null;
  const subsets: (typeof reps)[] = [];
  for (let mask = 0; mask < 1 << reps.length; mask++) subsets.push(reps.filter((_, i) => (mask >> i) & 1));
  // Fewest products first, but a single product before none (a record naming its product reads better).
  const rank = (s: unknown[]) => (s.length === 1 ? 0 : s.length === 0 ? 1 : s.length);
  subsets.sort((x, y) => rank(x) - rank(y));
  // Scope and risk of a list follow from its members' (第二条; D6: the highest risk, a declared level only raises it).
  // Every option kept is prepared again below, so this shortcut is checked, not trusted.
  const combine = (side: 'n' | 'p', s: typeof reps, declared: 1 | 2 | null) => {
    const inScope = s.length === 0 || s.some((k) => k[side].inScope);
    const risk = Math.min(declared ?? 3, ...s.filter((k) => k[side].inScope).map((k) => k[side].risk));
    return { inScope, risk };
  };
  const seen = new Set<string>();
  const out: ProductOption[] = [];
  for (const declared of [null, 2, 1] as const) {
    for (const s of subsets) {
      const a = combine('n', s, declared);
      const b = combine('p', s, declared);
      const products = s.map((k) => k.name);
      const key = `${a.inScope}|${a.inScope ? a.risk : 0}|${b.inScope}|${b.inScope ? b.risk : 0}|${[...read].filter((r) => products.includes(r)).join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
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

export function* factAssignments(dims: readonly FactDim[]): Generator<Record<string, FactValue>> {
  const idx = dims.map(() => 0);
  for (;;) {
    const out: Record<string, FactValue> = {};
    dims.forEach((d, i) => (out[d.name] = d.values[idx[i]!]!));
    yield out;
    let k = dims.length - 1;
    while (k >= 0 && idx[k] === dims[k]!.values.length - 1) idx[k--] = 0;
    if (k < 0) return;
    idx[k]!++;
  }
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
function candidateDates(P: RuleSetIR, N: RuleSetIR, from: number, to: number | null): number[] {
  const fixed = [...P.windows, ...N.windows].filter((w) => w.unit !== 'review');
  // Month and year windows keep their order on every date; day windows may not (29 February, month lengths).
  if (!fixed.some((w) => w.unit === 'day')) return [from];
  const out: number[] = [];
  const seen = new Set<string>();
  const last = to === null ? from + 1461 : Math.min(to - 1, from + 1461);
  for (let d = from; d <= last; d++) {
    const bs = [...fixed.map((w) => shiftBack(d, w.amount, w.unit as 'day')), shiftBack(d, P.review.periodMonths, 'month'), shiftBack(d, N.review.periodMonths, 'month')];
    const sorted = [...new Set(bs)].sort((x, y) => x - y);
    const sig = bs.map((b) => sorted.indexOf(b)).join(',');
    if (seen.has(sig)) continue;
    seen.add(sig);
    out.push(d);
  }
  return out;
}

export function eventOptions(P: RuleSetIR, N: RuleSetIR, aP: SideAnalysis, aN: SideAnalysis, from: string, to: string | null, budget: { check(): void }): EventOption[] {
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
  // Classes of interchangeable event types: each read type alone; the others by trigger flags.
  const classes: EventType[][] = [];
  for (const t of types) {
    if (t.read) classes.push([t]);
    else if (t.trigP || t.trigN) {
      const c = classes.find((k) => !k[0]!.read && k[0]!.trigP === t.trigP && k[0]!.trigN === t.trigN);
      if (c) c.push(t);
      else classes.push([t]);
    }
  }
  const sides: Side[] = [
    { ir: P, an: aP, key: 'p' },
    { ir: N, an: aN, key: 'n' },
  ];
  const reads = sides.flatMap((s) => [...s.an.events.values()].map((r) => ({ side: s, r, cls: classes.findIndex((c) => c.some((t) => (s.key === 'p' ? t.p : t.n) === r.e)) })));

  const best = new Map<string, EventOption>();
  const day0 = dayNumber(from);
  const dates = candidateDates(P, N, day0, to === null ? null : dayNumber(to));
  for (const D of dates) {
    const bounds = new Set<number>();
    for (const s of sides) s.ir.windows.forEach((w) => w.unit !== 'review' && bounds.add(shiftBack(D, w.amount, w.unit)));
    const periodStart = { p: shiftBack(D, P.review.periodMonths, 'month'), n: shiftBack(D, N.review.periodMonths, 'month') };
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
    for (const prev of prevDays) {
      budget.check();
      const review = { p: prev ?? periodStart.p, n: prev ?? periodStart.n };
      const cuts = [...new Set([...B, ...(prev !== null ? [prev] : [])])].sort((x, y) => x - y);
      const segEnds = cuts.map((_, i) => (i + 1 < cuts.length ? cuts[i + 1]! : D));
      const inside = (end: number, start: number) => countEvents([end], start, D) === 1;
      const readStart = reads.map(({ side, r }) => windowStart(side.ir, r.w, D, review[side.key]));
      // Per class: the distinct contributions (read counts, trigger flags) with the fewest events.
      const perClass = classes.map((cls, ci) => {
        const caps = segEnds.map((end) => {
          let cap = 0;
          reads.forEach((x, k) => {
            if (x.cls === ci && inside(end, readStart[k]!)) cap = Math.max(cap, x.r.cap);
          });
          if (cls.some((t) => t.trigP) && inside(end, review.p)) cap = Math.max(cap, 1);
          if (cls.some((t) => t.trigN) && inside(end, review.n)) cap = Math.max(cap, 1);
          return cap;
        });
        const out = new Map<string, { counts: number[]; total: number; trigP: boolean; trigN: boolean; reads: number[] }>();
        const counts = caps.map(() => 0);
        for (;;) {
          const total = counts.reduce((s, x) => s + x, 0);
          const readVals = reads.map((x, k) => (x.cls !== ci ? 0 : Math.min(x.r.cap, segEnds.reduce((s, end, j) => s + (inside(end, readStart[k]!) ? counts[j]! : 0), 0))));
          const trigP = cls.some((t) => t.trigP) && segEnds.some((end, j) => counts[j]! > 0 && inside(end, review.p));
          const trigN = cls.some((t) => t.trigN) && segEnds.some((end, j) => counts[j]! > 0 && inside(end, review.n));
          const key = `${readVals.join(',')}|${trigP}|${trigN}`;
          const prevBest = out.get(key);
          if (!prevBest || prevBest.total > total) out.set(key, { counts: [...counts], total, trigP, trigN, reads: readVals });
          let k = counts.length - 1;
          while (k >= 0 && counts[k] === caps[k]) counts[k--] = 0;
          if (k < 0) break;
          counts[k]!++;
        }
        return [...out.values()];
      });
      // Combine the classes.
      let combos: { picks: number[]; total: number; trigP: boolean; trigN: boolean; reads: number[] }[] = [{ picks: [], total: 0, trigP: false, trigN: false, reads: reads.map(() => 0) }];
      perClass.forEach((opts) => {
        const next = new Map<string, (typeof combos)[number]>();
        for (const c of combos) {
          opts.forEach((o, oi) => {
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
      for (const c of combos) {
        const key = `${c.reads.join(',')}|${c.trigP}|${c.trigN}`;
        const p = best.get(key);
        if (p && p.total <= c.total) continue;
        const events: EventOption['events'] = [];
        c.picks.forEach((oi, ci) => {
          const o = perClass[ci]![oi]!;
          o.counts.forEach((n, j) => {
            // A day inside the segment (cut point, end]: its middle, so dates read naturally.
            const start = cuts[j]!;
            const day = start + Math.ceil((segEnds[j]! - start) / 2);
            for (let k = 0; k < n; k++) events.push({ type: classes[ci]![0]!.name, date: dateText(day) });
          });
        });
        events.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
        best.set(key, { date: dateText(D), prevDate: prev === null ? null : dateText(prev), events, total: c.total, reads: c.reads, trigP: c.trigP, trigN: c.trigN });
      }
    }
  }
  return [...best.values()].sort((x, y) => x.total - y.total);
}
