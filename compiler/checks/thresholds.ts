import type { IrExpr } from '../../runtime/ir.js';
import type { Check } from './check.js';

interface Bound {
  set: number;
  /** true: ratio ≥/> bound; false: ratio ≤/< bound. */
  upward: boolean;
  inclusive: boolean;
  n: number;
  d: number;
}

const FLIP = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;

/** `通过率(S) op x%` in either order, else undefined. */
function bound(e: IrExpr): Bound | undefined {
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

/**
 * A replaced pass-ratio threshold is not looser (通用规则备注（二）, D1): for AA/A/B the
 * ratios that qualify may only shrink, for C the ratios that make C may only grow.
 * Other replacements cannot be compared here; the verifier decides them.
 */
export const thresholds: Check = {
  name: 'thresholds',
  codes: ['FL3003', 'FL3011'],
  run({ model, reporter, ast }) {
    for (const cls of ['C', 'AA', 'A', 'B'] as const) {
      for (const c of model.classification[cls]) {
        if (!c.replaces || c.from.file !== ast.file) continue;
        const p = bound(c.when.ir);
        const b = bound(c.replaces.when.ir);
        const loc = c.when.source.loc;
        const args = { cls, name: c.name ?? '', national: c.replaces.when.source.text, province: c.when.source.text };
        if (!p || !b || p.set !== b.set || p.set > 1 || p.upward !== b.upward || p.upward === (cls === 'C')) {
          reporter.report('FL3011', args, loc.start, loc.end);
          continue;
        }
        const cmp = p.n * b.d - b.n * p.d; // sign of (province bound − base bound)
        const looser = p.upward
          ? cmp < 0 || (cmp === 0 && p.inclusive && !b.inclusive)
          : cmp < 0 || (cmp === 0 && !p.inclusive && b.inclusive);
        if (looser) reporter.report('FL3003', args, loc.start, loc.end);
      }
    }
  },
};
