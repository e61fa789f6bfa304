// A record seen under another rule set (docs/interpretation.md, “the same situation seen
// nationally”): the rule that settles a national item from the provincial items refining it, and
// what of the enterprise carries over. Used by `fenlei compare` on register records and by the
// verifier on the records it builds for a situation.
import { FAIL, PASS, type RuleSetIR } from '../../runtime/index.js';

/**
 * The answer of an item from the answers (readAnswer values) of the items that refine it: it
 * fails when one of them fails, passes when each passes or is 不适用 (D2), and is not settled
 * (undefined) while one is unanswered.
 */
export function answerFromParts(parts: Iterable<number>): typeof PASS | typeof FAIL | undefined {
  let settled = true;
  for (const a of parts) {
    if (a === FAIL) return FAIL;
    if (a < 0) settled = false;
  }
  return settled ? PASS : undefined;
}

/** The facts the target rule set declares; the others are left out. */
export function knownFacts<V>(target: RuleSetIR, facts: Readonly<Record<string, V>>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const f of target.facts) if (Object.hasOwn(facts, f.name)) out[f.name] = facts[f.name]!;
  return out;
}

const eventNames = new WeakMap<RuleSetIR, Set<string>>();

/** The events of a type the target rule set declares (by its Chinese or English name); the others are left out. */
export function knownEvents<E extends { type: string }>(target: RuleSetIR, events: readonly E[]): E[] {
  let known = eventNames.get(target);
  if (!known) eventNames.set(target, (known = new Set(target.events.flatMap((e) => (e.en ? [e.name, e.en] : [e.name])))));
  return events.filter((e) => known.has(e?.type));
}
