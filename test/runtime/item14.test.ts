// Item ★14 and 第十一条 from the history (D8): 视为不通过条件 on national item 14, sampling levels,
// the overruled written answer (FL5113); and items 2 and 17 limiting themselves (D2′, 视为通过条件).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../runtime/record.js';
import { decideNational, nationalRecord, REPO, warningCodes } from '../compiler/helpers.js';

type Ev = { type: string; date: string; level?: string };
const DATE = '2026-03-01';
const FAILS_WHEN_LINE = readFileSync(join(REPO, 'rules', 'national', 'national.yaml'), 'utf8').split('\n').findIndex((l) => l.trim().startsWith('视为不通过条件:')) + 1;
const ITEM14 = '次数(抽查不合格, 近3年, 省级以上) >= 2 或 发生(拒绝抽查, 近3年) 或 发生(行政处罚, 近3年) 或 发生(媒体曝光, 近3年)';

/** All items answered as passing (14 ticked 符合), the given history. */
const withHistory = (events: Ev[], history: { previousClass?: string; previousReviewDate?: string } = {}): Decision =>
  decideNational(nationalRecord([], { date: DATE, history: { ...history, events } }), { trace: true });
const item14Step = (d: Decision) => d.trace.find((s) => s.step === 'answers' && s.text.startsWith('第14项'));

// 35 months before 2026-03-01 is inside 近3年 (after 2023-03-01); 37 months is outside.
const AT35 = ['2023-04-01', '2023-04-02'];
const AT37 = ['2023-02-01', '2023-01-20'];
const KINDS: [string, (days: string[]) => Ev[]][] = [
  ['two provincial sampling failures', (d) => [{ type: '抽查不合格', date: d[0]!, level: '省级' }, { type: '抽查不合格', date: d[1]!, level: '省级' }]],
  ['a refusal of sampling', (d) => [{ type: '拒绝抽查', date: d[0]! }]],
  ['an administrative penalty', (d) => [{ type: '行政处罚', date: d[0]! }]],
  ['a verified media exposure', (d) => [{ type: '媒体曝光', date: d[0]! }]],
];

describe('item 14 fails from the history of the last 3 years (第十一条)', () => {
  it.each(KINDS)('%s 35 months back: item 14 fails whatever was ticked, class C, the trace cites 第十一条 and item 14', (_kind, events) => {
    const d = withHistory(events(AT35));
    expect([d.assessedClass, d.class, d.mode, d.failedItems, d.directiveFailures, d.passed, d.answered]).toEqual(['C', 'C', '加严监管', ['14'], ['14'], 18, 19]);
    const s = item14Step(d)!;
    expect([s.article, s.text]).toEqual(['通用规则第（二）部分第14项；第十一条', `第14项的视为不通过条件“${ITEM14}”成立，该项视为“不符合”，填写的“符合”不予采纳（FL5113）`]);
    expect(s.clause).toBe(`rules/national/national.yaml:${FAILS_WHEN_LINE}`);
    expect(warningCodes(d)).toEqual(['FL5113']);
  });
  it.each(KINDS)('%s 37 months back: nothing (first classification → AA)', (_kind, events) => {
    const d = withHistory(events(AT37));
    expect([d.class, d.failedItems, item14Step(d), warningCodes(d)]).toEqual(['AA', [], undefined, []]);
  });
  it('the issue: an A enterprise that refused a sampling since its last review, 14 ticked 符合 → C (not AA)', () => {
    const d = withHistory([{ type: '拒绝抽查', date: '2025-09-01' }], { previousClass: 'A', previousReviewDate: '2025-03-01' });
    expect([d.assessedClass, d.class, d.mode, d.directiveFailures]).toEqual(['C', 'C', '加严监管', ['14']]);
    expect(d.warnings!.map((w) => [w.code, w.field])).toEqual([['FL5113', 'inspection.answers.14']]);
  });
  it('the issue: a penalty two years back at a first classification → C (not AA)', () => {
    const d = withHistory([{ type: '行政处罚', date: '2024-03-01' }]);
    expect([d.class, d.directiveFailures, item14Step(d)!.article]).toEqual(['C', ['14'], '通用规则第（二）部分第14项；第十一条']);
  });
  it('14 written 不符合 with a history that agrees: C, no warning', () => {
    const rec = nationalRecord(['14'], { date: DATE, history: { events: [{ type: '行政处罚', date: '2025-01-01' }] } });
    const d = decideNational(rec, { trace: true });
    expect([d.class, warningCodes(d), item14Step(d)!.text.endsWith('该项视为“不符合”')]).toEqual(['C', [], true]);
  });
  it('14 written 不符合 with a clean history still fails (the answer decides when the condition does not hold)', () => {
    expect(decideNational(nationalRecord(['14'])).class).toBe('C');
  });
  it('14 may be left blank when the history settles it', () => {
    const rec = nationalRecord([], { history: { events: [{ type: '媒体曝光', date: '2025-01-01' }] } });
    delete rec.inspection.answers['14'];
    expect([decideNational(rec).class, warningCodes(decideNational(rec))]).toEqual(['C', []]);
  });
});

