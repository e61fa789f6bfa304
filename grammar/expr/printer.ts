// Canonical text of an expression. Parentheses appear only where precedence
// needs them, and nested or/and (which the parser flattens) keep theirs, so the
// output re-parses to the same tree.
import type { Expr, WindowLit } from './ast.js';
import { BUILTIN_SETS, BUILTIN_VALUES, FUNCTIONS, KEYWORDS } from './vocabulary.js';

export type PrintLang = 'zh' | 'en';

const PREC: Record<Expr['kind'], number> = {
  or: 1, and: 2, not: 3, compare: 4, arith: 5, neg: 7,
  number: 8, percent: 8, string: 8, bool: 8, class: 8, risk: 8, item: 8, name: 8, call: 8, set: 8, window: 8, error: 8,
};
const prec = (e: Expr): number => (e.kind === 'arith' && (e.op === '*' || e.op === '/') ? 6 : PREC[e.kind]);

const RISK_ZH = ['', 'Ⅰ级', 'Ⅱ级', 'Ⅲ级'];
const UNIT_ZH = { year: '年', month: '个月', day: '天' } as const;

/** Functions, built-in sets and values in the chosen language; Chinese aliases such as ★ stay as written in zh. */
function translate(name: string, lang: PrintLang): string {
  const fn = FUNCTIONS.find((f) => f.zh === name || f.en === name);
  if (fn) return fn[lang];
  for (const b of [...BUILTIN_SETS, ...BUILTIN_VALUES]) {
    const aliases: readonly string[] = 'aliases' in b ? b.aliases : [];
    if (b.en === name) return b[lang];
    if (b.zh === name || aliases.includes(name)) return lang === 'en' ? b.en : name;
  }
  return name;
}

function windowText(w: WindowLit, lang: PrintLang): string {
  if (w.unit === 'review') return lang === 'zh' ? '自上次评定' : 'since review';
  if (lang === 'zh') return `近${w.amount}${UNIT_ZH[w.unit]}`;
  return `within ${w.amount} ${w.unit}${w.amount === 1 ? '' : 's'}`;
}

export function printExpression(ast: Expr, lang: PrintLang = 'zh'): string {
  const kw = (k: 'and' | 'or' | 'not'): string => KEYWORDS[k].find((w) => (lang === 'zh' ? !/^[a-z]/i.test(w) : /^[a-z]+$/.test(w)))!;
  const p = (e: Expr, min: number): string => {
    const s = raw(e);
    return prec(e) < min ? `(${s})` : s;
  };
  const raw = (e: Expr): string => {
    switch (e.kind) {
      case 'or':
      case 'and':
        return e.operands.map((o) => p(o, prec(e) + 1)).join(` ${kw(e.kind)} `);
      case 'not':
        return lang === 'zh' ? `${kw('not')}${p(e.operand, 3)}` : `${kw('not')} ${p(e.operand, 3)}`;
      case 'compare':
        return `${p(e.left, 5)} ${e.op} ${p(e.right, 5)}`;
      case 'arith':
        return `${p(e.left, prec(e))} ${e.op} ${p(e.right, prec(e) + 1)}`;
      case 'neg':
        return `-${p(e.operand, 7)}`;
      case 'number':
        return e.text && Number(e.text) === e.value ? e.text : String(e.value);
      case 'percent':
        return e.text || `${(e.num / e.den) * 100}%`;
      case 'string':
        return JSON.stringify(e.value);
      case 'bool':
        return lang === 'zh' ? KEYWORDS[e.value ? 'true' : 'false'][0] : String(e.value);
      case 'class':
        return e.value;
      case 'risk':
        return lang === 'zh' ? RISK_ZH[e.level]! : `level${e.level}`;
      case 'item':
        return `#${e.id}`;
      case 'name':
        return translate(e.name, lang);
      case 'call':
        return `${translate(e.callee, lang)}(${e.args.map((a) => p(a, 0)).join(', ')})`;
      case 'set':
        return `[${e.elements.map((a) => p(a, 0)).join(', ')}]`;
      case 'window':
        return windowText(e, lang);
      case 'error':
        return '';
    }
  };
  return p(ast, 0);
}
