// The evaluator of one compiled rule set: a pure function of the rules and a record.
import { answerProblems, decide, type Generated } from './decide.js';
import type { RuleSetIR } from './ir.js';
import { indexRules, prepareAll, recordErrors, type Prepared, type RuleIndex } from './prepare.js';
import type { Outcome, RecordError } from './record.js';

export interface EvaluateOptions {
  /** Include the step-by-step explanation (off for bulk runs: it is most of the cost). */
  trace?: boolean;
  /** Day number of today; inspections after it are errors. */
  today?: number;
  /** Position of the record in its register, used as its id when it has none. */
  position?: number;
}

export interface Evaluator {
  readonly ir: RuleSetIR;
  readonly rules: RuleIndex;
  evaluate(record: unknown, options?: EvaluateOptions): Outcome;
  prepare(record: unknown, position?: number, today?: number): Prepared | RecordError;
  decide(prepared: Prepared, trace?: boolean): Outcome;
}

export function defineEvaluator(ir: RuleSetIR, gen: Generated): Evaluator {
  const rules = indexRules(ir);
  // Every problem of a record, so that a row is fixed once: those reading it found, and the answers missing
  // where the items apply, when that can still be told.
  const prepareRecord = (record: unknown, position = 0, today?: number): Prepared | RecordError => {
    const r = prepareAll(rules, record, position, today);
    if (!('failure' in r)) return r;
    const { id, problems, partial } = r.failure;
    return recordErrors(id, partial?.inScope ? [...problems, ...answerProblems(ir, partial, gen.na(partial))] : problems);
  };
  return {
    ir,
    rules,
    prepare: prepareRecord,
    decide: (p, trace = false) => decide(rules, gen, p, trace),
    evaluate(record, options = {}) {
      const p = prepareRecord(record, options.position ?? 0, options.today);
      if ('error' in p) return p;
      return decide(rules, gen, p, options.trace ?? false);
    },
  };
}
