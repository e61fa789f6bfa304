// compiler/checks/catalogue.ts and compiler/catalogue/read.ts: national triggers stay triggers
// (FL3007, 第二十一条); catalogue files (第二十条; D6′) read through the front end, a region adds
// Level Ⅰ/Ⅱ products only and never lowers a national level (FL3025, FL3008).
import { describe, expect, it } from 'vitest';
import { at, compileProvince, compileText, province, spots, type Spot } from '../helpers.js';

describe('FL3007 national trigger dropped', () => {
  it.each([
    ['抽查不合格 降级: false', `事件类型:\n  - 名称: 抽查不合格\n    降级: false\n`, [at('FL3007', 9, 9, 9, 14)]],
    ['行政处罚 降级: 否 (flow)', `事件类型:\n  - { 名称: 行政处罚, 依据: 本省, 降级: 否 }\n`, [at('FL3007', 8, 29, 8, 30)]],
  ] as [string, string, Spot[]][])('%s', (_n, body, expected) => {
    const r = compileProvince(body);
    expect(spots(r)).toEqual(expected);
    expect(r.ok).toBe(false);
  });
  it('names the trigger', () => {
    expect(compileProvince(`事件类型:\n  - 名称: 抽查不合格\n    降级: false\n`).diagnostics.map((d) => d.message)).toEqual(['国家规则的降级情形“抽查不合格”不能取消（第二十一条）']);
  });
  it.each([
    ['拒绝抽查 made a trigger (stricter)', `事件类型:\n  - { 名称: 拒绝抽查, 降级: true }\n`],
    ['trigger restated with a provincial article', `事件类型:\n  - { 名称: 抽查不合格, 依据: 本省细则第九条 }\n`],
    ['new provincial non-trigger event', `事件类型:\n  - { 名称: 约谈, 英文: talk, 降级: false }\n`],
  ])('no diagnostic: %s', (_n, body) => {
    expect(spots(compileProvince(body))).toEqual([]);
  });
});

/** A catalogue file: its metadata (5 lines, so products start on line 7), then the products. */
const cat = (region: string, version: string, effective: string, products: string, extra = '') =>
  `元数据:\n  名称: 测试目录\n  地区: ${region}\n  版本: "${version}"\n  生效日期: ${effective}\n${extra}产品:\n${products}`;
const NATIONAL = cat('全国', 'N1', '2024-01-01', '  - { 名称: 电线电缆, 风险等级: Ⅰ级 }\n  - { 名称: 水泥, 风险等级: Ⅱ级 }\n  - { 名称: 家具, 风险等级: Ⅲ级 }\n');
/** A province over the national rules referencing the national catalogue and `own` (as local.yaml). */
const withLocal = (own: string) => compileProvince(`产品目录: [n.yaml, local.yaml]\n`, { 'n.yaml': NATIONAL, 'local.yaml': own });
const spotsIn = (file: string, r: ReturnType<typeof compileProvince>) => spots(r.diagnostics.filter((d) => d.file.endsWith(file)));

describe('FL3008 / FL3025 a region adds Level Ⅰ and Ⅱ products only (第二十条)', () => {
  it.each([
    ['电线电缆 Ⅰ级 → Ⅱ级', '  - { 名称: 电线电缆, 风险等级: Ⅱ级 }\n', [at('FL3008', 7, 23, 7, 25)]],
    ['水泥 Ⅱ级 → Ⅲ级 (block style): Ⅲ级 is no regional level at all', '  - 名称: 水泥\n    风险等级: Ⅲ级\n', [at('FL3025', 8, 11, 8, 13)]],
    ['a new local Ⅲ级 product', '  - { 名称: 锂电池, 风险等级: Ⅲ级 }\n', [at('FL3025', 7, 22, 7, 24)]],
  ] as [string, string, Spot[]][])('%s', (_n, products, expected) => {
    const r = withLocal(cat('测试省', 'L1', '2024-01-01', products));
    expect(spotsIn('local.yaml', r)).toEqual(expected);
    expect(r.ok).toBe(false);
  });
  it('names the product, both levels and the national catalogue version', () => {
    const r = withLocal(cat('测试省', 'L1', '2024-01-01', '  - { 名称: 电线电缆, 风险等级: Ⅱ级 }\n'));
    expect(r.diagnostics.map((d) => `${d.file.split('/').pop()} ${d.message}`)).toEqual(['local.yaml 产品“电线电缆”的风险等级 Ⅱ级 低于国家目录（测试目录 N1）的 Ⅰ级（第二十条：本地区只能增加Ⅰ级、Ⅱ级产品，不能降低国家目录的等级）']);
  });
  it('a national version that expired before the regional one took effect is not compared', () => {
    const old = cat('全国', 'N0', '2020-01-01', '  - { 名称: 电线电缆, 风险等级: Ⅰ级 }\n', '  失效日期: 2023-01-01\n');
    const r = compileProvince(`产品目录: [old.yaml, local.yaml]\n`, { 'old.yaml': old, 'local.yaml': cat('测试省', 'L1', '2024-01-01', '  - { 名称: 电线电缆, 风险等级: Ⅱ级 }\n') });
    expect(spots(r)).toEqual([]);
  });
  it.each([
    ['水泥 Ⅱ级 → Ⅰ级 (raised)', '  - { 名称: 水泥, 风险等级: Ⅰ级 }\n'],
    ['a new local Ⅰ级 product', '  - { 名称: 锂电池, 风险等级: Ⅰ级 }\n'],
    ['a new local Ⅱ级 product', '  - { 名称: 光伏组件, 风险等级: Ⅱ级 }\n'],
  ])('no diagnostic: %s', (_n, products) => {
    expect(spots(withLocal(cat('测试省', 'L1', '2024-01-01', products)))).toEqual([]);
  });
});

