import { CLASSES_BEST_FIRST, MODE_RANK } from '../../runtime/classes.js';
import { RISK_LEVEL_NAME } from '../../runtime/risk-levels.js';
import type { RiskLevel } from '../model/types.js';
import type { Check } from './check.js';

/** No class gets a lighter mode than the base gives it (第十八条), at any risk level (第二十条). */
export const modes: Check = {
  codes: ['FL3004', 'FL3006'],
  run({ model, base, reporter, at }) {
    for (const cls of CLASSES_BEST_FIRST) {
      const m = model.classModes[cls];
      const b = base.classModes[cls];
      if (MODE_RANK[m.mode] > MODE_RANK[b.mode]) {
        const l = at(m.from);
        reporter.report('FL3006', { cls, mode: m.mode, national: b.mode }, l.start, l.end);
      }
      for (const lv of [1, 2, 3] as RiskLevel[]) {
        const rm = model.riskModes[lv][cls];
        const rb = base.riskModes[lv][cls];
        if (MODE_RANK[rm.mode] > MODE_RANK[rb.mode]) {
          const l = at(rm.from);
          reporter.report('FL3004', { level: RISK_LEVEL_NAME[lv], cls, mode: rm.mode, national: rb.mode }, l.start, l.end);
        }
      }
    }
  },
};
