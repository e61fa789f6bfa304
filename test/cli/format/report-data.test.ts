// tally(), the one home of the 第十二条 report's counting: a group of alike records (the
// information system counts them in SQL) adds to every figure as its records one by one do, and
// to no list (the lists name records one by one).
import { describe, expect, it } from 'vitest';
import { emptyReport, tally, type ReportData, type TallyEntry } from '../../../cli/format/report-data.js';
import type { Decision } from '../../../runtime/index.js';
import { decision, nationalEvaluator, nationalRecord } from '../../compiler/helpers.js';

const ev = nationalEvaluator();
// AA (no failure), A (one), C (★1); with a previous class and a trigger on some.
const kinds = [
  { fails: [] as string[], previousClass: null, loweredByTrigger: false, region: '330110' },
  { fails: ['3'], previousClass: 'AA', loweredByTrigger: false, region: '330110' },
  { fails: ['1'], previousClass: 'B', loweredByTrigger: true, region: '330782' },
];
const entry = (k: number, i: number): TallyEntry => {
  const o = decision(ev.evaluate(nationalRecord(kinds[k]!.fails, { id: `r${k}-${i}` }), { trace: true })) as Decision;
  const { previousClass, loweredByTrigger, region } = kinds[k]!;
  return { row: i, id: o.id, name: `企业${k}-${i}`, region, outcome: o, previousClass, triggers: loweredByTrigger ? ['抽查不合格'] : [], heldByCap: false, loweredByTrigger, heldByTrigger: false };
};
const figures = (d: ReportData) => ({ ...d, cities: [...d.cities.values()], counties: [...d.counties.values()], cList: d.cList.length, triggerList: d.triggerList.length });

describe('tally', () => {
  it('counts a group of alike records as the records one by one, and lists none of it', () => {
    const counts = [5, 3, 4];
    const one = emptyReport();
    for (const [k, n] of counts.entries()) for (let i = 0; i < n; i++) tally(one, ev.ir, entry(k, i));
    const grouped = emptyReport();
    for (const [k, n] of counts.entries()) tally(grouped, ev.ir, { ...entry(k, 0), count: n });
    expect(figures(grouped)).toEqual({ ...figures(one), cList: 0, triggerList: 0 });
    expect([one.records, one.byClass, one.changes.loweredByTrigger, one.cList.length, one.triggerList.length]).toEqual([12, { AA: 5, A: 3, B: 0, C: 4 }, 4, 4, 4]);
    expect(one.counties.get('330782')).toEqual({ key: '330782', total: 4, byClass: { AA: 0, A: 0, B: 0, C: 4 }, outOfScope: 0, errors: 0 });
  });
});
