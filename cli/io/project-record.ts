// A register record seen under another rule set (fenlei compare): answers for the items of
// `target`, the rest dropped. A target item the register has no answer for is derived where
// the answers allow it (docs/interpretation.md, “the same situation seen nationally”):
//  - the other rule set refines it: it passes exactly when every refining item passes (or is
//    不适用), and fails when one fails;
//  - it refines an item the register answers “pass”: no part of an item without problems
//    has a problem, so it passes (a failed parent says nothing about which part failed).
// What is still unanswered takes the answer `assume` gives, when given, and is listed; a
// failed national item keeps at least one failed part, so that the record stays the one the
// register describes.
// Facts and event types the target does not know are left out.
import { answerFromParts, knownEvents, knownFacts } from '../../compiler/index.js';
import { readAnswer, answerText, FAIL, PASS, type RuleSetIR } from '../../runtime/index.js';

export type Assumption = 'pass' | 'fail';

export interface Projected {
  record: unknown;
  /** Target items whose answer was assumed, in item order. */
  assumed: string[];
}

type Raw = { enterprise?: { facts?: Record<string, unknown> } & Record<string, unknown>; inspection?: { answers?: Record<string, unknown> } & Record<string, unknown>; history?: { events?: { type: string }[] } & Record<string, unknown> };

const given = (v: unknown) => v !== undefined && v !== null && v !== '';

export function projectRecord(raw: unknown, target: RuleSetIR, other: RuleSetIR, assume?: Assumption): Projected {
  if (!raw || typeof raw !== 'object') return { record: raw, assumed: [] };
  const r = raw as Raw;
  const have = r.inspection?.answers ?? {};
  const answers: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const assumed: string[] = [];
  /** National items with a part the register (or an assumption below) already fails. */
  const failedPart = new Set(target.items.flatMap((it) => (it.nationalId !== null && it.nationalId !== it.id && readAnswer(have[it.id]) === FAIL ? [it.nationalId] : [])));
  for (const it of target.items) {
    const v = have[it.id];
    const parent = it.nationalId !== null && it.nationalId !== it.id ? readAnswer(have[it.nationalId]) : -1;
    if (given(v)) {
      answers[it.id] = v;
      continue;
    }
    const derived = fromRefining(it.id, other, have) ?? (parent === PASS ? PASS : undefined);
    if (derived !== undefined) answers[it.id] = answerText(it.pair, derived === PASS);
    else if (assume) {
      // A failed national item has at least one failed part: when the rest are assumed to
      // pass, its first unanswered part is the one taken to fail.
      let pass = assume === 'pass';
      if (parent === FAIL && !failedPart.has(it.nationalId!)) {
        pass = false;
        failedPart.add(it.nationalId!);
      }
      answers[it.id] = answerText(it.pair, pass);
      assumed.push(it.id);
    }
  }
  const facts = r.enterprise?.facts;
  return {
    record: {
      ...r,
      enterprise: r.enterprise ? { ...r.enterprise, ...(facts ? { facts: knownFacts(target, facts) } : {}) } : r.enterprise,
      inspection: r.inspection ? { ...r.inspection, answers } : r.inspection,
      history: r.history?.events ? { ...r.history, events: knownEvents(target, r.history.events) } : r.history,
    },
    assumed,
  };
}

/** PASS or FAIL from the other rule set's items that refine `id`; undefined when they do not settle it. */
function fromRefining(id: string, other: RuleSetIR, have: Record<string, unknown>): number | undefined {
  const refining = other.items.filter((o) => o.origin === 'refined' && o.nationalId === id && o.id !== id);
  return refining.length ? answerFromParts(refining.map((o) => readAnswer(have[o.id]))) : undefined;
}
