// D2′: sub-items of national items 2 and 17 keep the national 视为通过条件 (the items limit
// themselves by their wording, and so do their parts); one that writes its own without the
// national case gets FL3031 (stricter, a warning).
import { describe, expect, it } from 'vitest';
import { codes, compileProvince, decision, evaluatorOf, nationalRecord, spots, at, BODY_LINE } from '../helpers.js';

const refine17 = (own = '') =>
  `项目:\n  - 编号: "17.1"\n    细化: "17"\n    内容: 按期提交年度自查报告。\n    答案: 符合/不符合\n    指向型: true\n${own ? `    视为通过条件: ${own}\n` : ''}  - 编号: "17.2"\n    细化: "17"\n    内容: 自查报告内容完整。\n    答案: 符合/不符合\n    指向型: true\n`;

describe('sub-items of national items 2 and 17 keep the national 视为通过条件 (D2′)', () => {
  it('both sub-items of 17 inherit “非 持有生产许可证”, with no diagnostic', () => {
    const r = compileProvince(refine17());
    expect(codes(r)).toEqual([]);
    expect(r.ir!.items.filter((i) => i.nationalId === '17').map((i) => [i.id, i.passesWhen?.text])).toEqual([
      ['17.1', '非 持有生产许可证'],
      ['17.2', '非 持有生产许可证'],
    ]);
  });

  it('a firm without a production licence passes both sub-items whatever was written (as nationally), and stays AA', () => {
    const r = compileProvince(refine17());
    const rec = nationalRecord([], { facts: { 持有生产许可证: false } });
    delete rec.inspection.answers['17'];
    Object.assign(rec.inspection.answers, { '17.1': '不符合', '17.2': '不符合' });
    const d = decision(evaluatorOf(r).evaluate(rec));
    expect([d.class, d.directiveFailures, d.warnings!.map((w) => `${w.code} ${w.field}`)]).toEqual(['AA', [], ['FL5114 inspection.answers.17.1', 'FL5114 inspection.answers.17.2']]);
  });

  it('a licence holder still answers them: 17.2 failing makes the firm C', () => {
    const r = compileProvince(refine17());
    const rec = nationalRecord([]);
    delete rec.inspection.answers['17'];
    Object.assign(rec.inspection.answers, { '17.1': '符合', '17.2': '不符合' });
    expect(decision(evaluatorOf(r).evaluate(rec)).class).toBe('C');
  });

  it('sub-items of 2 inherit “非 涉及行政许可”', () => {
    const r = compileProvince('项目:\n  - { 编号: "2.1", 细化: "2", 内容: 取得许可资质, 答案: 发现问题/未发现问题, 指向型: true }\n  - { 编号: "2.2", 细化: "2", 内容: 无伪造变造出借, 答案: 发现问题/未发现问题, 指向型: true }\n');
    expect([codes(r), r.ir!.items.filter((i) => i.nationalId === '2').map((i) => i.passesWhen?.text)]).toEqual([[], ['非 涉及行政许可', '非 涉及行政许可']]);
  });

  it('an own condition that keeps the national case (and adds one): no diagnostic', () => {
    expect(codes(compileProvince(refine17('非 持有生产许可证 或 发生(严重隐患, 近1年)')))).toEqual([]);
  });

  it('an own condition without the national case: FL3031 at that condition, the other sub-item still inherits', () => {
    const r = compileProvince(refine17('发生(严重隐患, 近1年)'));
    expect(codes(r)).toEqual(['FL3031']);
    expect(spots(r, 'FL3031')).toEqual([at('FL3031', BODY_LINE + 6, 13, BODY_LINE + 6, 26)]);
    expect(r.diagnostics[0]!.message).toBe('项目“17.1”细化所依据规则的项目“17”，但自己的视为通过条件“发生(严重隐患, 近1年)”没有包含该项的“非 持有生产许可证”：这类企业在国家规则下该项视为通过，在本细则中仍要回答本项（比国家规则严格；若是有意为之可忽略，否则在条件中加上“或 非 持有生产许可证”）（解释 D2′）');
    expect(r.ir!.items.find((i) => i.id === '17.2')!.passesWhen!.text).toBe('非 持有生产许可证');
  });
});
