// Values of literal tokens, from their (normalised) text.
import type { RiskLit, WindowLit } from './ast.js';
import { CN_NUMERAL } from './tokens.js';
import { riskLevelOf } from '../../runtime/risk-levels.js';

const CN_DIGITS = '一二三四五六七八九';

/** 一 … 九十九 (also 两). */
export function chineseNumber(s: string): number {
  const d = (c: string | undefined): number => (c === '两' ? 2 : CN_DIGITS.indexOf(c ?? '') + 1);
  const ten = s.indexOf('十');
  if (ten < 0) return d(s);
  return (ten === 0 ? 1 : d(s[0])) * 10 + (ten + 1 < s.length ? d(s[ten + 1]) : 0);
}

const WINDOW_ZH = new RegExp(`^近(\\d+|${CN_NUMERAL})(年|个?月|天|日)$`);
const WINDOW_EN = /(\d+)\s+(year|month|day)/;

export function windowValue(text: string): Pick<WindowLit, 'amount' | 'unit'> {
  if (text.startsWith('自上次') || text.startsWith('since')) return { amount: 0, unit: 'review' };
  const zh = WINDOW_ZH.exec(text);
  if (zh) {
    const [, count, unitText] = zh as unknown as [string, string, string];
    const amount = /^\d/.test(count) ? Number(count) : chineseNumber(count);
    const unit = unitText === '年' ? 'year' : unitText.endsWith('月') ? 'month' : 'day';
    return { amount, unit };
  }
  const en = WINDOW_EN.exec(text);
  return en ? { amount: Number(en[1]), unit: en[2] as 'year' | 'month' | 'day' } : { amount: 0, unit: 'review' };
}

/** A risk token's level (the token admits only spellings of the shared table). */
export function riskLevel(text: string): RiskLit['level'] {
  return riskLevelOf(text) ?? 3;
}

/** `66.7%` → 667/1000, kept unreduced so the written precision is visible. */
export function percentValue(text: string): { num: number; den: number } {
  const [int, frac = ''] = text.slice(0, -1).split('.');
  return { num: Number(int + frac), den: 100 * 10 ** frac.length };
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '/': '/' };

/** Decode `"…"` (JSON-style escapes, unknown `\x` → `x`), `“…”`, or an unterminated `"…`. */
export function stringValue(text: string, terminated: boolean): string {
  if (text[0] === '“' || text[0] === '‘') return text.slice(1, -1);
  const body = terminated ? text.slice(1, -1) : text.slice(1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|[\s\S])?/g, (_m, e: string | undefined) => {
    if (e === undefined) return '';
    if (e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ESCAPES[e] ?? e;
  });
}

/**
 * Number literals are decimals of at most 13 integer digits (up to NUMBER_MAX) and 6 fraction
 * digits: exact enough as doubles, and none overflows (400 digits once became Infinity, stored as null).
 */
export const NUMBER_MAX = 1e12;
export const MAX_FRACTION_DIGITS = 6;

/** Whether the decimal `text` (digits, an optional fraction) is at most `max` within the digit limits. */
export function numberInRange(text: string, max: number): boolean {
  const [int = '', frac = ''] = text.split('.');
  if (frac.length > MAX_FRACTION_DIGITS || int.replace(/^0+(?=\d)/, '').length > 13) return false;
  return Number(text) <= max;
}
