// The record contexts the search decides, found per condition instead of as the product of all
// values. The context (facts, products, date and events) reaches the decision only through the
// parts of conditions that read no answers — atoms: `次数(行政处罚, 近3年) < 2`, `类型1 != "丙"`,
// `产品包含("产品7")` — and through what decide() reads (scope, risk level, trigger events).
// Each atom reads one variable: a group of facts, the product list, or the date and events.
// A variable's values are first cut into classes with the same atoms (each atom's value computed
// by the generated code on a prepared record); then the variables are taken one at a time and
// every condition is partly evaluated: contexts whose conditions are left the same (the same
// residual of every classification, not-applicable and settling condition, the same scope,
// risk and triggers) are one class, of which the cheapest is kept. Twenty facts each compared
// in its own 或 branch are then two cases, not 3^20, and a 且 of twelve event windows, five enums
// and five numbers is two cases after the three variables, not their product.
import { CONDITION_ORDER, type IrExpr, type Prepared } from '../../runtime/index.js';
import type { SideAnalysis } from './analyze.js';
import type { Budget } from './budget.js';
import { compileValues, type Compiled } from './evaluators.js';
import { contextRecord, type Situation } from './records.js';
import type { EventOption, FactGroup, FactValue, ProductOption } from './space.js';
import { isCount, leaves } from './expr.js';

/** One variable of the context and the values it takes. */
interface Variable {
  kind: 'facts' | 'products' | 'events';
  /** For the words of an "unknown" answer. */
  name: string;
  size: number;
  /** What a value adds to the context: events, then how unusual it is. */
  cost: (o: number) => number;
  /** What decide() reads from this variable's value (scope, risk, triggers), as text. */
  props: (o: number) => string;
  /** Sets the value in a situation. */
  set: (s: Situation, o: number) => Situation;
}

/** A condition with its atoms replaced by ids: what is left of it as atoms become known. */
type Tree = { t: 'atom'; id: number } | { t: 'inner'; key: string } | { t: 'and' | 'or'; xs: Tree[] } | { t: 'not'; x: Tree } | { t: 'const'; v: boolean };

interface Atom {
  side: 0 | 1;
  expr: IrExpr;
  /** The variable it reads (-1: none, a constant). */
  v: number;
}

/** One class of contexts: a representative situation (answers not set) and what identifies it. */
export interface ContextClass {
  facts: Record<string, FactValue>;
  unusual: number;
  products: ProductOption;
  events: EventOption;
  /** The residual of every condition: equal keys classify alike, given the previous class. */
  key: string;
  /** Checks the atoms on the representative's prepared records (a difference is an internal error). */
  check: (pP: Prepared, pN: Prepared) => boolean;
}

export interface ContextInput {
  P: Compiled;
  N: Compiled;
  aP: SideAnalysis;
  aN: SideAnalysis;
  groups: readonly FactGroup[];
  products: readonly ProductOption[];
  events: readonly EventOption[];
  budget: Budget;
}

export interface Contexts {
  classes: ContextClass[];
  /** Classes of values per variable (for the words of an "unknown" answer). */
  perVariable: ContextProgress['perVariable'];
}

/** How far the classes got (for the words of an "unknown" answer). */
export interface ContextProgress {
  /** Classes of values per variable, as far as they are known. */
  perVariable: { kind: 'facts' | 'products' | 'events'; name: string; size: number; classes: number }[];
  /** Classes of contexts after the variables taken so far. */
  states: number;
  /** Variables taken so far. */
  done: number;
}

const COST_EVENTS = 1 << 12;

/** The context's variables: each fact group with two values or more, the products, the date and events. */
interface Variables {
  vars: Variable[];
  /** Fact name → its group's variable. */
  factVar: Map<string, number>;
  productVar: number;
  eventVar: number;
}

