// Record checks (runtime/prepare.ts, runtime/decide.ts): every error names its code and
// the record field; warnings do not stop the decision.
import { describe, expect, it } from 'vitest';
import { withCheckDigit, creditCodeValid } from '../../runtime/credit-code.js';
import type { Decision, EnterpriseRecord } from '../../runtime/record.js';
import { compileProvince, compileText, decideNational, evaluatorOf, nationalEvaluator, nationalRecord, recordError, recordFor, NATIONAL_IDS, warningCodes } from '../compiler/helpers.js';

type Mut = (r: EnterpriseRecord & Record<string, unknown>) => void;
const errorOf = (mutate: Mut) => {
  const rec = nationalRecord() as EnterpriseRecord & Record<string, unknown>;
  mutate(rec);
  return recordError(nationalEvaluator().evaluate(rec));
};

describe('record errors', () => {
  const cases: [string, Mut, string, string, string][] = [
    ['unknown item', (r) => { r.inspection.answers['20'] = '符合'; }, 'FL5004', 'inspection.answers.20', '规则集中没有项目“20”'],
    ['missing answer', (r) => { delete r.inspection.answers['7']; }, 'FL5005', 'inspection.answers.7', '项目“7”没有填写答案'],
    ['empty answer', (r) => { r.inspection.answers['13'] = ''; }, 'FL5005', 'inspection.answers.13', '项目“13”没有填写答案'],
    ['unreadable answer word', (r) => { r.inspection.answers['7'] = '基本符合'; }, 'FL5006', 'inspection.answers.7', '项目“7”的答案“基本符合”无法识别，应为：未发现问题、发现问题、符合、不符合、不适用（或 pass/fail/na）'],
    ['a number as answer', (r) => { (r.inspection.answers as Record<string, unknown>)['3'] = 1; }, 'FL5006', 'inspection.answers.3', '项目“3”的答案“1”无法识别，应为：未发现问题、发现问题、符合、不符合、不适用（或 pass/fail/na）'],
    ['30 February', (r) => { r.inspection.date = '2026-02-30'; }, 'FL5007', 'inspection.date', '日期“2026-02-30”无效，应为存在的日期，格式 YYYY-MM-DD'],
    ['bad event date', (r) => { r.history = { previousClass: 'A', events: [{ type: '行政处罚', date: '2025-13-01' }] }; }, 'FL5007', 'history.events[0].date', '日期“2025-13-01”无效，应为存在的日期，格式 YYYY-MM-DD'],
    ['unknown event type', (r) => { r.history = { previousClass: 'A', previousReviewDate: '2025-03-01', events: [{ type: '抽查不合格', date: '2025-05-01' }, { type: '火灾', date: '2025-05-01' }] }; }, 'FL5008', 'history.events[1].type', '未知的事件类型“火灾”，可选：行政处罚、严重隐患、抽查不合格、媒体曝光、其他降级情形、拒绝抽查'],
    ['不适用 on a national item', (r) => { r.inspection.answers['18'] = '不适用'; }, 'FL5009', 'inspection.answers.18', '项目“18”填了“不适用”，但本规则集中该项在此情况下适用'],
    ['na on a national item', (r) => { r.inspection.answers['2'] = 'na'; }, 'FL5009', 'inspection.answers.2', '项目“2”填了“不适用”，但本规则集中该项在此情况下适用'],
    ['bad previous class', (r) => { r.history = { previousClass: 'D' }; }, 'FL5012', 'history.previousClass', '上次类别“D”无效，应为 AA、A、B、C 或留空'],
    ['bad risk level', (r) => { r.inspection.riskLevel = '四级'; }, 'FL5013', 'inspection.riskLevel', '风险等级“四级”无效，应为 Ⅰ级、Ⅱ级、Ⅲ级'],
    ['bad inspection form', (r) => { r.inspection.form = '突击检查'; }, 'FL5014', 'inspection.form', '监督检查形式“突击检查”无效，应为 定期监督检查、专项监督检查、回访'],
    ['missing enterprise', (r) => { delete (r as Partial<EnterpriseRecord>).enterprise; }, 'FL5002', 'enterprise', '缺少字段 enterprise'],
    ['missing enterprise name', (r) => { delete (r.enterprise as Partial<EnterpriseRecord['enterprise']>).name; }, 'FL5002', 'enterprise.name', '缺少字段 enterprise.name'],
    ['missing inspection date', (r) => { delete (r.inspection as Partial<EnterpriseRecord['inspection']>).date; }, 'FL5002', 'inspection.date', '缺少字段 inspection.date'],
    ['missing id', (r) => { delete (r as Partial<EnterpriseRecord>).id; }, 'FL5002', 'id', '缺少字段 id'],
    ['answers as a list', (r) => { (r.inspection as Record<string, unknown>).answers = ['符合']; }, 'FL5003', 'inspection.answers', '字段 inspection.answers 应为对象（{…}）'],
    ['answers as text', (r) => { (r.inspection as Record<string, unknown>).answers = '全部符合'; }, 'FL5003', 'inspection.answers', '字段 inspection.answers 应为对象（{…}）'],
    ['products as text', (r) => { (r.enterprise as Record<string, unknown>).products = '纺织服装'; }, 'FL5003', 'enterprise.products', '字段 enterprise.products 应为产品名称列表'],
    ['events as an object', (r) => { r.history = { previousClass: 'A', events: {} as never }; }, 'FL5003', 'history.events', '字段 history.events 应为事件列表'],
    ['previous review after the inspection', (r) => { r.history = { previousClass: 'A', previousReviewDate: '2026-05-01' }; }, 'FL5016', 'history.previousReviewDate', '上次评定日期 2026-05-01 晚于本次检查日期'],
  ];
  it.each(cases)('%s', (_n, mutate, code, field, message) => {
    const e = errorOf(mutate);
    expect([e.code, e.field, e.message]).toEqual([code, field, message]);
  });

  it('the error carries the record id', () => {
    const o = nationalEvaluator().evaluate({ ...nationalRecord(), id: 'E-42', enterprise: undefined });
    expect(o).toMatchObject({ id: 'E-42', error: { code: 'FL5002', field: 'enterprise' } });
  });
  it('not an object at all', () => {
    expect(nationalEvaluator().evaluate(null)).toMatchObject({ id: '#0', error: { code: 'FL5002' } });
    expect(nationalEvaluator().evaluate([], { position: 7 })).toMatchObject({ id: '#7', error: { code: 'FL5003' } });
  });
  it('an inspection after today (FL5015)', () => {
    const today = Date.UTC(2026, 1, 1) / 86_400_000;
    expect(nationalEvaluator().evaluate(nationalRecord(), { today })).toMatchObject({ error: { code: 'FL5015', field: 'inspection.date' } });
  });
  it('the first missing answer in item order is reported', () => {
    expect(errorOf((r) => { delete r.inspection.answers['19']; delete r.inspection.answers['4']; })).toMatchObject({ code: 'FL5005', field: 'inspection.answers.4' });
  });
  it('of several bad answer keys, the first in the record is reported', () => {
    const bad = (entries: [string, unknown][]) =>
      errorOf((r) => {
        for (const [k, v] of entries) (r.inspection.answers as Record<string, unknown>)[k] = v;
      });
    // Integer-like keys come first in an object, in ascending order; other keys as written.
    expect(bad([['x', '符合'], ['7', '基本符合']])).toMatchObject({ code: 'FL5006', field: 'inspection.answers.7' });
    expect(bad([['补1', '符合'], ['x', '基本符合']])).toMatchObject({ code: 'FL5004', field: 'inspection.answers.补1' });
    expect(bad([['5', '也许'], ['3', 7]])).toMatchObject({ code: 'FL5006', field: 'inspection.answers.3', message: expect.stringContaining('“7”') as unknown });
    expect(bad([['constructor', '符合']])).toMatchObject({ code: 'FL5004', field: 'inspection.answers.constructor' });
  });
  it('an answer key present but undefined counts as not answered', () => {
    expect(errorOf((r) => { (r.inspection.answers as Record<string, unknown>)['9'] = undefined; })).toMatchObject({ code: 'FL5005', field: 'inspection.answers.9' });
  });
  it('answers written with spaces or in capitals are read', () => {
    const rec = nationalRecord();
    rec.inspection.answers['2'] = ' 发现问题 ';
    rec.inspection.answers['3'] = 'FAIL';
    expect(decideNational(rec).failedItems).toEqual(['2', '3']);
  });
  it('an inspection before the rules took effect, or after they expired, is decided with FL5110 / FL5111', () => {
    const r = compileText(`元数据:\n  名称: 测试细则\n  地区: 测试省\n  版本: "2"\n  生效日期: 2025-01-01\n  失效日期: 2026-01-01\n  基于: national\n`);
    const ev = evaluatorOf(r);
    const at = (date: string) => {
      const rec = nationalRecord();
      rec.inspection.date = date;
      const o = ev.evaluate(rec);
      expect(o).toHaveProperty('class', 'AA');
      return o as Decision;
    };
    expect(warningCodes(at('2024-12-31'))).toEqual(['FL5110']);
    expect(warningCodes(at('2025-01-01'))).toEqual([]);
    expect(warningCodes(at('2025-12-31'))).toEqual([]);
    expect(at('2026-01-01')).toMatchObject({ class: 'AA', warnings: [{ code: 'FL5111', field: 'inspection.date', message: '检查日期 2026-01-01 时《测试细则》已失效（失效日期 2026-01-01），请用当时施行的规则判定', messageEn: 'Inspection date 2026-01-01 is after these rules expired (2026-01-01)' }] });
  });
  it('an answer keyed by a prototype key is an unknown item, never object machinery', () => {
    // Rules cannot name an item so (FL2051); a record that does gets FL5004 like any unknown id.
    const rec = nationalRecord();
    Object.defineProperty(rec.inspection.answers, 'constructor', { value: '符合', enumerable: true });
    expect(recordError(nationalEvaluator().evaluate(rec))).toMatchObject({ code: 'FL5004', field: 'inspection.answers.constructor' });
  });
});

