// The search over the whole finite input space: every record context (products, facts, date,
// previous review date, events) × previous class × form × every reachable pair of assessed
// classes, each decided by both compiled evaluators. It keeps the weakness with the fewest
// failed items, then the fewest events, and groups the situations where the province is stricter.
//
// Two caches make it fast, and both are keyed by everything the cached code reads:
// - the checklist part (items.ts) by the not-applicable masks and the values the generated
//   classifiers read (facts, product names, risk, previous class, event counts);
// - a decision by the pair of assessed classes and what decide() reads after classification
//   (scope, composite risk, previous class, form, whether a trigger event counts).
// A record context is prepared only when one of them misses; every prepared context is checked
// against the abstract values it was keyed by (a difference is an internal error).
import { CLASS_RANK, countEvents, forcedItems, type Decision, type Prepared } from '../../runtime/index.js';
import { MODE_RANK } from '../model/types.js';
import { eventClass, type SideAnalysis } from './analyze.js';
import { deadlineBudget, Unknown, type Budget } from './budget.js';
import type { Compiled } from './evaluators.js';
import { classifyStates, reachableStates, type Reachable, type Witness } from './items.js';
import { nationalRecord, provincialRecord, type Mapping, type Situation } from './records.js';
import { buildSpace, MAX_PREPARED, reusable, spaceWords, type SearchSpace } from './search-space.js';
import { factAssignments, type EventOption, type FactValue, type ProductOption } from './space.js';
import type { WeakKind } from './types.js';

/** Failed items, events, then how unusual the context is (so that examples read simply). */
export type Cost = [number, number, number];

export interface Found {
  situation: Situation;
  kind: WeakKind;
  cost: Cost;
  /** Class and mode ranks found: province, then national (-1: out of scope). */
  decided: [number, number, number, number];
  /** Its context's position among the contexts per condition (see SearchInput.startAt). */
  at: number;
}

export interface StricterGroup {
  /** What makes the province stricter. */
  cause: 'assess' | 'review' | 'risk' | 'mode' | 'scope';
  situation: Situation;
  cost: Cost;
  count: number;
  decided: [number, number, number, number];
}

export interface SearchInput {
  P: Compiled;
  N: Compiled;
  aP: SideAnalysis;
  aN: SideAnalysis;
  mapping: Mapping;
  from: string;
  to: string | null;
  maxStates: number;
  deadline: number;
  stricter: boolean;
  cancelled?: () => boolean;
  /**
   * 'conditions' (the default): the contexts as classes found per condition (contexts.ts);
   * 'exhaustive': the product of every fact, product and event option — the search before it,
   * kept for comparison in the benchmark.
   */
  strategy?: 'conditions' | 'exhaustive';
  /** The space of an earlier search, used again when it was built from the same (reusable()). */
  space?: SearchSpace;
  /** Stop at the first weakness found (not minimal): enough to know the rules are still weaker. */
  firstWeakness?: boolean;
  /**
   * With the contexts per condition: the position to begin at (then round to the beginning), so
   * that a search for any weakness looks first where an earlier search found one.
   */
  startAt?: number;
}

export interface SearchOutput {
  weak: Found | null;
  /** False when the time ran out after a weakness was found: it is the simplest found so far, maybe not the simplest. */
  minimal: boolean;
  /** Why the search stopped early (only with a weakness found). */
  stopped: { zh: string; en: string } | null;
  stricter: Map<number, StricterGroup>;
  situations: number;
  contexts: number;
  itemProblems: number;
  states: number;
  /** The space searched, for a later search of the same rules with other thresholds. */
  space: SearchSpace;
}

function triggered(c: Compiled, p: Prepared): boolean {
  return c.ir.events.some((e, i) => e.trigger && countEvents(p.events[i]!, p.reviewStart, p.day) > 0);
}

