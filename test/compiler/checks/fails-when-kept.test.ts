// FL3019: a province that refines (or restates) national item 14 keeps its 视为不通过条件 (第十一条, D8).
import { describe, expect, it } from 'vitest';
import { codes, compileProvince, decision, evaluatorOf, nationalRecord, spots, at, BODY_LINE } from '../helpers.js';

const NATIONAL = '次数(抽查不合格, 近3年, 省级以上) >= 2 或 发生(拒绝抽查, 近3年) 或 发生(行政处罚, 近3年) 或 发生(媒体曝光, 近3年)';
const refine = (first: string, second = '') =>
  `项目:\n  - 编号: "14.1"\n    细化: "14"\n    内容: 近3年无抽查不合格、拒绝抽查、处罚和曝光。\n    答案: 符合/不符合\n    指向型: true\n${first ? `    视为不通过条件: ${first}\n` : ''}  - 编号: "14.2"\n    细化: "14"\n    内容: 质量信誉良好。\n    答案: 符合/不符合\n    指向型: true\n${second ? `    视为不通过条件: ${second}\n` : ''}`;

describe('FL3019: the refined item keeps the national 视为不通过条件', () => {
  it('a sub-item with the same condition: no diagnostic', () => {
    expect(codes(compileProvince(refine(NATIONAL)))).toEqual([]);
  });
  it('a stricter condition (every national case and one more, English names) on the second sub-item: no diagnostic', () => {
    expect(codes(compileProvince(refine('', `${NATIONAL.replace('抽查不合格', 'samplingFailure').replace('省级以上', 'provincialOrAbove')} 或 发生(严重隐患, 近1年)`)))).toEqual([]);
  });
  it('sub-items without it: FL3019 at the first sub-item', () => {
    const r = compileProvince(refine(''));
    expect(codes(r)).toEqual(['FL3019']);
    expect(r.diagnostics[0]!.message).toBe(`所依据规则的项目“14”的视为不通过条件“${NATIONAL}”没有保留：项目 14.1、14.2 中至少要有一项的视为不通过条件包含它的每一种情形（第十一条，解释 D8）`);
    expect(spots(r, 'FL3019')).toEqual([at('FL3019', BODY_LINE + 1, 9, BODY_LINE + 1, 15)]);
  });
  it('a case dropped (only provincial sampling failures), or split over two sub-items: FL3019 at the condition', () => {
    const r = compileProvince(refine('次数(抽查不合格, 近3年, 省级以上) >= 2'));
    expect(spots(r, 'FL3019')).toEqual([at('FL3019', BODY_LINE + 6, 14, BODY_LINE + 6, 39)]);
    expect(codes(compileProvince(refine('次数(抽查不合格, 近3年, 省级以上) >= 2 或 发生(拒绝抽查, 近3年)', '发生(行政处罚, 近3年) 或 发生(媒体曝光, 近3年)')))).toEqual(['FL3019']);
  });
  it('a province that keeps item 14 as it is inherits the condition', () => {
    const r = compileProvince('项目:\n  - { 编号: 补1, 内容: 无安全事故。, 答案: 符合/不符合 }\n');
    expect([codes(r), r.ir!.items.find((i) => i.id === '14')!.failsWhen!.text]).toEqual([[], NATIONAL]);
  });
  it('the kept condition decides: a refusal of sampling makes the province C through 14.1', () => {
    const r = compileProvince(refine(NATIONAL));
    const rec = nationalRecord([], { history: { events: [{ type: '拒绝抽查', date: '2025-06-01' }] } });
    delete rec.inspection.answers['14'];
    Object.assign(rec.inspection.answers, { '14.1': '符合', '14.2': '符合' });
    const d = decision(evaluatorOf(r).evaluate(rec));
    expect([d.class, d.directiveFailures, d.warnings!.map((w) => w.field)]).toEqual(['C', ['14.1'], ['inspection.answers.14.1']]);
  });
});
