// One inspection record → stored inspection and decision, through the same code path as
// `fenlei eval` (the compiled rules and the runtime), with 第二十一条's history taken from the
// database. Each record runs under a savepoint: a record that cannot be decided leaves nothing.
import { dayNumber, isError, type Decision, type RecordError } from '../../runtime/index.js';
import type { Queryable } from '../db/types.js';
import { regionInScope } from './access.js';
import { forbidden } from './errors.js';
import { upsertEnterprise } from './enterprises.js';
import { ApiError } from './errors.js';
import { deriveHistory, type DerivedHistory } from './history.js';
import { identify } from './identity.js';
import { levelOf } from './levels.js';
import type { InForce, RuleBook } from './rule-book.js';
import { provinceOf } from './regions.js';
import type { User } from './user.js';

export interface Source {
  uploadId?: number;
  fileHash?: string;
}

/** What one transaction has learnt already (a register repeats regions, scopes and rule versions on every row). */
export interface TxCache {
  /** Region → within the user's scope. */
  scope: Map<string, boolean>;
  /** Regions known to exist. */
  regions: Set<string>;
  /** province|date → the rules in force. */
  inForce: Map<string, InForce>;
}

export const newTxCache = (): TxCache => ({ scope: new Map(), regions: new Set(), inForce: new Map() });

export interface RecordResult {
  /** Position in the register (row as Excel shows it) or 1 for a single record. */
  row: number;
  id: string;
  status: 'stored' | 'duplicate' | 'error';
  enterpriseId?: number;
  inspectionId?: number;
  decisionId?: number;
  decision?: Decision;
  error?: RecordError['error'];
  /** Where 第二十一条's previous class came from. */
  historySource?: DerivedHistory['source'];
  /** The register typed a previous class other than the database's (the database's was used). */
  typedPreviousClass?: string;
  ruleVersion?: { region: string; version: string };
}

const today = () => dayNumber(new Date().toISOString().slice(0, 10));

function recordErrorResult(row: number, e: RecordError): RecordResult {
  return { row, id: e.id, status: 'error', error: e.error };
}

/** The record's own events, stored as facts of the database (once each). */
async function storeRecordEvents(q: Queryable, user: User, enterpriseId: number, id: string, raw: unknown): Promise<RecordError | undefined> {
  const events = (raw as { history?: { events?: unknown } })?.history?.events;
  if (events === undefined || events === null) return undefined;
  if (!Array.isArray(events)) return { id, error: { code: 'FL5003', field: 'history.events', message: '事件应为列表', messageEn: 'events must be a list' } };
  for (let i = 0; i < events.length; i++) {
    const e = (events[i] ?? {}) as { type?: unknown; date?: unknown; level?: unknown };
    const field = `history.events[${i}]`;
    const type = typeof e.type === 'string' ? e.type.trim() : '';
    const date = typeof e.date === 'string' ? e.date.trim() : '';
    const level = levelOf(e.level);
    if (!type) return { id, error: { code: 'FL5003', field: `${field}.type`, message: '事件缺少类型', messageEn: 'event type missing' } };
    if (Number.isNaN(dayNumber(date))) return { id, error: { code: 'FL5007', field: `${field}.date`, message: `事件日期“${date}”不是有效日期`, messageEn: `event date '${date}' is not a valid date` } };
    if (level === undefined) return { id, error: { code: 'FL5003', field: `${field}.level`, message: `抽查级别“${String(e.level)}”应为 国家、省级、市级 或 县级`, messageEn: 'level must be national, provincial, municipal or county' } };
    await q.query('INSERT INTO events (enterprise_id, kind, event_date, level, recorded_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [enterpriseId, type, date, level, user.id]);
  }
  return undefined;
}

export async function storeInspection(q: Queryable, user: User, rules: RuleBook, raw: unknown, row: number, source: Source = {}, cache: TxCache = newTxCache()): Promise<RecordResult> {
  const who = identify(raw, row);
  if ('error' in who) return recordErrorResult(row, who);
  // Outside the user's regions: the whole request is refused (403), nothing is written.
  await requireScope(q, user, who.region, cache);
  await q.query('SAVEPOINT fenlei_record');
  const undo = async (r: RecordResult) => {
    await q.query('ROLLBACK TO SAVEPOINT fenlei_record');
    await q.query('RELEASE SAVEPOINT fenlei_record');
    return r;
  };
  const ent = await upsertEnterprise(q, user, who, cache);
  const [dup] = await q.query<{ id: number }>('SELECT id FROM inspections WHERE enterprise_id = $1 AND inspection_date = $2::date', [ent.id, who.date]);
  if (dup) return undo({ row, id: who.id, status: 'duplicate', enterpriseId: ent.id, inspectionId: dup.id });
  const bad = await storeRecordEvents(q, user, ent.id, who.id, raw);
  if (bad) return undo(recordErrorResult(row, bad));

  let inForce;
  try {
    const key = `${provinceOf(who.region)}|${who.date}`;
    inForce = cache.inForce.get(key) ?? (await rules.inForce(q, who.region, who.date));
    cache.inForce.set(key, inForce);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'noRulesInForce') return undo({ row, id: who.id, status: 'error', error: { code: 'FL5110', field: 'inspection.date', message: e.message, messageEn: e.messageEn } });
    throw e;
  }
  const typed = (raw as { history?: { previousClass?: unknown; previousReviewDate?: unknown } }).history;
  const history = await deriveHistory(q, ent.id, who.date, typed);
  const record = { ...(raw as object), history: historyField(history) };
  const ev = inForce.evaluator;
  const p = ev.prepare(record, row, today());
  if ('error' in p) return undo(recordErrorResult(row, p));
  const decision = ev.decide(p, true);
  if (isError(decision)) return undo(recordErrorResult(row, decision));

  const [ins] = await q.query<{ id: number }>(
    `INSERT INTO inspections (enterprise_id, inspection_date, record, submitted_by, upload_id, file_hash, source_row)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7) ON CONFLICT (enterprise_id, inspection_date) DO NOTHING RETURNING id`,
    [ent.id, who.date, JSON.stringify(raw), user.id, source.uploadId ?? null, source.fileHash ?? null, source.uploadId ? row : null],
  );
  if (!ins) return undo({ row, id: who.id, status: 'duplicate', enterpriseId: ent.id });
  const decisionId = await storeDecision(q, { enterpriseId: ent.id, kind: 'inspection', inspectionId: ins.id, date: who.date, isReview: decision.inScope && p.periodic, decision, history, ruleVersionId: inForce.version.id });
  await q.query('RELEASE SAVEPOINT fenlei_record');
  const out: RecordResult = { row, id: who.id, status: 'stored', enterpriseId: ent.id, inspectionId: ins.id, decisionId, decision, historySource: history.source, ruleVersion: { region: inForce.version.region, version: inForce.version.version } };
  const typedClass = typeof typed?.previousClass === 'string' ? typed.previousClass.trim().replace(/类$/, '') : '';
  if (history.source === 'database' && typedClass && typedClass !== '无' && typedClass !== history.previousClass) out.typedPreviousClass = typedClass;
  return out;
}

