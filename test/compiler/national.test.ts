// The bundled national rules (rules/national/national.yaml): clean, and exactly the
// General Rules' 19 items with the ★ of the form and the exclusions of 第二条.
import { describe, expect, it } from 'vitest';
import { compileNational, DIRECTIVE_IDS, irOf, NATIONAL_IDS } from './helpers.js';

describe('national rules', () => {
  const r = compileNational();
  const ir = irOf(r);

  it('check clean: no diagnostics at all, and an IR', () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.file).toBe('rules/national/national.yaml');
    expect(r.base).toBeUndefined();
  });

  it('have exactly the 19 items "1" … "19", in order, all national', () => {
    expect(ir.items.map((i) => i.id)).toEqual(NATIONAL_IDS);
    expect(ir.items.every((i) => i.origin === 'national' && i.nationalId === i.id && i.na === null)).toBe(true);
  });

  it('mark ★ exactly items 1, 2, 12, 14, 15, 16, 17', () => {
    expect(ir.items.filter((i) => i.directive).map((i) => i.id)).toEqual(DIRECTIVE_IDS);
  });

  it('answer items 8, 13, 14, 17, 18, 19 with 符合/不符合 and the rest with 发现问题/未发现问题', () => {
    expect(ir.items.filter((i) => i.pair === 'conform').map((i) => i.id)).toEqual(['8', '13', '14', '17', '18', '19']);
  });

  it('exclude exactly the six categories of 第二条', () => {
    expect(ir.excluded).toEqual(['食品', '食品添加剂', '食品相关产品', '化妆品', '计量器具', '特种设备']);
  });

  it('map classes to the modes of 第十八条 and shift Level Ⅰ one step stricter (第二十条)', () => {
    expect(ir.classModes).toEqual({ AA: '信用监管', A: '责任监管', B: '常态监管', C: '加严监管' });
    expect(ir.riskModes).toEqual([
      { AA: '责任监管', A: '常态监管', B: '加严监管', C: '加严监管' },
      { AA: '信用监管', A: '责任监管', B: '常态监管', C: '加严监管' },
      { AA: '信用监管', A: '责任监管', B: '常态监管', C: '加严监管' },
    ]);
    expect(Object.fromEntries(Object.entries(ir.measures).map(([m, xs]) => [m, xs.length]))).toEqual({ 信用监管: 3, 责任监管: 3, 常态监管: 3, 加严监管: 5 });
  });

  it('review yearly, rise at most one level, no first-classification cap (第二十一条, D4)', () => {
    const { periodMonths, maxRise, triggerDrop, firstCap } = ir.review;
    expect({ periodMonths, maxRise, triggerDrop, firstCap }).toEqual({ periodMonths: 12, maxRise: 1, triggerDrop: 1, firstCap: null });
  });

  it('state the D1 thresholds with their inclusivity', () => {
    const texts = Object.fromEntries(Object.entries(ir.classification).map(([c, xs]) => [c, xs.map((x) => x.text)]));
    expect(texts).toEqual({ C: ['任一不通过(指向型)', '通过率 < 60%'], AA: ['全部通过'], A: ['通过率 >= 90%'], B: ['通过率 >= 60%'] });
  });

  it('have the five 第二十一条 triggers and 拒绝抽查 as a non-trigger', () => {
    expect(ir.events.map((e) => [e.name, e.en, e.trigger])).toEqual([
      ['行政处罚', 'penalty', true],
      ['严重隐患', 'seriousHazard', true],
      ['抽查不合格', 'samplingFailure', true],
      ['媒体曝光', 'mediaExposure', true],
      ['其他降级情形', 'otherDowngrade', true],
      ['拒绝抽查', 'refusedSampling', false],
    ]);
  });
});

describe('Program cache', () => {
  it('recompiles a province when its base changed, even after the base alone was recompiled', async () => {
    const { Program } = await import('../../compiler/program.js');
    const files = new Map<string, string>([
      ['/v/base.yaml', (await import('node:fs')).readFileSync(new URL('../../rules/national/national.yaml', import.meta.url), 'utf8')],
      ['/v/p.yaml', '元数据: { 名称: 细则, 地区: 某省, 版本: "1", 生效日期: 2026-01-01, 基于: base.yaml }\n'],
      // The scope table the national file names (适用范围.范围表), beside it.
      ['/v/scope.yaml', (await import('node:fs')).readFileSync(new URL('../../rules/national/scope.yaml', import.meta.url), 'utf8')],
    ]);
    const program = new Program({ read: (p) => (files.has(p) ? { text: files.get(p)! } : { error: '文件不存在' }) }, '/v');
    expect(program.compile('/v/p.yaml').ir!.items.length).toBe(19);
    files.set('/v/base.yaml', files.get('/v/base.yaml')!.replace('  - 编号: "19"', '  - 编号: "20"\n    内容: 新增\n    答案: 符合/不符合\n  - 编号: "19"'));
    expect(program.compile('/v/base.yaml').ir!.items.length).toBe(20);
    expect(program.compile('/v/p.yaml').ir!.items.length).toBe(20);
  });
});
