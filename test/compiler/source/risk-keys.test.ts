// Issue 12, point 11: the keys of 风险调整 accept the risk-level spellings records and conditions
// accept, and a key that is none suggests the right key.
import { describe, expect, it } from 'vitest';
import { compileProvince } from '../helpers.js';

const risk = (body: string) => compileProvince(`风险调整:\n${body}`);

describe('风险调整 keys', () => {
  it('II级, 二级, Ⅱ, level2 and Ⅱ级 are the same key', () => {
    const modes = (key: string) => {
      const r = risk(`  ${key}: { AA: 责任监管, A: 责任监管, B: 常态监管, C: 加严监管 }\n`);
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), key).toEqual([]);
      return r.ir!.riskModes[1];
    };
    const want = { AA: '责任监管', A: '责任监管', B: '常态监管', C: '加严监管' };
    for (const k of ['Ⅱ级', 'II级', '二级', 'Ⅱ', 'level2', '较高风险']) expect(modes(k), k).toEqual(want);
    expect(risk('  三级: 不调整\n  一级: 下调一级\n').diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('two spellings of one level are one key written twice', () => {
    const r = risk('  Ⅱ级: 不调整\n  二级: 下调一级\n');
    expect(r.diagnostics.map((d) => d.code)).toContain('FL0101');
    expect(r.diagnostics.find((d) => d.code === 'FL0101')!.message).toBe('未知字段“二级”，是否应为“Ⅱ级”？');
  });

  it('suggests the right key: A类 → A, not AA', () => {
    const r = compileProvince('类别监管方式:\n  A类: 信用监管\n');
    expect(r.diagnostics.find((d) => d.code === 'FL0101')!.message).toBe('未知字段“A类”，是否应为“A”？');
  });
});
