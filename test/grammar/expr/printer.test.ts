import { describe, expect, it } from 'vitest';
import type { Expr } from '../../../grammar/expr/ast.js';
import { parseExpression, printExpression } from '../../../grammar/expr/index.js';
import { strip } from './helpers.js';

const parse = (text: string): Expr => {
  const r = parseExpression(text);
  expect(r.errors).toEqual([]);
  return r.ast;
};

const printed: [string, string, string][] = [
  ['通过率>=90%', '通过率 >= 90%', 'ratio >= 90%'],
  ['任一不通过(指向型) 或 通过率 < 60%', '任一不通过(指向型) 或 通过率 < 60%', 'anyFail(directive) or ratio < 60%'],
  ['任一不通过(★)', '任一不通过(★)', 'anyFail(directive)'],
  ['任一不通过(*)', '任一不通过(★)', 'anyFail(directive)'],
  ['全部通过 and passed(national) >= 19', '全部通过 且 通过数(国家项目) >= 19', 'allPass and passed(national) >= 19'],
  ['规模以上并且次数(抽查不合格,近三年)=0', '规模以上 且 次数(抽查不合格, 近3年) = 0', '规模以上 and count(抽查不合格, within 3 years) = 0'],
  ['a 或者 b 或 c', 'a 或 b 或 c', 'a or b or c'],
  ['a 或 (b 或 c)', 'a 或 (b 或 c)', 'a or (b or c)'],
  ['(a 且 b) 或 c', 'a 且 b 或 c', 'a and b or c'],
  ['(a 或 b) 且 c', '(a 或 b) 且 c', '(a or b) and c'],
  ['非规模以上', '非规模以上', 'not 规模以上'],
  ['非(a 且 b)', '非(a 且 b)', 'not (a and b)'],
  ['非 非 a', '非非a', 'not not a'],
  ['(非 a) = 真', '(非a) = 真', '(not a) = true'],
  ['(a < b) < c', '(a < b) < c', '(a < b) < c'],
  ['a - (b - c)', 'a - (b - c)', 'a - (b - c)'],
  ['(a - b) - c', 'a - b - c', 'a - b - c'],
  ['a * (b + c) / d', 'a * (b + c) / d', 'a * (b + c) / d'],
  ['-(a + b)', '-(a + b)', '-(a + b)'],
  ['- -a', '--a', '--a'],
  ['(1 + 2) >= 3', '1 + 2 >= 3', '1 + 2 >= 3'],
  ['第6.1项', '#6.1', '#6.1'],
  ['[#1,#2,基础管理]', '[#1, #2, 基础管理]', '[#1, #2, 基础管理]'],
  ['[]', '[]', '[]'],
  ['风险等级 = 一级', '风险等级 = Ⅰ级', 'riskLevel = level1'],
  ['风险等级 ≠ III级', '风险等级 != Ⅲ级', 'riskLevel != level3'],
  ['上次类别 >= A类', '上次类别 >= A', 'previousClass >= A'],
  ['上次类别 = AA', '上次类别 = AA', 'previousClass = AA'],
  ['近三年', '近3年', 'within 3 years'],
  ['within 1 year', '近1年', 'within 1 year'],
  ['近6月', '近6个月', 'within 6 months'],
  ['近30日', '近30天', 'within 30 days'],
  ['自上次复核', '自上次评定', 'since review'],
  ['"电线"', '"电线"', '"电线"'],
  ['"a\\"b\\\\c\\n"', '"a\\"b\\\\c\\n"', '"a\\"b\\\\c\\n"'],
  ['是 或 否', '真 或 假', 'true or false'],
  ['66.7% 或 3.50', '66.7% 或 3.50', '66.7% or 3.50'],
  ['通过率()', '通过率()', 'ratio()'],
  ['首次评定', '首次评定', 'firstClassification'],
];

describe('printExpression', () => {
  it.each(printed)('%s', (text, zh, en) => {
    const ast = parse(text);
    expect(printExpression(ast)).toBe(zh);
    expect(printExpression(ast, 'zh')).toBe(zh);
    expect(printExpression(ast, 'en')).toBe(en);
  });

  it('re-parses to the same tree when the input uses Chinese names', () => {
    for (const [text] of printed.filter(([t]) => !/[a-z]{3}/i.test(t.replace(/"[^"]*"/g, '')))) {
      const ast = parse(text);
      expect(strip(parse(printExpression(ast))), text).toEqual(strip(ast));
    }
  });

  it('is idempotent and re-parses cleanly in both languages', () => {
    for (const [text] of printed) {
      for (const lang of ['zh', 'en'] as const) {
        const once = printExpression(parse(text), lang);
        const reparsed = parse(once);
        expect(printExpression(reparsed, lang), `${lang}: ${text}`).toBe(once);
      }
    }
  });

  it('prints Chinese-quoted strings with ASCII quotes', () => {
    const r = parseExpression('产品包含(“电线”)');
    expect(r.errors.map((e) => e.code)).toEqual(['FL1104']);
    expect(printExpression(r.ast)).toBe('产品包含("电线")');
    expect(printExpression(r.ast, 'en')).toBe('hasProduct("电线")');
  });

  it('parenthesises nested or/and built by hand', () => {
    const a: Expr = { kind: 'name', name: 'a', start: 0, end: 0 };
    const inner: Expr = { kind: 'and', operands: [a, a], start: 0, end: 0 };
    expect(printExpression({ kind: 'and', operands: [a, inner], start: 0, end: 0 })).toBe('a 且 (a 且 a)');
    expect(printExpression({ kind: 'not', operand: { kind: 'or', operands: [a, a], start: 0, end: 0 }, start: 0, end: 0 }, 'en')).toBe('not (a or a)');
  });
});
