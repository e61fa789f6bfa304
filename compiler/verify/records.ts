// Concrete records for abstract situations: the provincial record, and the same situation seen
// nationally (docs/interpretation.md, “the same situation seen nationally”): a national item passes exactly
// when every provincial item that refines it passes (a not-applicable one counts as passing, D2;
// answerFromParts in compiler/records/seen-nationally.ts);
// a national item the province does not ask is answered as the situation says; supplementary
// items have no counterpart; products, facts, inspection and history are shared.
import { answerText, CLASS_BY_RANK, FAIL, PASS, type EnterpriseRecord, type RuleSetIR } from '../../runtime/index.js';
import type { EventOption, FactValue, ProductOption } from './space.js';
import { answerFromParts, knownEvents, knownFacts } from '../records/seen-nationally.js';

export interface Situation {
  products: ProductOption;
  facts: Record<string, FactValue>;
  events: EventOption;
  /** Previous class rank (C 0 … AA 3), -1 for a first classification. */
  prev: number;
  periodic: boolean;
  /** Failing provincial items and national-only failing items. */
  failP: readonly number[];
  failN: readonly number[];
}

export interface Mapping {
  natOf: readonly number[];
  subsOf: readonly (readonly number[])[];
}

const has = (bits: ArrayLike<number> | null, i: number) => bits !== null && ((bits[i >> 5]! >>> (i & 31)) & 1) === 1;

function common(ir: RuleSetIR, s: Situation, id: string): Omit<EnterpriseRecord, 'inspection'> & { inspection: Omit<EnterpriseRecord['inspection'], 'answers'> } {
  const facts = knownFacts(ir, s.facts);
  const events = knownEvents(ir, s.events.events);
  const rec: ReturnType<typeof common> = {
    id,
    enterprise: { name: '验证反例企业（fenlei verify 生成）', products: [...s.products.products], ...(ir.facts.length ? { facts } : {}) },
    inspection: { date: s.events.date, form: s.periodic ? '定期监督检查' : '专项监督检查', ...(s.products.declared ? { riskLevel: s.products.declared === 1 ? 'Ⅰ级' : 'Ⅱ级' } : {}) },
  };
  const history: NonNullable<EnterpriseRecord['history']> = {};
  if (s.prev >= 0) history.previousClass = CLASS_BY_RANK[s.prev]!;
  if (s.events.prevDate) history.previousReviewDate = s.events.prevDate;
  if (events.length) history.events = events.map((e) => ({ ...e }));
  if (Object.keys(history).length) rec.history = history;
  return rec;
}

/** The provincial record: `na` marks the items answered 不适用 (null: every item answered). */
export function provincialRecord(P: RuleSetIR, s: Situation, na: ArrayLike<number> | null, id = 'verify'): EnterpriseRecord {
  const fail = new Set(s.failP);
  const answers: Record<string, string> = {};
  P.items.forEach((it, i) => {
    answers[it.id] = has(na, i) ? '不适用' : answerText(it.pair, !fail.has(i));
  });
  const base = common(P, s, id);
  return { ...base, inspection: { ...base.inspection, answers } };
}

/** The same situation seen nationally; `naN` marks national items not applicable nationally. */
export function nationalRecord(N: RuleSetIR, m: Mapping, s: Situation, naN: ArrayLike<number> | null, id = 'verify'): EnterpriseRecord {
  const failP = new Set(s.failP);
  const failN = new Set(s.failN);
  const answers: Record<string, string> = {};
  N.items.forEach((it, j) => {
    // A national item the province does not ask is answered as the situation says.
    const fromParts = answerFromParts((m.subsOf[j] ?? []).map((i) => (failP.has(i) ? FAIL : PASS)));
    answers[it.id] = has(naN, j) ? '不适用' : answerText(it.pair, !failN.has(j) && fromParts !== FAIL);
  });
  const base = common(N, s, id);
  return { ...base, inspection: { ...base.inspection, answers } };
}

/**
 * A record of the context alone, with no answers (what the parts of conditions that read no
 * answers see: facts, products, date and events), on the facts and events `ir` knows.
 */
export function contextRecord(ir: RuleSetIR, s: Situation, id = 'verify'): EnterpriseRecord {
  const base = common(ir, s, id);
  return { ...base, inspection: { ...base.inspection, answers: {} } };
}
