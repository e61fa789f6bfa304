// `check` never contradicts a proof: thresholds lower than national that no producible ratio
// tells apart, or that another condition of the class makes up for, are no FL3003 errors — and
// verify proves both provinces.
import { describe, expect, it } from 'vitest';
import { verifyText } from './helpers.js';

const HEAD = `元数据:\n  名称: 测试细则\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n`;
const cls = (c: 'A' | 'B' | 'C', conds: [string, string][]) => `  ${c}:\n    ${c === 'C' ? '任一条件' : '全部条件'}:\n${conds.map(([n, w]) => `      - 名称: ${n}\n        条件: ${w}\n`).join('')}`;

describe('check and verify agree on thresholds', () => {
  it('A at 89.5 %, B at 58 %, C below 58 %: no error, proven', () => {
    const text = `${HEAD}分类:\n${cls('C', [['通过率下限', '通过率 < 58%']])}${cls('A', [['通过率', '通过率 >= 89.5%']])}${cls('B', [['通过率', '通过率 >= 58%']])}`;
    const { result, province } = verifyText(text);
    expect(province.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.status).toBe('notWeaker');
  });

  it('A at 85 % with 不通过数 <= 1: a warning (FL3030), proven', () => {
    const text = `${HEAD}分类:\n${cls('A', [['通过率', '通过率 >= 85%'], ['至多一项', '不通过数 <= 1']])}`;
    const { result, province } = verifyText(text);
    expect(province.diagnostics.map((d) => [d.code, d.severity])).toEqual([['FL3030', 'warning']]);
    expect(result.status).toBe('notWeaker');
  });

  it('A at 85 % alone: an error (FL3003), and verify finds the weakness', () => {
    const { result, province } = verifyText(`${HEAD}分类:\n${cls('A', [['通过率', '通过率 >= 85%']])}`);
    expect(province.diagnostics.map((d) => [d.code, d.severity])).toEqual([['FL3003', 'error']]);
    expect(result.status).toBe('weaker');
  });
});