/** What the generated code of one side reads besides answers and the not-applicable mask, from a prepared record. */
function readKey(a: SideAnalysis, p: Prepared): string {
  const parts: (string | number | boolean)[] = [];
  for (const i of a.facts.keys()) parts.push(p.facts[i] as string | number | boolean);
  for (const name of a.products) parts.push(p.products.includes(name));
  if (a.readsRisk) parts.push(p.risk);
  if (a.readsPrev) parts.push(p.prev);
  for (const r of a.events.values()) parts.push(eventClass(r, countEvents(p.events[r.e]!, p.win[r.w]!, p.day)));
  return JSON.stringify(parts);
}

/** The same from the abstract context (what the record will contain). */
function abstractReadKey(a: SideAnalysis, ir: Compiled['ir'], fa: Record<string, FactValue>, po: ProductOption, risk: number, prev: number, reads: readonly number[]): string {
  const parts: (string | number | boolean)[] = [];
  for (const i of a.facts.keys()) parts.push(fa[ir.facts[i]!.name]!);
  for (const name of a.products) parts.push(po.products.includes(name));
  if (a.readsRisk) parts.push(risk);
  if (a.readsPrev) parts.push(prev);
  parts.push(...reads);
  return JSON.stringify(parts);
}

/** Entries of the checklist cache before it is emptied (see Walk.pairsFor). */
const CACHE_LIMIT = 50_000;

/** Thrown inside the walk when the first weakness is enough (SearchInput.firstWeakness). */
class FirstFound extends Error {}

export function search(input: SearchInput): SearchOutput {
  // The space as far as it is built, for the words of an "unknown" answer.
  const partial: Partial<SearchSpace> = {};
  const budget = deadlineBudget(input.deadline, input.cancelled, () => spaceWords(partial.dims ?? [], partial.classes, partial.products, partial.events, partial.progress));
  const space = input.space && reusable(input.space, input) ? input.space : buildSpace(input, budget, partial);
  Object.assign(partial, space);
  const walk = new Walk(input, space, budget);
  try {
    walk.run();
  } catch (e) {
    // The first weakness found stands (it is replayed like any other); only its minimality is lost.
    if (!(e instanceof Unknown || e instanceof FirstFound) || !walk.out.weak) throw e;
    walk.out.minimal = false;
    if (e instanceof Unknown) walk.out.stopped = { zh: e.zh, en: e.en };
  }
  return { ...walk.out, space };
}

/** A record context to decide, with the key of what its conditions read. */
interface Context {
  po: ProductOption;
  fa: Record<string, FactValue>;
  unusual: number;
  eo: EventOption;
  key: string;
  /** Per condition: checks the atoms on the prepared records; exhaustive: null (the values read are checked). */
  check: ((pP: Prepared, pN: Prepared) => boolean) | null;
  /** Position among the contexts per condition (-1: exhaustive). */
  at: number;
}

/** The exhaustive strategy's contexts: every product list × fact assignment × date and events. */
function* everyContext(space: SearchSpace, input: SearchInput): Generator<Context> {
  const { P, N, aP, aN } = input;
  for (const po of space.products) {
    for (const { facts: fa, unusual } of factAssignments(space.dims)) {
      const keyP = aP.facts.size + aP.products.size + (aP.readsRisk ? 1 : 0) ? abstractReadKey(aP, P.ir, fa, po, po.riskP, -9, []) : '';
      const keyN = aN.facts.size + aN.products.size + (aN.readsRisk ? 1 : 0) ? abstractReadKey(aN, N.ir, fa, po, po.riskN, -9, []) : '';
      for (const eo of space.events) yield { po, fa, unusual, eo, key: `${keyP}|${keyN}|${eo.reads.join(',')}`, check: null, at: -1 };
    }
  }
}

/** The contexts found per condition, cheapest first, from position `start` round to it. */
function* classContexts(space: SearchSpace, start: number): Generator<Context> {
  const classes = space.perCondition!.classes;
  const from = start > 0 && start < classes.length ? start : 0;
  for (let i = 0; i < classes.length; i++) {
    const at = (from + i) % classes.length;
    const c = classes[at]!;
    yield { po: c.products, fa: c.facts, unusual: c.unusual, eo: c.events, key: c.key, check: c.check, at };
  }
}

/** Each side's class and mode ranks: province, then national (-1: out of scope). */
type Decided = [number, number, number, number];

