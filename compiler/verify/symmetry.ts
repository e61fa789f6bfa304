// Which named products, and which yes/no enterprise facts, the conditions cannot tell apart.
// Two products are interchangeable when swapping their names leaves every condition of both rule
// sets the same (up to the order of the parts of 且/或, and with each not-applicable condition
// still on an item the search cannot tell from the one it was on) and they have the same scope
// and risk on both sides; interchangeable products then matter only by how many of them a record
// lists. Thirteen CCC products named in one 或 are 14 cases (none, one, …, thirteen), not 2^13.
// Facts likewise: twenty yes/no facts that each make one of twenty like items not applicable
// are 21 cases (how many hold), not 2^20.
import type { IrExpr } from '../../runtime/ir.js';
import { leaves } from './expr.js';

/** One rule set's conditions, and the names of its facts by index. */
export interface Conditions {
  exprs: readonly { tag: string; expr: IrExpr }[];
  factName: (i: number) => string;
}

/** A canonical text of an expression with product or fact names renamed by `rename`. */
function canon(e: IrExpr, rename: (v: string) => string, what: 'product' | 'fact', factName: (i: number) => string): string {
  switch (e.k) {
    case 'and':
    case 'or':
      return `${e.k}(${e.xs
        .map((x) => canon(x, rename, what, factName))
        .sort()
        .join(',')})`;
    case 'not':
      return `not(${canon(e.x, rename, what, factName)})`;
    case 'cmp':
      return `cmp${e.op}${e.t}(${canon(e.l, rename, what, factName)},${canon(e.r, rename, what, factName)})`;
    case 'arith':
      return `arith${e.op}(${canon(e.l, rename, what, factName)},${canon(e.r, rename, what, factName)})`;
    case 'product':
      return `product(${JSON.stringify(what === 'product' ? rename(e.v) : e.v)})`;
    case 'fact':
      return `fact(${JSON.stringify(what === 'fact' ? rename(factName(e.i)) : factName(e.i))})`;
    default:
      return JSON.stringify(e);
  }
}

function mentions(e: IrExpr, what: 'product' | 'fact', factName: (i: number) => string, out: Set<string>): Set<string> {
  for (const leaf of leaves(e)) {
    if (leaf.k === 'product' && what === 'product') out.add(leaf.v);
    else if (leaf.k === 'fact' && what === 'fact') out.add(factName(leaf.i));
  }
  return out;
}

/**
 * Classes of interchangeable names among `names` (each class in the given order); `kind` gives
 * what else tells them apart (products: scope and risk on both sides; facts: type and default).
 * `tick` polls the time budget.
 */
export function interchangeable(sides: readonly Conditions[], what: 'product' | 'fact', names: readonly string[], kind: (name: string) => string, tick: () => void): string[][] {
  const all = sides.flatMap((s, si) => s.exprs.map((x) => ({ expr: x.expr, tag: `${si}|${x.tag}`, factName: s.factName })));
  const byName = new Map<string, number[]>();
  all.forEach((x, i) => {
    for (const v of mentions(x.expr, what, x.factName, new Set())) {
      const l = byName.get(v);
      if (l) l.push(i);
      else byName.set(v, [i]);
    }
  });
  const text = (i: number, rename: (v: string) => string) => `${all[i]!.tag}:${canon(all[i]!.expr, rename, what, all[i]!.factName)}`;
  const same = (a: string, b: string): boolean => {
    const touched = [...new Set([...(byName.get(a) ?? []), ...(byName.get(b) ?? [])])];
    const swap = (v: string) => (v === a ? b : v === b ? a : v);
    const before = touched.map((i) => text(i, (v) => v)).sort();
    const after = touched.map((i) => text(i, swap)).sort();
    return before.every((x, k) => x === after[k]);
  };
  const classes: string[][] = [];
  for (const n of names) {
    tick();
    const k = kind(n);
    // Swaps compose: a name interchangeable with a class's first member is with every member.
    const c = classes.find((cl) => kind(cl[0]!) === k && same(cl[0]!, n));
    if (c) c.push(n);
    else classes.push([n]);
  }
  return classes;
}
