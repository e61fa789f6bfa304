// Shape diagnostics (compiler/source/check-shape.ts, compiler/syntax/normalize.ts): unknown
// fields, missing required fields, wrong types and enum values, zh+en aliases, bad dates;
// keys that would pollute prototypes.
import { describe, expect, it } from 'vitest';
import { at, compileProvince, compileText, HEADER, spots, type Spot } from '../helpers.js';

const meta = (lines: string[]) => `元数据:\n${lines.map((l) => `  ${l}\n`).join('')}`;
const META = ['名称: 测试细则', '地区: 测试省', '版本: "1"', '生效日期: 2026-01-01', '基于: national'];
const metaWith = (key: string, value: string) => meta(META.map((l) => (l.startsWith(`${key}:`) ? `${key}: ${value}` : l)));
const metaWithout = (key: string) => meta(META.filter((l) => !l.startsWith(`${key}:`)));

describe('FL0101 unknown field', () => {
  const cases: [string, string, Spot[], string][] = [
    ['misspelt top-level key, with hint', `动态调正:\n  调整周期月数: 6\n`, [at('FL0101', 7, 1, 7, 5)], '未知字段“动态调正”，是否应为“动态调整”？'],
    ['misspelt English key, hint in Chinese', `reveiw:\n  periodMonths: 6\n`, [at('FL0101', 7, 1, 7, 7)], '未知字段“reveiw”，是否应为“动态调整”？'],
    ['misspelt item key', `项目:\n  - { 编号: S1, 内荣: 补充, 内容: 补充, 答案: 符合/不符合 }\n`, [at('FL0101', 8, 15, 8, 17)], '未知字段“内荣”，是否应为“内容”？'],
    ['nothing close: no hint', `动态调整:\n  复核办法: 6\n`, [at('FL0101', 8, 3, 8, 7)], '未知字段“复核办法”'],
  ];
  it.each(cases)('%s', (_n, body, expected, message) => {
    const r = compileProvince(body);
    expect(spots(r)).toEqual(expected);
    expect(r.diagnostics[0]!.message).toBe(message);
  });
});

describe('FL0102 missing required field', () => {
  const cases: [string, string, Spot[], string][] = [
    ['元数据 without 版本', metaWithout('版本'), [at('FL0102', 1, 1, 1, 4)], '缺少必填字段“版本”（version）'],
    ['item without 内容', HEADER + `项目:\n  - 编号: S1\n    答案: 符合/不符合\n`, [at('FL0102', 8, 5, 8, 7)], '缺少必填字段“内容”（text）'],
    ['condition object without 条件', HEADER + `分类:\n  C:\n    任一条件:\n      - 名称: 新条件\n`, [at('FL0102', 10, 9, 10, 11)], '缺少必填字段“条件”（when）'],
    ['no 元数据 at all', `动态调整:\n  调整周期月数: 6\n`, [at('FL0102', 1, 1, 1, 5)], '缺少必填字段“元数据”（meta）'],
  ];
  it.each(cases)('%s', (_n, text, expected, message) => {
    const r = compileText(text);
    expect(spots(r, 'FL0102')).toEqual(expected);
    expect(r.diagnostics.find((d) => d.code === 'FL0102')!.message).toBe(message);
  });
  it('is the only shape diagnostic (no “should be a mapping/list” for a value that is one)', () => {
    expect(spots(compileText(metaWithout('版本')))).toEqual([at('FL0102', 1, 1, 1, 4)]);
    expect(spots(compileText(HEADER + `项目:\n  - 编号: S1\n    答案: 符合/不符合\n`))).toEqual([at('FL0102', 8, 5, 8, 7)]);
  });
  it('every message names a field (no empty name)', () => {
    const r = compileText(`基于: national\n`);
    expect(r.diagnostics.filter((d) => d.message.includes('“”'))).toEqual([]);
  });
});

describe('FL0103 wrong type', () => {
  const cases: [string, string, Spot[], string][] = [
    ['text for an integer', `动态调整:\n  调整周期月数: 六\n`, [at('FL0103', 8, 11, 8, 12)], '“调整周期月数”的值应为整数'],
    ['a fraction for an integer', `动态调整:\n  调整周期月数: 1.5\n`, [at('FL0103', 8, 11, 8, 14)], '“调整周期月数”的值应为整数'],
    ['text for a list', `项目: 一些项目\n`, [at('FL0103', 7, 5, 7, 9)], '“项目”的值应为列表（每行以“- ”开头）'],
    ['a list for a boolean', `继承国家项目: [是]\n`, [at('FL0103', 7, 9, 7, 12)], '“继承国家项目”的值应为是/否（true/false）'],
  ];
  it.each(cases)('%s', (_n, body, expected, message) => {
    const r = compileProvince(body);
    expect(spots(r)).toEqual(expected);
    expect(r.diagnostics[0]!.message).toBe(message);
  });
});