/** One decided situation of a summary: which pair, which form, what it is. */
interface Entry {
  k: number;
  periodic: boolean;
  kind: WeakKind | null;
  c0: number;
  /** The part of the context's unusualness that the previous class and the form add. */
  cx: number;
  d: Decided;
}

/** The outcomes of (pairs × form) for one combination of what decide() reads. */
interface Summary {
  count: number;
  weak: Entry | null;
  groups: Map<number, { count: number; best: Entry }>;
}

const PERIODIC = [true, false] as const;

const better = (a: Cost, b: Cost) => a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])));

const outcome = (d: Decision): [number, number] => (d.inScope ? [CLASS_RANK[d.class!]!, MODE_RANK[d.mode!]] : [-1, -1]);

const mismatch = (what: string) => new Error(`internal: the abstract context differs from the prepared record (${what})`);

/** Weaker (and how), stricter, or the same: from both sides' class and mode ranks. */
function compare(d: Decided): { kind: WeakKind | null; stricter: boolean } {
  const [cP, mP, cN, mN] = d;
  if (cP < 0 || cN < 0) return { kind: cP < 0 && cN >= 0 ? 'scope' : null, stricter: cP >= 0 && cN < 0 };
  if (cP > cN) return { kind: 'class', stricter: false };
  if (mP > mN) return { kind: 'mode', stricter: false };
  return { kind: null, stricter: cP < cN || mP < mN };
}

/** The group of a stricter situation, by what makes the province stricter (see StricterGroup.cause). */
function stricterGroup(d: Decided, w: Witness, po: ProductOption, eo: EventOption, prev: number): number {
  const [cP, mP, cN, mN] = d;
  if (cN < 0) return 0;
  if (w.assessedP < w.assessedN) return 1 + w.assessedN * 4 + w.assessedP;
  if (cP < cN) return prev >= 0 && eo.trigP !== eo.trigN ? 60 : prev < 0 ? 40 : 20 + cN * 4 + cP;
  if (po.riskP !== po.riskN) return 100 + po.riskN * 4 + po.riskP;
  return 200 + ((po.riskP * 4 + cP) * 4 + mN) * 4 + mP;
}

const causeOf = (g: number): StricterGroup['cause'] => (g === 0 ? 'scope' : g < 20 ? 'assess' : g < 100 ? 'review' : g < 200 ? 'risk' : 'mode');

/** A context's records on both sides, prepared on first need and checked against the abstract context. */
type Records = () => { pP: Prepared; pN: Prepared };

/**
 * The walk over the contexts: for each context and previous class, the checklist part (pairs of
 * assessed classes with their cheapest answers), then the outcomes of each pair in each form.
 */
class Walk {
  readonly out: Omit<SearchOutput, 'space'> = { weak: null, minimal: true, stopped: null, stricter: new Map(), situations: 0, contexts: 0, itemProblems: 0, states: 0 };
  private readonly itemCache = new Map<string, Witness[]>();
  private readonly reachableByMask = new Map<string, Reachable>();
  // Each side's class and mode, by what that side's decide() reads after classification:
  // (assessed class, risk, previous class, form, trigger); only when both sides are in scope.
  private readonly decidedP = new Array<[number, number] | undefined>(240);
  private readonly decidedN = new Array<[number, number] | undefined>(240);
  private readonly summaries = new Map<string, Summary>();
  // Lists of pairs alike in what a summary reads (classes and costs, by position) share one id.
  private readonly ids = new WeakMap<Witness[], number>();
  private readonly bySignature = new Map<string, number>();
  private readonly allPass: Witness = { cost: 0, failP: [], failN: [], assessedP: -1, assessedN: -1 };

  constructor(
    private readonly input: SearchInput,
    private readonly space: SearchSpace,
    private readonly budget: Budget,
  ) {}

