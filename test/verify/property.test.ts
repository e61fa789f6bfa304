// The verifier against brute-force enumeration on random small rule sets (at most 14 provincial
// items; fixed seed, bounded runs): the same verdict, and the same fewest failed items and events —
// also where conditions mix facts of several kinds and event counts (the search per condition).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verify } from '../../compiler/verify/verify.js';
import { bruteForce } from './brute-force.js';
import { compileFile } from './helpers.js';
import { randomRules, type RandomRules } from './random-rules.js';

const SEED = 20261128;

function check(r: RandomRules): void {
  const national = compileFile(r.national, 'n.yaml');
  expect(national.ok, national.diagnostics.map((d) => d.message).join('; ')).toBe(true);
  const province = compileFile(r.province, 'p.yaml', { 'n.yaml': r.national });
  const result = verify(province, national, { timeLimitMs: 120_000 });
  expect(result.problems, r.province).toEqual([]);
  const brute = bruteForce(province, national, r.rich, r.facts);
  const got = result.status === 'weaker' ? [result.counterexample!.failedItems, result.counterexample!.events] : null;
  expect({ verdict: result.status, cost: got }, `${r.national}\n---\n${r.province}`).toEqual({ verdict: brute.cost ? 'weaker' : 'notWeaker', cost: brute.cost });
}

describe('the verifier agrees with brute force', () => {
  it('on checklists of up to 14 items (classification: refinements, supplements, ★, thresholds, set conditions)', () => {
    fc.assert(fc.property(randomRules(false), check), { seed: SEED, numRuns: 40 });
  });
  it('on small checklists with facts, not-applicable conditions, products, events, review and risk modes', () => {
    fc.assert(fc.property(randomRules(true), check), { seed: SEED, numRuns: 12 });
  });
  it('with yes/no, enum and number facts and event counts in 且/或 with each other and with the checklist', () => {
    fc.assert(fc.property(randomRules(true, true), check), { seed: SEED, numRuns: 8 });
  });
});
