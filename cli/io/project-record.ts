// A register record seen under another rule set (fenlei compare): answers for the items of
// `target`, the rest dropped. A target item the register has no answer for, but that the
// other rule set refines, passes exactly when every refining item passes (or is 不适用);
// facts and event types the target does not know are left out (docs/domain.md, “the same
// situation seen nationally”).
import { readAnswer, answerText, FAIL, PASS, type RuleSetIR } from '../../runtime/index.js';

export function projectRecord(raw: unknown, target: RuleSetIR, other: RuleSetIR): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const r = raw as { enterprise?: { facts?: Record<string, unknown> } & Record<string, unknown>; inspection?: { answers?: Record<string, unknown> } & Record<string, unknown>; history?: { events?: { type: string }[] } & Record<string, unknown> };
  const given = r.inspection?.answers ?? {};
  const answers: Record<string, unknown> = {};
  for (const it of target.items) {
    const v = given[it.id];
    if (v !== undefined && v !== null && v !== '') {
      answers[it.id] = v;
      continue;
    }
    const refining = other.items.filter((o) => o.origin === 'refined' && o.nationalId === it.id && o.id !== it.id);
    if (!refining.length) continue;
    let state = PASS;
    for (const o of refining) {
      const a = readAnswer(given[o.id]);
      if (a === FAIL) state = FAIL;
      else if (a < 0 && state !== FAIL) state = -1;
    }
    if (state >= 0) answers[it.id] = answerText(it.pair, state === PASS);
  }
  const facts = r.enterprise?.facts;
  const known = new Set(target.facts.map((f) => f.name));
  const events = new Set(target.events.flatMap((e) => (e.en ? [e.name, e.en] : [e.name])));
  return {
    ...r,
    enterprise: r.enterprise ? { ...r.enterprise, ...(facts ? { facts: Object.fromEntries(Object.entries(facts).filter(([k]) => known.has(k))) } : {}) } : r.enterprise,
    inspection: r.inspection ? { ...r.inspection, answers } : r.inspection,
    history: r.history?.events ? { ...r.history, events: r.history.events.filter((e) => events.has(e?.type)) } : r.history,
  };
}
