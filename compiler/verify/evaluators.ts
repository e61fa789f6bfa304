// The compiled evaluator of a rule set, with its generated functions in hand. The verifier
// decides nothing itself: it runs this code (the code `loadEvaluator` and `fenlei compile`
// produce) on prepared records, and only sets item answer bits and history fields the way
// `prepare` would have set them for the corresponding record.
import * as lib from '../../runtime/index.js';
import type { Evaluator, Generated, IrExpr, Prepared, RuleSetIR } from '../../runtime/index.js';
import { generateBody, generateValuesBody } from '../codegen/generate.js';

export interface Compiled {
  ir: RuleSetIR;
  evaluator: Evaluator;
  /** The generated not-applicable, classification and condition functions. */
  gen: Generated;
}

export function compileRuleSet(ir: RuleSetIR): Compiled {
  let gen: Generated | undefined;
  const capturing = {
    ...lib,
    defineEvaluator(i: RuleSetIR, g: Generated) {
      gen = g;
      return lib.defineEvaluator(i, g);
    },
  };
  // The body only embeds rule text as JSON literals (see generate.ts).
  const make = new Function('lib', generateBody(ir)) as (l: typeof capturing) => Evaluator;
  const evaluator = make(capturing);
  if (!gen) throw new Error('generated code did not define an evaluator');
  return { ir, evaluator, gen };
}

/** Parts of conditions that read no answers, evaluated by generated code (see generateValuesBody). */
export function compileValues(ir: RuleSetIR, exprs: readonly IrExpr[]): (p: Prepared) => unknown[] {
  const make = new Function('lib', generateValuesBody(ir, exprs)) as (l: typeof lib) => (p: Prepared) => unknown[];
  return make(lib);
}
