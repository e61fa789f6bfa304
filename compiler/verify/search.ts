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
import { countEvents, forcedItems, type Decision, type Prepared } from '../../runtime/index.js';
import { MODE_RANK } from '../model/types.js';
import { eventClass, type SideAnalysis } from './analyze.js';
import { deadlineBudget, Unknown } from './budget.js';
import type { Compiled } from './evaluators.js';
import { contextClasses, type ContextProgress } from './contexts.js';
import { classifyStates, reachableStates, type Reachable, type Witness } from './items.js';
import { nationalRecord, provincialRecord, type Mapping, type Situation } from './records.js';
import {
  eventOptions,
  factAssignments,
  factCount,
  factDims,
  factGroups,
  productClasses,
  productListCount,
  productOptions,
  type EventOption,
  type FactGroup,
  type FactValue,
  type ProductClass,
  type ProductOption,
} from './space.js';
import type { WeakKind } from './types.js';

/** Failed items, events, then how unusual the context is (so that examples read simply). */
export type Cost = [number, number, number];

export interface Found {
  situation: Situation;
  kind: WeakKind;
  cost: Cost;
  /** Class and mode ranks found: province, then national (-1: out of scope). */
  decided: [number, number, number, number];
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
}

const CLASS_RANK: Record<string, number> = { C: 0, B: 1, A: 2, AA: 3 };

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

/** Entries of the checklist cache before it is emptied (see search()). */
const CACHE_LIMIT = 50_000;

/** Product lists beyond which the answer is "unknown" at once (each list is prepared twice). */
const MAX_PRODUCT_LISTS = 200_000;

/** What makes the space large, in words (for an "unknown" answer). */
function spaceWords(
  dims: readonly FactGroup[],
  classes?: readonly ProductClass[],
  products?: readonly ProductOption[],
  events?: readonly EventOption[],
  progress?: ContextProgress,
): { zh: string; en: string } {
  const zh: string[] = [];
  const en: string[] = [];
  const n = (x: number) => x.toLocaleString('en');
  if (progress?.perVariable.length) {
    // Per condition: the classes of each part of the context, and how many contexts they made so far.
    const parts = progress.perVariable.filter((p) => p.classes > 1);
    const facts = parts.filter((p) => p.kind === 'facts').sort((x, y) => y.classes - x.classes);
    const others = parts.filter((p) => p.kind !== 'facts');
    const most = parts.reduce((m, p) => m * p.classes, 1);
    const shown = facts.slice(0, 3);
    const zhFacts = facts.length ? `企业信息 ${shown.map((p) => `${p.name} ${n(p.classes)} 类`).join('、')}${facts.length > 3 ? ` 等 ${facts.length} 组` : ''}` : '';
    const enFacts = facts.length ? `enterprise facts ${shown.map((p) => `${p.name} ${n(p.classes)}`).join(', ')}${facts.length > 3 ? ` and ${facts.length - 3} more groups` : ''}` : '';
    zh.push(`按条件区分后已有 ${n(progress.states)} 种以上可区分的情形（${[zhFacts, ...others.map((p) => `${p.name} ${n(p.classes)} 类`)].filter(Boolean).join('，')}；它们影响不同的条件，组合起来最多 ${n(most)} 种）`);
    en.push(`${n(progress.states)}+ distinguishable contexts after reasoning per condition (classes: ${[enFacts, ...others.map((p) => `${p.kind === 'products' ? 'products' : 'dates and events'} ${n(p.classes)}`)].filter(Boolean).join('; ')}; they change different conditions, up to ${n(most)} combinations)`);
  }
  const big = [...dims].filter((d) => d.options.length > 1).sort((x, y) => y.options.length - x.options.length);
  if (big.length) {
    const names = big.slice(0, 4).map((d) => `${d.names.length > 1 ? `${d.names[0]}等${d.names.length}项` : d.names[0]} ${d.options.length}`);
    const facts = big.reduce((s, d) => s + d.names.length, 0);
    zh.push(`企业信息 ${facts} 项共 ${n(factCount(dims))} 种取值组合（${names.map((x) => `${x} 种`).join('、')}${big.length > 4 ? ' 等' : ''}）`);
    en.push(`${n(factCount(dims))} assignments of ${facts} enterprise facts (${names.join(', ')}${big.length > 4 ? ', …' : ''})`);
  }
  if (classes) {
    const named = classes.filter((c) => c.read).map((c) => c.members.slice(0, 3).join('/') + (c.members.length > 3 ? '…' : ''));
    const count = products ? products.length : productListCount(classes);
    const list = named.length ? `${named.slice(0, 3).join('；')}${named.length > 3 ? ' …' : ''}` : '';
    zh.push(`产品 ${n(count)} 种组合${list ? `（条件点名的产品分 ${named.length} 类：${list}）` : ''}`);
    en.push(`${n(count)} product lists${list ? ` (${named.length} classes of named products: ${list})` : ''}`);
  }
  if (events) {
    zh.push(`检查日期与事件 ${n(events.length)} 种组合`);
    en.push(`${n(events.length)} combinations of dates and events`);
  } else if (classes) {
    zh.push('事件组合尚未列完');
    en.push('event combinations not yet listed');
  }
  return { zh: zh.join('；'), en: en.join('; ') };
}

