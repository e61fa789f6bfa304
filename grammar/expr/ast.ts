// Syntax tree of the condition language used inside rule files (条件表达式).
// Offsets are UTF-16 offsets into the expression text; the front end maps them
// to file offsets. Names are not resolved here: resolution is the compiler's job.

export interface Span {
  start: number;
  end: number;
}

export type BinaryOp = '+' | '-' | '*' | '/';
export type CompareOp = '<' | '<=' | '>' | '>=' | '=' | '!=';
export type WindowUnit = 'year' | 'month' | 'day';

export type Expr =
  | OrExpr
  | AndExpr
  | NotExpr
  | CompareExpr
  | ArithExpr
  | NegExpr
  | NumberLit
  | PercentLit
  | StringLit
  | BoolLit
  | ClassLit
  | RiskLit
  | ItemRef
  | NameRef
  | CallExpr
  | SetLit
  | WindowLit
  | ErrorExpr;

export interface OrExpr extends Span { kind: 'or'; operands: Expr[] }
export interface AndExpr extends Span { kind: 'and'; operands: Expr[] }
export interface NotExpr extends Span { kind: 'not'; operand: Expr }
export interface CompareExpr extends Span { kind: 'compare'; op: CompareOp; opSpan: Span; left: Expr; right: Expr }
export interface ArithExpr extends Span { kind: 'arith'; op: BinaryOp; left: Expr; right: Expr }
export interface NegExpr extends Span { kind: 'neg'; operand: Expr }
export interface NumberLit extends Span { kind: 'number'; value: number; text: string }
/** `90%`: kept as numerator/denominator so ratio comparisons stay exact (D1). */
export interface PercentLit extends Span { kind: 'percent'; num: number; den: number; text: string }
export interface StringLit extends Span { kind: 'string'; value: string }
export interface BoolLit extends Span { kind: 'bool'; value: boolean }
export interface ClassLit extends Span { kind: 'class'; value: 'AA' | 'A' | 'B' | 'C' }
/** 1 = Ⅰ级 (high), 2 = Ⅱ级, 3 = Ⅲ级. */
export interface RiskLit extends Span { kind: 'risk'; level: 1 | 2 | 3 }
/** `#6.1` or `第6.1项`. */
export interface ItemRef extends Span { kind: 'item'; id: string }
/** A bare name: a fact, group, event type, built-in set or zero-argument function. */
export interface NameRef extends Span { kind: 'name'; name: string }
export interface CallExpr extends Span { kind: 'call'; callee: string; calleeSpan: Span; args: Expr[] }
/** `[#1, #2, 基础管理]`: a set of items. */
export interface SetLit extends Span { kind: 'set'; elements: Expr[] }
/** `近3年`, `within 6 months`, `自上次评定` / `since review` (amount 0, unit 'review'). */
export interface WindowLit extends Span { kind: 'window'; amount: number; unit: WindowUnit | 'review' }
/** Placeholder produced by error recovery so that the rest of the tree stays usable. */
export interface ErrorExpr extends Span { kind: 'error' }