/** A region outside the user's scope refuses the whole request (403). */
export async function requireScope(q: Queryable, user: User, region: string, cache: TxCache): Promise<void> {
  let ok = cache.scope.get(region);
  if (ok === undefined) cache.scope.set(region, (ok = await regionInScope(q, user, region)));
  if (!ok) throw forbidden(`行政区划 ${region} 不在您的管辖范围内`, `region ${region} is outside your scope`);
}

export function historyField(h: DerivedHistory): Record<string, unknown> {
  const out: Record<string, unknown> = { events: h.events };
  if (h.previousClass) out.previousClass = h.previousClass;
  if (h.previousReviewDate) out.previousReviewDate = h.previousReviewDate;
  return out;
}

/** D11: the record of an adjustment without an inspection (no answers): the previous class, its date and the events. */
export function adjustmentRecord(id: string, ent: { name: string; region: string; products: unknown[]; facts: Record<string, unknown>; credit_code: string | null }, date: string, history: DerivedHistory): unknown {
  return {
    id,
    enterprise: { name: ent.name, region: ent.region, products: ent.products, facts: ent.facts, ...(ent.credit_code ? { creditCode: ent.credit_code } : {}) },
    inspection: { date },
    history: historyField(history),
  };
}

export interface DecisionRow {
  enterpriseId: number;
  kind: 'inspection' | 'event';
  inspectionId?: number;
  eventId?: number;
  date: string;
  isReview: boolean;
  decision: Decision;
  history: DerivedHistory;
  ruleVersionId: number;
}

export async function storeDecision(q: Queryable, d: DecisionRow): Promise<number> {
  const { trace, ...outcome } = d.decision;
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO decisions (enterprise_id, kind, inspection_id, event_id, decided_on, is_review, in_scope, assessed_class, class, mode, risk_level, measures, trace, outcome, history, rule_version_id, catalogues)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14::jsonb, $15::jsonb, $16, $17::jsonb) RETURNING id`,
    [
      d.enterpriseId, d.kind, d.inspectionId ?? null, d.eventId ?? null, d.date, d.isReview, d.decision.inScope, d.decision.assessedClass, d.decision.class, d.decision.mode, d.decision.riskLevel,
      JSON.stringify(d.decision.measures), JSON.stringify(trace), JSON.stringify(outcome), JSON.stringify(d.history), d.ruleVersionId, JSON.stringify(d.decision.catalogues ?? []),
    ],
  );
  return row!.id;
}
