// Counterexamples that lead to the fix: the province's clauses ranked by what correcting each
// alone does (a missing ★, a not-applicable part, the diluting items before thresholds; harmless
// clauses are no cause), and the least strict pass-ratio thresholds that remove a weakness —
// checked here independently by verifying the rules with the suggestion written in.
import { describe, expect, it } from 'vitest';
import { verificationDiagnostics } from '../../compiler/verify/diagnostics.js';
import { resultText } from '../../compiler/verify/format.js';
import type { VerificationResult } from '../../compiler/verify/types.js';
import { verify } from '../../compiler/verify/verify.js';
import { compileFile, NATIONAL_CATALOGUE, nationalResult, replay, verifyText } from './helpers.js';

const HEAD = `元数据:\n  名称: 测试细则\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n`;
const SUPPLEMENTARY = `项目:\n${[1, 2, 3, 4].map((i) => `  - { 编号: 补${i}, 内容: 补充项目${i}, 答案: 发现问题/未发现问题 }\n`).join('')}`;
const cls = (c: string, name: string, when: string) => `  ${c}:\n    ${c === 'C' ? '任一条件' : '全部条件'}:\n      - { 名称: ${name}, 条件: ${when} }\n`;

/** Each cause as [line, kind, effect, outcome with it alone corrected]. */
const causes = (r: VerificationResult) => r.counterexample!.clauses.map((x) => [x.line, x.kind, x.effect, x.after ? `${x.after.class}/${x.after.mode}` : '']);
const suggestions = (r: VerificationResult) => (r.counterexample!.suggestions ?? []).map((x) => [x.zh, x.own, x.verified]);

const CASES = {
  // ★12 split in three, 12.2 left without ★; the province also wrote its own C and A thresholds.
  star:
    HEAD +
    `项目:\n  - { 编号: "12.1", 细化: "12", 内容: 产品名称, 答案: 发现问题/未发现问题, 指向型: true }\n  - { 编号: "12.2", 细化: "12", 内容: 认证标志, 答案: 发现问题/未发现问题 }\n  - { 编号: "12.3", 细化: "12", 内容: 厂名厂址, 答案: 发现问题/未发现问题, 指向型: true }\n` +
    `分类:\n${cls('C', '通过率下限', '通过率 < 65%')}${cls('A', '通过率', '通过率 >= 92%')}`,
  // Four supplementary items with A raised to 95% (at most one failure of 23) but B left at 60%.
  dilutedB: HEAD + SUPPLEMENTARY + `分类:\n${cls('A', '通过率', '通过率 >= 95%')}`,
  loweredA: HEAD + `分类:\n${cls('A', '通过率', '通过率 >= 85%')}`,
  // Item 18's scale part not applicable to small firms (D2′: nationally item 18 may still fail).
  notApplicable:
    HEAD +
    `企业信息:\n  - { 名称: 小微企业, 类型: 布尔, 默认: false }\n项目:\n  - { 编号: "18.1", 细化: "18", 内容: 企业达到规模水平, 答案: 符合/不符合, 不适用条件: 小微企业 }\n  - { 编号: "18.2", 细化: "18", 内容: 企业处于行业龙头地位, 答案: 符合/不符合 }\n` +
    `分类:\n${cls('A', '通过率', '通过率 >= 95%')}${cls('B', '通过率', '通过率 >= 65%')}`,
  // C lowered to 55% and B to 55%: 11/19 is C nationally, B here.
  loweredC: HEAD + `分类:\n${cls('C', '通过率下限', '通过率 < 55%')}${cls('B', '通过率', '通过率 >= 55%')}`,
  // B given 责任监管 instead of 常态监管 (第十八条).
  classMode: HEAD + `类别监管方式:\n  B: 责任监管\n`,
  // Three supplementary items and A lowered to 88%: neither alone explains 20/22, both together do.
  joint: HEAD + `项目:\n${[1, 2, 3].map((i) => `  - { 编号: 补${i}, 内容: 补充项目${i}, 答案: 发现问题/未发现问题 }\n`).join('')}分类:\n${cls('A', '通过率', '通过率 >= 88%')}`,
};