describe('sampling levels (第十一条: 省级以上)', () => {
  const sampling = (...levels: (string | undefined)[]) => levels.map((level, i): Ev => ({ type: '抽查不合格', date: `2025-0${i + 4}-01`, ...(level ? { level } : {}) }));
  it.each([
    [['国家', '国家'], 'C'],
    [['国家', '省级'], 'C'],
    [['provincial', 'national'], 'C'],
    [['省级', '省级', '县级'], 'C'],
    [['省级', '县级'], 'AA'],
    [['市级', '市级'], 'AA'],
    [['县级', '县级'], 'AA'],
    [['省级'], 'AA'],
  ] as [string[], string][])('%j at a first classification → %s', (levels, cls) => {
    expect(withHistory(sampling(...levels)).class).toBe(cls);
  });
  it('two county failures do not make C via item 14 but still trigger 第二十一条: previous A → B', () => {
    const d = withHistory(sampling('县级', '县级'), { previousClass: 'A', previousReviewDate: '2025-03-01' });
    expect([d.assessedClass, d.class, d.failedItems, warningCodes(d)]).toEqual(['AA', 'B', [], []]);
    expect(d.trace.filter((s) => s.step === 'review').map((s) => s.text)[1]).toBe('自上次评定以来出现降级情形（抽查不合格×2），应当作降级处理：至多为上次类别 A 下降 1 级，即 B，由 AA 降为 B');
  });
  it('failures without a level are not counted as 省级以上, with FL5115 for each', () => {
    const d = withHistory(sampling(undefined, undefined));
    expect([d.class, warningCodes(d)]).toEqual(['AA', ['FL5115', 'FL5115']]);
  });
  it('an unknown level is error FL5017', () => {
    expect(() => withHistory(sampling('乡级'))).toThrow(/FL5017 history\.events\[0\]\.level/);
  });
});

describe('items 2 and 17 limit themselves (D2′, 视为通过条件)', () => {
  const d = (failures: string[], facts?: Record<string, unknown>) => decideNational(nationalRecord(failures, facts ? { facts } : {}), { trace: true });
  it('without a production licence, item 17 passes whatever was written (FL5114)', () => {
    const x = d(['17'], { 持有生产许可证: false });
    expect([x.class, x.failedItems, x.passed, warningCodes(x)]).toEqual(['AA', [], 19, ['FL5114']]);
    expect(x.trace.find((s) => s.text.startsWith('第17项'))!.text).toBe('第17项的视为通过条件“非 持有生产许可证”成立，该项视为“符合”，填写的“不符合”不予采纳（FL5114）');
  });
  it('with a licence (the default), item 17 failing makes C', () => {
    expect([d(['17']).class, d(['17'], { 持有生产许可证: '是' }).class]).toEqual(['C', 'C']);
  });
  it('without licensed products, item 2 passes; the English fact names are read too', () => {
    expect(d(['2'], { 涉及行政许可: '否' }).class).toBe('AA');
    expect(d(['2', '17'], { licensedProducts: false, productionLicence: false }).class).toBe('AA');
  });
  it('item 17 may be left blank for an enterprise without a licence', () => {
    const rec = nationalRecord([], { facts: { 持有生产许可证: false } });
    delete rec.inspection.answers['17'];
    const x = decideNational(rec);
    expect([x.class, x.passed, x.answered, warningCodes(x)]).toEqual(['AA', 19, 19, []]);
  });
  it('item 14 settled as failing is not made to pass by anything else (failsWhen first)', () => {
    const x = decideNational(nationalRecord([], { facts: { 持有生产许可证: false }, history: { events: [{ type: '拒绝抽查', date: '2025-01-01' }] } }));
    expect([x.class, x.failedItems]).toEqual(['C', ['14']]);
  });
});
