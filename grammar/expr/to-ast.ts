// CST → AST. Error recovery can leave any child missing or hand back tokens it
// invented (`isInsertedInRecovery`, NaN offsets), so every step falls back to an
// ErrorExpr at a sensible offset instead of trusting the shape of the tree.
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type { ArithExpr, BinaryOp, ClassLit, CompareOp, Expr } from './ast.js';
import { percentValue, riskLevel, stringValue, windowValue } from './literals.js';
import * as T from './tokens.js';

/** An expression plus its outer extent, which includes any parentheses around it. */
interface Out {
  e: Expr;
  s: number;
  t: number;
}

const isToken = (el: CstElement): el is IToken => 'image' in el;
const isReal = (t: IToken): boolean => !t.isInsertedInRecovery && Number.isFinite(t.startOffset);
const allToks = (n: CstNode, key: string): IToken[] => (n.children[key] ?? []).filter(isToken);
const toks = (n: CstNode, key: string): IToken[] => allToks(n, key).filter(isReal);
const subs = (n: CstNode, key: string): CstNode[] => (n.children[key] ?? []).filter((el): el is CstNode => !isToken(el));
const endOf = (t: IToken): number => t.startOffset + t.image.length;
const err = (at: number): Out => ({ e: { kind: 'error', start: at, end: at }, s: at, t: at });
const out = (e: Expr): Out => ({ e, s: e.start, t: e.end });

const COMPARE: Record<string, CompareOp> = { Lt: '<', Le: '<=', Gt: '>', Ge: '>=', Eq: '=', Ne: '!=' };
const ARITH: Record<string, BinaryOp> = { Plus: '+', Minus: '-', Star: '*', Slash: '/' };

export function toAst(cst: CstNode | undefined, textLength: number): Expr {
  const r = cst ? expression(cst, 0) : err(0);
  // A tree that failed completely covers the whole text, so hover and highlighting still land somewhere.
  return r.e.kind === 'error' && r.e.start === r.e.end ? { kind: 'error', start: 0, end: textLength } : r.e;
}

function expression(n: CstNode | undefined, at: number): Out {
  const or = n && subs(n, 'orExpr')[0];
  return or ? logical(or, at, 'or') : err(at);
}

/** Operands interleaved with operators; a missing operand becomes an ErrorExpr right after its operator. */
function operands(n: CstNode, at: number, sub: string, ops: IToken[], visit: (c: CstNode, at: number) => Out): Out[] {
  const parts = subs(n, sub);
  const result: Out[] = [];
  for (let i = 0; i < Math.max(parts.length, ops.length + 1); i++) {
    const op = ops[i - 1];
    const fallback = i === 0 ? at : op && isReal(op) ? endOf(op) : result[i - 1]!.t;
    const part = parts[i];
    result.push(part ? visit(part, fallback) : err(fallback));
  }
  return result;
}

function logical(n: CstNode, at: number, kind: 'or' | 'and'): Out {
  const list =
    kind === 'or'
      ? operands(n, at, 'andExpr', allToks(n, 'Or'), (c, a) => logical(c, a, 'and'))
      : operands(n, at, 'notExpr', allToks(n, 'And'), notExpr);
  // operands() yields at least one operand (an error node where the source has none).
  if (list.length === 1) return list[0]!;
  const first = list[0]!;
  const last = list[list.length - 1]!;
  return out({ kind, operands: list.map((o) => o.e), start: first.s, end: last.t });
}

/** Prefix operators (`非 非 x`, `- - x`): each wraps what follows it, the innermost first. */
function prefixed(n: CstNode, at: number, opKey: 'Not' | 'Minus', innerKey: string, visit: (c: CstNode, at: number) => Out, kind: 'not' | 'neg'): Out {
  const ops = toks(n, opKey);
  const inner = subs(n, innerKey)[0];
  const innerAt = ops.length ? endOf(ops[ops.length - 1]!) : at;
  let r = inner ? visit(inner, innerAt) : err(innerAt);
  for (let i = ops.length - 1; i >= 0; i--) r = out({ kind, operand: r.e, start: ops[i]!.startOffset, end: r.t });
  return r;
}

function notExpr(n: CstNode, at: number): Out {
  return prefixed(n, at, 'Not', 'compareExpr', compareExpr, 'not');
}

function compareExpr(n: CstNode, at: number): Out {
  const op = allToks(n, 'CompareOp')[0];
  const [left, right] = operands(n, at, 'additiveExpr', op ? [op] : [], (c, a) => arith(c, a, 'multiplicativeExpr', 'AdditiveOp')) as [Out, Out | undefined];
  if (!op || !right) return left;
  const opSpan = isReal(op) ? { start: op.startOffset, end: endOf(op) } : { start: left.t, end: left.t };
  return out({ kind: 'compare', op: COMPARE[op.tokenType.name]!, opSpan, left: left.e, right: right.e, start: left.s, end: right.t });
}

