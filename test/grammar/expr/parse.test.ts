import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../grammar/expr/index.js';
import { and, ar, bool, call, cls, cmp, item, name, neg, not, num, or, pct, risk, set, str, strip, win, type Bare } from './helpers.js';

const valid: [string, Bare][] = [
  // The examples rule authors write.
  ['通过率 >= 90%', cmp('>=', name('通过率'), pct(90, 100, '90%'))],
  ['任一不通过(指向型) 或 通过率 < 60%', or(call('任一不通过', name('指向型')), cmp('<', name('通过率'), pct(60, 100, '60%')))],
  ['规模以上且次数(抽查不合格, 近3年) = 0', and(name('规模以上'), cmp('=', call('次数', name('抽查不合格'), win(3, 'year')), num(0)))],
  ['全部通过 and passed(national) >= 19', and(name('全部通过'), cmp('>=', call('passed', name('national')), num(19)))],
  ['上次类别 >= A类', cmp('>=', name('上次类别'), cls('A'))],
  ['风险等级 = Ⅰ级', cmp('=', name('风险等级'), risk(1))],
  // 非 starts a name → not; inside a name it is an ordinary character.
  ['非规模以上', not(name('规模以上'))],
  ['出口非标', name('出口非标')],
  ['非 非 a', not(not(name('a')))],
  // Logical words split Chinese text without spaces; the longer word wins.
  ['规模以上且出口企业', and(name('规模以上'), name('出口企业'))],
  ['规模以上并且出口企业', and(name('规模以上'), name('出口企业'))],
  ['a而且b', and(name('a'), name('b'))],
  ['a或者b或c', or(name('a'), name('b'), name('c'))],
  ['a AND b OR NOT c', or(and(name('a'), name('b')), not(name('c')))],
  ['android and orange', and(name('android'), name('orange'))],
  ['nothing', name('nothing')],
  // Precedence.
  ['a 或 b 且 c', or(name('a'), and(name('b'), name('c')))],
  ['a 且 b 或 c', or(and(name('a'), name('b')), name('c'))],
  ['(a 或 b) 且 c', and(or(name('a'), name('b')), name('c'))],
  ['非 a 且 b', and(not(name('a')), name('b'))],
  ['非 a = 1', not(cmp('=', name('a'), num(1)))],
  ['1 + 2 * 3 = 7', cmp('=', ar('+', num(1), ar('*', num(2), num(3))), num(7))],
  ['a - b - c', ar('-', ar('-', name('a'), name('b')), name('c'))],
  ['a / b * c', ar('*', ar('/', name('a'), name('b')), name('c'))],
  ['-a * b', ar('*', neg(name('a')), name('b'))],
  ['a - -1', ar('-', name('a'), neg(num(1)))],
  ['(a < b) = 真', cmp('=', cmp('<', name('a'), name('b')), bool(true))],
  // Comparison operators and their symbols.
  ['a ≥ 1', cmp('>=', name('a'), num(1))],
  ['a ≤ 1', cmp('<=', name('a'), num(1))],
  ['a ≠ 1', cmp('!=', name('a'), num(1))],
  ['a == 1', cmp('=', name('a'), num(1))],
  ['a != 1', cmp('!=', name('a'), num(1))],
  ['a<1', cmp('<', name('a'), num(1))],
  ['a>1', cmp('>', name('a'), num(1))],
  // Booleans stand alone only.
  ['是否有 = 是', cmp('=', name('是否有'), bool(true))],
  ['真', bool(true)],
  ['假 或 否 或 false 或 true', or(bool(false), bool(false), bool(false), bool(true))],
  ['true_x', name('true_x')],
  ['真实', name('真实')],
  // Classes.
  ['AA', cls('AA')],
  ['B类', cls('B')],
  ['C', cls('C')],
  ['Abc', name('Abc')],
  ['AAB', name('AAB')],
  ['Cat', name('Cat')],
  ['A类企业', name('A类企业')],
  // Risk levels.
  ['Ⅱ级', risk(2)],
  ['Ⅲ级', risk(3)],
  ['一级 或 二级 或 三级', or(risk(1), risk(2), risk(3))],
  ['I级 或 II级 或 III级', or(risk(1), risk(2), risk(3))],
  ['level1 或 level3', or(risk(1), risk(3))],
  ['level10', name('level10')],
  // Items.
  ['#6.1', item('6.1')],
  ['#3', item('3')],
  ['#补1', item('补1')],
  ['#S-2', item('S-2')],
  ['第12项', item('12')],
  ['第6.1项', item('6.1')],
  ['#1且#2', and(item('1'), item('2'))],
  ['[#1, #2, 基础管理]', set(item('1'), item('2'), name('基础管理'))],
  ['[]', set()],
  // Windows.
  ['近3年', win(3, 'year')],
  ['近三年', win(3, 'year')],
  ['近6个月', win(6, 'month')],
  ['近6月', win(6, 'month')],
  ['近十二个月', win(12, 'month')],
  ['近两年', win(2, 'year')],
  ['近30天', win(30, 'day')],
  ['近30日', win(30, 'day')],
  ['自上次评定', win(0, 'review')],
  ['自上次复核', win(0, 'review')],
  ['within 3 years', win(3, 'year')],
  ['within 1 year', win(1, 'year')],
  ['within 6 months', win(6, 'month')],
  ['within 30 days', win(30, 'day')],
  ['since review', win(0, 'review')],
  ['近3年来', name('近3年来')],
  // Numbers, percentages, strings.
  ['3.5', num(3.5)],
  ['66.7%', pct(667, 1000, '66.7%')],
  ['0.5%', pct(5, 1000, '0.5%')],
  ['"电线\\"电缆\\\\"', str('电线"电缆\\')],
  ['"a\\nb\\u0041"', str('a\nbA')],
  ['""', str('')],
  // The ★ set and calls.
  ['任一不通过(★)', call('任一不通过', name('★'))],
  ['任一不通过(*)', call('任一不通过', name('★'))],
  ['2 * 3', ar('*', num(2), num(3))],
  ['通过率()', call('通过率')],
  ['次数(抽查不合格)', call('次数', name('抽查不合格'))],
  // Whitespace includes the full-width space.
  ['a\u3000且\tb\n', and(name('a'), name('b'))],
];

