// How risk levels are written (第二十条: Ⅰ级 高风险, Ⅱ级 较高风险, Ⅲ级 一般风险): one table for
// registers, records, rule-file keys and the condition language alike.

const GLOSS = ['高风险', '较高风险', '一般风险'] as const;
const NUMERAL: Record<string, 1 | 2 | 3> = { Ⅰ: 1, Ⅱ: 2, Ⅲ: 3, I: 1, II: 2, III: 3, 一: 1, 二: 2, 三: 3, '1': 1, '2': 2, '3': 3 };

/**
 * The level a spelling names, or undefined: `Ⅲ级`, `Ⅲ`, `III级`, `III`, `三级`, `3级`, `3`, `level3`,
 * `一般风险`, `Ⅲ级（一般风险）` (a gloss in brackets must match the level), any case for the Latin forms.
 */
export function riskLevelOf(text: string): 1 | 2 | 3 | undefined {
  let t = text.trim();
  const gloss = /^(.*?)\s*[（(]\s*(高风险|较高风险|一般风险)\s*[)）]$/.exec(t);
  if (gloss) t = gloss[1]!;
  const byGloss = (GLOSS as readonly string[]).indexOf(t);
  if (byGloss >= 0) return gloss ? undefined : ((byGloss + 1) as 1 | 2 | 3);
  const lv = /^level\s*([123])$/i.exec(t) ? (Number(t.slice(-1)) as 1 | 2 | 3) : NUMERAL[t.replace(/级$/, '').toUpperCase()];
  if (lv === undefined) return undefined;
  return gloss && GLOSS[lv - 1] !== gloss[2] ? undefined : lv;
}

/** The canonical names of the levels, highest risk first. */
export const RISK_LEVEL_NAMES = ['Ⅰ级', 'Ⅱ级', 'Ⅲ级'] as const;
/** The canonical name of a level by its number: RISK_LEVEL_NAME[1] is Ⅰ级. */
export const RISK_LEVEL_NAME = ['', ...RISK_LEVEL_NAMES] as const;
/** The gloss of a level (第二十条). */
export const RISK_LEVEL_GLOSS = ['', ...GLOSS] as const;
