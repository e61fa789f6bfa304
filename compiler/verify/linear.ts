// Linear forms over the counts and numbers a condition reads, and the thresholds at which a
// comparison of such a form stops changing (the caps of the abstraction, docs/verification.md).
import type { IrExpr } from '../../runtime/ir.js';
import { leaves } from './expr.js';

/** Variable names: `f<set>` failures in a set, `a<set>` answered items of a set, `e<event>:<window>` events, `x<fact>` a number fact. */
export interface Lin {
  c: number;
  t: Map<string, number>;
}

export type Op = '<' | '<=' | '>' | '>=' | '=' | '!=';

export interface LinEnv {
  /** Answered items per set, when known (a not-applicable mask is fixed); else `a<set>` stays a variable. */
  answered?: (set: number) => number;
  /** Whether fact i is a number fact. */
  numberFact: (i: number) => boolean;
}

const konst = (c: number): Lin => ({ c, t: new Map() });

function add(a: Lin, b: Lin, sign: 1 | -1): Lin {
  const t = new Map(a.t);
  for (const [k, v] of b.t) {
    const n = (t.get(k) ?? 0) + sign * v;
    if (n === 0) t.delete(k);
    else t.set(k, n);
  }
  return { c: a.c + sign * b.c, t };
}

function scale(a: Lin, k: number): Lin {
  if (k === 0) return konst(0);
  return { c: a.c * k, t: new Map([...a.t].map(([n, v]) => [n, v * k])) };
}

/** The linear form of a numeric expression, or null when it is not linear (or not numeric). */
export function linear(e: IrExpr, env: LinEnv): Lin | null {
  switch (e.k) {
    case 'num':
      return konst(e.v);
    case 'failed':
      return { c: 0, t: new Map([[`f${e.set}`, 1]]) };
    case 'answered':
      return env.answered ? konst(env.answered(e.set)) : { c: 0, t: new Map([[`a${e.set}`, 1]]) };
    case 'passed': {
      const a = env.answered ? konst(env.answered(e.set)) : { c: 0, t: new Map([[`a${e.set}`, 1]]) };
      return add(a, { c: 0, t: new Map([[`f${e.set}`, 1]]) }, -1);
    }
    case 'events':
      return { c: 0, t: new Map([[`e${e.e}:${e.w}`, 1]]) };
    case 'fact':
      return env.numberFact(e.i) ? { c: 0, t: new Map([[`x${e.i}`, 1]]) } : null;
    case 'arith': {
      const l = linear(e.l, env);
      const r = linear(e.r, env);
      if (!l || !r) return null;
      if (e.op === '+') return add(l, r, 1);
      if (e.op === '-') return add(l, r, -1);
      if (e.op === '*') {
        if (l.t.size === 0) return scale(r, l.c);
        if (r.t.size === 0) return scale(l, r.c);
        return null;
      }
      if (r.t.size === 0 && r.c !== 0) return scale(l, 1 / r.c);
      return null;
    }
    default:
      return null;
  }
}

/** `l op r` as `form op 0`, for a ratio comparison (cross-multiplied, as the generated code does). */
export function ratioForm(l: IrExpr, r: IrExpr, answered: (set: number) => number): Lin | null {
  const frac = (e: IrExpr): { num: Lin; den: number } | null => {
    if (e.k === 'pct') return { num: konst(e.n), den: e.d };
    if (e.k === 'ratio') {
      const a = answered(e.set);
      if (a === 0) return { num: konst(1), den: 1 };
      return { num: { c: a, t: new Map([[`f${e.set}`, -1]]) }, den: a };
    }
    return null;
  };
  const fl = frac(l);
  const fr = frac(r);
  if (!fl || !fr) return null;
  return add(scale(fl.num, fr.den), scale(fr.num, fl.den), -1);
}

export function isIntegral(f: Lin): boolean {
  const ok = (x: number) => Number.isSafeInteger(x) && Math.abs(x) < 2 ** 31;
  return ok(f.c) && [...f.t.values()].every(ok);
}

const FLIP: Record<Op, Op> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '!=': '!=' };

function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/**
 * For `a·x + b op 0` with x a non-negative integer: the least T ≥ 0 such that the comparison has
 * the same truth for every x ≥ T. Exact for integer a and b; otherwise one above the computed value
 * (a margin for floating-point rounding), which only adds representatives.
 */
export function threshold(a: number, b: number, op: Op, integral: boolean): number {
  if (a < 0) return threshold(-a, -b, FLIP[op], integral);
  if (!integral) return Math.max(0, Math.floor(-b / a) + 2);
  // a > 0: the form increases with x; it is 0 at x* = -b/a.
  let t: number;
  if (op === '>=' || op === '<') t = -floorDiv(b, a); // ceil(x*)
  else t = floorDiv(-b, a) + 1; // least integer above x*
  return Math.max(0, t);
}

/** Variables of a form, by kind. */
export function varsOf(f: Lin): { items: string[]; events: string[]; facts: string[] } {
  const items: string[] = [];
  const events: string[] = [];
  const facts: string[] = [];
  for (const k of f.t.keys()) {
    if (k[0] === 'e') events.push(k);
    else if (k[0] === 'x') facts.push(k);
    else items.push(k);
  }
  return { items, events, facts };
}

/** Every variable an expression mentions (for non-linear ones). */
export function mentioned(e: IrExpr, env: LinEnv, out = new Set<string>()): Set<string> {
  for (const leaf of leaves(e)) mention(leaf, env, out);
  return out;
}

function mention(e: IrExpr, env: LinEnv, out: Set<string>): void {
  switch (e.k) {
    case 'failed':
    case 'passed':
    case 'ratio':
    case 'allPass':
    case 'anyFail':
      out.add(`f${e.set}`);
      break;
    case 'answered':
      out.add(`a${e.set}`);
      break;
    case 'events':
      out.add(`e${e.e}:${e.w}`);
      break;
    case 'fact':
      if (env.numberFact(e.i)) out.add(`x${e.i}`);
      break;
    default:
      break;
  }
}
