// Pass-ratio thresholds over the ratios a checklist can produce (通用规则备注（二）, D1): exact
// comparison of k/m with n/d by cross-multiplying, and what a threshold allows for each number of
// answered items. One home for `check` (FL3003/FL3030), `doc` (the per-count tables) and the
// verifier's threshold suggestions.
import type { IrExpr } from '../../runtime/ir.js';

export type RatioOp = '<' | '<=' | '>' | '>=' | '=' | '!=';

/** Whether the ratio k/m compares with n/d as `op` says (exactly). */
export function ratioHolds(op: RatioOp, k: number, m: number, n: number, d: number): boolean {
  const a = k * d;
  const b = n * m;
  return { '<': a < b, '<=': a <= b, '>': a > b, '>=': a >= b, '=': a === b, '!=': a !== b }[op];
}

export interface Bound {
  set: number;
  /** true: ratio ≥/> bound; false: ratio ≤/< bound. */
  upward: boolean;
  inclusive: boolean;
  n: number;
  d: number;
}

const FLIP = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;

/** `通过率(S) op x%` in either order, else undefined. */
export function bound(e: IrExpr): Bound | undefined {
  if (e.k !== 'cmp' || e.t !== 'ratio' || e.op === '=' || e.op === '!=') return undefined;
  let { l, r } = e;
  let op: '<' | '<=' | '>' | '>=' = e.op;
  if (l.k === 'pct' && r.k === 'ratio') {
    [l, r] = [r, l];
    op = FLIP[op];
  }
  if (l.k !== 'ratio' || r.k !== 'pct') return undefined;
  return { set: l.set, upward: op === '>' || op === '>=', inclusive: op === '>=' || op === '<=', n: r.n, d: r.d };
}

export const boundOp = (b: Bound): RatioOp => (b.upward ? (b.inclusive ? '>=' : '>') : b.inclusive ? '<=' : '<');

/** Whether the ratio k/m satisfies the bound. */
export function holds(b: Bound, k: number, m: number): boolean {
  return ratioHolds(boundOp(b), k, m, b.n, b.d);
}

/** The failure counts f (0…answered) for which (answered − f)/answered `op` n/d. */
export function failuresAllowed(op: RatioOp, n: number, d: number, answered: number): number[] {
  return Array.from({ length: answered + 1 }, (_, f) => f).filter((f) => ratioHolds(op, answered - f, answered, n, d));
}

/** Those counts in words, as the documents print them: 无, 任意, 不通过不超过 7 项, 不通过 9 项及以上. */
export function failuresWords(ok: readonly number[], answered: number): { zh: string; en: string } {
  if (ok.length === 0) return { zh: '无', en: 'never' };
  if (ok.length === answered + 1) return { zh: '任意', en: 'always' };
  if (ok[0] === 0) return { zh: `不通过不超过 ${ok[ok.length - 1]} 项`, en: `at most ${ok[ok.length - 1]} failed` };
  return { zh: `不通过 ${ok[0]} 项及以上`, en: `${ok[0]} or more failed` };
}

/** The ratios k/m the checklist can produce, m from total − optional to total (optional: items that may be not applicable). */
export function producibleRatios(total: number, optional: number): { k: number; m: number }[] {
  const out: { k: number; m: number }[] = [];
  for (let m = total; m >= Math.max(1, total - optional); m--) for (let k = m; k >= 0; k--) out.push({ k, m });
  return out;
}
