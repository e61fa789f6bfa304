// The checklist part of one context: which pairs (provincial assessed class, national assessed
// class) some answer combination reaches, each with a combination of fewest failed items.
//
// The generated classifiers read answers only as failure counts of the sets the conditions
// name. Items with the same membership in those sets and the same national parent are
// interchangeable, so a unit (a national item with its applicable sub-items, a class of
// supplementary items, a national item the province does not ask) contributes only how many of
// its items of each kind fail. A dynamic programme over the units collects the reachable
// vectors of failure counts (provincial sets × national sets), each count capped where no
// condition tells larger values apart; every reachable vector is then decided by the generated
// classifiers of both sides on a concrete answer combination.
import { settledPass, type Forced, type Prepared } from '../../runtime/index.js';
import { itemCaps, type SideAnalysis } from './analyze.js';
import type { Compiled } from './evaluators.js';
import { Unknown, type Budget } from './budget.js';

export interface Witness {
  cost: number;
  /** Provincial items answered “fail” (indices into the provincial IR). */
  failP: number[];
  /** National items the province does not ask (as a whole), answered “fail” nationally. */
  failN: number[];
  assessedP: number;
  assessedN: number;
}

export interface ItemProblem {
  P: Compiled;
  N: Compiled;
  aP: SideAnalysis;
  aN: SideAnalysis;
  naP: Int32Array;
  naN: Int32Array;
  /**
   * Items settled by 视为不通过/通过条件 in this context: answered, but their answer moves no
   * count on their side, so that states reaching the same counts also decide alike.
   */
  fixedP?: Int32Array;
  fixedN?: Int32Array;
  /** National item of each provincial item (-1: none in the compared national rules). */
  natOf: readonly number[];
  /** Provincial items of each national item. */
  subsOf: readonly (readonly number[])[];
  maxStates: number;
  budget: Budget;
}


/**
 * Costs are weighted: failures × WEIGHT plus a small preference among equally few failures
 * (an unrefined national item, then a sub-item, then a supplementary item, then a national
 * item the province does not ask), so that counterexamples read simply.
 */
const WEIGHT = 4096;

interface Choice {
  delta: number[];
  cost: number;
  failP: number[];
  failN: number[];
}

interface Merged {
  delta: number[];
  cost: number;
  left: Merged | null;
  right: Choice;
}

const has = (bits: ArrayLike<number>, i: number) => ((bits[i >> 5]! >>> (i & 31)) & 1) === 1;

/**
 * The reachable vectors of failure counts, each with a cheapest answer combination reaching it.
 * A state may fail hundreds of items: its failing items are kept as bits in one flat array per
 * side (state s at s × words), and as sorted lists only for the states that are kept.
 */
export interface Reachable {
  /** Weighted cost of each state (see WEIGHT). */
  cost: number[];
  /** Provincial items answered “fail”, `wordsP` words per state. */
  bitsP: Int32Array;
  /** National items failing in the national view, `wordsN` words per state. */
  bitsN: Int32Array;
  wordsP: number;
  wordsN: number;
  /** The failing items of state s: provincial, and national items the province does not ask. */
  witness(s: number): { failP: number[]; failN: number[] };
  /** States the dynamic programme visited. */
  visited: number;
}

/** The counts a classifier reads (one coordinate per counted set and side) and how each item moves them. */
interface Coordinates {
  caps: number[];
  /** Per provincial item, per coordinate: 1 when its failure moves the count. */
  memP: number[][];
  memN: number[][];
  zero: number[];
  /** Counts beyond a coordinate's cap decide nothing more: saturate there. */
  sat(v: number[]): number[];
}