  run(): void {
    const contexts = this.space.perCondition ? classContexts(this.space, this.input.startAt ?? 0) : everyContext(this.space, this.input);
    for (const ctx of contexts) {
      this.budget.check();
      this.out.contexts++;
      const { po, eo } = ctx;
      if (!po.inP && !po.inN) {
        // Outside the Measures on both sides (第二条): no class on either side, nothing to compare.
        this.out.situations += 10;
        continue;
      }
      const records = this.records(ctx);
      const baseComplexity = (po.riskP !== po.riskN ? 1 : 0) + (po.riskP < 3 ? 1 : 0) + (po.declared ? 1 : 0) + (eo.prevDate ? 1 : 0) + ctx.unusual + (po.products.length === 1 ? 0 : 1);
      for (let prev = -1; prev <= 3; prev++) {
        const pairs = po.inP && po.inN ? this.pairsFor(ctx, prev, records) : [this.allPass];
        const summary = this.summary(pairs, ctx, prev, records);
        this.out.situations += summary.count;
        this.keep(summary, pairs, ctx, prev, baseComplexity);
      }
    }
  }

  private records(ctx: Context): Records {
    const { P, N, mapping } = this.input;
    const { po, fa, eo, check } = ctx;
    const saved = ctx.at >= 0 ? this.space.prepared.get(ctx.at) : undefined;
    if (saved) return () => saved;
    let prepared: { pP: Prepared; pN: Prepared } | null = null;
    return () => {
      if (prepared) return prepared;
      const base: Situation = { products: po, facts: fa, events: eo, prev: -1, periodic: true, failP: [], failN: [] };
      const pP = P.evaluator.prepare(provincialRecord(P.ir, base, null));
      const pN = N.evaluator.prepare(nationalRecord(N.ir, mapping, base, null));
      if ('error' in pP || 'error' in pN) throw new Error(`internal: a generated record does not prepare: ${JSON.stringify('error' in pP ? pP.error : (pN as { error: unknown }).error)}`);
      if (pP.inScope !== po.inP || pN.inScope !== po.inN || (pP.inScope && pP.risk !== po.riskP) || (pN.inScope && pN.risk !== po.riskN)) throw mismatch('scope or risk');
      if (triggered(P, pP) !== eo.trigP || triggered(N, pN) !== eo.trigN) throw mismatch('trigger events');
      if (check && !check(pP, pN)) throw mismatch('parts of conditions read from the context');
      prepared = { pP, pN };
      if (ctx.at >= 0 && this.space.prepared.size < MAX_PREPARED) this.space.prepared.set(ctx.at, prepared);
      return prepared;
    };
  }

  /** The checklist part of a context with a previous class (both sides in scope), from the cache when its key was seen. */
  private pairsFor(ctx: Context, prev: number, records: Records): Witness[] {
    const { aP, aN } = this.input;
    const abstractKey = `${ctx.key}|${aP.readsPrev || aN.readsPrev ? prev : ''}`;
    const cached = this.itemCache.get(abstractKey);
    if (cached) return cached;
    const solved = this.solveChecklist(ctx, prev, records);
    // Bounded: in a large space most keys never come back, and an unbounded cache only feeds the collector.
    if (this.itemCache.size >= CACHE_LIMIT) {
      this.itemCache.clear();
      this.summaries.clear();
    }
    this.itemCache.set(abstractKey, solved);
    return solved;
  }

