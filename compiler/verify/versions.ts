// Effective-date intervals: every provincial version is checked against every national version
// in force at the same time (生效日期 inclusive, 失效日期 exclusive).
import type { CompileResult } from '../program.js';
import { overlap } from './verify.js';

export interface Pair {
  province: CompileResult;
  national: CompileResult;
  interval: { from: string; to: string | null };
}

export interface Skipped {
  province: CompileResult;
  national: CompileResult;
}

const meta = (r: CompileResult) => r.linked?.model.meta ?? { effective: '', expires: null };

/** The rule set with no base at the root of a result's base chain. */
export function rootOf(r: CompileResult): CompileResult {
  let x = r;
  while (x.base) x = x.base;
  return x;
}

/** Whether a compiled rule file is a base rule set (national rules) rather than a province over one. */
export function isBaseRuleSet(r: CompileResult): boolean {
  return !!r.linked && r.linked.model.base === null;
}

/**
 * Pairs every provincial rule set with every national one in force together. `nationals` empty:
 * each province is compared with the root of its own base chain.
 */
export function plan(provinces: readonly CompileResult[], nationals: readonly CompileResult[]): { pairs: Pair[]; skipped: Skipped[] } {
  const pairs: Pair[] = [];
  const skipped: Skipped[] = [];
  for (const p of provinces) {
    const against = nationals.length ? nationals : [rootOf(p)];
    for (const n of against) {
      const interval = overlap(meta(p), meta(n));
      if (interval) pairs.push({ province: p, national: n, interval });
      else skipped.push({ province: p, national: n });
    }
  }
  return { pairs, skipped };
}
