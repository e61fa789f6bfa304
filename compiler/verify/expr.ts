// Walking a condition's IR: the verifier reads conditions in several ways (what they read, which
// names they mention, whether they can stand in another rule set), always over the same tree.
import type { IrExpr } from '../../runtime/index.js';

/** The operands of an expression (none for a leaf: a constant, a count, a fact, an event window…). */
export function operands(e: IrExpr): readonly IrExpr[] {
  switch (e.k) {
    case 'and':
    case 'or':
      return e.xs;
    case 'not':
      return [e.x];
    case 'cmp':
    case 'arith':
      return [e.l, e.r];
    default:
      return [];
  }
}

/** Every leaf of an expression, left to right. */
export function* leaves(e: IrExpr): Generator<IrExpr> {
  const xs = operands(e);
  if (xs.length === 0) yield e;
  else for (const x of xs) yield* leaves(x);
}

/** A count of the checklist's answers over an item set (通过数, 不通过数, 作答数, 通过率, all pass, any fails). */
export type CountExpr = Extract<IrExpr, { k: 'passed' | 'failed' | 'answered' | 'ratio' | 'allPass' | 'anyFail' }>;

const COUNTS = new Set<IrExpr['k']>(['passed', 'failed', 'answered', 'ratio', 'allPass', 'anyFail']);

export const isCount = (e: IrExpr): e is CountExpr => COUNTS.has(e.k);