describe('catalogue files through the front end', () => {
  it('FL2040 a missing file is reported at its reference in the rule file', () => {
    const r = compileProvince(`产品目录: [无此目录.yaml]\n`);
    expect(spots(r)).toEqual([at('FL2040', 7, 8, 7, 17)]);
    expect(r.diagnostics[0]!.message).toBe('无法读取产品目录文件“无此目录.yaml”：文件不存在');
  });
  it('shape errors are reported in the catalogue file, file:line:col', () => {
    const r = withLocal(cat('测试省', 'L1', '2024-01-01', '  - { 名称: 锂电池, 风险等级: 四级 }\n'));
    expect(spotsIn('local.yaml', r)).toEqual([at('FL0104', 7, 22, 7, 24)]);
    expect(r.diagnostics[0]!.message).toBe('“风险等级”的值只能是：Ⅰ级、Ⅱ级、Ⅲ级');
  });
  it('a missing 生效日期 is FL0102 in the catalogue file', () => {
    const r = withLocal('元数据:\n  名称: 无日期\n  地区: 测试省\n  版本: "1"\n产品: []\n');
    expect(spotsIn('local.yaml', r).map((s) => s.code)).toEqual(['FL0102']);
  });
  it('FL2012 a product listed twice', () => {
    const r = withLocal(cat('测试省', 'L1', '2024-01-01', '  - { 名称: 锂电池, 风险等级: Ⅰ级 }\n  - { 名称: 锂电池, 风险等级: Ⅱ级 }\n'));
    expect(spotsIn('local.yaml', r)).toEqual([at('FL2012', 8, 11, 8, 14)]);
  });
  it('FL2041 two versions of one region taking effect the same day', () => {
    const r = compileProvince(`产品目录: [n.yaml, n2.yaml]\n`, { 'n.yaml': NATIONAL, 'n2.yaml': cat('全国', 'N2', '2024-01-01', '  - { 名称: 家具, 风险等级: Ⅱ级 }\n') });
    expect(spotsIn('n2.yaml', r)).toEqual([at('FL2041', 5, 9, 5, 19)]);
  });
  it('FL2043 an expiry not after the effective date', () => {
    const r = withLocal(cat('测试省', 'L1', '2024-01-01', '  - { 名称: 锂电池, 风险等级: Ⅰ级 }\n', '  失效日期: 2023-12-31\n'));
    expect(spotsIn('local.yaml', r)).toEqual([at('FL2043', 6, 9, 6, 19)]);
  });
  it('a rule file of a province inherits the catalogues of its base and lowers them into the IR', () => {
    const r = withLocal(cat('测试省', 'L1', '2024-01-01', '  - { 名称: 锂电池, 风险等级: Ⅰ级 }\n'));
    expect(r.ir!.catalogues.map((c) => [c.region, c.version, c.national, c.products.length])).toEqual([['全国', 'N1', true, 3], ['测试省', 'L1', false, 1]]);
    const child = compileText(`元数据:\n  名称: 市\n  地区: 测试市\n  版本: "1"\n  生效日期: 2024-06-01\n  基于: p.yaml\n`, { 'p.yaml': province(`产品目录: [n.yaml]\n`), 'n.yaml': NATIONAL }, 'c.yaml');
    expect(child.ir!.catalogues.map((c) => c.version)).toEqual(['N1']);
  });
});
