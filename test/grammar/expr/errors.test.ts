import { describe, expect, it } from 'vitest';
import { parseExpression, type ExprSyntaxError } from '../../../grammar/expr/index.js';
import { and, call, cmp, error, name, pct, str, strip } from './helpers.js';

type Expected = Pick<ExprSyntaxError, 'code' | 'start' | 'end'> & { newText?: string };

const invalid: [string, Expected[]][] = [
  // Full-width characters: one diagnostic each, with a fix.
  ['通过率 >＝ 90％', [{ code: 'FL1102', start: 5, end: 6, newText: '=' }, { code: 'FL1102', start: 9, end: 10, newText: '%' }]],
  ['次数（a）', [{ code: 'FL1102', start: 2, end: 3, newText: '(' }, { code: 'FL1102', start: 4, end: 5, newText: ')' }]],
  ['a ＞＝ b', [{ code: 'FL1102', start: 2, end: 3, newText: '>' }, { code: 'FL1102', start: 3, end: 4, newText: '=' }]],
  ['［＃1，＃2］', [
    { code: 'FL1102', start: 0, end: 1, newText: '[' }, { code: 'FL1102', start: 1, end: 2, newText: '#' },
    { code: 'FL1102', start: 3, end: 4, newText: ',' }, { code: 'FL1102', start: 4, end: 5, newText: '#' },
    { code: 'FL1102', start: 6, end: 7, newText: ']' },
  ]],
  ['a：b', [{ code: 'FL1102', start: 1, end: 2, newText: ':' }]],
  ['９０%', [{ code: 'FL1103', start: 0, end: 2, newText: '90' }]],
  ['a = １ + ２３', [{ code: 'FL1103', start: 4, end: 5, newText: '1' }, { code: 'FL1103', start: 8, end: 10, newText: '23' }]],
  ['“电线电缆”', [{ code: 'FL1104', start: 0, end: 6, newText: '"电线电缆"' }]],
  ['‘电线’', [{ code: 'FL1104', start: 0, end: 4, newText: '"电线"' }]],
  ['“a\\"b”', [{ code: 'FL1104', start: 0, end: 6, newText: '"a\\\\\\"b"' }]],
  ['产品包含（“电线”）', [
    { code: 'FL1102', start: 4, end: 5, newText: '(' }, { code: 'FL1104', start: 5, end: 9, newText: '"电线"' }, { code: 'FL1102', start: 9, end: 10, newText: ')' },
  ]],
  ['“电线', [{ code: 'FL1104', start: 0, end: 1, newText: '"' }]],
  // Inside strings nothing is touched.
  ['"（９“”）"', []],
  // Characters no token accepts.
  ['a @ b', [{ code: 'FL1101', start: 2, end: 3 }]],
  ['a @@ b', [{ code: 'FL1101', start: 2, end: 4 }]],
  ['通过率 >= 90%。', [{ code: 'FL1101', start: 10, end: 11 }]],
  ['#', [{ code: 'FL1101', start: 0, end: 1 }]],
  ['\uD800', [{ code: 'FL1101', start: 0, end: 1 }]],
  ['"电线', [{ code: 'FL1101', start: 0, end: 3 }]],
  // Syntax errors.
  ['次数(a, 近3年', [{ code: 'FL1105', start: 9, end: 9 }]],
  ['(a 且 b', [{ code: 'FL1105', start: 6, end: 6 }]],
  ['f(a b)', [{ code: 'FL1105', start: 4, end: 5 }]],
  ['a < b < c', [{ code: 'FL1105', start: 6, end: 7 }]],
  ['(a < b < c)', [{ code: 'FL1105', start: 7, end: 8 }]],
  ['a b', [{ code: 'FL1105', start: 2, end: 3 }]],
  ['a)', [{ code: 'FL1105', start: 1, end: 2 }]],
  ['a 且', [{ code: 'FL1105', start: 3, end: 3 }]],
  ['且 a', [{ code: 'FL1105', start: 0, end: 1 }]],
  ['a = = b', [{ code: 'FL1105', start: 4, end: 5 }]],
  ['[#1, ]', [{ code: 'FL1105', start: 5, end: 6 }]],
  ['(a 且) 或 (b 或)', [{ code: 'FL1105', start: 4, end: 5 }, { code: 'FL1105', start: 12, end: 13 }]],
  // Empty.
  ['', [{ code: 'FL1107', start: 0, end: 0 }]],
  ['  \t', [{ code: 'FL1107', start: 0, end: 3 }]],
  ['\u3000', [{ code: 'FL1107', start: 0, end: 1 }]],
  // Nesting.
  ['('.repeat(65) + 'a' + ')'.repeat(65), [{ code: 'FL1106', start: 64, end: 65 }]],
  ['('.repeat(2_000) + 'a' + ')'.repeat(2_000), [{ code: 'FL1106', start: 64, end: 65 }]],
  ['['.repeat(4_000), [{ code: 'FL1106', start: 64, end: 65 }]],
  ['非'.repeat(4_000) + 'a', [{ code: 'FL1106', start: 64, end: 65 }]],
  // Past the length limit nothing is lexed: one error over the whole condition.
  ['('.repeat(10_000) + 'a' + ')'.repeat(10_000), [{ code: 'FL0110', start: 0, end: 20_001 }]],
  ['1' + '+1'.repeat(300), [{ code: 'FL0111', start: 513, end: 514 }]],
  ['('.repeat(64) + 'a' + ')'.repeat(64), []],
];

