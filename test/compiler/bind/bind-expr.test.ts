// Name and type errors inside conditions (compiler/bind/bind-expr.ts), with ranges that point
// at the exact characters of the condition in the file.
import { describe, expect, it } from 'vitest';
import { at, compileProvince, spots, type Spot } from '../helpers.js';

/** A C condition named 测试 whose text starts on line 11, column 13. */
const cond = (when: string, before = ''): string => `${before}分类:\n  C:\n    任一条件:\n      - 名称: 测试\n        条件: ${when}\n`;
/** `code` over columns [from, to) of line 11 (1-based). */
const c11 = (code: string, from: number, to: number): Spot => at(code, 11, from, 11, to);

const FACTS = `企业信息:\n  - { 名称: 规模, 类型: 枚举, 取值: [大, 中, 小] }\n  - { 名称: 规模以上, 类型: 布尔, 默认: false }\n`;
/** With FACTS before it, the condition is on line 14. */
const c14 = (code: string, from: number, to: number): Spot => at(code, 14, from, 14, to);

describe('name and type errors in conditions', () => {
  const cases: [string, string, Spot[], string][] = [
    ['FL2004 unknown item #20', cond('不通过(#20)'), [c11('FL2004', 17, 20)], '项目“20”不存在'],
    ['FL2004 unknown item 第25项 after a set', cond('任一不通过([#1, 第25项])'), [c11('FL2004', 24, 28)], '项目“25”不存在'],
    ['FL2005 undefined name with hint', cond('任一不通过(指向形)'), [c11('FL2005', 19, 22)], '未定义的名称“指向形”，是否应为“指向型”？'],
    ['FL2005 undefined fact with hint', cond('规模已上', FACTS), [c14('FL2005', 13, 17)], '未定义的名称“规模已上”，是否应为“规模以上”？'],
    ['FL2005 misspelt function, with hint', cond('任一不通果(指向型)'), [c11('FL2005', 13, 18)], '未定义的名称“任一不通果”，是否应为“任一不通过”？'],
    ['FL2005 no hint when nothing is close', cond('营业执照齐全'), [c11('FL2005', 13, 19)], '未定义的名称“营业执照齐全”'],
    ['FL2006 a value called like a function', cond('风险等级(1) = Ⅰ级'), [c11('FL2006', 13, 17)], '“风险等级”不是函数'],
    ['FL2006 a fact called like a function', cond('规模以上(1)', FACTS), [c14('FL2006', 13, 17)], '“规模以上”不是函数'],
    // (`通过(#1, #2)` unquoted would end at the YAML comment ` #2)`.)
    ['FL2007 too many arguments', cond('通过(#1,#2)'), [c11('FL2007', 13, 22)], '“通过”需要 1 个参数，这里有 2 个'],
    ['FL2007 too few arguments', cond('产品包含()'), [c11('FL2007', 13, 19)], '“产品包含”需要 1 个参数，这里有 0 个'],
    ['FL2008 wrong argument type', cond('次数(#1) >= 1'), [c11('FL2008', 16, 18)], '“次数”的第 1 个参数应为事件类型'],
    ['FL2008 a string where an item is wanted', cond('通过("1")'), [c11('FL2008', 16, 19)], '“通过”的第 1 个参数应为项目'],
    ['FL2009 arithmetic on a ratio', cond('通过率 + 1 > 2'), [c11('FL2009', 13, 20)], '运算“+”的两边应为数值，这里是通过率'],
    ['FL2010 risk compared with a class', cond('风险等级 > A'), [c11('FL2010', 13, 21)], '不能比较风险等级与类别'],
    ['FL2010 ratio compared with a plain number', cond('通过率 >= 0.9'), [c11('FL2010', 13, 23)], '不能比较通过率与数值'],
    ['FL2011 a count as a condition', cond('通过数'), [c11('FL2011', 13, 16)], '条件的结果应为真或假，这里是项数或次数'],
    ['FL2011 a count under 且', cond('全部通过 且 不通过数(指向型)'), [c11('FL2011', 20, 29)], '条件的结果应为真或假，这里是项数或次数'],
    ['FL2016 enum fact compared with a value it does not have', cond('规模 = "特大"', FACTS), [c14('FL2016', 18, 22)], '“规模”没有取值“特大”，可选：大、中、小'],
  ];
  it.each(cases)('%s', (_n, body, expected, message) => {
    const r = compileProvince(body);
    expect(spots(r)).toEqual(expected);
    expect(r.diagnostics[0]!.message).toBe(message);
    expect(r.ok).toBe(false);
  });
});

