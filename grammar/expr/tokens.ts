// Tokens of the condition language. Chinese has no spaces, so word boundaries
// are encoded in the patterns: a word-like keyword only counts when the next
// character could not continue an identifier (same effect as `longer_alt`, but
// it also covers the Chinese words 是/否/真/假 and windows like 近3年).
import { createToken, Lexer, type TokenType } from 'chevrotain';
import { KEYWORDS } from './vocabulary.js';

const hex = (c: number): string => '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
/** `[from-to]` range body minus the given code points. */
function rangeWithout(from: number, to: number, holes: string): string {
  const cut = [...holes].map((h) => h.charCodeAt(0)).sort((a, b) => a - b);
  let out = '';
  let lo = from;
  for (const c of cut) {
    if (c > lo) out += `${hex(lo)}-${hex(c - 1)}`;
    lo = c + 1;
  }
  return out + `${hex(lo)}-${hex(to)}`;
}

// 且/或 never belong to a name, so 规模以上且出口企业 splits without spaces.
const CJK = rangeWithout(0x3400, 0x9fff, '且或') + '\\uF900-\\uFAFF';
const CJK_START = rangeWithout(0x3400, 0x9fff, '且或非') + '\\uF900-\\uFAFF';
/** `并且`/`而且` end a name just like `且`. */
const NOT_AND = '(?![并而]且)';
const ID_START = `${NOT_AND}[A-Za-z_${CJK_START}★]`;
const ID_CONT = `${NOT_AND}[A-Za-z0-9_·${CJK}]`;
/** Word boundary: the next character cannot continue an identifier. */
const END = `(?!${ID_CONT})`;
const WS = '[ \\t\\n\\v\\f\\r\\u3000]';

const re = (source: string): RegExp => new RegExp(source);
const isAscii = (w: string): boolean => /^[A-Za-z]+$/.test(w);
const byLength = (ws: readonly string[]): string[] => [...ws].sort((a, b) => b.length - a.length);
/** Logical words: ASCII ones need a boundary (`android`); 且/或/非 never continue a name anyway. */
const logical = (ws: readonly string[]): RegExp =>
  re(byLength(ws).map((w) => (isAscii(w) ? w + END : w)).join('|'));
/** Boolean words always need a boundary (`是否有`, `true_x` are names). */
const bool = (ws: readonly string[]): RegExp => re(`(?:${byLength(ws).join('|')})${END}`);

export const CN_NUMERAL = '(?:[一二三四五六七八九两]?十[一二三四五六七八九]?|[一二三四五六七八九两])';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: re(`${WS}+`), group: Lexer.SKIPPED });

// Abstract categories the parser consumes; the concrete tokens below belong to them.
export const StringLike = createToken({ name: 'StringLike', pattern: Lexer.NA });
export const CompareOp = createToken({ name: 'CompareOp', pattern: Lexer.NA });
export const AdditiveOp = createToken({ name: 'AdditiveOp', pattern: Lexer.NA });
export const MultOp = createToken({ name: 'MultOp', pattern: Lexer.NA });

export const StringTok = createToken({ name: 'String', pattern: /"(?:[^"\\]|\\[\s\S])*"/, categories: [StringLike] });
/** “…” / ‘…’: accepted (value kept) but reported as FL1104. */
export const CnString = createToken({ name: 'CnString', pattern: /“[^”]*”|‘[^’]*’/, categories: [StringLike] });
/** Still a string for the tree, so a half-typed `"电线` keeps the rest usable; reported as FL1101. */
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /"(?:[^"\\]|\\[\s\S])*\\?/, categories: [StringLike] });

export const Window = createToken({
  name: 'Window',
  pattern: re(
    `(?:近(?:\\d+|${CN_NUMERAL})(?:年|个?月|天|日)|自上次(?:评定|复核)` +
      `|within${WS}+\\d+${WS}+(?:years?|months?|days?)|since${WS}+review)${END}`,
  ),
});
const ITEM_CH = `${NOT_AND}[A-Za-z0-9_${CJK}]`;
export const Item = createToken({
  name: 'Item',
  pattern: re(`#${ITEM_CH}(?:(?:${ITEM_CH}|[.\\-])*${ITEM_CH})?|第[A-Za-z0-9](?:[A-Za-z0-9.\\-]*[A-Za-z0-9])?项`),
});
export const Percent = createToken({ name: 'Percent', pattern: /\d+(?:\.\d+)?%/ });
export const NumberTok = createToken({ name: 'Number', pattern: /\d+(?:\.\d+)?/ });
export const Risk = createToken({ name: 'Risk', pattern: re(`(?:(?:[ⅠⅡⅢ一二三]|III|II|I)级|level[123])${END}`) });

export const And = createToken({ name: 'And', pattern: logical(KEYWORDS.and) });
export const Or = createToken({ name: 'Or', pattern: logical(KEYWORDS.or) });
export const Not = createToken({ name: 'Not', pattern: logical(KEYWORDS.not) });
export const True = createToken({ name: 'True', pattern: bool(KEYWORDS.true) });
export const False = createToken({ name: 'False', pattern: bool(KEYWORDS.false) });
export const Class = createToken({ name: 'Class', pattern: re(`(?:AA|A|B|C)类?${END}`) });
export const Identifier = createToken({ name: 'Identifier', pattern: re(`${ID_START}(?:${ID_CONT})*`) });

export const Le = createToken({ name: 'Le', pattern: /<=|≤/, categories: [CompareOp] });
export const Ge = createToken({ name: 'Ge', pattern: />=|≥/, categories: [CompareOp] });
export const Ne = createToken({ name: 'Ne', pattern: /!=|≠/, categories: [CompareOp] });
export const Lt = createToken({ name: 'Lt', pattern: /</, categories: [CompareOp] });
export const Gt = createToken({ name: 'Gt', pattern: />/, categories: [CompareOp] });
export const Eq = createToken({ name: 'Eq', pattern: /==?/, categories: [CompareOp] });
export const Plus = createToken({ name: 'Plus', pattern: /\+/, categories: [AdditiveOp] });
export const Minus = createToken({ name: 'Minus', pattern: /-/, categories: [AdditiveOp] });
export const Star = createToken({ name: 'Star', pattern: /\*/, categories: [MultOp] });
export const Slash = createToken({ name: 'Slash', pattern: /\//, categories: [MultOp] });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /]/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
/** Catch-all so the lexer never fails; the parser stops at it and FL1101 is reported instead. */
// (A custom matcher: chevrotain's first-char optimisation mishandles `[\s\S]`.)
export const Unknown = createToken({
  name: 'Unknown',
  pattern: { exec: (text: string, offset: number) => (offset < text.length ? [text[offset]!] : null) },
});

/** Order matters: the first matching pattern wins. */
export const allTokens: TokenType[] = [
  WhiteSpace, StringTok, UnterminatedString, CnString, Window, Item, Percent, NumberTok, Risk,
  And, Or, Not, True, False, Class, Identifier,
  Le, Ge, Ne, Lt, Gt, Eq, Plus, Minus, Star, Slash, LParen, RParen, LBracket, RBracket, Comma,
  StringLike, CompareOp, AdditiveOp, MultOp, Unknown,
];

/** Concrete tokens worth suggesting for each category (completions). */
export const categoryMembers: ReadonlyMap<TokenType, readonly TokenType[]> = new Map([
  [StringLike, [StringTok]],
  [CompareOp, [Lt, Le, Gt, Ge, Eq, Ne]],
  [AdditiveOp, [Plus, Minus]],
  [MultOp, [Star, Slash]],
]);

export const exprLexer = new Lexer(allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: false });
