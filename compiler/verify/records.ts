// Concrete records for abstract situations: the provincial record, and the same situation seen
// nationally (docs/interpretation.md, “the same situation seen nationally”): a national item passes exactly
// when every provincial item that refines it passes (a not-applicable one counts as passing, D2);
// a national item the province does not ask is answered as the situation says; supplementary
// items have no counterpart; products, facts, inspection and history are shared.
import { answerText, type EnterpriseRecord, type RuleSetIR } from '../../runtime/index.js';
import type { EventOption, FactValue, ProductOption } from './space.js';

export const CLASS_NAMES = ['C', 'B', 'A', 'AA'] as const;

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

const knownEvents = new WeakMap<RuleSetIR, Set<string>>();

function common(ir: RuleSetIR, s: Situation, id: string): Omit<EnterpriseRecord, 'inspection'> & { inspection: Omit<EnterpriseRecord['inspection'], 'answers'> } {
  const facts: Record<string, FactValue> = {};
  for (const f of ir.facts) if (f.name in s.facts) facts[f.name] = s.facts[f.name]!;
  let known = knownEvents.get(ir);
  if (!known) knownEvents.set(ir, (known = new Set(ir.events.flatMap((e) => [e.name, ...(e.en ? [e.en] : [])]))));
  const events = s.events.events.filter((e) => known.has(e.type));
  const rec: ReturnType<typeof common> = {
    id,
    enterprise: { name: '验证反例企业（fenlei verify 生成）', products: [...s.products.products], ...(ir.facts.length ? { facts } : {}) },
    inspection: { date: s.events.date, form: s.periodic ? '定期监督检查' : '专项监督检查', ...(s.products.declared ? { riskLevel: s.products.declared === 1 ? 'Ⅰ级' : 'Ⅱ级' } : {}) },
  };
  const history: NonNullable<EnterpriseRecord['history']> = {};
  if (s.prev >= 0) history.previousClass = CLASS_NAMES[s.prev]!;
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
  const fail = new Set(s.failN);
  for (const i of s.failP) if (m.natOf[i]! >= 0) fail.add(m.natOf[i]!);
  const answers: Record<string, string> = {};
  N.items.forEach((it, j) => {
    answers[it.id] = has(naN, j) ? '不适用' : answerText(it.pair, !fail.has(j));
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
