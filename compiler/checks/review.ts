import { CLASS_RANK } from '../../runtime/classes.js';
import type { Check } from './check.js';

/** 第二十一条: no rise of more than one level, triggers lower at least as far, caps kept. */
export const review: Check = {
  codes: ['FL3005', 'FL3013', 'FL3014', 'FL3016'],
  run({ model, base, ast, reporter, at }) {
    const r = model.review;
    const b = base.review;
    const k = ast.review;
    const loc = (key: 'maxRise' | 'firstCap' | 'triggerDrop' | 'periodMonths') => k?.[key]?.loc ?? k?.keys[key] ?? at(r.from);
    if (r.maxRise > b.maxRise) reporter.report('FL3005', { value: r.maxRise, national: b.maxRise }, loc('maxRise').start, loc('maxRise').end);
    if (b.firstCap !== null && (r.firstCap === null || CLASS_RANK[r.firstCap] > CLASS_RANK[b.firstCap])) {
      reporter.report('FL3013', { value: r.firstCap ?? '无', national: b.firstCap }, loc('firstCap').start, loc('firstCap').end);
    }
    if (r.triggerDrop < b.triggerDrop) reporter.report('FL3014', { value: r.triggerDrop, national: b.triggerDrop }, loc('triggerDrop').start, loc('triggerDrop').end);
    if (r.periodMonths > b.periodMonths) reporter.report('FL3016', { value: r.periodMonths, national: b.periodMonths }, loc('periodMonths').start, loc('periodMonths').end);
  },
};