/** Left-associative `+ -` (over `* /`) or `* /` (over unary). */
function arith(n: CstNode, at: number, sub: string, opKey: string): Out {
  const ops = allToks(n, opKey);
  const visit = sub === 'multiplicativeExpr' ? (c: CstNode, a: number) => arith(c, a, 'unaryExpr', 'MultOp') : unaryExpr;
  const list = operands(n, at, sub, ops, visit);
  let acc = list[0]!;
  for (let i = 1; i < list.length; i++) {
    const op: BinaryOp = ARITH[ops[i - 1]?.tokenType.name ?? ''] ?? (opKey === 'MultOp' ? '*' : '+');
    const right = list[i]!;
    const e: ArithExpr = { kind: 'arith', op, left: acc.e, right: right.e, start: acc.s, end: right.t };
    acc = out(e);
  }
  return acc;
}

function unaryExpr(n: CstNode, at: number): Out {
  return prefixed(n, at, 'Minus', 'primary', primary, 'neg');
}

const LITERAL_KEYS = ['Number', 'Percent', 'StringLike', 'True', 'False', 'Class', 'Risk', 'Item', 'Window', 'Star'];

function primary(n: CstNode, at: number): Out {
  for (const key of LITERAL_KEYS) {
    const tok = toks(n, key)[0];
    if (tok) return out(literal(tok));
  }
  const call = subs(n, 'nameOrCall')[0];
  if (call) return nameOrCall(call, at);
  const set = subs(n, 'setLiteral')[0];
  if (set) return setLiteral(set, at);
  const paren = subs(n, 'parenExpr')[0];
  if (paren) return parenExpr(paren, at);
  return err(at);
}

function literal(tok: IToken): Expr {
  const span = { start: tok.startOffset, end: endOf(tok) };
  const text = tok.image;
  switch (tok.tokenType) {
    case T.NumberTok:
      return { kind: 'number', value: Number(text), text, ...span };
    case T.Percent:
      return { kind: 'percent', ...percentValue(text), text, ...span };
    case T.True:
    case T.False:
      return { kind: 'bool', value: tok.tokenType === T.True, ...span };
    case T.Class:
      return { kind: 'class', value: text.replace(/类$/, '') as ClassLit['value'], ...span };
    case T.Risk:
      return { kind: 'risk', level: riskLevel(text), ...span };
    case T.Item:
      return { kind: 'item', id: text.startsWith('#') ? text.slice(1) : text.slice(1, -1), ...span };
    case T.Window:
      return { kind: 'window', ...windowValue(text), ...span };
    case T.Star:
      return { kind: 'name', name: '★', ...span };
    default:
      return { kind: 'string', value: stringValue(text, tok.tokenType !== T.UnterminatedString), ...span };
  }
}

function nameOrCall(n: CstNode, at: number): Out {
  const id = toks(n, 'Identifier')[0];
  if (!id) return err(at);
  const calleeSpan = { start: id.startOffset, end: endOf(id) };
  const lp = allToks(n, 'LParen')[0];
  if (!lp) return out({ kind: 'name', name: id.image, ...calleeSpan });
  const lpEnd = isReal(lp) ? endOf(lp) : calleeSpan.end;
  const args = list(n, lpEnd);
  const rp = toks(n, 'RParen')[0];
  const end = rp ? endOf(rp) : args.length ? args[args.length - 1]!.t : lpEnd;
  return out({ kind: 'call', callee: id.image, calleeSpan, args: args.map((a) => a.e), start: id.startOffset, end });
}

/** Optional comma-separated expressions (call arguments, set elements). */
function list(n: CstNode, at: number): Out[] {
  const l = subs(n, 'exprList')[0];
  return l ? operands(l, at, 'expression', allToks(l, 'Comma'), expression) : [];
}

function setLiteral(n: CstNode, at: number): Out {
  const lb = toks(n, 'LBracket')[0];
  const start = lb ? lb.startOffset : at;
  const elements = list(n, lb ? endOf(lb) : at);
  const rb = toks(n, 'RBracket')[0];
  const end = rb ? endOf(rb) : elements.length ? elements[elements.length - 1]!.t : lb ? endOf(lb) : at;
  return out({ kind: 'set', elements: elements.map((o) => o.e), start, end });
}

/** Parentheses leave no node; they only widen the operand's outer extent. */
function parenExpr(n: CstNode, at: number): Out {
  const lp = toks(n, 'LParen')[0];
  const inner = expression(subs(n, 'expression')[0], lp ? endOf(lp) : at);
  const rp = toks(n, 'RParen')[0];
  return { e: inner.e, s: lp ? lp.startOffset : inner.s, t: rp ? endOf(rp) : inner.t };
}
