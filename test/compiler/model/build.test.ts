// Name errors of the rule file outside conditions (compiler/model/build.ts,
// compiler/model/merge-items.ts, compiler/syntax/normalize.ts, compiler/program.ts).
import { describe, expect, it } from 'vitest';
import { at, compileProvince, compileText, spots, type Spot } from '../helpers.js';

/** A rule set without 基于 (the national rules' own position): 元数据 on lines 1–5. */
const NO_BASE = `元数据:\n  名称: 测试\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n`;

describe('item, group, fact and event names', () => {
  const cases: [string, string, Spot[], string][] = [
    ['FL2001 duplicate item id', `项目:\n  - { 编号: S1, 内容: a, 答案: 符合/不符合 }\n  - { 编号: S1, 内容: b, 答案: 符合/不符合 }\n`, [at('FL2001', 9, 11, 9, 13)], '项目编号“S1”重复'],
    ['FL2002 refined national item does not exist', `项目:\n  - { 编号: "99.1", 细化: "99", 内容: a, 答案: 符合/不符合 }\n`, [at('FL2002', 8, 23, 8, 27)], '细化的国家项目“99”不存在'],
    ['FL2004 group names an unknown item', `分组:\n  - { 名称: 证照, 项目: ["1", "20"] }\n`, [at('FL2004', 8, 25, 8, 29)], '项目“20”不存在'],
    ['FL2012 fact defined twice', `企业信息:\n  - { 名称: 规模以上, 类型: 布尔 }\n  - { 名称: 规模以上, 类型: 布尔 }\n`, [at('FL2012', 9, 11, 9, 15)], '企业信息“规模以上”重复定义'],
    ['FL2012 group defined twice', `分组:\n  - { 名称: 证照, 项目: ["1"] }\n  - { 名称: 证照, 项目: ["2"] }\n`, [at('FL2012', 9, 11, 9, 13)], '分组“证照”重复定义'],
    ['FL2012 event English name clashes with a national one', `事件类型:\n  - { 名称: 罚款, 英文: penalty }\n`, [at('FL2012', 8, 11, 8, 13)], '事件类型“penalty”重复定义'],
    ['FL2013 group cycle', `分组:\n  - { 名称: 甲, 项目: [乙] }\n  - { 名称: 乙, 项目: [甲] }\n`, [at('FL2013', 8, 11, 8, 12)], '分组“甲”循环引用自身'],
    ['FL2015 fact name with 且', `企业信息:\n  - { 名称: 大且强, 类型: 布尔 }\n`, [at('FL2015', 8, 11, 8, 14)], '名称“大且强”不能含“且”“或”，也不能以“非”开头（它们在条件中是关键字）'],
    ['FL2015 group name starting with 非', `分组:\n  - { 名称: 非标项目, 项目: ["3"] }\n`, [at('FL2015', 8, 11, 8, 15)], '名称“非标项目”不能含“且”“或”，也不能以“非”开头（它们在条件中是关键字）'],
    ['FL2015 event name with 或', `事件类型:\n  - { 名称: 停产或转产, 降级: true }\n`, [at('FL2015', 8, 11, 8, 16)], '名称“停产或转产”不能含“且”“或”，也不能以“非”开头（它们在条件中是关键字）'],
    ['FL2017 adjusting an item that does not exist', `调整:\n  - { 项目: "20", 指向型: true }\n`, [at('FL2017', 8, 11, 8, 15)], '调整的国家项目“20”不存在'],
    ['FL2023 default of the wrong type', `企业信息:\n  - { 名称: 规模以上, 类型: 布尔, 默认: 3 }\n`, [at('FL2023', 8, 29, 8, 30)], '“规模以上”的默认值类型不对，应为是/否'],
    ['FL2023 enum default not among the values', `企业信息:\n  - { 名称: 规模, 类型: 枚举, 取值: [大, 中, 小], 默认: 特大 }\n`, [at('FL2023', 8, 42, 8, 44)], '“规模”的默认值类型不对，应为大、中、小'],
    ['FL2024 enum fact without values', `企业信息:\n  - { 名称: 规模, 类型: 枚举 }\n`, [at('FL2024', 8, 11, 8, 13)], '枚举信息“规模”须列出取值'],
    ['FL2025 supplementary item reusing a national id', `项目:\n  - { 编号: "3", 内容: a, 答案: 符合/不符合 }\n`, [at('FL2025', 8, 11, 8, 14)], '项目编号“3”与国家项目重复；细化项目请另起编号（如 3.1）'],
  ];
  it.each(cases)('%s', (_n, body, expected, message) => {
    const r = compileProvince(body);
    expect(spots(r)).toEqual(expected);
    expect(r.diagnostics[0]!.message).toBe(message);
    expect(r.ok).toBe(false);
  });

  it('FL2001 points back at the first definition', () => {
    const d = compileProvince(cases[0]![1]).diagnostics[0]!;
    expect(d.related?.map((x) => [x.file, x.range.start.line + 1, x.range.start.column + 1, x.range.end.column + 1])).toEqual([['p.yaml', 8, 11, 13]]);
  });
});

