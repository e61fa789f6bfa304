// Names that would be object machinery in a register: `__proto__` as an
// item id once passed check while its register column was silently dropped (FL2051); enum
// values that split the template's drop-down list or the facts cell are refused (FL2052).
import { describe, expect, it } from 'vitest';
import { compileProvince, codes } from '../helpers.js';

const item = (id: string): string => `项目:\n  - { 编号: "${id}", 内容: 补充项目, 答案: 符合/不符合 }\n`;

describe('reserved names (FL2051)', () => {
  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'])('an item numbered %s', (id) => {
    const r = compileProvince(item(id));
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([`FL2051 “${id}”是程序保留的名称（JavaScript 对象的内置属性名），不能用作项目编号或名称`]);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('a fact, an event and a group named %s', (name) => {
    const r = compileProvince(
      `企业信息:\n  - { 名称: ${name}, 类型: 布尔, 默认: 否 }\n事件类型:\n  - { 名称: ${name}, 英文: x${name.length} }\n分组:\n  - { 名称: ${name}, 项目: ["1"] }\n`,
    );
    expect(codes(r).filter((c) => c === 'FL2051')).toEqual(['FL2051', 'FL2051', 'FL2051']);
  });

  it('ordinary names that merely contain such words are fine', () => {
    expect(codes(compileProvince(item('proto1')))).toEqual([]);
  });
});

describe('enum values (FL2052)', () => {
  it.each(['大,中', '特"大"', '小;微', '规模=大', '大；中'])('the value %s', (value) => {
    const r = compileProvince(`企业信息:\n  - { 名称: 企业规模, 类型: 枚举, 取值: [大型, ${JSON.stringify(value)}], 默认: 大型 }\n`);
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      `FL2052 企业信息“企业规模”的取值“${value}”含有引号、逗号、分号、等号或换行，会拆开模板的下拉列表和登记表的“企业信息”格`,
    ]);
  });

  it('values with other punctuation are fine', () => {
    expect(codes(compileProvince(`企业信息:\n  - { 名称: 企业规模, 类型: 枚举, 取值: [大型（含特大型）, 中/小型, "微型·个体"], 默认: 大型（含特大型） }\n`))).toEqual([]);
  });
});
