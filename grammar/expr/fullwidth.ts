// Chinese input methods slip in full-width characters. They are reported once
// each with a quick fix, and parsing continues on a same-length ASCII copy so
// the offsets stay valid and one typo gives one diagnostic.
import type { ExprSyntaxError } from './errors.js';

const PUNCT: Record<string, string> = {
  '（': '(', '）': ')', '，': ',', '：': ':', '％': '%', '＜': '<', '＞': '>', '＝': '=', '！': '!',
  '＋': '+', '－': '-', '＊': '*', '／': '/', '［': '[', '］': ']', '＃': '#',
  // Not full-width forms, but what the IME types for brackets.
  '【': '[', '】': ']',
};
const CN_QUOTES: Record<string, string> = { '“': '”', '‘': '’' };
const isFullDigit = (c: string): boolean => c >= '０' && c <= '９';
const toAsciiDigit = (c: string): string => String.fromCharCode(c.charCodeAt(0) - 0xfee0);
/** Escape for an ASCII string literal. */
const quote = (s: string): string => `"${s.replace(/[\\"]/g, (c) => '\\' + c)}"`;

export interface Normalized {
  /** Same length as the input. */
  text: string;
  errors: ExprSyntaxError[];
}

export function normalizeFullWidth(text: string): Normalized {
  const out = text.split('');
  const errors: ExprSyntaxError[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      // String contents are left alone.
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c in CN_QUOTES) {
      const close = text.indexOf(CN_QUOTES[c]!, i + 1);
      const end = close < 0 ? i + 1 : close + 1;
      const newText = close < 0 ? '"' : quote(text.slice(i + 1, close));
      errors.push({
        code: 'FL1104',
        message: `字符串应使用半角双引号 "…"，而不是中文引号 ${c}…${CN_QUOTES[c]}`,
        messageEn: `Strings use ASCII double quotes "…", not Chinese quotes ${c}…${CN_QUOTES[c]}`,
        start: i, end,
        fix: { title: '改用半角双引号 " (use ASCII quotes)', start: i, end, newText },
      });
      i = end;
    } else if (c === '”' || c === '’') {
      errors.push({
        code: 'FL1104',
        message: `中文引号“${c}”应为半角双引号 "`,
        messageEn: `Chinese quote '${c}' should be an ASCII double quote "`,
        start: i, end: i + 1,
        fix: { title: '改用半角双引号 " (use ASCII quotes)', start: i, end: i + 1, newText: '"' },
      });
      i++;
    } else if (isFullDigit(c)) {
      const start = i;
      while (i < text.length && isFullDigit(text[i]!)) {
        out[i] = toAsciiDigit(text[i]!);
        i++;
      }
      const digits = out.slice(start, i).join('');
      const full = text.slice(start, i);
      errors.push({
        code: 'FL1103',
        message: `全角数字“${full}”应为半角“${digits}”`,
        messageEn: `Full-width digits '${full}' should be ASCII '${digits}'`,
        start, end: i,
        fix: { title: `改为“${digits}” (use ASCII digits)`, start, end: i, newText: digits },
      });
    } else if (c in PUNCT) {
      const ascii = PUNCT[c]!;
      out[i] = ascii;
      errors.push({
        code: 'FL1102',
        message: `全角字符“${c}”应为半角“${ascii}”`,
        messageEn: `Full-width '${c}' should be ASCII '${ascii}'`,
        start: i, end: i + 1,
        fix: { title: `改为“${ascii}” (use ASCII '${ascii}')`, start: i, end: i + 1, newText: ascii },
      });
      i++;
    } else {
      i++;
    }
  }
  return { text: out.join(''), errors };
}
