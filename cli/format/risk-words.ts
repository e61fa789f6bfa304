// Every risk adjustment of a rule set in words (第二十条), for the published 实施细则 and the
// filing report: a province that shifts Level Ⅱ for class A says so in prose, not only in a table.
import { CLASSES_BEST_FIRST, RISK_LEVEL_GLOSS, RISK_LEVEL_NAMES, type RuleSetIR } from '../../runtime/index.js';

const LEVELS = RISK_LEVEL_NAMES.map((r, i) => `${r}（${RISK_LEVEL_GLOSS[i + 1]}）`);

/** One sentence per risk level: which classes get which mode instead of 第十八条's. */
export function riskAdjustmentWords(ir: Pick<RuleSetIR, 'classModes' | 'riskModes'>): string[] {
  return LEVELS.map((level, i) => {
    const modes = ir.riskModes[i]!;
    const changed = CLASSES_BEST_FIRST.filter((c) => modes[c] !== ir.classModes[c]);
    if (!changed.length) return `${level}产品的生产企业：监管方式不调整，按第十八条实施。`;
    const kept = CLASSES_BEST_FIRST.filter((c) => modes[c] === ir.classModes[c]);
    const keptText = kept.length ? `；${kept.map((c) => `${c}类`).join('、')}仍为${[...new Set(kept.map((c) => modes[c]))].join('、')}` : '';
    return `${level}产品的生产企业：${changed.map((c) => `${c}类由${ir.classModes[c]}调整为${modes[c]}`).join('，')}${keptText}（第二十条）。`;
  });
}
