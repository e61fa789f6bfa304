// The mutation suite: for each example province (a copy in fixtures/, so that the
// expected values stay exact while the examples evolve), changes that make it weaker are each
// caught with a minimal counterexample that replays through both evaluators; changes that make
// it stricter are each proven not weaker.
import { describe, expect, it } from 'vitest';
import { FIXTURE, addToSection, essentials, items, replaceOnce, replay, verifyText } from './helpers.js';

type Mutation = [name: string, mutate: (text: string) => string, expected: ReturnType<typeof essentials>];

const ZJ = FIXTURE('zhejiang');
const JS = FIXTURE('jiangsu');

// Zhejiang: 23 national sub-items + 补1–补4 (补2 not for small enterprises, 补4 only for exporters).
const zhejiangWeaker: Mutation[] = [
  [
    'dilution by supplementary items (25 more: N = 52, 50/52 = 96.2% ≥ 96%)',
    (t) => addToSection(t, '项目', items('S', 25)),
    { kind: 'class', failed: ['18', '19'], nationalFailed: ['18', '19'], events: 0, province: 'A/责任监管', national: 'B/常态监管' },
  ],
  [
    'dilution by splitting national item 3 into 30 sub-items',
    (t) => addToSection(t, '项目', Array.from({ length: 30 }, (_, i) => `  - { 编号: "3.${i + 1}", 细化: "3", 内容: 标准第${i + 1}部分, 答案: 发现问题/未发现问题 }\n`).join('')),
    { kind: 'class', failed: ['18', '19'], nationalFailed: ['18', '19'], events: 0, province: 'A/责任监管', national: 'B/常态监管' },
  ],
  [
    'a sub-item of ★ item 2 left un-starred',
    (t) => replaceOnce(t, /(编号: "2\.2"[\s\S]*?)指向型: true/, '$1指向型: false'),
    { kind: 'class', failed: ['2.2'], nationalFailed: ['2'], events: 0, province: 'A/责任监管', national: 'C/加严监管' },
  ],
  ['a looser A threshold (96% → 92%)', (t) => replaceOnce(t, '条件: 通过率 >= 96%', '条件: 通过率 >= 92%'), { kind: 'class', failed: ['18', '19'], nationalFailed: ['18', '19'], events: 0, province: 'A/责任监管', national: 'B/常态监管' }],
  ['an inclusive boundary made exclusive the wrong way (≥ 96% → > 92%)', (t) => replaceOnce(t, '条件: 通过率 >= 96%', '条件: 通过率 > 92%'), { kind: 'class', failed: ['18', '19'], nationalFailed: ['18', '19'], events: 0, province: 'A/责任监管', national: 'B/常态监管' }],
  ['the AA condition removed (全部通过 → 真)', (t) => addToSection(t, '分类', '  AA:\n    全部条件:\n      - 名称: 全部通过\n        条件: 真\n'), { kind: 'class', failed: ['19'], nationalFailed: ['19'], events: 0, province: 'AA/信用监管', national: 'A/责任监管' }],
  ['the Level Ⅰ shift removed from the matrix', (t) => addToSection(t, '风险调整', '  Ⅰ级: 不调整\n'), { kind: 'mode', failed: [], nationalFailed: [], events: 0, province: 'AA/信用监管', national: 'AA/责任监管' }],
  ['an upward cap of two levels', (t) => addToSection(t, '动态调整', '  最多上升级数: 2\n'), { kind: 'class', failed: [], nationalFailed: [], events: 0, province: 'A/责任监管', national: 'B/常态监管' }],
  ['a trigger event dropped (行政处罚)', (t) => addToSection(t, '事件类型', '  - { 名称: 行政处罚, 降级: false }\n'), { kind: 'class', failed: [], nationalFailed: [], events: 1, province: 'B/常态监管', national: 'C/加严监管' }],
  ['a not-applicable condition on national item 18 (小微企业)', (t) => addToSection(t, '调整', '  - { 项目: "18", 不适用条件: 小微企业 }\n'), { kind: 'class', failed: [], nationalFailed: ['18'], events: 0, province: 'AA/信用监管', national: 'A/责任监管' }],
];