describe('FL2022 not-applicable condition reading answers', () => {
  it.each([
    ['通过(#1) on a supplementary item', `项目:\n  - { 编号: S1, 内容: a, 答案: 符合/不符合, 不适用条件: 通过(#1) }\n`, [at('FL2022', 8, 41, 8, 47)]],
    ['通过率 in 调整', `调整:\n  - { 项目: "18", 不适用条件: 通过率 < 50% }\n`, [at('FL2022', 8, 24, 8, 27)]],
    ['不适用(#S2) on a supplementary item', `项目:\n  - { 编号: S1, 内容: a, 答案: 符合/不符合, 不适用条件: "产品包含(\\"水泥\\") 且 不适用(#S2)" }\n  - { 编号: S2, 内容: b, 答案: 符合/不符合 }\n`, [at('FL2022', 8, 57, 8, 65)]],
  ] as [string, string, Spot[]][])('%s', (_n, body, expected) => {
    const r = compileProvince(body);
    expect(spots(r)).toEqual(expected);
    expect(r.diagnostics[0]!.message).toBe('不适用条件不能依据项目的答案（只能依据企业信息、产品和历史）');
  });
  it('facts, products and history are allowed', () => {
    expect(spots(compileProvince(`${FACTS}项目:\n  - { 编号: S1, 内容: a, 答案: 符合/不符合, 不适用条件: "非 规模以上 或 产品包含(\\"水泥\\") 或 发生(行政处罚, 近3年) 或 首次评定" }\n`))).toEqual([]);
  });
});

describe('offsets inside conditions map to the file', () => {
  const cases: [string, string, Spot[]][] = [
    ['plain', cond('不通过(#1) 或 不通过(#20)'), [c11('FL2004', 27, 30)]],
    ['double-quoted', cond('"不通过(#1) 或 不通过(#20)"'), [c11('FL2004', 28, 31)]],
    ['double-quoted with escaped quotes before the error', cond('"产品包含(\\"水泥\\") 且 不通过(#20)"'), [c11('FL2004', 33, 36)]],
    ['double-quoted with a \\u escape before the error', cond('"\\u4e0d通过(#1) 或 不通过(#20)"'), [c11('FL2004', 33, 36)]],
    ['double-quoted with a \\t escape before the error', cond('"不通过(#1)\\t或 不通过(#20)"'), [c11('FL2004', 29, 32)]],
    ['single-quoted with a doubled quote before the error', cond(`'产品包含("it''s") 且 不通过(#20)'`), [c11('FL2004', 34, 37)]],
    ['Chinese text in the same line before the error', cond('产品包含("电线电缆") 且 不通过(#二十)'), [c11('FL2004', 32, 35)]],
    ['a | block scalar, error on its second line',
      `分类:\n  C:\n    任一条件:\n      - 名称: 测试\n        条件: |\n          产品包含("电线电缆") 且\n          任一不通过([#1, #2]) 或 不通过(#二十)\n`,
      [at('FL2004', 13, 33, 13, 36)]],
    ['a >- folded block scalar, error on its second line',
      `分类:\n  C:\n    任一条件:\n      - 名称: 测试\n        条件: >-\n          产品包含("电线电缆") 且\n          不通过(#二十)\n`,
      [at('FL2004', 13, 15, 13, 18)]],
    ['a plain scalar folded over two lines',
      `分类:\n  C:\n    任一条件:\n      - 名称: 测试\n        条件: 产品包含("电线电缆") 且\n          不通过(#二十)\n`,
      [at('FL2004', 12, 15, 12, 18)]],
    ['a double-quoted scalar folded over two lines',
      `分类:\n  C:\n    任一条件:\n      - 名称: 测试\n        条件: "不通过(#1) 或\n          不通过(#20)"\n`,
      [at('FL2004', 12, 15, 12, 18)]],
    ['a bare condition (no 名称) in a list, after a Chinese 依据 line',
      `分类:\n  C:\n    任一条件:\n      - 名称: 有名\n        依据: 本省细则第三条（指向型指标）\n        条件: 不通过(#1)\n      - 任一不通过(指向形)\n`,
      [at('FL2005', 13, 15, 13, 18)]],
    ['two errors in one condition', cond('不通过(#20) 或 风险等级(1)'), [c11('FL2004', 17, 20), c11('FL2006', 24, 28)]],
  ];
  it.each(cases)('%s', (_n, body, expected) => {
    expect(spots(compileProvince(body))).toEqual(expected);
  });
});
