// The catalogue in force on the inspection date (runtime/catalogues.ts, runtime/prepare.ts;
// 第二十条, D6′): versions chosen by date, the decision names them, an undetermined level is
// said (FL5120) or, where the rules require the level, an error (FL5020).
import { describe, expect, it } from 'vitest';
import { loadEvaluator } from '../../compiler/codegen/load.js';
import { compileText, decision, HEADER, irOf, nationalRecord, recordError, warningCodes } from '../compiler/helpers.js';

const cat = (version: string, effective: string, products: string, expires = '') =>
  `元数据:\n  名称: 测试目录\n  地区: 全国\n  版本: "${version}"\n  生效日期: ${effective}\n${expires ? `  失效日期: ${expires}\n` : ''}产品:\n${products}`;
const V1 = cat('V1', '2024-01-01', '  - { 名称: 水泥, 风险等级: Ⅱ级 }\n  - { 名称: 家具, 风险等级: Ⅲ级 }\n');
const V2 = cat('V2', '2025-07-01', '  - { 名称: 水泥, 风险等级: Ⅰ级 }\n  - { 名称: 家具, 风险等级: Ⅲ级 }\n');
const LOCAL = '元数据:\n  名称: 本省增补\n  地区: 测试省\n  版本: "L1"\n  生效日期: 2025-01-01\n产品:\n  - { 名称: 家具, 风险等级: Ⅱ级 }\n';

/** A test province in force since 2020 (so that no record here is before it), without the illustrative catalogue. */
const evaluator = (body: string, files: Record<string, string>) => loadEvaluator(irOf(compileText(HEADER.replace('2026-01-01', '2020-01-01') + body, files)));
const ev = evaluator('产品目录: [v1.yaml, v2.yaml, local.yaml]\n', { 'v1.yaml': V1, 'v2.yaml': V2, 'local.yaml': LOCAL });
const on = (date: string, products: string[], riskLevel?: string) => {
  const rec = nationalRecord([], { products, ...(riskLevel ? { riskLevel } : {}) });
  rec.inspection.date = date;
  return rec;
};

describe('catalogue versions by inspection date', () => {
  it.each([
    ['2024-06-30', '水泥', 'Ⅱ级', '信用监管', ['V1']],
    ['2025-06-30', '水泥', 'Ⅱ级', '信用监管', ['V1', 'L1']],
    ['2025-07-01', '水泥', 'Ⅰ级', '责任监管', ['V2', 'L1']],
    ['2024-12-31', '家具', 'Ⅲ级', '信用监管', ['V1']],
    ['2025-01-01', '家具', 'Ⅱ级', '信用监管', ['V1', 'L1']],
  ])('%s: %s is %s (%s), catalogues %j', (date, product, level, mode, versions) => {
    const d = decision(ev.evaluate(on(date, [product])));
    expect([d.riskLevel, d.mode, d.catalogues.map((c) => c.version)]).toEqual([level, mode, versions]);
  });
  it('the decision names the versions, and the trace says which catalogue was used', () => {
    const d = decision(ev.evaluate(on('2025-07-01', ['水泥']), { trace: true }));
    expect(d.catalogues).toEqual([{ name: '测试目录', region: '全国', version: 'V2' }, { name: '本省增补', region: '测试省', version: 'L1' }]);
    expect(d.trace.filter((s) => s.step === 'catalogue').map((s) => [s.article, s.text])).toEqual([
      ['第二十条', '检查日期有效的产品目录：测试目录（全国，版本 V2，2025-07-01 起施行）；本省增补（测试省，版本 L1，2025-01-01 起施行）'],
    ]);
  });
  it('before every version no catalogue is in force: the level is undetermined', () => {
    const d = decision(ev.evaluate(on('2023-12-31', ['水泥']), { trace: true }));
    expect([d.riskLevel, d.catalogues, warningCodes(d)]).toEqual([null, [], ['FL5120']]);
    expect(d.trace.find((s) => s.step === 'catalogue')!.text).toBe('检查日期没有有效的产品目录（规则集未引用目录文件，或目录尚未生效）');
  });
  it('an expired version is not used after its 失效日期', () => {
    const e = evaluator('产品目录: [old.yaml]\n', { 'old.yaml': cat('V0', '2020-01-01', '  - { 名称: 水泥, 风险等级: Ⅰ级 }\n', '2024-01-01') });
    expect(decision(e.evaluate(on('2023-12-31', ['水泥']))).riskLevel).toBe('Ⅰ级');
    expect(decision(e.evaluate(on('2024-01-01', ['水泥']))).riskLevel).toBe(null);
  });
  it('the ticked level raises the catalogue level, never lowers it', () => {
    expect(decision(ev.evaluate(on('2024-06-30', ['水泥'], 'Ⅰ级'))).riskLevel).toBe('Ⅰ级');
    const d = decision(ev.evaluate(on('2025-07-01', ['水泥'], 'Ⅲ级')));
    expect([d.riskLevel, warningCodes(d)]).toEqual(['Ⅰ级', ['FL5101']]);
  });
});

describe('undetermined risk level (D6′)', () => {
  const none = evaluator('', {});
  it('no catalogue and nothing ticked: riskLevel null, mode as Art. 18, warning FL5120, trace says so', () => {
    const d = decision(none.evaluate(on('2025-03-01', ['电线电缆']), { trace: true }));
    expect([d.riskLevel, d.mode, warningCodes(d)]).toEqual([null, '信用监管', ['FL5120']]);
    expect(d.trace.find((s) => s.step === 'risk')!.text).toBe('综合风险等级未确定（主要产品都不在有效的产品目录中，检查表也未勾选），未作第二十条调整（同Ⅲ级一般风险），监管方式保持信用监管');
  });
  it('a ticked level decides without a catalogue', () => {
    const d = decision(none.evaluate(on('2025-03-01', ['电线电缆'], 'Ⅰ级')));
    expect([d.riskLevel, d.mode, warningCodes(d)]).toEqual(['Ⅰ级', '责任监管', []]);
  });
  it('风险等级必填: an undetermined level is record error FL5020', () => {
    const req = evaluator('风险等级必填: 是\n', {});
    expect(recordError(req.evaluate(on('2025-03-01', ['电线电缆'])))).toEqual({
      code: 'FL5020',
      field: 'inspection.riskLevel',
      message: '综合风险等级未确定：主要产品（电线电缆）都不在检查日期有效的产品目录（无）中，检查表也未勾选风险等级；本规则集要求确定风险等级（第二十条），请填写风险等级',
      messageEn: 'The composite risk level is undetermined: no product (电线电缆) is in the catalogues in force (无) and no level is ticked; these rules require it (Art. 20)',
    });
    expect(decision(req.evaluate(on('2025-03-01', ['电线电缆'], 'Ⅱ级'))).riskLevel).toBe('Ⅱ级');
  });
  it('out of scope needs no level', () => {
    const req = evaluator('风险等级必填: 是\n', {});
    expect(decision(req.evaluate(on('2025-03-01', ['化妆品']))).inScope).toBe(false);
  });
});
