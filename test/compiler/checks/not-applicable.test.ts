// FL3010 (compiler/checks/not-applicable.ts): a not-applicable condition on a national item
// may weaken the rules; only the verifier can tell (D2). A warning on the condition.
import { describe, expect, it } from 'vitest';
import { at, compileProvince, spots, type Spot } from '../helpers.js';

describe('FL3010 not-applicable condition on a national item', () => {
  it.each([
    ['调整 of item 18', `调整:\n  - 项目: "18"\n    不适用条件: 产品包含("水泥")\n`, [at('FL3010', 9, 12, 9, 22)]],
    ['调整 of ★17, quoted', `调整:\n  - { 项目: "17", 不适用条件: "非 产品包含(\\"电线电缆\\")" }\n`, [at('FL3010', 8, 24, 8, 42)]],
    ['refined item 13.1', `项目:\n  - 编号: "13.1"\n    细化: "13"\n    内容: 连续3次抽查合格\n    答案: 符合/不符合\n    不适用条件: 首次评定\n`, [at('FL3010', 12, 12, 12, 16)]],
  ] as [string, string, Spot[]][])('%s', (_n, body, expected) => {
    const r = compileProvince(body);
    expect(spots(r)).toEqual(expected);
    expect(r.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(r.ok).toBe(true);
  });
  it('names the item', () => {
    expect(compileProvince(`调整:\n  - 项目: "18"\n    不适用条件: 产品包含("水泥")\n`).diagnostics.map((d) => d.message)).toEqual(['国家项目“18”设了不适用条件，可能使细则比国家规则宽松，请用 fenlei verify 验证']);
  });
  it('no diagnostic for a supplementary item', () => {
    expect(spots(compileProvince(`项目:\n  - { 编号: S1, 内容: 出口许可, 答案: 符合/不符合, 不适用条件: 非 产品包含("水泥") }\n`))).toEqual([]);
  });
});
