// 第二十一条 as D4′ reads it: a review by dates and the rule set's period, not by the inspection
// form; and D11: a record with a previous class and events but no answers is an adjustment.
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../runtime/record.js';
import { compileProvince, decideNational, decision, evaluatorOf, nationalRecord, warningCodes } from '../compiler/helpers.js';

const PERIOD = '第二十一条（调整周期原则上为1年）；解释 D4′';
const reviewSteps = (d: Decision) => d.trace.filter((s) => s.step === 'review').map((s) => [s.article, s.text]);

describe('review or between reviews, by dates (D4′)', () => {
  // Inspection 2026-03-01; previous class B; every item passes (assessed AA).
  const at = (previousReviewDate: string, form?: string) => decideNational(nationalRecord([], { form, history: { previousClass: 'B', previousReviewDate } }), { trace: true });
  it.each([
    ['11 months', '2025-04-01', 'B', false],
    ['12 months', '2025-03-01', 'A', true],
    ['13 months', '2025-02-01', 'A', true],
  ] as const)('%s after the last review: B assessed AA → %s', (_n, since, cls, periodic) => {
    const d = at(since);
    expect([d.assessedClass, d.class]).toEqual(['AA', cls]);
    expect(reviewSteps(d)[0]).toEqual([PERIOD, periodic ? `距上次评定（${since}）已满调整周期 12 个月，为周期调整：类别可以上升，但不允许越级上升` : `距上次评定（${since}）不满调整周期 12 个月，不是周期调整（与监督检查形式无关）：类别不上升，出现降级情形时降级`]);
  });
  it('a first classification has no cap: AA', () => {
    const d = decideNational(nationalRecord([]), { trace: true });
    expect([d.class, reviewSteps(d)]).toEqual(['AA', [['第二十一条', '首次评定，无上次类别可比较']]]);
  });
  it('the issue: a 定期监督检查 one month after the last review does not raise B', () => {
    expect(at('2026-02-01', '定期监督检查').class).toBe('B');
  });
  it('the issue: a 专项监督检查 two years after the last review may raise B to A', () => {
    const d = at('2024-03-01', '专项监督检查');
    expect([d.class, reviewSteps(d)]).toEqual(['A', [[PERIOD, '距上次评定（2024-03-01）已满调整周期 12 个月，为周期调整：类别可以上升，但不允许越级上升'], ['第二十一条', '上次类别 B，不允许越级上升，每次最多上升 1 级：评定 AA 调整为 A']]]);
  });
  it('第二十一条 alone is cited only for what it says (不允许越级上升, 应当作降级处理)', () => {
    for (const d of [at('2025-04-01'), at('2025-03-01'), decideNational(nationalRecord([], { history: { previousClass: 'A', previousReviewDate: '2025-03-01', events: [{ type: '严重隐患', date: '2025-06-01' }] } }), { trace: true })]) {
      for (const [article, text] of reviewSteps(d)) if (article === '第二十一条') expect(text).toMatch(/不允许越级上升|应当作降级处理|无需调整|首次评定/);
    }
  });
  it('a province period of 6 months: 7 months after the last review is a review', () => {
    const ev = evaluatorOf(compileProvince('动态调整:\n  调整周期月数: 6\n'));
    const rec = (since: string) => nationalRecord([], { history: { previousClass: 'B', previousReviewDate: since } });
    expect([decision(ev.evaluate(rec('2025-08-01'))).class, decision(ev.evaluate(rec('2025-10-01'))).class]).toEqual(['A', 'B']);
  });
});

describe('adjustment without an inspection (D11)', () => {
  const adjust = (previousClass: string, events: { type: string; date: string }[], answers: 'empty' | 'absent' = 'empty', products = ['纺织服装']) => {
    const rec = nationalRecord([], { products, history: { previousClass, previousReviewDate: '2025-09-01', events } });
    if (answers === 'empty') rec.inspection.answers = {};
    else delete (rec.inspection as { answers?: unknown }).answers;
    return decideNational(rec, { trace: true });
  };
  const TRIGGER = [{ type: '严重隐患', date: '2025-12-01' }];
  it.each([
    ['AA', 'A', '责任监管'],
    ['A', 'B', '常态监管'],
    ['B', 'C', '加严监管'],
    ['C', 'C', '加严监管'],
  ])('previous %s and a trigger → %s, %s, citing 第二十一条', (prev, cls, mode) => {
    const d = adjust(prev, TRIGGER);
    expect([d.inScope, d.assessedClass, d.class, d.mode, d.adjustmentOnly, d.passed, d.answered, d.passRatio, d.failedItems]).toEqual([true, prev, cls, mode, true, 0, 0, null, []]);
    const how = prev === 'C' ? '应当作降级处理；上次类别已是 C 类，保持 C 类' : `应当作降级处理：由上次类别 ${prev} 降为 ${cls}`;
    expect(reviewSteps(d)).toEqual([['第二十一条', `未作监督检查（记录没有检查答案），按上次类别动态调整（解释 D11）：自上次评定（2025-09-01）以来出现降级情形（严重隐患），${how}`]]);
    expect(d.trace.map((s) => s.step)).toEqual(['scope', 'review', 'mode', 'catalogue', 'risk', ...d.measures.map(() => 'measures')]);
  });
  it('answers absent altogether is the same', () => {
    expect([adjust('A', TRIGGER, 'absent').class, adjust('A', TRIGGER, 'absent').adjustmentOnly]).toEqual(['B', true]);
  });
  it('no trigger since the previous review: the previous class stands', () => {
    const d = adjust('A', [{ type: '严重隐患', date: '2025-01-01' }]);
    expect([d.class, d.mode, reviewSteps(d)[0]![1]]).toEqual(['A', '责任监管', '未作监督检查（记录没有检查答案），按上次类别动态调整（解释 D11）：自上次评定（2025-09-01）以来未出现降级情形，保持上次类别 A']);
  });
  it('the mode follows the risk level (第二十条): Level Ⅰ, previous AA, a trigger → A, 常态监管', () => {
    expect([adjust('AA', TRIGGER, 'empty', ['电线电缆']).class, adjust('AA', TRIGGER, 'empty', ['电线电缆']).mode]).toEqual(['A', '常态监管']);
  });
  it('without a previous class, missing answers stay an error (FL5005, or FL5002 when absent)', () => {
    const rec = nationalRecord([]);
    rec.inspection.answers = {};
    expect(() => decideNational(rec)).toThrow(/FL5005/);
    delete (rec.inspection as { answers?: unknown }).answers;
    expect(() => decideNational(rec)).toThrow(/FL5002 inspection\.answers/);
  });
  it('a partial inspection is still an inspection: missing answers are FL5005', () => {
    const rec = nationalRecord([], { history: { previousClass: 'A', previousReviewDate: '2025-09-01' } });
    rec.inspection.answers = { '1': '未发现问题' };
    expect(() => decideNational(rec)).toThrow(/FL5005 inspection\.answers\.2/);
  });
  it('no warning in the ordinary case', () => {
    expect(warningCodes(adjust('B', TRIGGER))).toEqual([]);
  });
});