export function search(input: SearchInput): SearchOutput {
  const { P, N, aP, aN, mapping } = input;
  const dims = factGroups(factDims(P.ir, N.ir, aP, aN), aP, aN, () => undefined);
  // The space as far as it is built, for the words of an "unknown" answer.
  const space: {
    classes?: ProductClass[];
    products?: ProductOption[];
    events?: EventOption[];
    progress?: ContextProgress;
  } = {};
  const budget = deadlineBudget(input.deadline, input.cancelled, () => spaceWords(dims, space.classes, space.products, space.events, space.progress));
  const read = new Set([...aP.products, ...aN.products]);
  const classes = (space.classes = productClasses(P, N, aP, aN, input.from, budget.check));
  if (productListCount(classes) > MAX_PRODUCT_LISTS) {
    const w = spaceWords(dims, classes, undefined, undefined);
    throw new Unknown(`可区分的产品组合过多：${w.zh}`, `too many distinguishable product lists: ${w.en}`);
  }
  const products = (space.products = productOptions(P, N, classes, read, input.from, budget.check));
  const events = (space.events = eventOptions(P.ir, N.ir, aP, aN, input.from, input.to, budget));
  const nReadsP = aP.events.size;
  const progress: ContextProgress = { perVariable: [], states: 0, done: 0 };
  if (input.strategy !== 'exhaustive') space.progress = progress;
  const perCondition = input.strategy === 'exhaustive' ? null : contextClasses({ P, N, aP, aN, groups: dims, products, events, budget }, progress);

  const out: SearchOutput = {
    weak: null,
    minimal: true,
    stopped: null,
    stricter: new Map(),
    situations: 0,
    contexts: 0,
    itemProblems: 0,
    states: 0,
  };
  const itemCache = new Map<string, Witness[]>();
  const reachableByMask = new Map<string, Reachable>();
  // Each side's class and mode, by what that side's decide() reads after classification:
  // (assessed class, risk, previous class, form, trigger); only when both sides are in scope.
  type Decided = [number, number, number, number];
  const decidedP: ([number, number] | undefined)[] = new Array<[number, number] | undefined>(240);
  const decidedN: ([number, number] | undefined)[] = new Array<[number, number] | undefined>(240);
  const better = (a: Cost, b: Cost) => a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])));
  const allPass: Witness = {
    cost: 0,
    failP: [],
    failN: [],
    assessedP: -1,
    assessedN: -1,
  };

  const withAnswers = (p: Prepared, w: Witness, side: 'P' | 'N', prev: number, periodic: boolean, noPrevDate: boolean): Prepared => {
    const pass = Int32Array.from(p.pass);
    if (side === 'P') for (const i of w.failP) pass[i >> 5]! &= ~(1 << (i & 31));
    else {
      const fail = new Set(w.failN);
      for (const i of w.failP) if (mapping.natOf[i]! >= 0) fail.add(mapping.natOf[i]!);
      for (const j of fail) pass[j >> 5]! &= ~(1 << (j & 31));
    }
    return { ...p, pass, prev, periodic, noPrevDate };
  };
  const outcome = (d: Decision): [number, number] => (d.inScope ? [CLASS_RANK[d.class!]!, MODE_RANK[d.mode!]] : [-1, -1]);
  const mismatch = (what: string) => new Error(`internal: the abstract context differs from the prepared record (${what})`);

  const PERIODIC = [true, false] as const;
  interface Entry {
    k: number;
    periodic: boolean;
    kind: WeakKind | null;
    c0: number;
    /** The part of the context's unusualness that the previous class and the form add. */
    cx: number;
    d: Decided;
  }
  interface Summary {
    count: number;
    weak: Entry | null;
    groups: Map<number, { count: number; best: Entry }>;
  }
  const summaries = new Map<string, Summary>();
  // Lists of pairs alike in what a summary reads (classes and costs, by position) share one id.
  const ids = new WeakMap<Witness[], number>();
  const bySignature = new Map<string, number>();
  const pairsId = (p: Witness[]) => {
    let id = ids.get(p);
    if (id === undefined) {
      const sig = p.map((w) => `${w.assessedP}.${w.assessedN}.${w.cost}`).join(',');
      id = bySignature.get(sig);
      if (id === undefined) bySignature.set(sig, (id = bySignature.size));
      ids.set(p, id);
    }
    return id;
  };
  try {
    walk();
  } catch (e) {
    // The first weakness found stands (it is replayed like any other); only its minimality is lost.
    if (!(e instanceof Unknown) || !out.weak) throw e;
    out.minimal = false;
    out.stopped = { zh: e.zh, en: e.en };
  }
  return out;

  /** A record context to decide, with the key of what its conditions read. */
  interface Context {
    po: ProductOption;
    fa: Record<string, FactValue>;
    unusual: number;
    eo: EventOption;
    key: string;
    /** Per condition: checks the atoms on the prepared records; exhaustive: null (the values read are checked). */
    check: ((pP: Prepared, pN: Prepared) => boolean) | null;
  }
  function* everyContext(): Generator<Context> {
    for (const po of products) {
      for (const { facts: fa, unusual } of factAssignments(dims)) {
        const keyP = aP.facts.size + aP.products.size + (aP.readsRisk ? 1 : 0) ? abstractReadKey(aP, P.ir, fa, po, po.riskP, -9, []) : '';
        const keyN = aN.facts.size + aN.products.size + (aN.readsRisk ? 1 : 0) ? abstractReadKey(aN, N.ir, fa, po, po.riskN, -9, []) : '';
        for (const eo of events)
          yield {
            po,
            fa,
            unusual,
            eo,
            key: `${keyP}|${keyN}|${eo.reads.join(',')}`,
            check: null,
          };
      }
    }
  }
  function* classContexts(): Generator<Context> {
    for (const c of perCondition!.classes)
      yield {
        po: c.products,
        fa: c.facts,
        unusual: c.unusual,
        eo: c.events,
        key: c.key,
        check: c.check,
      };
  }

  function walk(): void {
    for (const { po, fa, unusual, eo, key, check } of perCondition ? classContexts() : everyContext()) {
      budget.check();
      out.contexts++;
      // The record context, prepared on first need.
      let prepared: { pP: Prepared; pN: Prepared } | null = null;
      const prepare = () => {
        if (prepared) return prepared;
        const base: Situation = {
          products: po,
          facts: fa,
          events: eo,
          prev: -1,
          periodic: true,
          failP: [],
          failN: [],
        };
        const pP = P.evaluator.prepare(provincialRecord(P.ir, base, null));
        const pN = N.evaluator.prepare(nationalRecord(N.ir, mapping, base, null));
        if ('error' in pP || 'error' in pN) throw new Error(`internal: a generated record does not prepare: ${JSON.stringify('error' in pP ? pP.error : (pN as { error: unknown }).error)}`);
        if (pP.inScope !== po.inP || pN.inScope !== po.inN || (pP.inScope && pP.risk !== po.riskP) || (pN.inScope && pN.risk !== po.riskN)) throw mismatch('scope or risk');
        if (triggered(P, pP) !== eo.trigP || triggered(N, pN) !== eo.trigN) throw mismatch('trigger events');
        if (check && !check(pP, pN)) throw mismatch('parts of conditions read from the context');
        prepared = { pP, pN };
        return prepared;
      };
      const inScope = po.inP && po.inN;
      if (!po.inP && !po.inN) {
        // Outside the Measures on both sides (第二条): no class on either side, nothing to compare.
        out.situations += 10;
        continue;
      }
      const baseComplexity = (po.riskP !== po.riskN ? 1 : 0) + (po.riskP < 3 ? 1 : 0) + (po.declared ? 1 : 0) + (eo.prevDate ? 1 : 0) + unusual + (po.products.length === 1 ? 0 : 1);
      const ctxP = ((po.riskP - 1) * 2 + (eo.trigP ? 1 : 0)) * 10;
      const ctxN = ((po.riskN - 1) * 2 + (eo.trigN ? 1 : 0)) * 10;
      for (let prev = -1; prev <= 3; prev++) {
        const noPrevDate = prev >= 0 && eo.prevDate === null;
        let pairs: Witness[];
        if (!inScope) pairs = [allPass];
        else {
          const abstractKey = `${key}|${aP.readsPrev || aN.readsPrev ? prev : ''}`;
          let cached = itemCache.get(abstractKey);
          if (!cached) {
            const { pP, pN } = prepare();
            const vP: Prepared = { ...pP, prev, noPrevDate };
            const vN: Prepared = { ...pN, prev, noPrevDate };
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
            let reach = reachableByMask.get(maskKey);
            if (!reach) {
              reach = reachableStates({
                P,
                N,
                aP,
                aN,
                naP,
                naN,
                ...(fixedP ? { fixedP } : {}),
                ...(fixedN ? { fixedN } : {}),
                natOf: mapping.natOf,
                subsOf: mapping.subsOf,
                maxStates: input.maxStates,
                budget,
              });
              reachableByMask.set(maskKey, reach);
              out.states += reach.visited;
            }
            out.itemProblems++;
            const solved = [...classifyStates(reach, P, N, vP, naP, vN, naN, budget, fP, fN).values()];
            cached = solved;
            // Bounded: in a large space most keys never come back, and an unbounded cache only feeds the collector.
            if (itemCache.size >= CACHE_LIMIT) {
              itemCache.clear();
              summaries.clear();
            }
            itemCache.set(abstractKey, cached);
          }
          pairs = cached;
        }
        // The outcomes of (pairs × form) depend only on the pairs and on what decide() reads;
        // they are summarised once per such combination and applied to every context that has it.
        let summary: Summary | undefined;
        const comboKey = inScope ? `${pairsId(pairs)}|${ctxP}|${ctxN}|${prev}` : '';
        if (inScope) summary = summaries.get(comboKey);
        if (!summary) {
          summary = { count: 0, weak: null, groups: new Map() };
          for (const periodic of PERIODIC) {
            const sit = (prev + 1) * 2 + (periodic ? 1 : 0);
            for (let k = 0; k < pairs.length; k++) {
              const w = pairs[k]!;
              summary.count++;
              let d: Decided;
              const keyP = w.assessedP * 60 + ctxP + sit;
              const keyN = w.assessedN * 60 + ctxN + sit;
              const hitP = inScope ? decidedP[keyP] : undefined;
              const hitN = inScope ? decidedN[keyN] : undefined;
              if (hitP && hitN) d = [hitP[0], hitP[1], hitN[0], hitN[1]];
              else {
                const { pP, pN } = prepare();
                const dp = P.evaluator.decide(withAnswers(pP, w, 'P', prev, periodic, noPrevDate));
                const dn = N.evaluator.decide(withAnswers(pN, w, 'N', prev, periodic, noPrevDate));
                if ('error' in dp || 'error' in dn)
                  throw new Error(`internal: a generated situation is a record error: ${JSON.stringify('error' in dp ? dp.error : (dn as { error: unknown }).error)}`);
                if (inScope && (CLASS_RANK[dp.assessedClass!] !== w.assessedP || CLASS_RANK[dn.assessedClass!] !== w.assessedN)) throw mismatch('assessed class');
                d = [...outcome(dp), ...outcome(dn)] as Decided;
                if (inScope) {
                  if (hitP && (hitP[0] !== d[0] || hitP[1] !== d[1])) throw mismatch('provincial decision');
                  if (hitN && (hitN[0] !== d[2] || hitN[1] !== d[3])) throw mismatch('national decision');
                  decidedP[keyP] = [d[0], d[1]];
                  decidedN[keyN] = [d[2], d[3]];
                }
              }
              const cP = d[0];
              const mP = d[1];
              const cN = d[2];
              const mN = d[3];
              let kind: WeakKind | null = null;
              let stricter = false;
              if (cP < 0 || cN < 0) {
                if (cP < 0 && cN >= 0) kind = 'scope';
                else if (cP >= 0 && cN < 0) stricter = true;
              } else if (cP > cN) kind = 'class';
              else if (mP > mN) kind = 'mode';
              else stricter = cP < cN || mP < mN;
              if (!kind && !(stricter && input.stricter)) continue;
              const entry: Entry = {
                k,
                periodic,
                kind,
                c0: w.cost,
                cx: (prev >= 0 ? 1 : 0) + (periodic ? 0 : 1),
                d,
              };
              if (kind) {
                const b = summary.weak;
                if (!b || entry.c0 < b.c0 || (entry.c0 === b.c0 && entry.cx < b.cx)) summary.weak = entry;
                continue;
              }
              // Groups of stricter situations, by what makes the province stricter.
              let g: number;
              if (cN < 0) g = 0;
              else if (w.assessedP < w.assessedN) g = 1 + w.assessedN * 4 + w.assessedP;
              else if (cP < cN) g = prev >= 0 && eo.trigP !== eo.trigN ? 60 : prev < 0 ? 40 : 20 + cN * 4 + cP;
              else if (po.riskP !== po.riskN) g = 100 + po.riskN * 4 + po.riskP;
              else g = 200 + ((po.riskP * 4 + cP) * 4 + mN) * 4 + mP;
              const sg = summary.groups.get(g);
              if (!sg) summary.groups.set(g, { count: 1, best: entry });
              else {
                sg.count++;
                if (entry.c0 < sg.best.c0 || (entry.c0 === sg.best.c0 && entry.cx < sg.best.cx)) sg.best = entry;
              }
            }
          }
          if (inScope) summaries.set(comboKey, summary);
        }
        out.situations += summary.count;
        const situation = (e: Entry): Situation => ({
          products: po,
          facts: fa,
          events: eo,
          prev,
          periodic: e.periodic,
          failP: pairs[e.k]!.failP,
          failN: pairs[e.k]!.failN,
        });
        if (summary.weak) {
          const e = summary.weak;
          const cost: Cost = [e.c0, eo.total, baseComplexity + e.cx];
          if (!out.weak || better(cost, out.weak.cost))
            out.weak = {
              situation: situation(e),
              kind: e.kind!,
              cost,
              decided: e.d,
            };
        }
        for (const [g, sg] of summary.groups) {
          const e = sg.best;
          const prevG = out.stricter.get(g);
          // Most contexts only add to the count (allocate nothing then).
          if (prevG) {
            const c = prevG.cost;
            const cx = baseComplexity + e.cx;
            if (!(e.c0 < c[0] || (e.c0 === c[0] && (eo.total < c[1] || (eo.total === c[1] && cx < c[2]))))) {
              prevG.count += sg.count;
              continue;
            }
          }
          const cost: Cost = [e.c0, eo.total, baseComplexity + e.cx];
          if (!prevG) {
            const cause: StricterGroup['cause'] = g === 0 ? 'scope' : g < 20 ? 'assess' : g < 100 ? 'review' : g < 200 ? 'risk' : 'mode';
            out.stricter.set(g, {
              cause,
              situation: situation(e),
              cost,
              count: sg.count,
              decided: e.d,
            });
          } else {
            prevG.count += sg.count;
            if (better(cost, prevG.cost))
              Object.assign(prevG, {
                situation: situation(e),
                cost,
                decided: e.d,
              });
          }
        }
      }
    }
  }
}

export type { EventOption };
