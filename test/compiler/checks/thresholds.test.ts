// FL3003 / FL3011 (compiler/checks/thresholds.ts): a replaced pass-ratio threshold may not be
// looser than the base's (通用规则备注（二）, D1); other replacements are left to the verifier.
import { describe, expect, it } from 'vitest';
import { at, compileProvince, spots, type Spot } from '../helpers.js';

/** One named condition of class `cls`; the condition text starts on line 11, column 13. */
const cond = (cls: 'C' | 'AA' | 'A' | 'B', name: string, when: string): string =>
  `分类:\n  ${cls}:\n    ${cls === 'C' ? '任一条件' : '全部条件'}:\n      - 名称: ${name}\n        条件: ${when}\n`;
/** Columns 13 … 13 + length of the condition text on line 11. */
const on11 = (code: string, when: string): Spot => at(code, 11, 13, 11, 13 + when.length);

describe('FL3003 looser pass-ratio threshold', () => {
  const invalid: [string, string, string][] = [
    ['A', '通过率', '通过率 >= 89%'],
    ['A', '通过率', '89% <= 通过率'],
    ['A', '通过率', '通过率 >= 0%'],
    ['B', '通过率', '通过率 >= 50%'],
    ['C', '通过率下限', '通过率 < 55%'],
    ['C', '通过率下限', '55% > 通过率'],
  ];
  it.each(invalid)('%s %s: %s', (cls, name, when) => {
    expect(spots(compileProvince(cond(cls as 'A', name, when)))).toEqual([on11('FL3003', when)]);
  });

  it('quotes both thresholds in the message', () => {
    const r = compileProvince(cond('A', '通过率', '通过率 >= 89%'));
    expect(r.diagnostics.map((d) => [d.severity, d.message])).toEqual([['error', 'A类条件“通过率”比国家规则宽松：国家为“通过率 >= 90%”，这里为“通过率 >= 89%”']]);
    expect(r.ok).toBe(false);
  });

  it('points at the whole condition node when it is quoted or a block scalar', () => {
    expect(spots(compileProvince(cond('C', '通过率下限', '"通过率 < 55%"')))).toEqual([at('FL3003', 11, 13, 11, 24)]);
    const block = `分类:\n  A:\n    全部条件:\n      - 名称: 通过率\n        依据: 细则第三条（从严）\n        条件: |\n          通过率 >= 85%\n`;
    expect(spots(compileProvince(block))).toEqual([at('FL3003', 12, 13, 14, 1)]);
  });

  const valid: [string, string, string][] = [
    ['A', '通过率', '通过率 > 90%'],
    ['A', '通过率', '通过率 >= 90%'],
    ['A', '通过率', '通过率 >= 90.0%'],
    ['A', '通过率', '90% <= 通过率'],
    ['A', '通过率', '通过率 >= 95%'],
    ['B', '通过率', '通过率 > 60%'],
    ['B', '通过率', '通过率 >= 70%'],
    ['C', '通过率下限', '通过率 <= 60%'],
    ['C', '通过率下限', '通过率 < 60%'],
    ['C', '通过率下限', '60% > 通过率'],
    ['C', '通过率下限', '通过率 < 70%'],
    // Lower than national, but no ratio of 19 answers lies in between (17/19 = 89.47 %, 11/19 = 57.89 %).
    ['A', '通过率', '通过率 > 89.9%'],
    ['A', '通过率', '通过率 >= 89.5%'],
    ['B', '通过率', '通过率 >= 59.9%'],
    ['B', '通过率', '通过率 >= 58%'],
    ['C', '通过率下限', '通过率 < 59.99%'],
    ['C', '通过率下限', '通过率 < 58%'],
    // A new condition (another name) only adds a requirement.
    ['A', '补充条件', '通过率 >= 10%'],
    ['C', '补充条件', '通过率 < 1%'],
  ];
  it.each(valid)('no diagnostic: %s %s: %s', (cls, name, when) => {
    const r = compileProvince(cond(cls as 'A', name, when));
    expect(spots(r)).toEqual([]);
    expect(r.ok).toBe(true);
  });
});

describe('FL3011 replaced condition that cannot be compared', () => {
  const invalid: [string, string, string][] = [
    ['A', '通过率', '不通过数 <= 1'],
    ['A', '通过率', '通过率(国家项目) >= 90% 且 通过率 >= 90%'],
    ['A', '通过率', '通过率 < 90%'],
    ['AA', '全部通过', '通过率 >= 100%'],
    ['C', '指向型不通过', '不通过(#1)'],
    ['C', '通过率下限', '通过率 > 60%'],
  ];
  it.each(invalid)('%s %s: %s', (cls, name, when) => {
    const r = compileProvince(cond(cls as 'A', name, when));
    expect(spots(r)).toEqual([on11('FL3011', when)]);
    expect(r.diagnostics[0]!.severity).toBe('warning');
    expect(r.ok).toBe(true);
  });

  it.each([
    ['C', '指向型不通过', '任一不通过(指向型)'],
    ['C', '指向型不通过', '任一不通过( 指向型 )'],
    ['AA', '全部通过', '全部通过'],
  ])('no diagnostic when the national condition is written again word for word: %s %s: %s', (cls, name, when) => {
    const r = compileProvince(cond(cls as 'C', name, when));
    expect(spots(r)).toEqual([]);
  });
  it('compares over a supplementary item set as a different set', () => {
    const body = `项目:\n  - { 编号: S1, 内容: 补充, 答案: 符合/不符合 }\n${cond('A', '通过率', '通过率(补充项目) >= 90%')}`;
    const r = compileProvince(body);
    expect(spots(r)).toEqual([at('FL3011', 13, 13, 13, 29)]);
  });
});

describe('FL3030 a lower threshold that other conditions of the class may make up for', () => {
  it('A at 85 % with 不通过数 <= 1: a warning deferring to verify, not an error', () => {
    const text = `分类:\n  A:\n    全部条件:\n      - 名称: 通过率\n        条件: 通过率 >= 85%\n      - 名称: 至多一项\n        条件: 不通过数 <= 1\n`;
    const r = compileProvince(text);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.range.start.line + 1, d.message])).toEqual([
      ['FL3030', 'warning', 11, 'A类条件“通过率”的门槛低于国家规则（国家为“通过率 >= 90%”，这里为“通过率 >= 85%”；如通过率 17/19 = 89.47% 时），但本类别还有其他条件，是否宽松由 fenlei verify 判定'],
    ]);
    expect(r.ok).toBe(true);
  });

  it('counts the answers not-applicable conditions allow: with 20 items 85.5 % is looser only because 19 may be answered', () => {
    // m = 20: 18/20 = 90 % passes both, 17/20 = 85 % neither; m = 19 (补1 not applicable): 17/19 = 89.47 % lies between.
    const text = `企业信息:\n  - { 名称: 出口企业, 类型: 布尔, 默认: false }\n项目:\n  - { 编号: 补1, 内容: 出口, 答案: 发现问题/未发现问题, 不适用条件: 非 出口企业 }\n${cond('A', '通过率', '通过率 >= 85.5%')}`;
    const r = compileProvince(text);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['FL3003']);
  });
});