const zhejiangStricter: [string, (t: string) => string][] = [
  ['the A threshold raised (96% → 98%)', (t) => replaceOnce(t, '条件: 通过率 >= 96%', '条件: 通过率 >= 98%')],
  ['the boundary made exclusive the right way (≥ 96% → > 95%)', (t) => replaceOnce(t, '条件: 通过率 >= 96%', '条件: 通过率 > 95%')],
  ['a supplementary item made ★ (补1)', (t) => replaceOnce(t, /(编号: 补1[\s\S]*?)答案: 发现问题\/未发现问题/, '$1答案: 发现问题/未发现问题\n    指向型: true')],
  ['an AA condition added (no penalty in 3 years)', (t) => addToSection(t, '分类', '  AA:\n    全部条件:\n      - 名称: 近3年无处罚\n        条件: 非 发生(行政处罚, 近3年)\n')],
  ['a C condition added (3 or more supplementary items fail)', (t) => replaceOnce(t, '    任一条件:\n', '    任一条件:\n      - 名称: 补充项目多项不通过\n        条件: 不通过数(浙江补充) >= 3\n')],
  ['refused sampling made a trigger event', (t) => addToSection(t, '事件类型', '  - { 名称: 拒绝抽查, 降级: true }\n')],
  ['a product raised to Ⅰ级 (纺织服装)', (t) => addToSection(t, '产品目录', '  - { 名称: 纺织服装, 风险等级: Ⅰ级 }\n')],
  ['Ⅱ级 shifted one step stricter', (t) => addToSection(t, '风险调整', '  Ⅱ级: 下调一级\n')],
  ['a first classification capped at A, triggers drop two levels', (t) => addToSection(t, '动态调整', '  首次评定上限: A\n  降级级数: 2\n')],
  ['a not-applicable condition on a supplementary item (补3 for small enterprises)', (t) => replaceOnce(t, /(编号: 补3[\s\S]*?检查方式: \[查阅资料\]\n)/, '$1    不适用条件: 小微企业\n')],
];

// Jiangsu: 19 national items + 补1, A ≥ 95%, B ≥ 65%, AA strict, matrix, first classification capped at A.
const jiangsuWeaker: Mutation[] = [
  ['dilution by supplementary items (20 more: N = 40, 38/40 = 95%)', (t) => addToSection(t, '项目', items('S', 20)), { kind: 'class', failed: ['18', '19'], nationalFailed: ['18', '19'], events: 0, province: 'A/责任监管', national: 'B/常态监管' }],
  [
    'dilution by splitting national item 3 into 21 sub-items',
    (t) => addToSection(t, '项目', Array.from({ length: 21 }, (_, i) => `  - { 编号: "3.${i + 1}", 细化: "3", 内容: 标准第${i + 1}部分, 答案: 发现问题/未发现问题 }\n`).join('')),
    { kind: 'class', failed: ['18', '19'], nationalFailed: ['18', '19'], events: 0, province: 'A/责任监管', national: 'B/常态监管' },
  ],
  [
    'a sub-item of ★ item 2 left un-starred',
    (t) => addToSection(t, '项目', '  - { 编号: "2.1", 细化: "2", 内容: 许可资质, 答案: 发现问题/未发现问题, 指向型: true }\n  - { 编号: "2.2", 细化: "2", 内容: 无伪造变造出借, 答案: 发现问题/未发现问题 }\n'),
    { kind: 'class', failed: ['2.2'], nationalFailed: ['2'], events: 0, province: 'A/责任监管', national: 'C/加严监管' },
  ],
  ['a looser A threshold (95% → 90%)', (t) => replaceOnce(t, '条件: 通过率 >= 95%', '条件: 通过率 >= 90%'), { kind: 'class', failed: ['18', '19'], nationalFailed: ['18', '19'], events: 0, province: 'A/责任监管', national: 'B/常态监管' }],
  ['an inclusive boundary made exclusive the wrong way (≥ 95% → > 89%)', (t) => replaceOnce(t, '条件: 通过率 >= 95%', '条件: 通过率 > 89%'), { kind: 'class', failed: ['18', '19'], nationalFailed: ['18', '19'], events: 0, province: 'A/责任监管', national: 'B/常态监管' }],
  ['the AA condition 全部通过 removed', (t) => replaceOnce(t, '  AA:\n    全部条件:\n', '  AA:\n    全部条件:\n      - 名称: 全部通过\n        条件: 真\n'), { kind: 'class', failed: ['19'], nationalFailed: ['19'], events: 0, province: 'AA/信用监管', national: 'A/责任监管' }],
  ['the Level Ⅰ shift weakened for AA in the matrix', (t) => replaceOnce(t, 'Ⅰ级: { AA: 责任监管,', 'Ⅰ级: { AA: 信用监管,'), { kind: 'mode', failed: [], nationalFailed: [], events: 0, province: 'AA/信用监管', national: 'AA/责任监管' }],
  ['an upward cap of two levels', (t) => replaceOnce(t, '  首次评定上限: A\n', '  首次评定上限: A\n  最多上升级数: 2\n'), { kind: 'class', failed: [], nationalFailed: [], events: 0, province: 'A/责任监管', national: 'B/常态监管' }],
  ['a trigger event dropped (行政处罚)', (t) => addToSection(t, '事件类型', '  - { 名称: 行政处罚, 降级: false }\n'), { kind: 'class', failed: [], nationalFailed: [], events: 1, province: 'B/常态监管', national: 'C/加严监管' }],
  ['a not-applicable condition on national item 13 (规模以上)', (t) => addToSection(t, '调整', '  - { 项目: "13", 不适用条件: 规模以上 }\n'), { kind: 'class', failed: [], nationalFailed: ['13'], events: 0, province: 'AA/信用监管', national: 'A/责任监管' }],
];