  /** The reachable pairs of assessed classes of one context, each with its cheapest answers (items.ts). */
  private solveChecklist(ctx: Context, prev: number, records: Records): Witness[] {
    const { P, N, aP, aN, mapping } = this.input;
    const { po, fa, eo, check } = ctx;
    const { pP, pN } = records();
    const noPrevDate = prev >= 0 && eo.prevDate === null;
    const vP: Prepared = { ...pP, prev, noPrevDate };
    const vN: Prepared = { ...pN, prev, noPrevDate };
    const nReadsP = aP.events.size;
    if (!check && readKey(aP, vP) !== abstractReadKey(aP, P.ir, fa, po, po.riskP, prev, eo.reads.slice(0, nReadsP))) throw mismatch('values read by the provincial conditions');
    if (!check && readKey(aN, vN) !== abstractReadKey(aN, N.ir, fa, po, po.riskN, prev, eo.reads.slice(nReadsP))) throw mismatch('values read by the national conditions');
    // Items settled by 视为不通过/通过条件 count as decide() counts them (never not-applicable).
    const fP = forcedItems(P.gen, vP);
    const fN = forcedItems(N.gen, vN);
    const naP = fP ? P.gen.na(vP).map((x, w) => x & ~fP.fail[w]! & ~fP.pass[w]!) : P.gen.na(vP);
    const naN = fN ? N.gen.na(vN).map((x, w) => x & ~fN.fail[w]! & ~fN.pass[w]!) : N.gen.na(vN);
    const fixedP = fP ? fP.fail.map((x, w) => x | fP.pass[w]!) : undefined;
    const fixedN = fN ? fN.fail.map((x, w) => x | fN.pass[w]!) : undefined;
    const maskKey = `${Array.from(naP).join(',')}|${Array.from(naN).join(',')}|${fixedP ? Array.from(fixedP).join(',') : ''}|${fixedN ? Array.from(fixedN).join(',') : ''}`;
    let reach = this.reachableByMask.get(maskKey);
    if (!reach) {
      reach = reachableStates({ P, N, aP, aN, naP, naN, ...(fixedP ? { fixedP } : {}), ...(fixedN ? { fixedN } : {}), natOf: mapping.natOf, subsOf: mapping.subsOf, maxStates: this.input.maxStates, budget: this.budget });
      this.reachableByMask.set(maskKey, reach);
      this.out.states += reach.visited;
    }
    this.out.itemProblems++;
    return [...classifyStates(reach, P, N, vP, naP, vN, naN, this.budget, fP, fN).values()];
  }

  private pairsId(p: Witness[]): number {
    let id = this.ids.get(p);
    if (id === undefined) {
      const sig = p.map((w) => `${w.assessedP}.${w.assessedN}.${w.cost}`).join(',');
      id = this.bySignature.get(sig);
      if (id === undefined) this.bySignature.set(sig, (id = this.bySignature.size));
      this.ids.set(p, id);
    }
    return id;
  }

  /**
   * The outcomes of (pairs × form) depend only on the pairs and on what decide() reads; they are
   * summarised once per such combination and applied to every context that has it.
   */
  private summary(pairs: Witness[], ctx: Context, prev: number, records: Records): Summary {
    const { po, eo } = ctx;
    const inScope = po.inP && po.inN;
    const ctxP = ((po.riskP - 1) * 2 + (eo.trigP ? 1 : 0)) * 10;
    const ctxN = ((po.riskN - 1) * 2 + (eo.trigN ? 1 : 0)) * 10;
    const comboKey = inScope ? `${this.pairsId(pairs)}|${ctxP}|${ctxN}|${prev}` : '';
    const known = inScope ? this.summaries.get(comboKey) : undefined;
    if (known) return known;
    const summary: Summary = { count: 0, weak: null, groups: new Map() };
    for (const periodic of PERIODIC) {
      const sit = (prev + 1) * 2 + (periodic ? 1 : 0);
      for (let k = 0; k < pairs.length; k++) {
        const w = pairs[k]!;
        summary.count++;
        const d = this.decide(w, inScope, w.assessedP * 60 + ctxP + sit, w.assessedN * 60 + ctxN + sit, prev, periodic, eo, records);
        const { kind, stricter } = compare(d);
        if (!kind && !(stricter && this.input.stricter)) continue;
        const entry: Entry = { k, periodic, kind, c0: w.cost, cx: (prev >= 0 ? 1 : 0) + (periodic ? 0 : 1), d };
        if (kind) {
          const b = summary.weak;
          if (!b || entry.c0 < b.c0 || (entry.c0 === b.c0 && entry.cx < b.cx)) summary.weak = entry;
          continue;
        }
        const g = stricterGroup(d, w, po, eo, prev);
        const sg = summary.groups.get(g);
        if (!sg) summary.groups.set(g, { count: 1, best: entry });
        else {
          sg.count++;
          if (entry.c0 < sg.best.c0 || (entry.c0 === sg.best.c0 && entry.cx < sg.best.cx)) sg.best = entry;
        }
      }
    }
    if (inScope) this.summaries.set(comboKey, summary);
    return summary;
  }