function countCoordinates(pb: ItemProblem): Coordinates {
  const { P, N, aP, aN, naP, naN } = pb;
  const fixedP = pb.fixedP ?? new Int32Array(P.ir.words);
  const answered = (a: SideAnalysis, na: Int32Array) => (set: number) => a.setItems[set]!.filter((i) => !has(na, i)).length;
  const capP = itemCaps(aP, answered(aP, naP));
  const capN = itemCaps(aN, answered(aN, naN));
  const coords = [...aP.countSets.map((s) => ({ side: 0, set: s, cap: capP.get(s)! })), ...aN.countSets.map((s) => ({ side: 1, set: s, cap: capN.get(s)! }))];
  const caps = coords.map((c) => c.cap);
  // A settled item counts the same whatever its answer: its answer moves no provincial count
  // (a settled national item none either), though it may still move the national item it maps to.
  const memP = P.ir.items.map((_, i) => coords.map((c) => (c.side === 0 && !has(fixedP, i) && has(P.ir.sets[c.set]!, i) ? 1 : 0)));
  const memN = N.ir.items.map((_, j) => coords.map((c) => (c.side === 1 && has(N.ir.sets[c.set]!, j) ? 1 : 0)));
  const sat = (v: number[]) => v.map((x, k) => Math.min(x, caps[k]!));
  const zero = coords.map(() => 0);
  return { caps, memP, memN, zero, sat };
}

/**
 * Units and their choices: each national item with the provincial items that refine it, each
 * national-only item and each kind of supplementary item is a unit whose choices are the ways
 * some of its items fail (failure counts per kind of item, deduplicated by their effect).
 */
function itemUnits(pb: ItemProblem, { caps, memP, memN, zero, sat }: Coordinates): Choice[][] {
  const { P, N, naP, naN } = pb;
  const fixedN = pb.fixedN ?? new Int32Array(N.ir.words);
  const nc = caps.length;
  const raw: Choice[][] = [];
  const kinds = (items: number[]) => {
    const groups = new Map<string, number[]>();
    for (const i of items) {
      const key = memP[i]!.join('');
      const g = groups.get(key);
      if (g) g.push(i);
      else groups.set(key, [i]);
    }
    return [...groups.values()];
  };
  const preference = (i: number) => (pb.natOf[i]! < 0 ? 2 : N.ir.items[pb.natOf[i]!]!.id === P.ir.items[i]!.id ? 0 : 1);
  const bound = (i: number) => Math.max(1, ...caps.map((cap, k) => (memP[i]![k] ? cap : 0)));
  /** `free`: the national item may also fail while every applicable sub-item passes (D2′). */
  const addUnit = (groups: number[][], national: number | null, free = false) => {
    const limits = groups.map((g) => Math.min(g.length, bound(g[0]!)));
    const nat = national === null || has(naN, national) || has(fixedN, national) ? null : memN[national]!;
    const ks = limits.map(() => 0);
    const best = new Map<string, Choice>();
    for (;;) {
      pb.budget.tick();
      const delta = [...zero];
      const failP: number[] = [];
      groups.forEach((g, gi) => {
        const m = memP[g[0]!]!;
        for (let k = 0; k < ks[gi]!; k++) failP.push(g[k]!);
        for (let c = 0; c < nc; c++) delta[c]! += m[c]! * ks[gi]!;
      });
      const offer = (natFails: boolean, failN: number[]) => {
        const dd = [...delta];
        if (natFails && nat) for (let c = 0; c < nc; c++) dd[c]! += nat[c]!;
        const d = sat(dd);
        const key = d.join(',');
        const prev = best.get(key);
        const cost = failP.reduce((c, i) => c + WEIGHT + preference(i), 0) + failN.length * (WEIGHT + 3);
        if (!prev || prev.cost > cost) best.set(key, { delta: d, cost, failP, failN });
      };
      offer(failP.length > 0, []);
      if (free && failP.length === 0 && nat) offer(true, [national!]);
      let k = ks.length - 1;
      while (k >= 0 && ks[k] === limits[k]) ks[k--] = 0;
      if (k < 0) break;
      ks[k]!++;
    }
    if (best.size > 1) raw.push([...best.values()]);
  };
  const nationalOnly = (j: number) => {
    if (has(naN, j) || has(fixedN, j)) return;
    raw.push([
      { delta: zero, cost: 0, failP: [], failN: [] },
      { delta: sat(memN[j]!), cost: WEIGHT + 3, failP: [], failN: [j] },
    ]);
  };
  // D2′: a national item some of whose parts the province leaves not applicable is seen
  // nationally as answered by the national inspector — it may fail even when every applicable
  // part passes — unless the province states the assumption (验证假设) that the national item is
  // then ticked as passing. The national rules' own 视为通过条件 still settle it in decide().
  N.ir.items.forEach((_, j) => {
    const subs = pb.subsOf[j]!;
    const applicable = subs.filter((i) => !has(naP, i));
    const free = subs.some((i) => has(naP, i) && !P.ir.items[i]!.assume);
    if (subs.length === 0) nationalOnly(j);
    else if (applicable.length === 0) {
      if (free) nationalOnly(j);
    } else addUnit(kinds(applicable), j, free);
  });
  const supplementary = P.ir.items.map((_, i) => i).filter((i) => pb.natOf[i]! < 0 && !has(naP, i));
  for (const g of kinds(supplementary)) addUnit([g], null);

  return raw;
}