const jiangsuStricter: [string, (t: string) => string][] = [
  ['the A threshold raised (95% → 97%)', (t) => replaceOnce(t, '条件: 通过率 >= 95%', '条件: 通过率 >= 97%')],
  ['the boundary made exclusive the right way (≥ 95% → > 94%)', (t) => replaceOnce(t, '条件: 通过率 >= 95%', '条件: 通过率 > 94%')],
  ['the supplementary item made ★', (t) => replaceOnce(t, /(编号: 补1[\s\S]*?)答案: 发现问题\/未发现问题/, '$1答案: 发现问题/未发现问题\n    指向型: true')],
  ['a not-applicable condition on national item 18 that AA already excludes (非 规模以上)', (t) => addToSection(t, '调整', '  - { 项目: "18", 不适用条件: 非 规模以上 }\n')],
  ['a not-applicable condition on the supplementary item', (t) => replaceOnce(t, /(编号: 补1[\s\S]*?检查方式: \[查阅资料, 现场核查\]\n)/, '$1    不适用条件: 非 规模以上\n')],
  ['Ⅲ级 shifted one step stricter', (t) => replaceOnce(t, 'Ⅲ级: 不调整', 'Ⅲ级: 下调一级')],
  ['triggers drop two levels', (t) => replaceOnce(t, '  首次评定上限: A\n', '  首次评定上限: A\n  降级级数: 2\n')],
  ['a product raised to Ⅰ级 (家具)', (t) => addToSection(t, '产品目录', '  - { 名称: 家具, 风险等级: Ⅰ级 }\n')],
  ['the B threshold raised (65% → 70%)', (t) => replaceOnce(t, '条件: 通过率 >= 65%', '条件: 通过率 >= 70%')],
];

for (const [province, text, weaker, stricter] of [
  ['zhejiang', ZJ, zhejiangWeaker, zhejiangStricter],
  ['jiangsu', JS, jiangsuWeaker, jiangsuStricter],
] as const) {
  describe(`${province}: the unmutated copy`, () => {
    it('is proven not weaker', () => {
      const { result } = verifyText(text);
      expect(result.status).toBe('notWeaker');
    });
  });
  describe(`${province}: changes that make it weaker are caught`, () => {
    it.each(weaker)('%s', (_name, mutate, expected) => {
      const { result, province: compiled } = verifyText(mutate(text));
      expect(result.status).toBe('weaker');
      replay(result, compiled);
      expect(essentials(result)).toEqual(expected);
    });
  });
  describe(`${province}: changes that make it stricter are proven not weaker`, () => {
    it.each(stricter)('%s', (_name, mutate) => {
      const { result } = verifyText(mutate(text));
      expect(result.problems).toEqual([]);
      expect(result.status).toBe('notWeaker');
    });
  });
}

// Since D6′ a regional catalogue only adds: the level in force is the highest any catalogue gives
// (第二十条), so listing a national product lower cannot weaken the rules; check reports it (FL3008).
describe('a lower level for a national product in a regional catalogue', () => {
  it.each([
    // A regional catalogue lists only Ⅰ/Ⅱ级 (FL3025); a Ⅱ级 below the national Ⅰ级 is FL3008.
    ['zhejiang', ZJ, '  - { 名称: 电线电缆, 风险等级: Ⅲ级 }\n', 'FL3025'],
    ['jiangsu', JS, '  - { 名称: 化肥, 风险等级: Ⅱ级 }\n', 'FL3008'],
  ] as const)('%s: reported, and still not weaker', (_name, text, entry, code) => {
    const { result, province } = verifyText(addToSection(text, '产品目录', entry));
    expect(province.diagnostics.filter((d) => d.code === 'FL3008' || d.code === 'FL3025').map((d) => d.code)).toEqual([code]);
    expect(result.status).toBe('notWeaker');
  });
});