  /** Both sides' class and mode for one pair in one form: from what decide() gave for the same reads, else by deciding. */
  private decide(w: Witness, inScope: boolean, keyP: number, keyN: number, prev: number, periodic: boolean, eo: EventOption, records: Records): Decided {
    const { P, N } = this.input;
    const hitP = inScope ? this.decidedP[keyP] : undefined;
    const hitN = inScope ? this.decidedN[keyN] : undefined;
    if (hitP && hitN) return [hitP[0], hitP[1], hitN[0], hitN[1]];
    const { pP, pN } = records();
    const noPrevDate = prev >= 0 && eo.prevDate === null;
    const dp = P.evaluator.decide(this.withAnswers(pP, w, 'P', prev, periodic, noPrevDate));
    const dn = N.evaluator.decide(this.withAnswers(pN, w, 'N', prev, periodic, noPrevDate));
    if ('error' in dp || 'error' in dn) throw new Error(`internal: a generated situation is a record error: ${JSON.stringify('error' in dp ? dp.error : (dn as { error: unknown }).error)}`);
    if (inScope && (CLASS_RANK[dp.assessedClass!] !== w.assessedP || CLASS_RANK[dn.assessedClass!] !== w.assessedN)) throw mismatch('assessed class');
    const d = [...outcome(dp), ...outcome(dn)] as Decided;
    if (inScope) {
      if (hitP && (hitP[0] !== d[0] || hitP[1] !== d[1])) throw mismatch('provincial decision');
      if (hitN && (hitN[0] !== d[2] || hitN[1] !== d[3])) throw mismatch('national decision');
      this.decidedP[keyP] = [d[0], d[1]];
      this.decidedN[keyN] = [d[2], d[3]];
    }
    return d;
  }

  /** The prepared record with the pair's failing items answered “fail” (national: the parents of failing sub-items too). */
  private withAnswers(p: Prepared, w: Witness, side: 'P' | 'N', prev: number, periodic: boolean, noPrevDate: boolean): Prepared {
    const pass = Int32Array.from(p.pass);
    if (side === 'P') for (const i of w.failP) pass[i >> 5]! &= ~(1 << (i & 31));
    else {
      const natOf = this.input.mapping.natOf;
      const fail = new Set(w.failN);
      for (const i of w.failP) if (natOf[i]! >= 0) fail.add(natOf[i]!);
      for (const j of fail) pass[j >> 5]! &= ~(1 << (j & 31));
    }
    return { ...p, pass, prev, periodic, noPrevDate };
  }

  /** The summary's weakness and stricter groups, kept where they are simpler than those found so far. */
  private keep(summary: Summary, pairs: Witness[], ctx: Context, prev: number, baseComplexity: number): void {
    const { po, fa, eo } = ctx;
    const situation = (e: Entry): Situation => ({ products: po, facts: fa, events: eo, prev, periodic: e.periodic, failP: pairs[e.k]!.failP, failN: pairs[e.k]!.failN });
    const out = this.out;
    if (summary.weak) {
      const e = summary.weak;
      const cost: Cost = [e.c0, eo.total, baseComplexity + e.cx];
      if (!out.weak || better(cost, out.weak.cost)) out.weak = { situation: situation(e), kind: e.kind!, cost, decided: e.d, at: ctx.at };
      if (this.input.firstWeakness) throw new FirstFound();
    }
    for (const [g, sg] of summary.groups) {
      const e = sg.best;
      const prevG = out.stricter.get(g);
      const cx = baseComplexity + e.cx;
      // Most contexts only add to the count (allocate nothing then).
      if (prevG) {
        const c = prevG.cost;
        if (!(e.c0 < c[0] || (e.c0 === c[0] && (eo.total < c[1] || (eo.total === c[1] && cx < c[2]))))) {
          prevG.count += sg.count;
          continue;
        }
      }
      const cost: Cost = [e.c0, eo.total, cx];
      if (!prevG) out.stricter.set(g, { cause: causeOf(g), situation: situation(e), cost, count: sg.count, decided: e.d });
      else {
        prevG.count += sg.count;
        if (better(cost, prevG.cost)) Object.assign(prevG, { situation: situation(e), cost, decided: e.d });
      }
    }
  }
}

export type { EventOption };