describe('FL0104 value not one of the allowed', () => {
  const cases: [string, string, Spot[], string][] = [
    ['unknown mode', `类别监管方式:\n  B: 严格监管\n`, [at('FL0104', 8, 6, 8, 10)], '“B”的值只能是：信用监管、责任监管、常态监管、加严监管、credit、responsibility、routine、tightened'],
    ['unknown answer pair', `项目:\n  - { 编号: S1, 内容: a, 答案: 是/否 }\n`, [at('FL0104', 8, 26, 8, 29)], '“答案”的值只能是：发现问题/未发现问题、符合/不符合、problem、conform'],
  ];
  it.each(cases)('%s', (_n, body, expected, message) => {
    const r = compileProvince(body);
    expect(spots(r)).toEqual(expected);
    expect(r.diagnostics[0]!.message).toBe(message);
  });
});

describe('FL0105 Chinese key and its English alias both given', () => {
  it.each([
    ['in 动态调整', `动态调整:\n  调整周期月数: 6\n  periodMonths: 6\n`, [at('FL0105', 9, 3, 9, 15)], '字段“调整周期月数”与其英文别名“periodMonths”同时出现，只能写一个'],
    ['at top level', `动态调整: { 调整周期月数: 6 }\nreview: { periodMonths: 6 }\n`, [at('FL0105', 8, 1, 8, 7)], '字段“动态调整”与其英文别名“review”同时出现，只能写一个'],
  ] as [string, string, Spot[], string][])('%s', (_n, body, expected, message) => {
    const r = compileProvince(body);
    expect(spots(r)).toEqual(expected);
    expect(r.diagnostics[0]!.message).toBe(message);
  });
});

describe('FL0106 invalid date', () => {
  it.each([
    ['30 February', '2026-02-30', at('FL0106', 5, 9, 5, 19)],
    ['month 13, quoted', '"2026-13-01"', at('FL0106', 5, 9, 5, 21)],
    ['slashes', '2026/01/01', at('FL0106', 5, 9, 5, 19)],
    ['no leading zeros', '2026-1-1', at('FL0106', 5, 9, 5, 17)],
  ])('%s: %s', (_n, value, expected) => {
    const r = compileText(metaWith('生效日期', value));
    expect(spots(r)).toEqual([expected]);
    expect(r.diagnostics[0]!.message).toBe(`日期“${value.replace(/"/g, '')}”无效，应为存在的日期，格式 YYYY-MM-DD`);
  });
  it('29 February of a leap year is a date', () => {
    expect(spots(compileText(metaWith('生效日期', '2028-02-29')))).toEqual([]);
  });
});

describe('prototype keys', () => {
  it('__proto__, constructor and prototype are unknown fields and pollute nothing', () => {
    const r = compileProvince(`__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\nprototype: { polluted: 1 }\n动态调整:\n  __proto__: { polluted: 1 }\n  constructor: { prototype: { polluted: 1 } }\n`);
    expect(spots(r)).toEqual([
      at('FL0101', 7, 1, 7, 10),
      at('FL0101', 9, 1, 9, 12),
      at('FL0101', 12, 1, 12, 10),
      at('FL0101', 14, 3, 14, 12),
      at('FL0101', 15, 3, 15, 14),
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect((Object as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('an item id that is a prototype key is a plain id', () => {
    const r = compileProvince(`项目:\n  - { 编号: constructor, 内容: 构造, 答案: 符合/不符合 }\n`);
    expect(spots(r)).toEqual([]);
    expect(r.ir!.items.at(-1)).toMatchObject({ id: 'constructor', text: '构造', origin: 'supplementary' });
  });
  it.each([
    ['a fact named toString', `企业信息:\n  - { 名称: toString, 类型: 布尔, 默认: false }\n分类:\n  C:\n    任一条件:\n      - { 名称: 原型, 条件: toString }\n`],
    ['a group named __proto__', `分组:\n  - { 名称: __proto__, 项目: ["3", "4"] }\n分类:\n  C:\n    任一条件:\n      - { 名称: 原型, 条件: 不通过(__proto__) }\n`],
    ['an item text "constructor"', `项目:\n  - { 编号: S1, 内容: constructor, 答案: 符合/不符合 }\n`],
  ])('%s is read as that text', (_n, body) => {
    const r = compileProvince(body);
    expect(spots(r)).toEqual([]);
    const names = [...r.ir!.facts.map((f) => f.name), ...r.linked!.model.groups.keys(), ...r.ir!.items.map((i) => i.text)];
    expect(names.every((n) => typeof n === 'string')).toBe(true);
    expect(names).toContain(body.includes('toString') ? 'toString' : body.includes('__proto__') ? '__proto__' : 'constructor');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