/**
 * Where the states of one layer are: state keys index a flat array when the key space is small
 * enough (it usually is: a few thousand), a Map otherwise; slots are reset after each use.
 */
class StateSlots {
  private readonly flat: Int32Array | null;
  private readonly map = new Map<number, number>();
  private readonly used: number[] = [];
  constructor(size: number) {
    this.flat = size <= 1 << 20 ? new Int32Array(size).fill(-1) : null;
  }
  lookup(key: number): number {
    return this.flat ? this.flat[key]! : (this.map.get(key) ?? -1);
  }
  store(key: number, at: number): void {
    if (this.flat) {
      this.flat[key] = at;
      this.used.push(key);
    } else this.map.set(key, at);
  }
  reset(): void {
    if (this.flat) for (const key of this.used) this.flat[key] = -1;
    this.used.length = 0;
    this.map.clear();
  }
}

/**
 * Units with the same choices (same effects and costs) differ only in which items fail: merged
 * into one unit whose choices are their sums, keeping the cheapest per effect. A merged choice
 * keeps its parts (the choice of the earlier copies, and of this copy); the failing items are
 * collected from them only for the states that are finally kept.
 */
function mergeAlikeUnits(raw: Choice[][], caps: readonly number[], mult: readonly number[], slots: StateSlots, budget: Budget): Merged[][] {
  const nc = caps.length;
  const bySignature = new Map<string, Choice[][]>();
  for (const u of raw) {
    const sig = u.map((c) => `${c.delta.join(',')}:${c.cost}`).join('|');
    const list = bySignature.get(sig);
    if (list) list.push(u);
    else bySignature.set(sig, [u]);
  }
  const scratch = new Array<number>(nc).fill(0);
  const units: Merged[][] = [];
  for (const copies of bySignature.values()) {
    let merged: Merged[] = copies[0]!.map((c) => ({ delta: c.delta, cost: c.cost, left: null, right: c }));
    for (let c = 1; c < copies.length; c++) {
      const next: Merged[] = [];
      for (const a of merged) {
        for (const b of copies[c]!) {
          budget.tick();
          let key = 0;
          for (let k = 0; k < nc; k++) {
            scratch[k] = Math.min(a.delta[k]! + b.delta[k]!, caps[k]!);
            key += scratch[k]! * mult[k]!;
          }
          const cost = a.cost + b.cost;
          const at = slots.lookup(key);
          if (at < 0) {
            slots.store(key, next.length);
            next.push({ delta: scratch.slice(), cost, left: a, right: b });
          } else if (next[at]!.cost > cost) next[at] = { delta: scratch.slice(), cost, left: a, right: b };
        }
      }
      slots.reset();
      merged = next;
      budget.check();
    }
    units.push(merged);
  }
  return units;
}

/** The failing items of a merged choice, from its parts. */
function collectFailures(m: Merged, failP: number[], failN: number[]): void {
  for (let x: Merged | null = m; x; x = x.left) {
    failP.push(...x.right.failP);
    failN.push(...x.right.failN);
  }
}

