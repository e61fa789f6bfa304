// The editor's schema accepts, as 风险调整 keys, exactly the spellings the compiler reads
// (riskLevelOf), so VS Code does not flag `II级:` or `二级:` that `fenlei check` accepts.
import { describe, expect, it } from 'vitest';
import { buildRulesSchema, RISK_KEY_PATTERN } from '../../../grammar/schema/json-schema.js';
import { riskLevelOf } from '../../../runtime/risk-levels.js';

const NUMERALS = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'I', 'II', 'III', 'i', 'ii', 'iii', '一', '二', '三', '1', '2', '3', 'Ⅳ', 'IV', '四', '4', '0', ''];
const GLOSSES = ['', '（高风险）', '(较高风险)', '（一般风险）', '（低风险）'];
const candidates = [
  ...NUMERALS.flatMap((n) => ['', '级'].flatMap((j) => GLOSSES.map((g) => `${n}${j}${g}`))),
  '高风险', '较高风险', '一般风险', '低风险', 'level1', 'Level2', 'LEVEL 3', 'level4', 'levels1', '级',
];

describe('风险调整 keys in the editor schema', () => {
  const pattern = new RegExp(RISK_KEY_PATTERN);
  it.each(candidates.filter((k) => k !== ''))('%s: accepted by the schema exactly when the compiler reads a level', (key) => {
    const read = riskLevelOf(key) !== undefined;
    // A gloss that contradicts its level (Ⅰ级（一般风险）) passes the pattern; the compiler's own check names it.
    const contradicting = /[（(]/.test(key) && !read && riskLevelOf(key.replace(/[（(].*$/, '')) !== undefined && /高风险|较高风险|一般风险/.test(key);
    expect(pattern.test(key)).toBe(read || contradicting);
  });
  it('the riskModes definition carries the pattern and still refuses other keys', () => {
    const def = (buildRulesSchema(true).definitions as Record<string, { patternProperties?: Record<string, unknown>; additionalProperties?: unknown }>).riskModes!;
    expect(Object.keys(def.patternProperties ?? {})).toEqual([RISK_KEY_PATTERN]);
    expect(def.additionalProperties).toBe(false);
    // The shape check keeps refusing other spellings: the compiler merges them into one key.
    expect((buildRulesSchema().definitions as Record<string, { patternProperties?: unknown }>).riskModes!.patternProperties).toBeUndefined();
  });
});
