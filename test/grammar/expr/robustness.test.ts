import { describe, expect, it } from 'vitest';
import { expressionCompletions, parseExpression, printExpression } from '../../../grammar/expr/index.js';
import { nodes } from './helpers.js';
import { rng } from '../../fixtures/prng.js';

const ALPHABET = [
  'a', 'b', 'Z', '_', '规', '模', '以上', '且', '并且', '或', '或者', '非', '是', '否', '真', '(', ')', '[', ']', ',', '，', '（', '）',
  '>', '<', '=', '!', '≥', '≤', '≠', '%', '％', '０', '９', '0', '7', '.', '#', '第', '项', '"', '\\', '“', '”', '‘', '’',
  ' ', '\u3000', '\t', '\n', 'A', 'AA', '类', 'Ⅰ', '级', '一', '近', '年', '个月', '自上次评定', '*', '★', '-', '+', '/', '@', '：',
  '\uD800', '\uDC00', '\u0000', '😀', 'within ', '3 ', 'years', 'since review', 'level1', 'and', 'or', 'not ', '通过率', '任一不通过',
];

function randomText(next: () => number): string {
  const parts: string[] = [];
  const length = Math.floor(next() * 40);
  for (let i = 0; i < length; i++) parts.push(ALPHABET[Math.floor(next() * ALPHABET.length)]!);
  return parts.join('');
}

function checkInvariants(text: string): void {
  const r = parseExpression(text);
  for (const e of r.errors) {
    expect(e.start, text).toBeGreaterThanOrEqual(0);
    expect(e.end, text).toBeLessThanOrEqual(text.length);
    expect(e.start, text).toBeLessThanOrEqual(e.end);
    expect(e.code, text).toMatch(/^FL110[1-7]$/);
  }
  for (const n of nodes(r.ast)) {
    expect(n.start >= 0 && n.start <= n.end && n.end <= text.length, `${text}: ${JSON.stringify(n)}`).toBe(true);
  }
  for (const t of r.tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  // A clean parse prints to text that parses cleanly again.
  if (r.errors.length === 0) expect(parseExpression(printExpression(r.ast)).errors, text).toEqual([]);
  expect(Array.isArray(expressionCompletions(text))).toBe(true);
}

describe('robustness', () => {
  it('never throws on 2,000 random strings over a mixed alphabet', () => {
    const next = rng(20240601);
    for (let i = 0; i < 2000; i++) checkInvariants(randomText(next));
  });

  it('never throws on random UTF-16 code units', () => {
    const next = rng(7);
    for (let i = 0; i < 300; i++) {
      const units = Array.from({ length: Math.floor(next() * 30) }, () => Math.floor(next() * 0x10000));
      checkInvariants(String.fromCharCode(...units));
    }
  });

  it('handles long flat input up to the limits', () => {
    const text = Array(128).fill('a > 1').join(' 且 ');
    const r = parseExpression(text);
    expect(r.errors).toEqual([]);
    expect(r.ast).toMatchObject({ kind: 'and', start: 0, end: text.length });
  });

  it('refuses longer flat input before parsing (FL0110, FL0111)', () => {
    const long = Array(2000).fill('a > 1').join(' 且 ');
    expect(parseExpression(long).errors.map((e) => [e.code, e.start, e.end])).toEqual([['FL0110', 0, long.length]]);
    const many = Array(200).fill('a > 1').join(' 且 ');
    expect(parseExpression(many).errors.map((e) => e.code)).toEqual(['FL0111']);
  });

  it('reuses one parser: a failed parse does not affect the next', () => {
    parseExpression('(a 且');
    expect(parseExpression('a 且 b').errors).toEqual([]);
  });
});

describe('expressionCompletions', () => {
  it('offers values after an operator', () => {
    const next = expressionCompletions('通过率 >= ');
    expect(next).toEqual(expect.arrayContaining(['Number', 'Percent', 'Identifier', 'Minus', 'LParen', 'Item', 'Window']));
    expect(next).not.toContain('And');
  });

  it('offers operators after an operand', () => {
    expect(expressionCompletions('通过率')).toEqual(expect.arrayContaining(['And', 'Or', 'Ge', 'Lt', 'Eq', 'Ne', 'LParen', 'Plus']));
    expect(expressionCompletions('通过率 >= 90%')).not.toContain('Ge');
  });

  it('offers a closing parenthesis inside a call', () => {
    expect(expressionCompletions('次数(抽查不合格')).toEqual(expect.arrayContaining(['Comma', 'RParen']));
  });

  it('offers not and values at the start', () => {
    expect(expressionCompletions('')).toEqual(expect.arrayContaining(['Not', 'Identifier', 'Number']));
  });

  it('treats full-width characters as their ASCII form', () => {
    expect(expressionCompletions('次数（a，')).toEqual(expect.arrayContaining(['Identifier', 'Window']));
  });

  it('returns nothing for unusable text', () => {
    expect(expressionCompletions('a @')).toEqual([]);
    expect(expressionCompletions('('.repeat(1000))).toEqual([]);
  });
});
