import type { Check } from './check.js';
import { CONDITION_ORDER } from '../../runtime/classes.js';
import { bound, holds, producibleRatios, type Bound } from './ratio-bound.js';

/**
 * A ratio the rule set can produce (answered m, passed k; m ranges over what the not-applicable
 * conditions allow) where the province's condition and the national one disagree in the
 * national's disfavour: for AA/A/B the province qualifies and the nation does not; for C the
 * nation makes C and the province does not. Thresholds between two producible ratios are alike.
 */
function gap(p: Bound, b: Bound, total: number, optional: number): { k: number; m: number } | null {
  return producibleRatios(total, optional).find(({ k, m }) => (p.upward ? holds(p, k, m) && !holds(b, k, m) : holds(b, k, m) && !holds(p, k, m))) ?? null;
}

/**
 * A replaced pass-ratio threshold is not looser (通用规则备注（二）, D1): for AA/A/B the
 * ratios that qualify may only shrink, for C the ratios that make C may only grow — over the
 * ratios the checklist can produce (a lower threshold with no producible ratio in between is
 * the same threshold). When a producible ratio lies between them but the class has other
 * conditions that may exclude it, only the verifier can tell: a warning (FL3030), never an
 * error that a proof would contradict. Other replacements cannot be compared here (FL3011).
 */
export const thresholds: Check = {
  codes: ['FL3003', 'FL3011', 'FL3030'],
  run({ model, reporter, ast }) {
    for (const cls of CONDITION_ORDER) {
      for (const c of model.classification[cls]) {
        if (!c.replaces || c.from.file !== ast.file) continue;
        const p = bound(c.when.ir);
        const b = bound(c.replaces.when.ir);
        // The national condition written again word for word: nothing replaced, nothing to compare.
        if (c.when.source.text.replace(/\s+/g, '') === c.replaces.when.source.text.replace(/\s+/g, '')) continue;
        const loc = c.when.source.loc;
        const args = { cls, name: c.name ?? '', national: c.replaces.when.source.text, province: c.when.source.text };
        if (!p || !b || p.set !== b.set || p.set > 1 || p.upward !== b.upward || p.upward === (cls === 'C')) {
          reporter.report('FL3011', args, loc.start, loc.end);
          continue;
        }
        // Set 0 is every item, set 1 the ★ items.
        const inSet = p.set === 0 ? model.items : model.items.filter((it) => it.directive);
        const g = gap(p, b, inSet.length, inSet.filter((it) => it.notApplicableWhen).length);
        if (!g) continue;
        const example = `${g.k}/${g.m} = ${((g.k / g.m) * 100).toFixed(2)}%`;
        // The province's own other conditions of the class (an added 且 for AA/A/B, an added 或 for C) may make up for it.
        if (model.classification[cls].some((o) => o !== c && o.from.file === ast.file)) reporter.report('FL3030', { ...args, example }, loc.start, loc.end);
        else reporter.report('FL3003', args, loc.start, loc.end);
      }
    }
  },
};
