// 核对条件 (cross-checks): what the record should satisfy when an item is answered as passing.
// National item 14 has one; a contradiction gives warning FL5112 and leaves the decision as it is.
import { describe, expect, it } from 'vitest';
import { docHtml } from '../../cli/format/doc.js';
import { codes, compileNational, compileProvince, decideNational, evaluatorOf, irOf, nationalRecord, province, spots, at, compileText, warningCodes, decision } from './helpers.js';

const ITEM14 = '次数(抽查不合格, 近3年) < 2 且 非 发生(拒绝抽查, 近3年) 且 非 发生(行政处罚, 近3年) 且 非 发生(媒体曝光, 近3年)';

describe('national item 14 cross-check', () => {
  const withEvents = (failures: string[], events: { type: string; date: string }[]) => decideNational(nationalRecord(failures, { history: { previousClass: 'A', previousReviewDate: '2025-03-01', events } }));

  it('is in the compiled national rules, on item 14 only, and in words in the printed rules', () => {
    const r = compileNational();
    const ir = irOf(r);
    expect(ir.items.flatMap((i) => (i.check ? [[i.id, i.check.text]] : []))).toEqual([['14', ITEM14]]);
    const html = docHtml(r.linked!.model, ir, r.file);
    expect(html.match(/class="muted small cross-check">([^<]*)</g)).toEqual([
      'class="muted small cross-check">核对：答“通过”时应当近3年内“抽查不合格”的次数低于2（不含本数），并且不满足“近3年内发生过“拒绝抽查””，并且不满足“近3年内发生过“行政处罚””，并且不满足“近3年内发生过“媒体曝光””，否则提请核对（FL5112）<',
    ]);
  });

  it('warns FL5112 when 14 is answered 符合 but the history contradicts it, and decides as before', () => {
    const d = withEvents([], [{ type: '抽查不合格', date: '2024-05-01' }, { type: '抽查不合格', date: '2024-09-01' }]);
    expect([d.class, d.passed]).toEqual(['AA', 19]);
    expect(d.warnings).toEqual([
      {
        code: 'FL5112',
        field: 'inspection.answers.14',
        message: `项目“14”答“符合”，但记录不满足其核对条件“${ITEM14}”，请核对答案或企业的历史`,
        messageEn: `Item '14' is answered '符合' but the record does not satisfy its cross-check '${ITEM14}'`,
      },
    ]);
  });

  it('is quiet when the history agrees, when 14 fails, and for events older than 3 years', () => {
    expect(warningCodes(withEvents([], [{ type: '抽查不合格', date: '2024-05-01' }]))).toEqual([]);
    expect(warningCodes(withEvents(['14'], [{ type: '行政处罚', date: '2025-06-01' }]))).toEqual([]);
    expect(warningCodes(withEvents([], [{ type: '拒绝抽查', date: '2023-02-28' }]))).toEqual([]);
    expect(warningCodes(withEvents([], [{ type: '拒绝抽查', date: '2023-03-02' }]))).toEqual(['FL5112']);
  });
});

describe('核对条件 in a province', () => {
  it('a supplementary item may have one; a province inherits the national one', () => {
    const r = compileProvince(`企业信息:\n  - { 名称: 出口企业, 类型: 布尔, 默认: false }\n项目:\n  - 编号: 补1\n    内容: 出口产品符合进口国要求。\n    答案: 符合/不符合\n    核对条件: 出口企业\n`);
    expect(codes(r)).toEqual([]);
    const ir = irOf(r);
    expect(ir.items.find((i) => i.id === '补1')!.check!.text).toBe('出口企业');
    expect(ir.items.find((i) => i.id === '14')!.check!.text).toBe(ITEM14);
    const ev = evaluatorOf(r);
    const rec = nationalRecord([], { history: { previousClass: 'A', previousReviewDate: '2025-03-01', events: [{ type: '媒体曝光', date: '2025-01-10' }] } });
    rec.inspection.answers['补1'] = '符合';
    expect(warningCodes(decision(ev.evaluate(rec)))).toEqual(['FL5112', 'FL5112']);
    rec.enterprise.facts = { 出口企业: true };
    expect(decision(ev.evaluate(rec)).warnings!.map((w) => w.field)).toEqual(['inspection.answers.14']);
  });

  it('may not read answers (FL2022), and its names are resolved (FL2005)', () => {
    const text = province(`项目:\n  - 编号: 补1\n    内容: 有完整的召回记录。\n    答案: 符合/不符合\n    核对条件: 通过(#11)\n  - 编号: 补2\n    内容: 无投诉。\n    答案: 符合/不符合\n    核对条件: 非 发生(投诉, 近1年)\n`);
    const r = compileText(text);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['FL2022', '核对条件不能依据项目的答案（只能依据企业信息、产品和历史）'],
      ['FL2005', '未定义的名称“投诉”'],
    ]);
    expect(spots(r, 'FL2022')).toEqual([at('FL2022', 11, 11, 11, 18)]);
  });
});
