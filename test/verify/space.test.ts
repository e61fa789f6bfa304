// The space the verifier walks is cut where the rules tell things apart: event counts only at
// the counts a condition compares with, named products by what swapping them changes.
import { describe, expect, it } from 'vitest';
import { essentials, replay, verifyText } from './helpers.js';

const HEAD = `元数据:\n  名称: 测试细则\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n`;

describe('event counts', () => {
  it('compared with 1000 are two cases (below, and 1000), not a thousand and one per window', () => {
    const text = `${HEAD}分类:\n  AA:\n    全部条件:\n      - 名称: 抽查\n        条件: 次数(抽查不合格, 近3年) < 1000\n`;
    const { result } = verifyText(text, { timeLimitMs: 20_000 });
    expect(result.status).toBe('notWeaker');
    // The one stricter case needs exactly 1000 failed samplings (the fewest that make AA fail).
    const aa = result.stricter.find((s) => s.national.class === 'AA' && s.province.class === 'A')!;
    expect(aa.record.history!.events!.length).toBe(1000);
    expect(aa.text).toContain('抽查不合格 1000 次（');
  });
});

describe('named products', () => {
  const CCC = Array.from({ length: 13 }, (_, i) => `CCC产品${i + 1}`);
  const oneOf = CCC.map((p) => `产品包含("${p}")`).join(' 或 ');
  it('thirteen named in one condition are interchangeable: a diluting item that applies to them is found weaker', () => {
    const text = `${HEAD}项目:\n  - { 编号: 补1, 内容: 强制性产品认证, 答案: 发现问题/未发现问题, 不适用条件: 非 (${oneOf}) }\n`;
    const { result, province } = verifyText(text, { timeLimitMs: 20_000 });
    expect(result.status).toBe('weaker');
    replay(result, province);
    expect(essentials(result)).toMatchObject({ province: 'A/责任监管', national: 'B/常态监管' });
    expect(result.counterexample!.record.enterprise.products).toEqual(['CCC产品1']);
  });

  it('thirteen named in a condition that only makes the province stricter: proven not weaker', () => {
    const text = `${HEAD}分类:\n  AA:\n    全部条件:\n      - 名称: 非认证产品\n        条件: 非 (${oneOf})\n`;
    const { result } = verifyText(text, { timeLimitMs: 20_000 });
    expect([result.status, result.reason]).toEqual(['notWeaker', undefined]);
    expect(result.stricter.some((s) => s.record.enterprise.products?.includes('CCC产品1'))).toBe(true);
  });
});

describe('yes/no facts', () => {
  const facts = (n: number) => `企业信息:\n${Array.from({ length: n }, (_, i) => `  - { 名称: 情况${i + 1}, 类型: 布尔, 默认: false }\n`).join('')}`;
  it('twenty-four in one 或 are two cases (the 或 holds or not), as one fact is: proven not weaker', () => {
    const anyOf = (n: number) => verifyText(`${HEAD}${facts(n)}分类:\n  C:\n    任一条件:\n      - 名称: 任一情况\n        条件: ${Array.from({ length: n }, (_, i) => `情况${i + 1}`).join(' 或 ')}\n`, { timeLimitMs: 20_000 }).result;
    const result = anyOf(24);
    expect(result.status).toBe('notWeaker');
    // One fact is 2 cases beside the rest of the space (the national facts, products, history); so are twenty-four, not 25 or 2^24.
    const one = anyOf(1);
    expect(one.status).toBe('notWeaker');
    expect(result.stats.contexts).toBe(one.stats.contexts);
    // The product of every value, as the search walked it before, has 25 cases where one fact has 2.
    const walked = (n: number) => verifyText(`${HEAD}${facts(n)}分类:\n  C:\n    任一条件:\n      - 名称: 任一情况\n        条件: ${Array.from({ length: n }, (_, i) => `情况${i + 1}`).join(' 或 ')}\n`, { timeLimitMs: 20_000, strategy: 'exhaustive' }).result;
    expect(walked(24).stats.contexts * 2).toBe(walked(1).stats.contexts * 25);
  });

  it('twenty, each making one of twenty like items not applicable: the dilution is found', () => {
    const its = Array.from({ length: 20 }, (_, i) => `  - { 编号: 补${i + 1}, 内容: 补充项目${i + 1}, 答案: 发现问题/未发现问题, 不适用条件: 非 情况${i + 1} }\n`).join('');
    const { result, province } = verifyText(`${HEAD}${facts(20)}项目:\n${its}`, { timeLimitMs: 20_000 });
    expect(result.status).toBe('weaker');
    replay(result, province);
    // Two national items fail (B nationally); one of the province's facts set, so one supplementary item dilutes: 18/20 = 90 %, A.
    // The national facts (items 2 and 17 limiting themselves, D2′) stay at their defaults.
    const set = Object.entries(result.counterexample!.record.enterprise.facts!).filter(([name, v]) => name.startsWith('情况') && v);
    expect([essentials(result).province, essentials(result).national, set.length]).toEqual(['A/责任监管', 'B/常态监管', 1]);
    expect(result.counterexample!.nationalRecord.enterprise.facts).toEqual({ 涉及行政许可: true, 持有生产许可证: true });
  });
});