/** The failing items of each merged choice used, as bits (provincial, and the national view), made once per choice. */
function failureBits(natOf: readonly number[], wordsP: number, wordsN: number): (m: Merged) => [Int32Array, Int32Array] {
  const bitsOf = new Map<Merged, [Int32Array, Int32Array]>();
  return (m) => {
    let b = bitsOf.get(m);
    if (b) return b;
    const bp = new Int32Array(wordsP);
    const bn = new Int32Array(wordsN);
    for (let x: Merged | null = m; x; x = x.left) {
      for (const i of x.right.failP) {
        bp[i >> 5]! |= 1 << (i & 31);
        const j = natOf[i]!;
        if (j >= 0) bn[j >> 5]! |= 1 << (j & 31);
      }
      for (const j of x.right.failN) bn[j >> 5]! |= 1 << (j & 31);
    }
    bitsOf.set(m, (b = [bp, bn]));
    return b;
  };
}

/** One layer of the dynamic programme: its states' keys, count vectors (flat), costs and back-pointers. */
interface Layer {
  keys: number[];
  vals: number[];
  cost: number[];
  prev: number[];
  choice: number[];
}

/** The count space's shape, shared by every layer step: caps, place values, and a scratch vector. */
interface Grid {
  nc: number;
  capv: Int32Array;
  multv: Float64Array;
  scratch: number[];
  slots: StateSlots;
}

/**
 * The reachable vectors of failure counts for fixed not-applicable masks: a dynamic programme
 * over the item units, layer by layer, with back-pointers for the witnesses.
 */
export function reachableStates(pb: ItemProblem): Reachable {
  const { P, N } = pb;
  const coordinates = countCoordinates(pb);
  const { caps, zero } = coordinates;
  const nc = caps.length;
  const raw = itemUnits(pb, coordinates);
  const mult: number[] = [];
  const size = caps.reduce((p, cap, k) => ((mult[k] = p), p * (cap + 1)), 1);
  if (size > 2 ** 52) throw new Unknown('项目答案可区分的组合太多，无法逐一比较', 'too many distinguishable combinations of item answers to compare');
  const slots = new StateSlots(size);
  const units = mergeAlikeUnits(raw, caps, mult, slots, pb.budget);
  const grid: Grid = { nc, capv: Int32Array.from(caps), multv: Float64Array.from(mult), scratch: new Array<number>(nc).fill(0), slots };
  const wordsP = P.ir.words;
  const wordsN = N.ir.words;
  const bits = failureBits(pb.natOf, wordsP, wordsN);

  let layer: Layer = { keys: [0], vals: [...zero], cost: [0], prev: [-1], choice: [-1] };
  const layers: Layer[] = [layer];
  // Failing items of each state as bits, built layer by layer from the previous state's.
  let lbP = new Int32Array(wordsP);
  let lbN = new Int32Array(wordsN);
  let states = 1;
  for (const unit of units) {
    const next = nextLayer(layer, unit, grid, pb.budget);
    states += next.keys.length;
    if (next.keys.length > pb.maxStates) throw new Unknown(`同一企业情形下项目答案可区分的组合超过 ${pb.maxStates} 种`, `more than ${pb.maxStates} distinguishable combinations of item answers for one enterprise situation`);
    pb.budget.check();
    const n = next.keys.length;
    const nbP = new Int32Array(n * wordsP);
    const nbN = new Int32Array(n * wordsN);
    for (let s = 0; s < n; s++) {
      pb.budget.tick();
      const [bp, bn] = bits(unit[next.choice[s]!]!);
      const from = next.prev[s]!;
      for (let w = 0; w < wordsP; w++) nbP[s * wordsP + w] = lbP[from * wordsP + w]! | bp[w]!;
      for (let w = 0; w < wordsN; w++) nbN[s * wordsN + w] = lbN[from * wordsN + w]! | bn[w]!;
    }
    lbP = nbP;
    lbN = nbN;
    layers.push(next);
    layer = next;
  }
  return { cost: layer.cost, bitsP: lbP, bitsN: lbN, wordsP, wordsN, witness: witnesses(layers, units), visited: states };
}

/**
 * Every state of a layer with every choice of the next unit, the cheapest kept per count vector.
 * It stays in one piece: it is the verifier's innermost loop, over flat arrays.
 */