describe('FL2026 number written for an id (warning)', () => {
  it.each([
    ['6.10 read as text "6.10"', `项目:\n  - { 编号: 6.10, 细化: "6", 内容: a, 答案: 发现问题/未发现问题 }\n`, [at('FL2026', 8, 11, 8, 15)], '“编号”的值写成了数字 6.1，按文本“6.10”读取；编号请加引号', '6.10'],
    ['细化: 6.0', `项目:\n  - { 编号: "6.0.1", 细化: 6.0, 内容: a, 答案: 发现问题/未发现问题 }\n`, [at('FL2026', 8, 24, 8, 27)], '“细化”的值写成了数字 6，按文本“6.0”读取；编号请加引号', null],
  ] as [string, string, Spot[], string, string | null][])('%s', (_n, body, expected, message, id) => {
    const r = compileProvince(body);
    expect(spots(r, 'FL2026')).toEqual(expected);
    const d = r.diagnostics.find((x) => x.code === 'FL2026')!;
    expect(d.message).toBe(message);
    expect(d.severity).toBe('warning');
    if (id) expect(r.ir!.items.map((i) => i.id)).toContain(id);
  });
  it('an integer is not warned about, a decimal always is', () => {
    const r = compileProvince(`项目:\n  - { 编号: 3.1, 细化: 3, 内容: a, 答案: 发现问题/未发现问题 }\n`);
    expect(spots(r)).toEqual([at('FL2026', 8, 11, 8, 14)]);
    expect(r.ir!.items.find((i) => i.id === '3.1')).toMatchObject({ origin: 'refined', nationalId: '3' });
  });
});

describe('rule sets without a base', () => {
  it('FL2020 the sections a complete rule set needs', () => {
    const r = compileText(NO_BASE);
    expect(spots(r)).toEqual([at('FL2020', 1, 1, 1, 1), at('FL2020', 1, 1, 1, 1), at('FL2020', 1, 1, 1, 1)]);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      '没有“基于”的规则集必须定义“分类”',
      '没有“基于”的规则集必须定义“类别监管方式”',
      '没有“基于”的规则集必须定义“监管方式”',
    ]);
  });
  const complete = `${NO_BASE}分类:\n  C:\n    任一条件: [任一不通过(指向型)]\n  AA:\n    全部条件: [全部通过]\n类别监管方式: { AA: 信用监管, A: 责任监管, B: 常态监管, C: 加严监管 }\n监管方式:\n  - { 名称: 加严监管, 措施: [{ 内容: 重点监管 }] }\n`;
  it('a minimal complete rule set compiles clean', () => {
    expect(spots(compileText(`${complete}项目:\n  - { 编号: "1", 内容: a, 答案: 符合/不符合, 指向型: true }\n`))).toEqual([]);
  });
  it.each([
    ['FL2003 细化 without a base', `项目:\n  - { 编号: "1", 内容: a, 答案: 符合/不符合 }\n  - { 编号: "2", 细化: "1", 内容: b, 答案: 符合/不符合 }\n`, [at('FL2003', 16, 20, 16, 23)], '没有“基于”的规则集（国家规则本身）不能细化或调整项目'],
    ['FL2003 调整 without a base', `项目:\n  - { 编号: "1", 内容: a, 答案: 符合/不符合 }\n调整:\n  - { 项目: "1", 指向型: true }\n`, [at('FL2003', 17, 11, 17, 14)], '没有“基于”的规则集（国家规则本身）不能细化或调整项目'],
    ['FL2018 not-applicable condition on an item of a rule set without a base', `项目:\n  - { 编号: "1", 内容: a, 答案: 符合/不符合, 不适用条件: 产品包含("x") }\n`, [at('FL2018', 15, 42, 15, 51)], '国家规则的项目不能设不适用条件（D2：全国检查表只有两个选项）'],
  ] as [string, string, Spot[], string][])('%s', (_n, body, expected, message) => {
    const r = compileText(complete + body);
    expect(spots(r)).toEqual(expected);
    expect(r.diagnostics[0]!.message).toBe(message);
  });
});

describe('FL2014 base not found', () => {
  it('reports the base and nothing about sections a base-less rule set needs', () => {
    const r = compileText(`元数据:\n  名称: 测试细则\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: nope.yaml\n`);
    expect(spots(r).filter((s) => s.code !== 'FL0001')).toEqual([at('FL2014', 6, 7, 6, 16)]);
    expect(r.diagnostics.find((d) => d.code === 'FL2014')!.message).toBe('找不到所依据的规则集“nope.yaml”');
  });
  it('a file based on itself', () => {
    const r = compileText(`元数据:\n  名称: 测试细则\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: p.yaml\n`);
    expect(spots(r, 'FL2014')).toEqual([at('FL2014', 6, 7, 6, 13)]);
  });
});