describe('answers', () => {
  it('English pass/fail/na words are accepted, any case', () => {
    const rec = recordFor(NATIONAL_IDS, [], {});
    for (const id of NATIONAL_IDS) rec.inspection.answers[id] = id === '18' ? 'Fail' : 'PASS';
    const d = decideNational(rec);
    expect([d.class, d.passed, d.failedItems]).toEqual(['A', 18, ['18']]);
  });
  it('either answer pair is read for any item', () => {
    const rec = nationalRecord();
    rec.inspection.answers['3'] = '符合';
    rec.inspection.answers['8'] = '发现问题';
    expect(decideNational(rec).failedItems).toEqual(['8']);
  });
  it('na on a supplementary item whose not-applicable condition holds is accepted', () => {
    const ev = evaluatorOf(compileProvince(`项目:\n  - { 编号: S1, 内容: 出口许可, 答案: 符合/不符合, 不适用条件: 非 产品包含("电线电缆") }\n`));
    const rec = recordFor([...NATIONAL_IDS, 'S1'], ['19']);
    rec.inspection.answers['S1'] = 'na';
    const d = ev.evaluate(rec);
    expect(d).toMatchObject({ class: 'A', passed: 18, answered: 19 });
    rec.enterprise.products = ['电线电缆'];
    expect(recordError(ev.evaluate(rec))).toMatchObject({ code: 'FL5009', field: 'inspection.answers.S1' });
  });
});

