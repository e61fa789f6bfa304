// D2′: how a part the province leaves not applicable is seen nationally. The national form has
// no 不适用 box: for an enterprise where the province's condition holds, the national item is
// answered by the national inspector (it may pass or fail) — unless the province states the
// assumption (验证假设) that it is then ticked as passing, which the proof lists.
import { describe, expect, it } from 'vitest';
import { verificationDiagnostics } from '../../compiler/verify/diagnostics.js';
import { resultText } from '../../compiler/verify/format.js';
import { essentials, replay, verifyText } from './helpers.js';

const HEAD = `元数据:\n  名称: 测试细则\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n企业信息:\n  - { 名称: 小微企业, 类型: 布尔, 默认: false }\n`;

describe('a sub-item not applicable (item 18 split into scale and leadership)', () => {
  const split = (assume = '') =>
    `${HEAD}项目:\n  - { 编号: "18.1", 细化: "18", 内容: 企业达到规模水平, 答案: 符合/不符合, 不适用条件: 小微企业${assume} }\n  - { 编号: "18.2", 细化: "18", 内容: 企业处于行业龙头地位, 答案: 符合/不符合 }\n` +
    // 20 items: the thresholds keep "at most 1 / at most 7 failures" (the split does not dilute).
    `分类:\n  A:\n    全部条件:\n      - 名称: 通过率\n        条件: 通过率 >= 95%\n  B:\n    全部条件:\n      - 名称: 通过率\n        条件: 通过率 >= 65%\n`;

  it('is weaker: a small firm passing everything is AA provincially, A nationally (it fails 18 there)', () => {
    const { result, province } = verifyText(split());
    expect(result.status).toBe('weaker');
    const { p, n } = replay(result, province);
    expect(essentials(result)).toEqual({ kind: 'class', failed: [], nationalFailed: ['18'], events: 0, province: 'AA/信用监管', national: 'A/责任监管' });
    expect([p.passed, p.answered, n.passed, n.answered]).toEqual([19, 19, 18, 19]);
    expect(result.counterexample!.record.enterprise.facts).toEqual({ 涉及行政许可: true, 持有生产许可证: true, 小微企业: true });
    expect(result.counterexample!.record.inspection.answers['18.1']).toBe('不适用');
    expect(result.counterexample!.nationalRecord.inspection.answers['18']).toBe('不符合');
  });

  it('with the assumption stated, is proven — and the verdict, the diagnostics and the text list it', () => {
    const { result } = verifyText(split(', 验证假设: 小微企业国家第18项按“符合”勾选'));
    expect(result.status).toBe('notWeaker');
    expect(result.assumptions.map((a) => [a.item, a.nationalId, a.line])).toEqual([['18.1', '18', 10]]);
    const fl4010 = verificationDiagnostics(result).filter((d) => d.code === 'FL4010');
    expect(fl4010.map((d) => [d.severity, d.range.start.line + 1, d.message])).toEqual([['info', 10, '验证假设：项目 18.1 不适用时，国家第18项按“通过”勾选（小微企业国家第18项按“符合”勾选）。“不比国家规则宽松”的结论以此为前提']]);
    expect(resultText(result)).toContain('项目 18.1 不适用时，国家第18项按“通过”勾选：小微企业国家第18项按“符合”勾选');
  });
});

describe('a whole national item not applicable (item 17)', () => {
  const text = (when: string, assume = '') => `${HEAD}调整:\n  - { 项目: "17", 不适用条件: ${when}${assume} }\n`;

  // The national rules say item 17 limits itself (视为通过条件: 非 持有生产许可证, D2′): a firm
  // without a production licence passes it nationally, so the province's 不适用 there needs no assumption.
  it('for firms without a production licence, it is proven with no assumption (national item 17 limits itself)', () => {
    const { result } = verifyText(text('非 持有生产许可证'));
    expect(result.status).toBe('notWeaker');
    expect(result.assumptions).toEqual([]);
  });

  it('under a condition of its own, without an assumption, it is weaker (★17 may fail nationally)', () => {
    const { result, province } = verifyText(text('小微企业'));
    expect(result.status).toBe('weaker');
    replay(result, province);
    expect(essentials(result)).toMatchObject({ failed: [], nationalFailed: ['17'], province: 'AA/信用监管', national: 'C/加严监管' });
    expect(result.counterexample!.record.enterprise.facts).toMatchObject({ 小微企业: true, 持有生产许可证: true });
  });

  it('with the assumption stated, it is proven under it', () => {
    const { result } = verifyText(text('小微企业', ', 验证假设: 小微企业国家第17项按“符合”勾选'));
    expect(result.status).toBe('notWeaker');
    expect(result.assumptions.map((a) => a.item)).toEqual(['17']);
  });
});
