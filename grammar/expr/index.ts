// Public API of the condition-expression front end: parse (never throws), print, complete.
import { EOF, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import type { Expr } from './ast.js';
import { showChar, type ExprSyntaxError } from './errors.js';
import { normalizeFullWidth } from './fullwidth.js';
import { exprParser, type ErrorInfo } from './parser.js';
import { printExpression } from './printer.js';
import { toAst } from './to-ast.js';
import * as T from './tokens.js';
import { findFunction } from './vocabulary.js';

export type { ExprFix, ExprSyntaxError } from './errors.js';
export { printExpression };
export type { PrintLang } from './printer.js';

export interface ExprToken {
  kind: 'keyword' | 'function' | 'name' | 'item' | 'number' | 'percent' | 'string' | 'class' | 'risk' | 'window' | 'operator' | 'punctuation';
  start: number;
  end: number;
  text: string;
}

export interface ParsedExpr {
  ast: Expr;
  errors: ExprSyntaxError[];
  tokens: ExprToken[];
}

/** Deeper parentheses/brackets (or longer runs of 非/-) are refused before parsing, keeping recursion bounded. */
export const MAX_NESTING = 64;
/**
 * Refused before any lexing: the longest condition in a real rule set is a few hundred characters,
 * and every later stage (parser, binder, code generator, verifier) is bounded by these two.
 */
export const MAX_EXPRESSION_CHARS = 4096;
/** Operators (且 或 非 comparisons + - * /): a flat chain `a + a + …` makes a tree as deep as it is long. */
export const MAX_OPERATORS = 256;
/** Cascades after the first syntax error are noise; a few distinct ones are enough. */
const MAX_SYNTAX_ERRORS = 3;

const endOf = (t: IToken): number => t.startOffset + t.image.length;
const isBad = (t: IToken): boolean => t.tokenType === T.Unknown || t.tokenType === T.UnterminatedString;
const overlaps = (errors: ExprSyntaxError[], start: number, end: number): boolean =>
  errors.some((e) => (start < e.end && e.start < end) || e.start === start);

export function parseExpression(text: string): ParsedExpr {
  const src = typeof text === 'string' ? text : '';
  try {
    return parse(src);
  } catch {
    // Defensive: a bug here must not take the caller down with it.
    return {
      ast: { kind: 'error', start: 0, end: src.length },
      errors: [{ code: 'FL1105', message: '无法解析该表达式', messageEn: 'The expression could not be parsed', start: 0, end: src.length }],
      tokens: [],
    };
  }
}

function parse(text: string): ParsedExpr {
  if (text.length > MAX_EXPRESSION_CHARS) {
    const errors: ExprSyntaxError[] = [{
      code: 'FL0110',
      message: `条件过长（${text.length} 个字符，上限 ${MAX_EXPRESSION_CHARS}）`,
      messageEn: `Condition too long (${text.length} characters, limit ${MAX_EXPRESSION_CHARS})`,
      start: 0,
      end: text.length,
    }];
    return { ast: { kind: 'error', start: 0, end: text.length }, errors, tokens: [] };
  }
  const norm = normalizeFullWidth(text);
  const errors = [...norm.errors];
  const lexed = T.exprLexer.tokenize(norm.text).tokens;
  const tokens = exprTokens(lexed, text);
  const whole = (): Expr => ({ kind: 'error', start: 0, end: text.length });

  if (lexed.length === 0) {
    if (errors.length === 0) {
      errors.push({ code: 'FL1107', message: '条件不能为空', messageEn: 'The condition must not be empty', start: 0, end: text.length });
    }
    return { ast: whole(), errors, tokens };
  }
  errors.push(...lexicalErrors(lexed, errors));

  const deep = tooDeep(lexed);
  if (deep) {
    errors.push({
      code: 'FL1106',
      message: `表达式嵌套过深（超过${MAX_NESTING}层）`,
      messageEn: `Expression nested too deeply (more than ${MAX_NESTING} levels)`,
      start: deep.startOffset,
      end: endOf(deep),
    });
    return { ast: whole(), errors, tokens };
  }
  const operators = lexed.filter((t) => OPERATOR.has(t.tokenType));
  if (operators.length > MAX_OPERATORS) {
    const first = operators[MAX_OPERATORS]!;
    errors.push({
      code: 'FL0111',
      message: `条件中的运算符过多（${operators.length} 个，上限 ${MAX_OPERATORS}）：请拆成几个条件或使用分组`,
      messageEn: `Too many operators in a condition (${operators.length}, limit ${MAX_OPERATORS}): split it or use groups`,
      start: first.startOffset,
      end: endOf(first),
    });
    return { ast: whole(), errors, tokens };
  }

  exprParser.input = lexed;
  const cst = exprParser.expression();
  const syntax = syntaxErrors(exprParser.errors, text, errors);
  errors.push(...syntax);
  return { ast: toAst(cst, text.length), errors, tokens };
}

/** FL1101 for characters no token accepts (adjacent ones merged) and for unterminated strings. */
function lexicalErrors(lexed: IToken[], known: ExprSyntaxError[]): ExprSyntaxError[] {
  const found: ExprSyntaxError[] = [];
  for (let i = 0; i < lexed.length; i++) {
    const t = lexed[i]!;
    if (t.tokenType === T.UnterminatedString) {
      if (!overlaps(known, t.startOffset, t.startOffset + 1)) {
        found.push({ code: 'FL1101', message: '字符串缺少结尾的引号 "', messageEn: 'Unterminated string: missing closing "', start: t.startOffset, end: endOf(t) });
      }
    } else if (t.tokenType === T.Unknown) {
      let j = i;
      while (j + 1 < lexed.length && lexed[j + 1]!.tokenType === T.Unknown && lexed[j + 1]!.startOffset === endOf(lexed[j]!)) j++;
      const start = t.startOffset;
      const end = endOf(lexed[j]!);
      const chars = lexed.slice(i, j + 1).map((u) => u.image).join('');
      i = j;
      if (overlaps(known, start, end)) continue;
      found.push({ code: 'FL1101', message: `无法识别的字符“${showChar(chars)}”`, messageEn: `Unexpected character '${showChar(chars)}'`, start, end });
    }
  }
  return found;
}

const OPERATOR = new Set<TokenType>([T.And, T.Or, T.Not, T.Le, T.Ge, T.Ne, T.Lt, T.Gt, T.Eq, T.Plus, T.Minus, T.Star, T.Slash]);

/** The first token that opens a level beyond MAX_NESTING, if any. */
function tooDeep(lexed: IToken[]): IToken | undefined {
  let depth = 0;
  let prefixRun = 0;
  for (const t of lexed) {
    const type = t.tokenType;
    if (type === T.LParen || type === T.LBracket) depth++;
    else if (type === T.RParen || type === T.RBracket) depth = Math.max(0, depth - 1);
    prefixRun = type === T.Not || type === T.Minus ? prefixRun + 1 : 0;
    if (depth > MAX_NESTING || prefixRun > MAX_NESTING) return t;
  }
  return undefined;
}

const LABEL: Record<string, [string, string]> = {
  LParen: ['“(”', "'('"], RParen: ['“)”', "')'"], LBracket: ['“[”', "'['"], RBracket: ['“]”', "']'"], Comma: ['“,”', "','"],
  Identifier: ['名称', 'a name'], And: ['“且”', "'and'"], Or: ['“或”', "'or'"], CompareOp: ['比较运算符', 'a comparison operator'],
};
const label = (name: string): [string, string] => LABEL[name] ?? ['一个值', 'a value'];

function decode(message: string): ErrorInfo {
  try {
    return JSON.parse(message) as ErrorInfo;
  } catch {
    return { kind: 'redundant', expected: [], rule: '' };
  }
}

/** A value can start with this token: seeing one after a complete operand means an operator is missing. */
const STARTS_VALUE = new Set<TokenType>([
  T.NumberTok, T.Percent, T.StringTok, T.CnString, T.True, T.False, T.Class, T.Risk, T.Item, T.Window, T.Identifier, T.LBracket,
]);

function syntaxMessage(info: ErrorInfo, tok: IToken | undefined, written: string): [string, string] {
  if (!tok) {
    if (info.kind === 'mismatch') {
      const [zh, en] = label(info.expected[0]!);
      return [`此处缺少${zh}`, `Missing ${en}`];
    }
    return ['表达式不完整：此处缺少一个值', 'Incomplete expression: a value is missing here'];
  }
  const shown = showChar(written);
  const type = tok.tokenType;
  // Anywhere a comparison operator is not accepted after an operand, a comparison is already complete.
  if (info.kind !== 'noViableAlt' && type.CATEGORIES?.includes(T.CompareOp)) {
    return ['比较不能连写：请用“且”连接两个比较，如“a < b 且 b < c”', "Comparisons cannot be chained: join them with 'and', e.g. 'a < b and b < c'"];
  }
  if (info.kind === 'mismatch') {
    const [zh, en] = label(info.expected[0]!);
    return [`此处应为${zh}，而不是“${shown}”`, `Expected ${en} but found '${shown}'`];
  }
  if (info.kind === 'noViableAlt') {
    return [`意外的“${shown}”：此处应为一个值`, `Unexpected '${shown}': a value is expected here`];
  }
  if (type === T.RParen || type === T.RBracket) return [`多余的“${shown}”`, `Unmatched '${shown}'`];
  if (STARTS_VALUE.has(type) || type === T.Not) {
    return [`意外的“${shown}”：前面缺少运算符，如“且”“或”`, `Unexpected '${shown}': an operator such as 'and'/'or' is missing before it`];
  }
  return [`意外的“${shown}”`, `Unexpected '${shown}'`];
}

/**
 * FL1105 from the parser. Recovery cascades are dropped: everything after an error at an
 * already-reported bad character, repeats at one place, and leftover input after an earlier error.
 */
function syntaxErrors(raw: IRecognitionException[], text: string, known: ExprSyntaxError[]): ExprSyntaxError[] {
  const found: ExprSyntaxError[] = [];
  const lexical = known.filter((k) => k.code === 'FL1101' || k.code === 'FL1104');
  for (const e of raw) {
    const tok = e.token && e.token.tokenType !== EOF && Number.isFinite(e.token.startOffset) ? e.token : undefined;
    if (tok && isBad(tok)) break;
    const start = tok ? tok.startOffset : text.length;
    const end = tok ? endOf(tok) : text.length;
    const info = decode(e.message);
    if (found.some((f) => f.start === start) || overlaps(lexical, start, end)) continue;
    if (info.kind === 'redundant' && found.length > 0) continue;
    const [message, messageEn] = syntaxMessage(info, tok, text.slice(start, end));
    found.push({ code: 'FL1105', message, messageEn, start, end });
    if (found.length >= MAX_SYNTAX_ERRORS) break;
  }
  return found;
}

const KIND: ReadonlyMap<TokenType, ExprToken['kind']> = new Map<TokenType, ExprToken['kind']>([
  [T.And, 'keyword'], [T.Or, 'keyword'], [T.Not, 'keyword'], [T.True, 'keyword'], [T.False, 'keyword'],
  [T.Item, 'item'], [T.NumberTok, 'number'], [T.Percent, 'percent'],
  [T.StringTok, 'string'], [T.CnString, 'string'], [T.UnterminatedString, 'string'],
  [T.Class, 'class'], [T.Risk, 'risk'], [T.Window, 'window'],
  [T.Le, 'operator'], [T.Ge, 'operator'], [T.Ne, 'operator'], [T.Lt, 'operator'], [T.Gt, 'operator'], [T.Eq, 'operator'],
  [T.Plus, 'operator'], [T.Minus, 'operator'], [T.Star, 'operator'], [T.Slash, 'operator'],
  [T.LParen, 'punctuation'], [T.RParen, 'punctuation'], [T.LBracket, 'punctuation'], [T.RBracket, 'punctuation'], [T.Comma, 'punctuation'],
]);
/** After these a `*` is an operand (the ★ set), not multiplication. */
const OPERAND_POSITION = new Set<TokenType>([T.LParen, T.LBracket, T.Comma, T.And, T.Or, T.Not, T.Le, T.Ge, T.Ne, T.Lt, T.Gt, T.Eq, T.Plus, T.Minus, T.Star, T.Slash]);

/** Tokens for highlighting, with the text as the user wrote it (full-width and all). */
function exprTokens(lexed: IToken[], text: string): ExprToken[] {
  const result: ExprToken[] = [];
  let prev: IToken | undefined;
  for (const t of lexed) {
    let kind = KIND.get(t.tokenType);
    if (t.tokenType === T.Identifier) kind = findFunction(t.image) ? 'function' : 'name';
    if (t.tokenType === T.Star && (!prev || OPERAND_POSITION.has(prev.tokenType))) kind = 'name';
    prev = t;
    if (kind) result.push({ kind, start: t.startOffset, end: endOf(t), text: text.slice(t.startOffset, endOf(t)) });
  }
  return result;
}

/**
 * Token type names (see `allTokens`) that may follow `textBeforeCursor`. The text should end where the
 * completion will be inserted: a half-typed word is itself a complete token here. Never throws.
 */
export function expressionCompletions(textBeforeCursor: string): string[] {
  try {
    const text = String(textBeforeCursor);
    if (text.length > MAX_EXPRESSION_CHARS) return [];
    const lexed = T.exprLexer.tokenize(normalizeFullWidth(text).text).tokens;
    if (lexed.some(isBad) || tooDeep(lexed) || lexed.filter((t) => OPERATOR.has(t.tokenType)).length > MAX_OPERATORS) return [];
    const names = new Set<string>();
    for (const path of exprParser.computeContentAssist('expression', lexed)) {
      for (const t of T.categoryMembers.get(path.nextTokenType) ?? [path.nextTokenType]) names.add(t.name);
    }
    return [...names];
  } catch {
    return [];
  }
}