describe('parseExpression: diagnostics', () => {
  it.each(invalid)('%s', (text, expected) => {
    const { errors } = parseExpression(text);
    expect(errors.map((e) => ({ code: e.code, start: e.start, end: e.end, ...(e.fix ? { newText: e.fix.newText } : {}) }))).toEqual(expected);
    for (const e of errors) {
      expect(e.message).toMatch(/\p{Script=Han}/u);
      expect(e.messageEn).toMatch(/^[A-Z][a-z-]+[ :]/);
      if (e.fix) expect([e.fix.start, e.fix.end]).toEqual([e.start, e.end]);
    }
  });
});

describe('parseExpression: messages', () => {
  const first = (text: string): ExprSyntaxError => parseExpression(text).errors[0]!;

  it('names the full-width character and its ASCII form', () => {
    expect(first('（a）')).toMatchObject({
      message: '全角字符“（”应为半角“(”',
      messageEn: "Full-width '（' should be ASCII '('",
      fix: { start: 0, end: 1, newText: '(' },
    });
  });

  it('explains syntax errors by what was expected and found', () => {
    expect(first('(a 且 b')).toMatchObject({ message: '此处缺少“)”', messageEn: "Missing ')'" });
    expect(first('且 a')).toMatchObject({ message: '意外的“且”：此处应为一个值' });
    expect(first('a < b < c').message).toContain('比较不能连写');
    expect(first('a b').message).toContain('缺少运算符');
    expect(first('a)')).toMatchObject({ message: '多余的“)”', messageEn: "Unmatched ')'" });
    expect(first('a @ b')).toMatchObject({ message: '无法识别的字符“@”', messageEn: "Unexpected character '@'" });
    expect(first('\uD800').message).toBe('无法识别的字符“U+D800”');
    expect(first('')).toMatchObject({ message: '条件不能为空' });
    expect(first('('.repeat(100))).toMatchObject({ message: '表达式嵌套过深（超过64层）' });
  });
});

describe('parseExpression: recovery keeps a tree', () => {
  it.each([
    ['通过率 >＝ 90％', cmp('>=', name('通过率'), pct(90, 100, '90%'))],
    ['“电线电缆”', str('电线电缆')],
    ['"电线', str('电线')],
    ['通过率 >=', cmp('>=', name('通过率'), error)],
    ['a 且', and(name('a'), error)],
    ['次数(a, 近3年', call('次数', name('a'), { kind: 'window', amount: 3, unit: 'year' })],
    ['f(a,)', call('f', name('a'), error)],
    ['且 a', and(error, name('a'))],
  ] as const)('%s', (text, expected) => {
    expect(strip(parseExpression(text).ast)).toEqual(expected);
  });

  it('places missing operands right after their operator', () => {
    expect(parseExpression('通过率 >= ').ast).toMatchObject({ end: 6, right: { kind: 'error', start: 6, end: 6 } });
  });

  it('gives a failed parse the whole text as its span', () => {
    expect(parseExpression('  ').ast).toEqual({ kind: 'error', start: 0, end: 2 });
    expect(parseExpression('('.repeat(100)).ast).toEqual({ kind: 'error', start: 0, end: 100 });
  });
});
