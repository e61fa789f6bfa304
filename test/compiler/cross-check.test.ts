// 核对条件 (cross-checks): what the record should satisfy when an item is answered as passing.
// A contradiction gives warning FL5112 and leaves the decision as it is.
import { describe, expect, it } from 'vitest';
import { docHtml } from '../../cli/format/doc.js';
import { codes, compileNational, compileProvince, evaluatorOf, irOf, nationalRecord, province, spots, at, compileText, warningCodes, decision } from './helpers.js';

// A province's supplementary item on sampling history, with a cross-check (the national item 14 now
// decides from the history itself, with 视为不通过条件: see test/runtime/item14.test.ts).
const CHECK = '次数(抽查不合格, 近3年) < 2 且 非 发生(拒绝抽查, 近3年)';
const SAMPLING = `项目:\n  - 编号: 补1\n    内容: 近3年抽查记录良好。\n    答案: 符合/不符合\n    核对条件: ${CHECK}\n`;

describe('a cross-check on a supplementary item', () => {
  const ev = () => evaluatorOf(compileProvince(SAMPLING));
  const withEvents = (pass: boolean, events: { type: string; date: string }[]) => {
    const rec = nationalRecord([], { history: { previousClass: 'A', previousReviewDate: '2025-03-01', events } });
    rec.inspection.answers['补1'] = pass ? '符合' : '不符合';
    return decision(ev().evaluate(rec));
  };

  it('is in the compiled rules, on that item only, and in words in the printed rules', () => {
    const r = compileProvince(SAMPLING);
    const ir = irOf(r);
    expect(ir.items.flatMap((i) => (i.check ? [[i.id, i.check.text]] : []))).toEqual([['补1', CHECK]]);
    expect(irOf(compileNational()).items.filter((i) => i.check)).toEqual([]);
    const html = docHtml(r.linked!.model, ir, r.file);
    expect(html.match(/class="muted small cross-check">([^<]*)</g)).toEqual([
      'class="muted small cross-check">核对：答“通过”时应当近3年内“抽查不合格”的次数低于2（不含本数），并且不满足“近3年内发生过“拒绝抽查””，否则提请核对（FL5112）<',
    ]);
  });

  it('warns FL5112 when the item is answered 符合 but the history contradicts it, and decides as before', () => {
    const d = withEvents(true, [{ type: '抽查不合格', date: '2024-05-01' }, { type: '抽查不合格', date: '2024-09-01' }]);
    expect([d.class, d.passed]).toEqual(['AA', 20]);
    expect(d.warnings!.filter((w) => w.code === 'FL5112')).toEqual([
      {
        code: 'FL5112',
        field: 'inspection.answers.补1',
        message: `项目“补1”答“符合”，但记录不满足其核对条件“${CHECK}”，请核对答案或企业的历史`,
        messageEn: `Item '补1' is answered '符合' but the record does not satisfy its cross-check '${CHECK}'`,
      },
    ]);
  });

  it('is quiet when the history agrees, when the item fails, and for events older than 3 years', () => {
    // National item 14 adds FL5113 for a refusal within 3 years; only FL5112 is this item's.
    const crossChecks = (d: ReturnType<typeof withEvents>) => warningCodes(d).filter((c) => c === 'FL5112');
    expect(warningCodes(withEvents(true, [{ type: '严重隐患', date: '2024-05-01' }]))).toEqual([]);
    expect(crossChecks(withEvents(false, [{ type: '拒绝抽查', date: '2025-06-01' }]))).toEqual([]);
    expect(warningCodes(withEvents(true, [{ type: '拒绝抽查', date: '2023-02-28' }]))).toEqual([]);
    expect(warningCodes(withEvents(true, [{ type: '拒绝抽查', date: '2023-03-02' }]))).toEqual(['FL5113', 'FL5112']);
  });
});

describe('核对条件 in a province', () => {
  it('a supplementary item may have one, warned about only when its condition fails', () => {
    const r = compileProvince(`企业信息:\n  - { 名称: 出口企业, 类型: 布尔, 默认: false }\n项目:\n  - 编号: 补1\n    内容: 出口产品符合进口国要求。\n    答案: 符合/不符合\n    核对条件: 出口企业\n`);
    expect(codes(r)).toEqual([]);
    const ir = irOf(r);
    expect(ir.items.find((i) => i.id === '补1')!.check!.text).toBe('出口企业');
    const ev = evaluatorOf(r);
    const rec = nationalRecord([]);
    rec.inspection.answers['补1'] = '符合';
    expect(warningCodes(decision(ev.evaluate(rec)))).toEqual(['FL5112']);
    rec.enterprise.facts = { 出口企业: true };
    expect(decision(ev.evaluate(rec)).warnings).toBeUndefined();
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
