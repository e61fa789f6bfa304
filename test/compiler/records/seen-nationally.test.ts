import { describe, expect, it } from 'vitest';
import { answerFromParts, knownEvents, knownFacts } from '../../../compiler/records/seen-nationally.js';
import { FAIL, NOT_APPLICABLE, PASS, type RuleSetIR } from '../../../runtime/index.js';

describe('the same situation seen nationally', () => {
  it('a refined item fails when one part fails, passes when each passes or is 不适用, else is unsettled', () => {
    expect(answerFromParts([PASS, FAIL, -1])).toBe(FAIL);
    expect(answerFromParts([PASS, NOT_APPLICABLE, PASS])).toBe(PASS);
    expect(answerFromParts([PASS, -1])).toBeUndefined();
    expect(answerFromParts([])).toBe(PASS);
  });

  it('keeps only the facts and event types the target declares (either name of an event)', () => {
    const target = { facts: [{ name: '规模以上' }], events: [{ name: '监督抽查不合格', en: 'failedSampling' }, { name: '投诉' }] } as unknown as RuleSetIR;
    expect(knownFacts(target, { 规模以上: true, 出口企业: false })).toEqual({ 规模以上: true });
    const events = [{ type: 'failedSampling', date: '2026-01-02' }, { type: '投诉', date: '2026-01-03' }, { type: '别的', date: '2026-01-04' }];
    expect(knownEvents(target, events)).toEqual(events.slice(0, 2));
  });
});
