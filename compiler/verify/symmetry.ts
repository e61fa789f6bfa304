// Which named products the conditions cannot tell apart. Two products are interchangeable when
// swapping their names leaves every condition of both rule sets the same (up to the order of the
// parts of 且/或) and they have the same scope and risk on both sides; interchangeable products
// then matter only by how many of them a record lists. Thirteen CCC products named in one 或
// are then 14 cases (none, one, …, thirteen), not 2^13.
import type { IrExpr } from '../../runtime/ir.js';

/** A canonical text of an expression with product names renamed by `rename`. */
function canon(e: IrExpr, rename: (v: string) => string): string {
  switch (e.k) {
    case 'and':
    case 'or':
      return `${e.k}(${e.xs
        .map((x) => canon(x, rename))
        .sort()
        .join(',')})`;
    case 'not':
      return `not(${canon(e.x, rename)})`;
    case 'cmp':
      return `cmp${e.op}${e.t}(${canon(e.l, rename)},${canon(e.r, rename)})`;
    case 'arith':
      return `arith${e.op}(${canon(e.l, rename)},${canon(e.r, rename)})`;
    case 'product':
      return `product(${JSON.stringify(rename(e.v))})`;
    default:
      return JSON.stringify(e);
  }
}

function mentions(e: IrExpr, out: Set<string>): Set<string> {
  switch (e.k) {
    case 'and':
    case 'or':
      e.xs.forEach((x) => mentions(x, out));
      break;
    case 'not':
      mentions(e.x, out);
      break;
    case 'cmp':
    case 'arith':
      mentions(e.l, out);
      mentions(e.r, out);
      break;
    case 'product':
      out.add(e.v);
      break;
    default:
      break;
  }
  return out;
}

/**
 * Classes of interchangeable names among `names` (each class in the given order); `kind` gives
 * what else tells products apart (scope and risk on both sides). `tick` polls the time budget.
 */
export function interchangeable(exprs: readonly IrExpr[], names: readonly string[], kind: (name: string) => string, tick: () => void): string[][] {
  const byName = new Map<string, number[]>();
  exprs.forEach((e, i) => {
    for (const v of mentions(e, new Set())) {
      const l = byName.get(v);
      if (l) l.push(i);
      else byName.set(v, [i]);
    }
  });
  const same = (a: string, b: string): boolean => {
    const touched = [...new Set([...(byName.get(a) ?? []), ...(byName.get(b) ?? [])])];
    const id = (v: string) => v;
    const swap = (v: string) => (v === a ? b : v === b ? a : v);
    const before = touched.map((i) => canon(exprs[i]!, id)).sort();
    const after = touched.map((i) => canon(exprs[i]!, swap)).sort();
    return before.every((x, k) => x === after[k]);
  };
  const classes: string[][] = [];
  for (const n of names) {
    tick();
    const k = kind(n);
    // Swaps compose: a product interchangeable with a class's first member is with every member.
    const c = classes.find((cl) => kind(cl[0]!) === k && same(cl[0]!, n));
    if (c) c.push(n);
    else classes.push([n]);
  }
  return classes;
}
