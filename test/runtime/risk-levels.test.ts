// Issue 12, point 11: risk levels as counties write them, in records and registers (one
// spelling table, runtime/risk-levels.ts, shared with rule-file keys and conditions).
import { describe, expect, it } from 'vitest';
import { riskLevelOf } from '../../runtime/index.js';
import { compileNational } from '../compiler/helpers.js';
import { loadEvaluator } from '../../compiler/codegen/load.js';

describe('risk-level spellings', () => {
  it.each([
    ['Ⅰ', 1], ['Ⅱ', 2], ['Ⅲ', 3], ['Ⅲ级', 3], ['III级', 3], ['III', 3], ['iii', 3], ['三级', 3], ['3级', 3], ['3', 3], ['level3', 3],
    ['Ⅲ级（一般风险）', 3], ['Ⅲ级(一般风险)', 3], ['一般风险', 3], ['较高风险', 2], ['高风险', 1], ['Ⅱ级（较高风险）', 2], ['Ⅰ级（高风险）', 1], [' 二级 ', 2],
  ] as const)('%s is level %i', (text, level) => expect(riskLevelOf(text)).toBe(level));

  it.each(['Ⅳ', '四级', '4', '0', '', '中风险', 'Ⅲ级（高风险）', '一般', 'II级级'])('%s is none', (text) => expect(riskLevelOf(text)).toBeUndefined());

  it('a record may write any of them; the decision writes the level as Ⅰ级/Ⅱ级/Ⅲ级, and others are FL5013', () => {
    const r = compileNational();
    const ev = loadEvaluator(r.ir!);
    const answers = Object.fromEntries(r.ir!.items.map((i) => [i.id, '未发现问题']));
    const rec = (riskLevel: string) => ({ id: 'R', enterprise: { name: '甲', products: ['家具'] }, inspection: { date: '2026-03-01', riskLevel, answers } });
    const level = (s: string) => {
      const o = ev.evaluate(rec(s));
      return 'error' in o ? o.error.code : o.riskLevel;
    };
    expect(['Ⅲ', 'Ⅲ级（一般风险）', '一般风险', 'III级', '3级', 'Ⅱ', '较高风险', 'Ⅰ级（高风险）', '四级', 'Ⅲ级（高风险）'].map(level)).toEqual(['Ⅲ级', 'Ⅲ级', 'Ⅲ级', 'Ⅲ级', 'Ⅲ级', 'Ⅱ级', 'Ⅱ级', 'Ⅰ级', 'FL5013', 'FL5013']);
  });
});