describe('ranked causes and least strict thresholds', () => {
  it.each([
    {
      name: 'a missing ★ on a sub-item: the ★ first and alone; thresholds and the other sub-items are no cause',
      text: CASES.star,
      summary: '1 个细化子项目（国家第12项）（12.2）不通过',
      causes: [
        [9, 'star', 'fixes', 'C/加严监管'],
        [8, 'dilution', 'none', ''],
        [14, 'condition', 'none', ''],
        [17, 'condition', 'none', ''],
      ],
      suggestions: [],
    },
    {
      name: 'a diluted B threshold: the diluting items, and B at least 65.22%',
      text: CASES.dilutedB,
      summary: '8 个国家项目（7、8、9、10、11、13 等 8 项）不通过',
      causes: [[8, 'dilution', 'fixes', 'C/加严监管']],
      suggestions: [['B类门槛至少为 65.22%（不通过不超过 7 项）', false, true]],
    },
    {
      name: 'a lowered A threshold: the condition, and A at least 89.48% (the same as 90% over 19 items)',
      text: CASES.loweredA,
      summary: '2 个国家项目（18、19）不通过',
      causes: [[10, 'condition', 'fixes', 'B/常态监管']],
      suggestions: [['A类门槛至少为 89.48%（不通过不超过 1 项）', true, true]],
    },
    {
      name: 'a lowered C threshold (with B lowered alike): either alone fixes it; C at least 57.90% (C is decided first)',
      text: CASES.loweredC,
      summary: '8 个国家项目（7、8、9、10、11、13 等 8 项）不通过',
      causes: [
        [10, 'condition', 'fixes', 'C/加严监管'],
        [13, 'condition', 'fixes', 'C/加严监管'],
      ],
      suggestions: [['C类门槛至少为 57.90%（不通过 8 项及以上为C类）', true, true]],
    },
    {
      name: 'a not-applicable sub-item (D2′): its condition; no threshold can help (everything passes)',
      text: CASES.notApplicable,
      summary: '本省不评定的国家项目 18 在国家检查表上不通过',
      causes: [[10, 'notApplicable', 'fixes', 'A/责任监管']],
      suggestions: [],
    },
    {
      name: 'a lighter class mode: the class-mode clause (repaired with the national modes at every risk level)',
      text: CASES.classMode,
      summary: '本省监管方式更宽松',
      causes: [[8, 'mode', 'fixes', 'B/常态监管']],
      suggestions: [],
    },
    {
      name: 'dilution and a lowered threshold needed together: both, marked as such',
      text: CASES.joint,
      summary: '2 个国家项目（18、19）不通过',
      causes: [
        [8, 'dilution', 'jointly', ''],
        [14, 'condition', 'jointly', ''],
      ],
      // B's inherited 60% is diluted too (14/22 vs 11/19): both thresholds, verified together.
      suggestions: [
        ['A类门槛至少为 90.91%（不通过不超过 1 项）', true, true],
        ['B类门槛至少为 63.64%（不通过不超过 7 项）', false, true],
      ],
    },
  ])('$name', ({ text, summary, causes: want, suggestions: wantSug }) => {
    const { result, province } = verifyText(text);
    expect(result.status).toBe('weaker');
    replay(result, province);
    expect(result.counterexample!.summary).toContain(summary);
    expect(causes(result)).toEqual(want);
    expect(suggestions(result)).toEqual(wantSug);
  });

  it('the suggested B threshold is the least strict sound one: 65.22% is proven, 65.21% is still weaker', () => {
    const at = (v: string) => verifyText(CASES.dilutedB + cls('B', '通过率', `通过率 >= ${v}`)).result.status;
    expect([at('65.22%'), at('65.21%')]).toEqual(['notWeaker', 'weaker']);
  });

  it('the suggested A threshold is the least strict sound one: 89.48% is proven, 89.47% is still weaker', () => {
    const at = (v: string) => verifyText(CASES.loweredA.replace('通过率 >= 85%', `通过率 >= ${v}`)).result.status;
    expect([at('89.48%'), at('89.47%')]).toEqual(['notWeaker', 'weaker']);
  });

  it('inherited thresholds: the suggestion says what to write in the province (A and B together for three supplementary items)', () => {
    const { result } = verifyText(HEAD + `项目:\n${[1, 2, 3].map((i) => `  - { 编号: 补${i}, 内容: 补充项目${i}, 答案: 发现问题/未发现问题 }\n`).join('')}`);
    expect(result.counterexample!.suggestions!.map((x) => [x.zh, x.write.zh, x.verified])).toEqual([
      ['A类门槛至少为 90.91%（不通过不超过 1 项）', '在本省规则的“分类 → A → 全部条件”中写 - { 名称: 通过率, 条件: 通过率 >= 90.91% }，代替所依据规则的“通过率 >= 90%”', true],
      ['B类门槛至少为 63.64%（不通过不超过 7 项）', '在本省规则的“分类 → B → 全部条件”中写 - { 名称: 通过率, 条件: 通过率 >= 63.64% }，代替所依据规则的“通过率 >= 60%”', true],
    ]);
    const both = `${HEAD}项目:\n${[1, 2, 3].map((i) => `  - { 编号: 补${i}, 内容: 补充项目${i}, 答案: 发现问题/未发现问题 }\n`).join('')}分类:\n${cls('A', '通过率', '通过率 >= 90.91%')}${cls('B', '通过率', '通过率 >= 63.64%')}`;
    expect(verifyText(both).result.status).toBe('notWeaker');
  });

  it('the editor gets the causes in rank order and the suggestion with a quick fix that sets the threshold', () => {
    const { result } = verifyText(CASES.loweredA);
    const ds = verificationDiagnostics(result).filter((d) => d.code !== 'FL4005');
    expect(ds.map((d) => [d.code, d.severity, d.range.start.line + 1, d.range.start.column + 1])).toEqual([
      ['FL4001', 'error', 10, 24],
      ['FL4020', 'warning', 10, 31],
    ]);
    const fl4020 = ds[1]!;
    expect(fl4020.message).toBe('建议：A类门槛至少为 89.48%（不通过不超过 1 项）。把 通过率 >= 85% 改为 通过率 >= 89.48%。已验证：按建议修改后不比国家规则宽松');
    expect(fl4020.fixes).toEqual([{ title: '把A类门槛改为 89.48% / set the class A threshold to 89.48%', edits: [{ start: fl4020.range.start.offset, end: fl4020.range.end.offset, newText: '89.48%' }] }]);
    const fixed = CASES.loweredA.slice(0, fl4020.range.start.offset) + '89.48%' + CASES.loweredA.slice(fl4020.range.end.offset);
    expect(verifyText(fixed).result.status).toBe('notWeaker');
  });

  it('a catalogue left out: the list of catalogues is the cause, and listing the national one as well removes the weakness', () => {
    const own = `元数据:\n  名称: 本省目录\n  地区: 测试省\n  版本: "1"\n  生效日期: 2000-01-01\n产品:\n  - { 名称: 本省产品, 风险等级: Ⅱ级 }\n`;
    const at = (list: string) => {
      const province = compileFile(`${HEAD}产品目录:\n${list}`, 'p.yaml', { 'own.catalogue.yaml': own });
      return { province, result: verify(province, nationalResult(), { timeLimitMs: 60_000, stricter: false }) };
    };
    const { province, result } = at('  - own.catalogue.yaml\n');
    expect(result.status).toBe('weaker');
    const { p, n } = replay(result, province);
    // Every item passes: AA on both sides; nationally the product is Ⅰ级 (责任监管), here it is in no catalogue.
    expect([p.class, p.mode, p.riskLevel, n.class, n.mode, n.riskLevel]).toEqual(['AA', '信用监管', null, 'AA', '责任监管', 'Ⅰ级']);
    const product = result.counterexample!.record.enterprise.products![0]!;
    expect(result.counterexample!.clauses.map((x) => [x.line, x.kind, x.effect, x.after ? `${x.after.class}/${x.after.mode}` : '', x.what])).toEqual([
      [7, 'catalogue', 'fixes', 'AA/责任监管', `产品目录（第二十条）：本省所用目录中没有“${product}”（风险等级未定），国家规则所用目录“重点工业产品质量监督目录（示例）”（示例-2024）中为Ⅰ级，监管方式因此较宽松`],
    ]);
    expect(at(`  - own.catalogue.yaml\n  - ${NATIONAL_CATALOGUE}\n`).result.status).toBe('notWeaker');
  });

  it('the missing ★ goes first in the editor; clauses that are no cause get no diagnostic', () => {
    const { result } = verifyText(CASES.star);
    const ds = verificationDiagnostics(result).filter((d) => d.code !== 'FL4005');
    expect(ds.map((d) => [d.code, d.range.start.line + 1])).toEqual([['FL4001', 9]]);
    expect(ds[0]!.message.endsWith('。原因：项目 12.2 是★国家第12项的一部分，但没有设为★（指向型）')).toBe(true);
  });

  it('speaks plainly by default: no internal terms; the technical detail and the clauses that are no cause only with --verbose', () => {
    const { result } = verifyText(CASES.star);
    const plain = resultText(result);
    for (const word of ['抽象', '聚合', '子问题', '记录情形']) expect(plain).not.toContain(word);
    expect(plain).toContain('1. p.yaml:9  项目 12.2 是★国家第12项的一部分，但没有设为★（指向型）\n     item 12.2 is part of ★ national item 12 but is not ★\n     → 只改这一处：本省 C类（加严监管），不再比国家（C类）宽松');
    expect(plain).not.toContain('通过率 < 65%（所依据的规则为');
    const verbose = resultText(result, { verbose: true });
    expect(verbose).toContain('种抽象情形');
    expect(verbose).toContain('- p.yaml:14  C类条件“通过率下限”：通过率 < 65%（所依据的规则为“通过率 < 60%”）');
    const proven = resultText(verifyText(CASES.loweredA.replace('85%', '90%')).result);
    for (const word of ['抽象', '聚合']) expect(proven).not.toContain(word);
  });
});

describe('D2′: sub-items of national items 2 and 17 keep the national 视为通过条件', () => {
  it('17 split into two ★ sub-items is proven, and a firm without a production licence is no longer made stricter', () => {
    const text = HEAD + `项目:\n  - { 编号: "17.1", 细化: "17", 内容: 按期提交年度自查报告, 答案: 符合/不符合, 指向型: true }\n  - { 编号: "17.2", 细化: "17", 内容: 自查报告内容完整, 答案: 符合/不符合, 指向型: true }\n分类:\n${cls('A', '通过率', '通过率 >= 95%')}${cls('B', '通过率', '通过率 >= 65%')}`;
    const { result } = verifyText(text);
    expect(result.status).toBe('notWeaker');
    expect(result.stricter.filter((s) => s.record.enterprise.facts?.['持有生产许可证'] === false)).toEqual([]);
  });
});
