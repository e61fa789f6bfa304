// Loads generated evaluator code in-process: the same code the ES module contains.
import * as lib from '../../runtime/index.js';
import type { Evaluator } from '../../runtime/index.js';
import type { RuleSetIR } from '../../runtime/ir.js';
import { generateBody } from './generate.js';

export function loadEvaluator(ir: RuleSetIR): Evaluator {
  // The body only embeds rule text as JSON literals (see generate.ts).
  const make = new Function('lib', generateBody(ir)) as (l: typeof lib) => Evaluator;
  return make(lib);
}