function contextVariables(groups: readonly FactGroup[], products: readonly ProductOption[], events: readonly EventOption[]): Variables {
  const vars: Variable[] = [];
  const factVar = new Map<string, number>();
  groups.forEach((g) => {
    if (g.options.length < 2) return;
    const v = vars.length;
    g.names.forEach((n) => factVar.set(n, v));
    const first = g.options[0]!;
    const unusual = g.options.map((o) => g.names.filter((n) => o[n] !== first[n]).length);
    vars.push({
      kind: 'facts',
      name: g.names.length > 1 ? `${g.names[0]}等${g.names.length}项` : g.names[0]!,
      size: g.options.length,
      cost: (o) => unusual[o]!,
      props: () => '',
      set: (s, o) => ({ ...s, facts: { ...s.facts, ...g.options[o]! } }),
    });
  });
  const productVar = vars.length;
  vars.push({
    kind: 'products',
    name: '产品',
    size: products.length,
    cost: (o) => {
      const po = products[o]!;
      return (po.riskP !== po.riskN ? 1 : 0) + (po.riskP < 3 ? 1 : 0) + (po.declared ? 1 : 0) + (po.products.length === 1 ? 0 : 1);
    },
    props: (o) => {
      const po = products[o]!;
      return `${po.inP}${po.inP ? po.riskP : ''}|${po.inN}${po.inN ? po.riskN : ''}`;
    },
    set: (s, o) => ({ ...s, products: products[o]! }),
  });
  const eventVar = vars.length;
  vars.push({
    kind: 'events',
    name: '检查日期与事件',
    size: events.length,
    cost: (o) => events[o]!.total * COST_EVENTS + (events[o]!.prevDate ? 1 : 0),
    props: (o) => {
      const eo = events[o]!;
      return `${eo.trigP}|${eo.trigN}|${eo.prevDate === null}`;
    },
    set: (s, o) => ({ ...s, events: events[o]! }),
  });
  return { vars, factVar, productVar, eventVar };
}

/** What an expression reads: the context variables, and whether it reads answers or the previous class (inner). */
interface Reads {
  vars: Set<number>;
  inner: boolean;
}

/** Adds what one leaf reads to `out`. */
function readLeaf(e: IrExpr, side: SideAnalysis, variables: Variables, out: Reads): void {
  if (isCount(e)) {
    out.inner = true;
    return;
  }
  switch (e.k) {
    case 'na':
    case 'prevClass':
    case 'first':
      out.inner = true;
      break;
    case 'events':
      out.vars.add(variables.eventVar);
      break;
    case 'product':
    case 'riskLevel':
      out.vars.add(variables.productVar);
      break;
    case 'fact': {
      const v = variables.factVar.get(side.ir.facts[e.i]!.name);
      if (v !== undefined) out.vars.add(v);
      break;
    }
    default:
      break;
  }
}

/** Both sides' conditions as trees over atoms; null when one mixes answers with the context in one comparison. */
interface Conditions {
  atoms: Atom[];
  /** Every condition the generated code reads from the context: classification, not applicable, settling. */
  features: Tree[];
}

function conditionAtoms(P: Compiled, N: Compiled, sides: readonly [SideAnalysis, SideAnalysis], variables: Variables): Conditions | null {
  const atoms: Atom[] = [];
  const atomIds = new Map<string, number>();
  let opaque = false;
  const extract = (e: IrExpr, side: 0 | 1): Tree => {
    const r: Reads = { vars: new Set(), inner: false };
    for (const leaf of leaves(e)) readLeaf(leaf, sides[side], variables, r);
    if (!r.inner && r.vars.size <= 1) {
      const key = `${side}|${JSON.stringify(e)}`;
      let id = atomIds.get(key);
      if (id === undefined) {
        atomIds.set(key, (id = atoms.length));
        atoms.push({ side, expr: e, v: r.vars.size ? [...r.vars][0]! : -1 });
      }
      return { t: 'atom', id };
    }
    if (e.k === 'and' || e.k === 'or') return { t: e.k, xs: e.xs.map((x) => extract(x, side)) };
    if (e.k === 'not') return { t: 'not', x: extract(e.x, side) };
    if (r.vars.size) opaque = true;
    return { t: 'inner', key: `${side}|${JSON.stringify(e)}` };
  };
  const features: Tree[] = [];
  [P, N].forEach((c, side) => {
    // A class is given when any of its C conditions holds, or all of its other classes' conditions (assess()).
    for (const cls of CONDITION_ORDER) features.push(extract({ k: cls === 'C' ? 'or' : 'and', xs: c.ir.classification[cls].map((x) => x.when) }, side as 0 | 1));
    for (const it of c.ir.items) {
      for (const e of [it.na, it.failsWhen?.when, it.passesWhen?.when]) if (e) features.push(extract(e, side as 0 | 1));
    }
  });
  return opaque ? null : { atoms, features };
}

/** Atom values by the generated code, per side. */
interface AtomValues {
  /** Every atom's value on a situation's prepared records (of the sides given). */
  evaluate: (pp: [Prepared | null, Prepared | null]) => boolean[];
  /** The same, preparing only the sides with atoms among `ids`. */
  evaluateOn: (s: Situation, ids: readonly number[]) => boolean[];
}

