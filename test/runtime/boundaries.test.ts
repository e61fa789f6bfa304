// D1: exactly 90% is A, exactly 60% is B — reachable only with other item counts than 19.
// Complete rule sets without a base (the national sections copied, the items replaced).
import { describe, expect, it } from 'vitest';
import { compileText, decision, evaluatorOf, irOf, recordFor, spots, summary } from '../compiler/helpers.js';
import { completeRuleSet, itemIds } from '../fixtures/rule-sets.js';

/** The first `k` ordinary (non-★) items fail. */
const failFirst = (ids: string[], k: number) => ids.slice(1, 1 + k);

describe('D1 boundaries in complete rule sets', () => {
  for (const n of [20, 30]) {
    const r = compileText(completeRuleSet(n), {}, `complete-${n}.yaml`);
    const ids = itemIds(n);
    it(`${n} items: the rule set compiles clean, with ${n} items and only item 1 ★`, () => {
      expect(spots(r)).toEqual([]);
      const ir = irOf(r);
      expect(ir.items.map((i) => i.id)).toEqual(ids);
      expect(ir.items.filter((i) => i.directive).map((i) => i.id)).toEqual(['1']);
      expect(ir.classModes).toEqual({ AA: '信用监管', A: '责任监管', B: '常态监管', C: '加严监管' });
    });
    const ev = evaluatorOf(r);
    const cases: [number, string, string][] =
      n === 20
        ? [[20, 'AA', '信用监管'], [19, 'A', '责任监管'], [18, 'A', '责任监管'], [17, 'B', '常态监管'], [12, 'B', '常态监管'], [11, 'C', '加严监管']]
        : [[30, 'AA', '信用监管'], [27, 'A', '责任监管'], [26, 'B', '常态监管'], [18, 'B', '常态监管'], [17, 'C', '加严监管']];
    it.each(cases)(`${n} items, %i pass → %s`, (pass, cls, mode) => {
      const failed = failFirst(ids, n - pass);
      const d = decision(ev.evaluate(recordFor(ids, failed, { products: ['家具'] })));
      expect(summary(d)).toEqual({
        inScope: true, class: cls, assessedClass: cls, mode, riskLevel: 'Ⅲ级', passed: pass, answered: n,
        passRatio: Math.round((pass / n) * 10000) / 10000, failedItems: failed, directiveFailures: [], measures: mode === '加严监管' ? 5 : 3,
      });
    });
    it(`${n} items: ★1 failing alone → C`, () => {
      expect(decision(ev.evaluate(recordFor(ids, ['1']))).class).toBe('C');
    });
  }
});

describe('a province that makes A strict (通过率 > 90%)', () => {
  const S1 = `项目:\n  - { 编号: S1, 内容: 补充项目, 答案: 发现问题/未发现问题 }\n`;
  const HEAD = `元数据:\n  名称: 测试细则\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n`;
  const ids = [...itemIds(19), 'S1'];
  const exactly90 = recordFor(ids, ['18', '19']); // 18 of 20 pass

  it('with the national thresholds, 18/20 = 90% is A', () => {
    const r = compileText(HEAD + S1);
    expect(spots(r)).toEqual([]);
    expect(decision(evaluatorOf(r).evaluate(exactly90)).class).toBe('A');
  });
  it('with A 通过率 > 90%, 18/20 = 90% is B and 19/20 is A', () => {
    const r = compileText(HEAD + S1 + `分类:\n  A:\n    全部条件:\n      - 名称: 通过率\n        条件: 通过率 > 90%\n`);
    expect(spots(r)).toEqual([]);
    const ev = evaluatorOf(r);
    expect(summary(decision(ev.evaluate(exactly90)))).toMatchObject({ class: 'B', mode: '常态监管', passed: 18, answered: 20, passRatio: 0.9 });
    expect(decision(ev.evaluate(recordFor(ids, ['19']))).class).toBe('A');
  });
  it('a 20-item complete base and a province over it with A 通过率 > 90%', () => {
    const base = completeRuleSet(20);
    const r = compileText(HEAD.replace('基于: national', '基于: base20.yaml') + `分类:\n  A:\n    全部条件:\n      - 名称: 通过率\n        条件: 通过率 > 90%\n`, { 'base20.yaml': base });
    expect(spots(r)).toEqual([]);
    const twenty = itemIds(20);
    const ev = evaluatorOf(r);
    expect(decision(ev.evaluate(recordFor(twenty, ['19', '20']))).class).toBe('B');
    expect(decision(evaluatorOf(compileText(base)).evaluate(recordFor(twenty, ['19', '20']))).class).toBe('A');
  });
  it('C 通过率 <= 60% makes exactly 60% C', () => {
    const r = compileText(completeRuleSet(20), {}, 'base20.yaml');
    const twenty = itemIds(20);
    const at60 = recordFor(twenty, failFirst(twenty, 8)); // 12 of 20
    expect(decision(evaluatorOf(r).evaluate(at60)).class).toBe('B');
    const strict = compileText(HEAD.replace('基于: national', '基于: base20.yaml') + `分类:\n  C:\n    任一条件:\n      - 名称: 通过率下限\n        条件: 通过率 <= 60%\n`, { 'base20.yaml': completeRuleSet(20) });
    expect(spots(strict)).toEqual([]);
    expect(decision(evaluatorOf(strict).evaluate(at60)).class).toBe('C');
  });
});
