// The search on its own: a later search of the same rules with other pass-ratio thresholds uses
// the space of the first one (products, facts, events, contexts and their prepared records do not
// depend on a threshold),
// a search for any weakness stops at the first, and it looks first where it is told to.
import { describe, expect, it } from 'vitest';
import { lower } from '../../compiler/ir/lower.js';
import type { CompileResult } from '../../compiler/program.js';
import { analyze, sourcedExprs } from '../../compiler/verify/analyze.js';
import { compileRuleSet } from '../../compiler/verify/evaluators.js';
import { locator } from '../../compiler/verify/locate.js';
import { search, type SearchInput } from '../../compiler/verify/search.js';
import { mappingOf } from '../../compiler/verify/verify.js';
import type { RuleSetIR } from '../../runtime/index.js';
import { compileFile, nationalResult } from './helpers.js';

const HEAD = `元数据:\n  名称: 测试细则\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n事件类型:\n  - { 名称: 行政处罚, 降级: true }\n`;
/** A at 85% (two failures of 19 still A: weaker) and a C condition over an event window. */
const RULES = `${HEAD}分类:\n  C:\n    任一条件:\n      - { 名称: 多次处罚, 条件: "次数(行政处罚, 近3年) >= 2" }\n  A:\n    全部条件:\n      - { 名称: 通过率, 条件: 通过率 >= 85% }\n`;

/** The rule set's IR (lowered also when `check` finds it below the national minimum, as verify does). */
const irOf = (r: CompileResult): RuleSetIR => r.ir ?? lower(r.linked!);

function inputFor(province: CompileResult, ir: RuleSetIR = irOf(province)): SearchInput {
  const national = nationalResult();
  const locate = locator(province, national);
  const N = national.ir!;
  return {
    P: compileRuleSet(ir),
    N: compileRuleSet(N),
    aP: analyze(ir, sourcedExprs(province, ir), locate),
    aN: analyze(N, sourcedExprs(national, N), locate),
    mapping: mappingOf(ir, N, province, locate).mapping,
    from: '2026-01-01',
    to: null,
    maxStates: 2_000_000,
    deadline: Date.now() + 600_000,
    stricter: false,
  };
}

/** The IR with the A pass-ratio threshold at n/d. */
function withA(ir: RuleSetIR, n: number, d: number): RuleSetIR {
  const out = structuredClone(ir);
  const c = out.classification.A[0]!.when;
  if (c.k !== 'cmp' || c.r.k !== 'pct') throw new Error('test rules: A is not 通过率 >= x%');
  c.r = { k: 'pct', n, d };
  return out;
}

describe('search', () => {
  const province = compileFile(RULES);
  const first = search(inputFor(province));

  it('a search of the same rules with another pass-ratio threshold uses the first search’s space, with the same answer as a fresh search', () => {
    expect(first.weak?.kind).toBe('class');
    const raised = withA(irOf(province), 90, 100);
    const again = search({ ...inputFor(province, raised), space: first.space });
    const fresh = search(inputFor(province, raised));
    expect(again.space).toBe(first.space);
    expect(fresh.space).not.toBe(first.space);
    expect([again.weak, again.contexts, again.situations]).toEqual([null, fresh.contexts, fresh.situations]);
  });

  it('the later search takes the records the first one prepared instead of preparing them again', () => {
    const raised = withA(irOf(province), 90, 100);
    const counted = () => {
      const input = inputFor(province, raised);
      const prepare = input.P.evaluator.prepare.bind(input.P.evaluator);
      let calls = 0;
      input.P.evaluator.prepare = (r) => (calls++, prepare(r));
      return { input, calls: () => calls };
    };
    const fresh = counted();
    search(fresh.input);
    const reused = counted();
    search({ ...reused.input, space: first.space });
    expect(fresh.calls()).toBeGreaterThan(0);
    expect(reused.calls()).toBe(0);
  });

  it('a changed condition over the context builds the space again', () => {
    const other = compileFile(RULES.replace('>= 2', '>= 3'));
    const again = search({ ...inputFor(other), space: first.space });
    expect(again.space).not.toBe(first.space);
    expect(again.space.events.length).toBe(first.space.events.length);
  });

  it('a search for any weakness stops at the first one (not said to be minimal), and looks first where it is told', () => {
    const any = search({ ...inputFor(province), firstWeakness: true });
    expect([any.weak?.kind, any.minimal, any.stopped]).toEqual(['class', false, null]);
    expect(any.contexts).toBeLessThan(first.contexts);
    const there = search({ ...inputFor(province), firstWeakness: true, startAt: first.weak!.at, space: first.space });
    expect([there.contexts, there.weak?.at]).toEqual([1, first.weak!.at]);
  });
});