function atomValues(P: Compiled, N: Compiled, atoms: readonly Atom[]): AtomValues {
  const atomsOf = [0, 1].map((side) => atoms.flatMap((a, id) => (a.side === side ? [id] : [])));
  const valuesOf = [P, N].map((c, side) =>
    compileValues(
      c.ir,
      atomsOf[side]!.map((id) => atoms[id]!.expr),
    ),
  );
  const evaluate = (pp: [Prepared | null, Prepared | null]): boolean[] => {
    const out = new Array<boolean>(atoms.length);
    for (const side of [0, 1]) {
      const p = pp[side];
      if (!p) continue;
      const vals = valuesOf[side]!(p);
      atomsOf[side]!.forEach((id, k) => (out[id] = vals[k] === true));
    }
    return out;
  };
  const evaluateOn = (s: Situation, ids: readonly number[]): boolean[] => {
    const onP = ids.some((id) => atoms[id]!.side === 0);
    const onN = ids.some((id) => atoms[id]!.side === 1);
    const pp: [Prepared | null, Prepared | null] = [null, null];
    for (const [side, c, on] of [[0, P, onP], [1, N, onN]] as const) {
      if (!on) continue;
      const x = c.evaluator.prepare(contextRecord(c.ir, s));
      if ('error' in x) throw new Error(`internal: a generated record does not prepare: ${JSON.stringify(x.error)}`);
      pp[side] = x;
    }
    return evaluate(pp);
  };
  return { evaluate, evaluateOn };
}

/** One class of a variable's values: its cheapest value and the atoms' values on it. */
interface ValueClass {
  o: number;
  vals: Map<number, boolean>;
}

/** A variable's values in classes: the same atoms and the same properties; the cheapest kept. */
function valueClasses(V: Variable, ids: readonly number[], base: Situation, values: AtomValues, budget: Budget): ValueClass[] {
  const best = new Map<string, ValueClass & { cost: number }>();
  for (let o = 0; o < V.size; o++) {
    budget.check();
    const vals = ids.length ? values.evaluateOn(V.set(base, o), ids) : [];
    const key = `${ids.map((id) => (vals[id] ? 1 : 0)).join('')}|${V.props(o)}`;
    const cost = V.cost(o);
    const prev = best.get(key);
    if (!prev || prev.cost > cost)
      best.set(key, {
        o,
        vals: new Map(ids.map((id) => [id, vals[id]!])),
        cost,
      });
  }
  return [...best.values()];
}

/** What is left of a condition when some atoms are known. */
function substitute(t: Tree, vals: Map<number, boolean>): Tree {
  switch (t.t) {
    case 'atom': {
      const v = vals.get(t.id);
      return v === undefined ? t : { t: 'const', v };
    }
    case 'not': {
      const x = substitute(t.x, vals);
      return x.t === 'const' ? { t: 'const', v: !x.v } : x === t.x ? t : { t: 'not', x };
    }
    case 'and':
    case 'or': {
      const absorbing = t.t === 'or';
      const xs: Tree[] = [];
      let changed = false;
      for (const c of t.xs) {
        const x = substitute(c, vals);
        if (x !== c) changed = true;
        if (x.t === 'const') {
          if (x.v === absorbing) return { t: 'const', v: absorbing };
          continue;
        }
        xs.push(x);
      }
      if (!changed) return t;
      if (xs.length === 0) return { t: 'const', v: !absorbing };
      if (xs.length === 1) return xs[0]!;
      return { t: t.t, xs };
    }
    default:
      return t;
  }
}

function treeText(t: Tree): string {
  switch (t.t) {
    case 'atom':
      return `a${t.id}`;
    case 'inner':
      return t.key;
    case 'const':
      return t.v ? 'T' : 'F';
    case 'not':
      return `!${treeText(t.x)}`;
    default:
      return `${t.t}(${t.xs.map(treeText).join(',')})`;
  }
}

const mentions = (t: Tree, ids: Set<number>): boolean =>
  t.t === 'atom' ? ids.has(t.id) : t.t === 'not' ? mentions(t.x, ids) : t.t === 'and' || t.t === 'or' ? t.xs.some((x) => mentions(x, ids)) : false;

/** A class of contexts on the way: the conditions' residuals after the variables taken so far. */
interface State {
  trees: Tree[];
  /** Each condition's residual as an interned number. */
  texts: number[];
  picks: number[];
  props: string;
  cost: number;
}

/**
 * Takes the variables one at a time, the fewest classes first (fewer states on the way): contexts
 * whose residuals and decide() properties are the same are one state, the cheapest kept.
 */
