// The part of the search's space outside the checklist, built once per pair of rule sets: the
// classes of products, the fact groups, the dates and event histories, and the record contexts
// found per condition. A pass-ratio threshold reads answers only, so its constant changes none
// of them: verifying a suggested threshold reuses the space of the verdict (see reusable()).
import { bound } from '../checks/ratio-bound.js';
import type { IrExpr, Prepared } from '../../runtime/index.js';
import type { SideAnalysis } from './analyze.js';
import type { Budget } from './budget.js';
import { Unknown } from './budget.js';
import { contextClasses, type ContextProgress, type Contexts } from './contexts.js';
import type { Compiled } from './evaluators.js';
import { eventOptions, factCount, factDims, factGroups, productClasses, productListCount, productOptions, type EventOption, type FactGroup, type ProductClass, type ProductOption } from './space.js';

export interface SpaceInput {
  P: Compiled;
  N: Compiled;
  aP: SideAnalysis;
  aN: SideAnalysis;
  from: string;
  to: string | null;
  strategy?: 'conditions' | 'exhaustive';
}

export interface SearchSpace {
  dims: FactGroup[];
  classes: ProductClass[];
  products: ProductOption[];
  events: EventOption[];
  /** The record contexts as classes per condition; null: the product of every option (exhaustive, or a condition mixing answers with the context). */
  perCondition: Contexts | null;
  /** How far the contexts per condition got (for the words of an "unknown" answer). */
  progress?: ContextProgress;
  /** What the space was built from (see spaceKey), computed on first need. */
  key: () => string;
  /**
   * The prepared records of the contexts per condition (by position) as far as a search prepared
   * them: a record is prepared from the context alone, so a later search of the same space takes
   * them as they are (at most MAX_PREPARED).
   */
  prepared: Map<number, { pP: Prepared; pN: Prepared }>;
}

export const MAX_PREPARED = 5_000;

/** Product lists beyond which the answer is "unknown" at once (each list is prepared twice). */
const MAX_PRODUCT_LISTS = 200_000;

/**
 * The space, as far as it gets before the budget runs out. `partial` receives each part as it is
 * built, for the words of an "unknown" answer.
 */
export function buildSpace(input: SpaceInput, budget: Budget, partial: Partial<SearchSpace>): SearchSpace {
  const { P, N, aP, aN } = input;
  const dims = (partial.dims = factGroups(factDims(P.ir, N.ir, aP, aN), aP, aN, () => undefined));
  const classes = (partial.classes = productClasses(P, N, aP, aN, input.from, budget.check));
  if (productListCount(classes) > MAX_PRODUCT_LISTS) {
    const w = spaceWords(dims, classes);
    throw new Unknown(`可区分的产品组合过多：${w.zh}`, `too many distinguishable product lists: ${w.en}`);
  }
  const read = new Set([...aP.products, ...aN.products]);
  const products = (partial.products = productOptions(P, N, classes, read, input.from, budget.check));
  const events = (partial.events = eventOptions(P.ir, N.ir, aP, aN, input.from, input.to, budget));
  const progress: ContextProgress = { perVariable: [], states: 0, done: 0 };
  if (input.strategy !== 'exhaustive') partial.progress = progress;
  const perCondition = input.strategy === 'exhaustive' ? null : contextClasses({ P, N, aP, aN, groups: dims, products, events, budget }, progress);
  let key: string | undefined;
  return { dims, classes, products, events, perCondition, ...(partial.progress ? { progress: partial.progress } : {}), key: () => (key ??= spaceKey(input)), prepared: new Map() };
}

/** The space built for `space` serves `input` too: everything it was built from is the same. */
export function reusable(space: SearchSpace, input: SpaceInput): boolean {
  return space.key() === spaceKey(input);
}

/** The expression with the constant of every pass-ratio comparison left out. */
function blank(e: IrExpr): IrExpr {
  if (bound(e) && e.k === 'cmp') return { ...e, l: e.l.k === 'pct' ? { k: 'pct', n: 0, d: 1 } : e.l, r: e.r.k === 'pct' ? { k: 'pct', n: 0, d: 1 } : e.r };
  if (e.k === 'and' || e.k === 'or') return { ...e, xs: e.xs.map(blank) };
  if (e.k === 'not') return { ...e, x: blank(e.x) };
  return e;
}

/** One side's part of the key (the national side's is the same in every search of a verification: kept). */
const sideKeys = new WeakMap<SideAnalysis, string>();
function sideKey(c: Compiled, a: SideAnalysis): string {
  let key = sideKeys.get(a);
  if (key === undefined || a.ir !== c.ir) {
    const ir = c.ir;
    const classification = Object.fromEntries(Object.entries(ir.classification).map(([cls, cs]) => [cls, cs.map((x) => ({ ...x, when: blank(x.when) }))]));
    const exprs = a.exprs.map((x) => ({ tag: x.tag, expr: blank(x.expr) }));
    key = JSON.stringify([{ ...ir, classification }, exprs, [...a.facts], [...a.events], [...a.products], a.readsRisk, a.readsPrev]);
    if (a.ir === c.ir) sideKeys.set(a, key);
  }
  return key;
}

/**
 * Everything the space depends on: both IRs and analyses (the parts read from the context) with
 * the constant of every pass-ratio comparison left out (such a comparison reads answers, never
 * the context), the interval and the strategy.
 */
function spaceKey(x: SpaceInput): string {
  return JSON.stringify([sideKey(x.P, x.aP), sideKey(x.N, x.aN), x.from, x.to, x.strategy ?? 'conditions']);
}

/** What makes the space large, in words (for an "unknown" answer). */
export function spaceWords(
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
