// FL3004 / FL3006 (compiler/checks/modes.ts): no class gets a lighter mode than the base
// gives it (第十八条), at any risk level (第二十条).
import { describe, expect, it } from 'vitest';
import { at, compileProvince, spots, type Spot } from '../helpers.js';

describe('FL3006 lighter mode for a class', () => {
  const invalid: [string, string, Spot[]][] = [
    ['B → 责任监管', `类别监管方式:\n  B: 责任监管\n`, [at('FL3006', 8, 6, 8, 10)]],
    ['C → 常态监管 (English alias routine)', `类别监管方式:\n  C: routine\n`, [at('FL3006', 8, 6, 8, 13)]],
    ['A → 信用监管 and AA unchanged', `类别监管方式:\n  AA: 信用监管\n  A: 信用监管\n`, [at('FL3006', 9, 6, 9, 10)]],
  ];
  it.each(invalid)('%s', (_name, body, expected) => {
    const r = compileProvince(body);
    // A lighter class mode also makes the Ⅱ/Ⅲ-level modes (which follow it) lighter.
    expect(spots(r, 'FL3006')).toEqual(expected);
    expect(r.ok).toBe(false);
  });

  it('names class, mode and the national mode', () => {
    const r = compileProvince(`类别监管方式:\n  B: 责任监管\n`);
    expect(r.diagnostics.find((d) => d.code === 'FL3006')!.message).toBe('B类的监管方式“责任监管”比国家规则的“常态监管”宽松（第十八条）');
  });

  const valid: [string, string][] = [
    ['AA → 责任监管 (stricter)', `类别监管方式:\n  AA: 责任监管\n`],
    ['A → 加严监管 (stricter)', `类别监管方式:\n  A: 加严监管\n`],
    ['all as national', `类别监管方式:\n  AA: 信用监管\n  A: 责任监管\n  B: 常态监管\n  C: 加严监管\n`],
  ];
  it.each(valid)('no diagnostic: %s', (_name, body) => {
    expect(spots(compileProvince(body))).toEqual([]);
  });
});

describe('FL3004 lighter mode for a risk level', () => {
  const invalid: [string, string, Spot[]][] = [
    // Level Ⅰ not shifted: AA, A and B get lighter modes than nationally (C stays 加严).
    ['Ⅰ级: 不调整', `风险调整:\n  Ⅰ级: 不调整\n`, [at('FL3004', 8, 7, 8, 10), at('FL3004', 8, 7, 8, 10), at('FL3004', 8, 7, 8, 10)]],
    ['level1: unchanged (English keys)', `风险调整:\n  level1: unchanged\n`, [at('FL3004', 8, 11, 8, 20), at('FL3004', 8, 11, 8, 20), at('FL3004', 8, 11, 8, 20)]],
    ['Ⅱ级 C → 常态监管', `风险调整:\n  Ⅱ级:\n    C: 常态监管\n`, [at('FL3004', 9, 8, 9, 12)]],
    ['Ⅰ级 A → 责任监管 (national: 常态监管)', `风险调整:\n  Ⅰ级:\n    A: 责任监管\n`, [at('FL3004', 9, 8, 9, 12)]],
    ['Ⅲ级 per class, two lighter', `风险调整:\n  Ⅲ级: { AA: 信用监管, A: 信用监管, B: 责任监管, C: 加严监管 }\n`, [at('FL3004', 8, 22, 8, 26), at('FL3004', 8, 31, 8, 35)]],
  ];
  it.each(invalid)('%s', (_name, body, expected) => {
    expect(spots(compileProvince(body))).toEqual(expected);
  });

  it('names level, class and both modes', () => {
    const r = compileProvince(`风险调整:\n  Ⅱ级:\n    C: 常态监管\n`);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['Ⅱ级产品的C类企业监管方式为“常态监管”，比所依据规则的“加严监管”宽松（第二十条）']);
  });

  const valid: [string, string][] = [
    ['Ⅱ级: 下调一级 (stricter)', `风险调整:\n  Ⅱ级: 下调一级\n`],
    ['Ⅰ级: 下调一级 restated', `风险调整:\n  Ⅰ级: 下调一级\n`],
    ['Ⅲ级 B → 加严监管', `风险调整:\n  Ⅲ级:\n    B: 加严监管\n`],
    ['Ⅰ级 per class equal to national', `风险调整:\n  Ⅰ级: { AA: 责任监管, A: 常态监管, B: 加严监管, C: 加严监管 }\n`],
  ];
  it.each(valid)('no diagnostic: %s', (_name, body) => {
    expect(spots(compileProvince(body))).toEqual([]);
  });
});
