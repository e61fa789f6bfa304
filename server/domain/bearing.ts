// 第二十一条's bearing on a decision (the previous class, the trigger events since the previous
// review, whether 不允许越级上升 held the class, whether a trigger lowered it or held it): a fact of
// the decision, read by the runtime (reviewBearing, as `fenlei report` reads it) once when the
// decision is written and stored with it (decisions.bearing), so the 第十二条 report counts
// stored columns instead of preparing every record again.
import { reviewBearing, type RegisterEntry } from '../../cli/io/register-eval.js';
import type { Evaluator, Outcome, Prepared } from '../../runtime/index.js';

export type Bearing = Pick<RegisterEntry, 'previousClass' | 'triggers' | 'heldByCap' | 'loweredByTrigger' | 'heldByTrigger'>;

/** The bearing of a decision made from a prepared record. */
export function bearingOfPrepared(ev: Evaluator, p: Prepared, outcome: Outcome): Bearing {
  return reviewBearing(ev.ir, p, outcome);
}

/**
 * The bearing of a decision made from this record (with the history it was given); a record the
 * runtime cannot prepare bears nothing beyond its previous class.
 */
export function bearingOf(ev: Evaluator, record: unknown, outcome: Outcome, previousClass: string | null, position: number, today?: number): Bearing {
  const p = ev.prepare(record, position, today);
  return 'error' in p ? { previousClass, triggers: [], heldByCap: false, loweredByTrigger: false, heldByTrigger: false } : reviewBearing(ev.ir, p, outcome);
}