function combineVariables(vars: readonly Variable[], byVar: readonly number[][], perVar: readonly ValueClass[][], features: readonly Tree[], constVals: Map<number, boolean>, budget: Budget, progress: ContextProgress): State[] {
  const interned = new Map<string, number>();
  const intern = (t: Tree): number => {
    const x = treeText(t);
    let id = interned.get(x);
    if (id === undefined) interned.set(x, (id = interned.size));
    return id;
  };
  const trees = features.map((f) => substitute(f, constVals));
  let states: State[] = [{ trees, texts: trees.map(intern), picks: [], props: '', cost: 0 }];
  const order = vars.map((_, v) => v).sort((x, y) => perVar[x]!.length - perVar[y]!.length);
  for (const v of order) {
    const ids = new Set(byVar[v]!);
    const affected = features.flatMap((f, k) => (mentions(f, ids) ? [k] : []));
    const next = new Map<string, State>();
    for (const s of states) {
      for (const c of perVar[v]!) {
        budget.tick();
        const trees = [...s.trees];
        const texts = [...s.texts];
        for (const k of affected) {
          const t = substitute(s.trees[k]!, c.vals);
          if (t !== s.trees[k]) {
            trees[k] = t;
            texts[k] = intern(t);
          }
        }
        const props = `${s.props}|${vars[v]!.props(c.o)}`;
        const key = `${props}#${texts.join(',')}`;
        const picks = [...s.picks];
        picks[v] = c.o;
        const cost = s.cost + vars[v]!.cost(c.o);
        const prev = next.get(key);
        if (!prev || prev.cost > cost) next.set(key, { trees, texts, picks, props, cost });
      }
      progress.states = Math.max(progress.states, next.size);
    }
    states = [...next.values()];
    progress.states = states.length;
    progress.done++;
  }
  return states.sort((x, y) => x.cost - y.cost);
}

/**
 * The classes of record contexts, cheapest first; null when a condition mixes answers with the
 * context inside one comparison (`不通过数 + 次数(…) > 3`): the search then walks the product.
 */
export function contextClasses(input: ContextInput, progress: ContextProgress): Contexts | null {
  const { P, N, aP, aN, groups, products, events, budget } = input;
  const variables = contextVariables(groups, products, events);
  const { vars, factVar, productVar, eventVar } = variables;
  const conditions = conditionAtoms(P, N, [aP, aN], variables);
  if (!conditions) return null;
  const { atoms, features } = conditions;
  const values = atomValues(P, N, atoms);
  const base: Situation = {
    products: products[0]!,
    facts: Object.assign({}, ...groups.map((g) => g.options[0]!)) as Record<string, FactValue>,
    events: events[0]!,
    prev: -1,
    periodic: true,
    failP: [],
    failN: [],
  };
  const byVar = vars.map((_, v) => atoms.flatMap((a, id) => (a.v === v ? [id] : [])));
  const perVar = vars.map((V, v) => {
    const classes = valueClasses(V, byVar[v]!, base, values, budget);
    progress.perVariable.push({ kind: V.kind, name: V.name, size: V.size, classes: classes.length });
    return classes;
  });

  // Constant atoms first (they read no variable), then the variables one at a time.
  const constants = atoms.flatMap((a, id) => (a.v < 0 ? [id] : []));
  const start = constants.length ? values.evaluateOn(base, constants) : [];
  const constVals = new Map(constants.map((id) => [id, start[id]!]));
  const states = combineVariables(vars, byVar, perVar, features, constVals, budget, progress);

  // Equal residuals, one short key.
  const keys = new Map<string, string>();
  const classes = states.map((s): ContextClass => {
    const facts: Record<string, FactValue> = { ...base.facts };
    let unusual = 0;
    vars.forEach((V, v) => {
      if (V.kind !== 'facts') return;
      Object.assign(facts, groups.find((g) => factVar.get(g.names[0]!) === v)!.options[s.picks[v]!]);
      unusual += V.cost(s.picks[v]!);
    });
    const text = s.texts.join(',');
    let key = keys.get(text);
    if (key === undefined) keys.set(text, (key = String(keys.size)));
    return {
      facts,
      unusual,
      products: products[s.picks[productVar]!]!,
      events: events[s.picks[eventVar]!]!,
      key,
      check: (pP, pN) => {
        const got = values.evaluate([pP, pN]);
        const want = new Map<number, boolean>(constVals);
        vars.forEach((_, v) => perVar[v]!.find((x) => x.o === s.picks[v])?.vals.forEach((b, id) => want.set(id, b)));
        return got.every((b, id) => want.get(id) === b);
      },
    };
  });
  return { classes, perVariable: progress.perVariable };
}