describe('parseExpression: valid input', () => {
  it.each(valid)('%s', (text, expected) => {
    const r = parseExpression(text);
    expect(r.errors).toEqual([]);
    expect(strip(r.ast)).toEqual(expected);
  });
});

describe('parseExpression: spans', () => {
  it('marks every node of a Chinese expression', () => {
    expect(parseExpression('规模以上且次数(抽查不合格, 近3年) = 0').ast).toEqual({
      kind: 'and', start: 0, end: 23,
      operands: [
        { kind: 'name', name: '规模以上', start: 0, end: 4 },
        {
          kind: 'compare', op: '=', opSpan: { start: 20, end: 21 }, start: 5, end: 23,
          left: {
            kind: 'call', callee: '次数', calleeSpan: { start: 5, end: 7 }, start: 5, end: 19,
            args: [
              { kind: 'name', name: '抽查不合格', start: 8, end: 13 },
              { kind: 'window', amount: 3, unit: 'year', start: 15, end: 18 },
            ],
          },
          right: { kind: 'number', value: 0, text: '0', start: 22, end: 23 },
        },
      ],
    });
  });

  it('includes parentheses in the enclosing node but not in the inner one', () => {
    expect(parseExpression('(a 且 b) 或 c').ast).toEqual({
      kind: 'or', start: 0, end: 11,
      operands: [
        { kind: 'and', start: 1, end: 6, operands: [{ kind: 'name', name: 'a', start: 1, end: 2 }, { kind: 'name', name: 'b', start: 5, end: 6 }] },
        { kind: 'name', name: 'c', start: 10, end: 11 },
      ],
    });
  });

  it('covers prefix operators', () => {
    expect(parseExpression('非规模以上').ast).toEqual({ kind: 'not', start: 0, end: 5, operand: { kind: 'name', name: '规模以上', start: 1, end: 5 } });
    expect(parseExpression('-a').ast).toEqual({ kind: 'neg', start: 0, end: 2, operand: { kind: 'name', name: 'a', start: 1, end: 2 } });
  });

  it('spans multi-word and bracketed literals', () => {
    expect(parseExpression('within 3 years').ast).toEqual({ kind: 'window', amount: 3, unit: 'year', start: 0, end: 14 });
    expect(parseExpression('第6.1项').ast).toEqual({ kind: 'item', id: '6.1', start: 0, end: 5 });
    expect(parseExpression(' [#1, 通过率] ').ast).toEqual({
      kind: 'set', start: 1, end: 10,
      elements: [{ kind: 'item', id: '1', start: 2, end: 4 }, { kind: 'name', name: '通过率', start: 6, end: 9 }],
    });
  });

  it('keeps offsets of the original text after full-width substitution', () => {
    const r = parseExpression('通过率 >＝ 90％');
    expect(r.ast).toEqual({
      kind: 'compare', op: '>=', opSpan: { start: 4, end: 6 }, start: 0, end: 10,
      left: { kind: 'name', name: '通过率', start: 0, end: 3 },
      right: { kind: 'percent', num: 90, den: 100, text: '90%', start: 7, end: 10 },
    });
  });
});

describe('parseExpression: tokens', () => {
  it('classifies tokens for highlighting, with the text as written', () => {
    const r = parseExpression('任一不通过(*) 且 非 通过率 >= 90％');
    expect(r.tokens.map((t) => [t.kind, t.text, t.start, t.end])).toEqual([
      ['function', '任一不通过', 0, 5],
      ['punctuation', '(', 5, 6],
      ['name', '*', 6, 7],
      ['punctuation', ')', 7, 8],
      ['keyword', '且', 9, 10],
      ['keyword', '非', 11, 12],
      ['function', '通过率', 13, 16],
      ['operator', '>=', 17, 19],
      ['percent', '90％', 20, 23],
    ]);
  });

  it('covers every literal kind', () => {
    const kinds = parseExpression('a * 2 = "s" 或 A类 = Ⅰ级 或 #1 或 近3年 或 是 或 [x]').tokens.map((t) => t.kind);
    expect(kinds).toEqual([
      'name', 'operator', 'number', 'operator', 'string', 'keyword', 'class', 'operator', 'risk', 'keyword', 'item',
      'keyword', 'window', 'keyword', 'keyword', 'keyword', 'punctuation', 'name', 'punctuation',
    ]);
  });
});
