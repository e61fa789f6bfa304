// Builders and span stripping for the expression tests.
import type { BinaryOp, CompareOp, Expr, WindowUnit } from '../../../grammar/expr/ast.js';

type NoSpan<T> = T extends { kind: string } ? { [K in keyof T as K extends 'start' | 'end' | 'opSpan' | 'calleeSpan' ? never : K]: StripDeep<T[K]> } : T;
type StripDeep<T> = T extends Expr ? NoSpan<T> : T extends (infer U)[] ? StripDeep<U>[] : T;
export type Bare = NoSpan<Expr>;

/** The tree without offsets, for shape comparisons. */
export function strip(e: Expr): Bare {
  return JSON.parse(
    JSON.stringify(e, (k, v: unknown) => (k === 'start' || k === 'end' || k === 'opSpan' || k === 'calleeSpan' ? undefined : v)),
  ) as Bare;
}

export const name = (n: string): Bare => ({ kind: 'name', name: n });
export const num = (value: number, text = String(value)): Bare => ({ kind: 'number', value, text });
export const pct = (n: number, den: number, text: string): Bare => ({ kind: 'percent', num: n, den, text });
export const str = (value: string): Bare => ({ kind: 'string', value });
export const bool = (value: boolean): Bare => ({ kind: 'bool', value });
export const cls = (value: 'AA' | 'A' | 'B' | 'C'): Bare => ({ kind: 'class', value });
export const risk = (level: 1 | 2 | 3): Bare => ({ kind: 'risk', level });
export const item = (id: string): Bare => ({ kind: 'item', id });
export const win = (amount: number, unit: WindowUnit | 'review'): Bare => ({ kind: 'window', amount, unit });
export const call = (callee: string, ...args: Bare[]): Bare => ({ kind: 'call', callee, args });
export const set = (...elements: Bare[]): Bare => ({ kind: 'set', elements });
export const or = (...operands: Bare[]): Bare => ({ kind: 'or', operands });
export const and = (...operands: Bare[]): Bare => ({ kind: 'and', operands });
export const not = (operand: Bare): Bare => ({ kind: 'not', operand });
export const neg = (operand: Bare): Bare => ({ kind: 'neg', operand });
export const cmp = (op: CompareOp, left: Bare, right: Bare): Bare => ({ kind: 'compare', op, left, right });
export const ar = (op: BinaryOp, left: Bare, right: Bare): Bare => ({ kind: 'arith', op, left, right });
export const error: Bare = { kind: 'error' };

/** Every node of a tree, iteratively (fuzzed trees can be deep). */
export function nodes(root: Expr): Expr[] {
  const all: Expr[] = [];
  const stack = [root];
  while (stack.length) {
    const e = stack.pop()!;
    all.push(e);
    switch (e.kind) {
      case 'or': case 'and': stack.push(...e.operands); break;
      case 'not': case 'neg': stack.push(e.operand); break;
      case 'compare': case 'arith': stack.push(e.left, e.right); break;
      case 'call': stack.push(...e.args); break;
      case 'set': stack.push(...e.elements); break;
      default: break; // literals, names, items, windows and errors have no operands
    }
  }
  return all;
}