describe('credit code (GB 32100) check digit', () => {
  const good = withCheckDigit('91330000MA27XXXX0');
  it('withCheckDigit makes a valid code', () => {
    expect(good).toBe('91330000MA27XXXX0A');
    expect(creditCodeValid(good)).toBe(true);
    expect(creditCodeValid('91330000MA27XXXX00')).toBe(false);
  });
  it('a valid code gives no warning', () => {
    const d = decideNational(nationalRecord([], { creditCode: good }));
    expect([d.class, warningCodes(d)]).toEqual(['AA', []]);
  });
  it('a lower-case valid code gives no warning', () => {
    expect(warningCodes(decideNational(nationalRecord([], { creditCode: good.toLowerCase() })))).toEqual([]);
  });
  it('a wrong check digit warns FL5105 and still decides', () => {
    const d = decideNational(nationalRecord([], { creditCode: '91330000MA27XXXX00' }));
    expect(d.class).toBe('AA');
    expect(d.warnings).toEqual([{ code: 'FL5105', field: 'enterprise.creditCode', message: '统一社会信用代码“91330000MA27XXXX00”校验位不正确（GB 32100），请核对', messageEn: "Credit code '91330000MA27XXXX00' fails its GB 32100 check digit" }]);
  });
  it('a code of the wrong length warns FL5105', () => {
    expect(warningCodes(decideNational(nationalRecord([], { creditCode: '9133000' })))).toEqual(['FL5105']);
  });
});