function nextLayer(layer: Layer, unit: readonly Merged[], grid: Grid, budget: Budget): Layer {
  const { nc, capv, multv, scratch, slots } = grid;
  const next: Layer = { keys: [], vals: [], cost: [], prev: [], choice: [] };
  const deltas = new Int32Array(unit.length * nc);
  unit.forEach((ch, ci) => deltas.set(ch.delta, ci * nc));
  const vals = layer.vals;
  for (let s = 0; s < layer.keys.length; s++) {
    const c0 = layer.cost[s]!;
    const base = s * nc;
    for (let ci = 0; ci < unit.length; ci++) {
      budget.tick();
      const d0 = ci * nc;
      let key = 0;
      for (let k = 0; k < nc; k++) {
        const x = Math.min(vals[base + k]! + deltas[d0 + k]!, capv[k]!);
        scratch[k] = x;
        key += x * multv[k]!;
      }
      const cost = c0 + unit[ci]!.cost;
      const at = slots.lookup(key);
      if (at < 0) {
        slots.store(key, next.keys.length);
        next.keys.push(key);
        for (let k = 0; k < nc; k++) next.vals.push(scratch[k]!);
        next.cost.push(cost);
        next.prev.push(s);
        next.choice.push(ci);
      } else if (next.cost[at]! > cost) {
        next.cost[at] = cost;
        next.prev[at] = s;
        next.choice[at] = ci;
      }
    }
  }
  slots.reset();
  return next;
}

/** A final state's failing items, followed back through the layers' back-pointers. */
function witnesses(layers: readonly Layer[], units: readonly Merged[][]): (s: number) => { failP: number[]; failN: number[] } {
  return (s) => {
    const failP: number[] = [];
    const failN: number[] = [];
    let at = s;
    for (let u = layers.length - 1; u > 0; u--) {
      collectFailures(units[u - 1]![layers[u]!.choice[at]!]!, failP, failN);
      at = layers[u]!.prev[at]!;
    }
    return { failP: failP.sort((x, y) => x - y), failN: failN.sort((x, y) => x - y) };
  };
}

/** Decides every reachable vector with both generated classifiers, on records of one context. */
export function classifyStates(r: Reachable, P: Compiled, N: Compiled, pP: Prepared, naP: Int32Array, pN: Prepared, naN: Int32Array, budget: Budget, fP: Forced | null = null, fN: Forced | null = null): Map<number, Witness> {
  const passP = Int32Array.from(pP.pass);
  const passN = Int32Array.from(pN.pass);
  const sp: Prepared = { ...pP, pass: passP };
  const sn: Prepared = { ...pN, pass: passN };
  const kept = new Map<number, { s: number; assessedP: number; assessedN: number }>();
  const pw = pP.pass;
  const nw = pN.pass;
  const { bitsP, bitsN, wordsP, wordsN } = r;
  for (let s = 0; s < r.cost.length; s++) {
    budget.tick();
    for (let w = 0; w < wordsP; w++) passP[w] = pw[w]! & ~bitsP[s * wordsP + w]!;
    for (let w = 0; w < wordsN; w++) passN[w] = nw[w]! & ~bitsN[s * wordsN + w]!;
    // As decide() settles them, whatever the state's answers.
    if (fP) for (let w = 0; w < wordsP; w++) passP[w] = settledPass(passP, fP, w);
    if (fN) for (let w = 0; w < wordsN; w++) passN[w] = settledPass(passN, fN, w);
    const assessedP = P.gen.assess(sp, naP);
    const assessedN = N.gen.assess(sn, naN);
    const key = assessedP * 4 + assessedN;
    const prev = kept.get(key);
    if (!prev || r.cost[prev.s]! > r.cost[s]!) kept.set(key, { s, assessedP, assessedN });
  }
  const pairs = new Map<number, Witness>();
  for (const [key, { s, assessedP, assessedN }] of kept) pairs.set(key, { cost: Math.floor(r.cost[s]! / WEIGHT), ...r.witness(s), assessedP, assessedN });
  return pairs;
}
