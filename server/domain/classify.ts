// Inspection records → stored inspections and decisions, through the same code path as
// `fenlei eval` (the compiled rules and the runtime's prepare and decide), with 第二十一条's
// history taken from the database. One record entered and a register of 100,000 rows go the
// same way: the database is read in a few set-wise queries, every record is decided in memory,
// and what was decided is written with multi-row statements — all in the caller's transaction,
// so a register is stored whole or not at all. A record that cannot be decided writes nothing.
import { dayNumber, isError, type Decision, type RecordError } from '../../runtime/index.js';
import type { Queryable } from '../db/types.js';
import { bearingOfPrepared, type Bearing } from './bearing.js';
import { forbidden } from './errors.js';
import { ApiError } from './errors.js';
import { HistoryBook, type DerivedHistory, type HistoryEvent } from './history.js';
import { enterpriseKey, identify, type Identity } from './identity.js';
import { levelOf } from './levels.js';
import { inForceKey, type InForce, type RuleBook } from './rule-book.js';
import { ensureRegions } from './regions.js';
import { CHUNK, insertRows, insertSql, lockEnterprises, newEnterprises, updateEnterprises, type EnterpriseRow } from './store.js';
import type { User } from './user.js';

export interface Source {
  uploadId?: number;
  fileHash?: string;
}

export interface RecordResult<D = Decision> {
  /** Position in the register (row as Excel shows it) or 1 for a single record. */
  row: number;
  id: string;
  status: 'stored' | 'duplicate' | 'error';
  enterpriseId?: number;
  inspectionId?: number;
  decisionId?: number;
  decision?: D;
  error?: RecordError['error'];
  /** Where 第二十一条's previous class came from. */
  historySource?: DerivedHistory['source'];
  /** The register typed a previous class other than the database's (the database's was used). */
  typedPreviousClass?: string;
  ruleVersion?: { region: string; version: string };
}

/** One record to store: as read from a register (with the reader's problem, if any) or as entered. */
export interface InspectionInput {
  raw: unknown;
  row: number;
  error?: RecordError;
}

/** What a register's answer keeps of each decision (the whole one, trace and all, is a request away). */
export type BriefDecision = Pick<Decision, 'class' | 'assessedClass' | 'mode' | 'riskLevel' | 'inScope'>;
export const briefDecision = (d: Decision): BriefDecision => ({ class: d.class, assessedClass: d.assessedClass, mode: d.mode, riskLevel: d.riskLevel, inScope: d.inScope });

export interface StoreOptions<D> {
  /** Rows decided, then rows written, so far. */
  onProgress?: (p: StoreProgress) => void;
  /**
   * What each result keeps of its decision: a register keeps `briefDecision`, so that the traces of
   * 100,000 rows are let go as soon as they are written instead of being held to the end.
   */
  keep: (d: Decision) => D;
}

export interface StoreProgress {
  phase: 'classify' | 'store';
  done: number;
  total: number;
}

const today = () => dayNumber(new Date().toISOString().slice(0, 10));

function recordErrorResult(row: number, e: RecordError): RecordResult<never> {
  return { row, id: e.id, status: 'error', error: e.error };
}

/** The record's own events (written in its history), checked; they become facts of the database when it is stored. */
function recordEvents(id: string, raw: unknown): HistoryEvent[] | RecordError {
  const events = (raw as { history?: { events?: unknown } })?.history?.events;
  if (events === undefined || events === null) return [];
  if (!Array.isArray(events)) return { id, error: { code: 'FL5003', field: 'history.events', message: '事件应为列表', messageEn: 'events must be a list' } };
  const out: HistoryEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = (events[i] ?? {}) as { type?: unknown; date?: unknown; level?: unknown };
    const field = `history.events[${i}]`;
    const type = typeof e.type === 'string' ? e.type.trim() : '';
    const date = typeof e.date === 'string' ? e.date.trim() : '';
    const level = levelOf(e.level);
    if (!type) return { id, error: { code: 'FL5003', field: `${field}.type`, message: '事件缺少类型', messageEn: 'event type missing' } };
    if (Number.isNaN(dayNumber(date))) return { id, error: { code: 'FL5007', field: `${field}.date`, message: `事件日期“${date}”不是有效日期`, messageEn: `event date '${date}' is not a valid date` } };
    if (level === undefined) return { id, error: { code: 'FL5003', field: `${field}.level`, message: `抽查级别“${String(e.level)}”应为 国家、省级、市级 或 县级`, messageEn: 'level must be national, provincial, municipal or county' } };
    out.push(level ? { type, date, level } : { type, date });
  }
  return out;
}

/** A decided record waiting to be written. */
interface Decided {
  result: RecordResult<unknown>;
  who: Identity;
  raw: unknown;
  decision: Decision;
  history: DerivedHistory;
  bearing: Bearing;
  isReview: boolean;
  ruleVersionId: number;
  events: HistoryEvent[];
}

/**
 * Decides and stores inspection records in the caller's transaction (one result per input, in
 * input order). A region outside the user's scope refuses the whole call (403) before anything
 * is written. Idempotent: an enterprise's inspection of a day is stored once (later ones are
 * `duplicate`).
 */
export async function storeInspections<D>(q: Queryable, user: User, rules: RuleBook, inputs: InspectionInput[], source: Source, o: StoreOptions<D>): Promise<RecordResult<D>[]> {
  const { onProgress, keep } = o;
  const results = new Map<InspectionInput, RecordResult<D>>();
  const who = identifyInputs(inputs, results);
  // Outside the user's regions: the whole request is refused (403), nothing is written.
  await requireScopes(q, user, [...new Set([...who.values()].map((w) => w.region))]);
  await ensureRegions(q, [...new Set([...who.values()].map((w) => w.region))]);
  const { inserted, found } = await lockRecordEnterprises(q, user, who.values());
  const book = await HistoryBook.load(q, [...found.values()].map((e) => e.id));

  // Decided in memory, each enterprise's rows by date so that each sees the one before in its history.
  const ordered = [...who].sort(([a, wa], [b, wb]) => {
    const ka = `${enterpriseKey(wa)}\u0000${wa.date}`;
    const kb = `${enterpriseKey(wb)}\u0000${wb.date}`;
    return ka < kb ? -1 : ka > kb ? 1 : a.row - b.row;
  });
  // What is needed of the decided rows once written (the writer lets the rest go).
  const decided: Pick<Decided, 'who' | 'events' | 'result'>[] = [];
  // The rules in force for every province and day of the register, found before any write begins (D10).
  const inForce = await rules.inForceOn(q, ordered.map(([, w]) => ({ region: w.region, date: w.date })));
  const context: DecideContext<D> = { found, book, inForce, now: today(), keep };
  let done = 0;
  let classified = false;
  // Written a chunk at a time while the next rows are decided (the database works as this process does).
  const writer = new DecidedWriter(q, user, source, (written) => {
    if (classified) onProgress?.({ phase: 'store', done: written, total: decided.length });
  });
  for (const [input, w] of ordered) {
    const r = decideRecord(context, input, w);
    if ('decision' in r) {
      results.set(input, r.result as RecordResult<D>);
      decided.push({ who: r.who, events: r.events, result: r.result });
      await writer.add(r);
    } else results.set(input, r.result);
    if (++done % 1000 === 0) onProgress?.({ phase: 'classify', done, total: ordered.length });
  }
  onProgress?.({ phase: 'classify', done, total: ordered.length });
  classified = true;
  onProgress?.({ phase: 'store', done: writer.written, total: decided.length });
  await writer.finish();
  await settleEnterprises(q, user, inserted, found, decided);
  return inputs.map((i) => results.get(i)!);
}

/** Each input's identity; an input the reader could not read, or without an identity, gets its error result instead. */
function identifyInputs<D>(inputs: readonly InspectionInput[], results: Map<InspectionInput, RecordResult<D>>): Map<InspectionInput, Identity> {
  const who = new Map<InspectionInput, Identity>();
  for (const input of inputs) {
    if (input.error) {
      results.set(input, recordErrorResult(input.row, input.error));
      continue;
    }
    const w = identify(input.raw, input.row);
    if ('error' in w) results.set(input, recordErrorResult(input.row, w));
    else who.set(input, w);
  }
  return who;
}

/**
 * The records' enterprises: the new ones inserted (a concurrent upload of the same one waits
 * here), all locked. An enterprise registered in a region outside the user's scope refuses the
 * whole call (403).
 */
async function lockRecordEnterprises(q: Queryable, user: User, who: Iterable<Identity>): Promise<{ inserted: Map<string, number>; found: Map<string, EnterpriseRow> }> {
  const latest = new Map<string, Identity>();
  for (const w of who) {
    const k = enterpriseKey(w);
    const prev = latest.get(k);
    if (!prev || prev.date <= w.date) latest.set(k, w);
  }
  const inserted = await newEnterprises(q, [...latest.values()]);
  const found = await lockEnterprises(q, [...latest.values()]);
  const moved = [...latest].filter(([k, w]) => !inserted.has(k) && found.get(k) && found.get(k)!.region !== w.region).map(([k]) => found.get(k)!.region);
  if (moved.length) await requireScopes(q, user, [...new Set(moved)], (r) => `企业登记在行政区划 ${r}，不在您的管辖范围内`);
  return { inserted, found };
}

/** What deciding a record reads: the locked enterprises, their history so far, the rules in force, today. */
interface DecideContext<D> {
  found: Map<string, EnterpriseRow>;
  book: HistoryBook;
  inForce: Map<string, InForce | ApiError>;
  now: number;
  keep: (d: Decision) => D;
}

/**
 * One record decided with its enterprise's history (a duplicate inspection, unreadable events, no
 * rules in force or a record error give a result and nothing to write); once decided it enters
 * the history, so that the enterprise's later rows see it.
 */
function decideRecord<D>(c: DecideContext<D>, input: InspectionInput, w: Identity): Decided | { result: RecordResult<never> } {
  const { book } = c;
  const ent = c.found.get(enterpriseKey(w))!;
  if (book.hasInspection(ent.id, w.date)) return { result: { row: input.row, id: w.id, status: 'duplicate', enterpriseId: ent.id, ...(book.inspectionId(ent.id, w.date) ? { inspectionId: book.inspectionId(ent.id, w.date) } : {}) } };
  const events = recordEvents(w.id, input.raw);
  if ('error' in events) return { result: recordErrorResult(input.row, events) };
  const rules_ = c.inForce.get(inForceKey(w.region, w.date))!;
  if (rules_ instanceof ApiError) return { result: { row: input.row, id: w.id, status: 'error', error: { code: 'FL5110', field: 'inspection.date', message: rules_.message, messageEn: rules_.messageEn } } };
  const typed = (input.raw as { history?: { previousClass?: unknown; previousReviewDate?: unknown } }).history;
  const history = book.derive(ent.id, w.date, typed, events);
  const ev = rules_.evaluator;
  const p = ev.prepare({ ...(input.raw as object), history: historyField(history) }, input.row, c.now);
  if ('error' in p) return { result: recordErrorResult(input.row, p) };
  const decision = ev.decide(p, true);
  if (isError(decision)) return { result: recordErrorResult(input.row, decision) };
  // Stored from here on: later rows of the enterprise see this one.
  const isReview = decision.inScope && p.periodic;
  const added = book.addEvents(ent.id, events);
  book.addInspection(ent.id, w.date);
  if (isReview && decision.class) book.addReview(ent.id, { class: decision.class, decided_on: w.date });
  const result: RecordResult<D> = { row: input.row, id: w.id, status: 'stored', enterpriseId: ent.id, decision: c.keep(decision), historySource: history.source, ruleVersion: { region: rules_.version.region, version: rules_.version.version } };
  const typedClass = typeof typed?.previousClass === 'string' ? typed.previousClass.trim().replace(/类$/, '') : '';
  if (history.source === 'database' && typedClass && typedClass !== '无' && typedClass !== history.previousClass) result.typedPreviousClass = typedClass;
  return { result, who: w, raw: input.raw, decision, history, bearing: bearingOfPrepared(ev, p, decision), isReview, ruleVersionId: rules_.version.id, events: added };
}

/**
 * Once the decisions are written, set-wise: enterprises that got nothing are taken back, the
 * others follow their latest stored inspection, and the records' own events are stored.
 */
async function settleEnterprises(q: Queryable, user: User, inserted: Map<string, number>, found: Map<string, EnterpriseRow>, decided: readonly Pick<Decided, 'who' | 'events' | 'result'>[]): Promise<void> {
  const kept = new Map<string, Identity>();
  for (const d of decided) {
    const k = enterpriseKey(d.who);
    if (!kept.has(k) || kept.get(k)!.date <= d.who.date) kept.set(k, d.who);
  }
  const unused = [...inserted].filter(([k]) => !kept.has(k)).map(([, id]) => id);
  if (unused.length) await q.query('DELETE FROM enterprises WHERE id = ANY($1::int[])', [unused]);
  // The update's newer-inspection test sees this register's own inspections too: none is newer than the row kept.
  await updateEnterprises(q, [...kept].map(([k, w]) => ({ id: found.get(k)!.id, who: w })));
  await insertRows(q, 'events', ['enterprise_id int', 'kind text', 'event_date date', 'level text', 'recorded_by int'], decided.flatMap((d) => d.events.map((e) => ({ enterprise_id: d.result.enterpriseId!, kind: e.type, event_date: e.date, level: e.level ?? null, recorded_by: user.id }))), 'ON CONFLICT DO NOTHING');
}

/**
 * Writes decided records set-wise, `CHUNK` at a time, one chunk being written while the next is
 * being decided. Each chunk is two statements: its inspections, then its decisions joined to them
 * by enterprise and day in SQL.
 */
class DecidedWriter {
  private batch: Decided[] = [];
  /** The chunk being written (one statement at a time on the transaction's connection). */
  private tail: Promise<void> = Promise.resolve();
  written = 0;

  constructor(
    private readonly q: Queryable,
    private readonly user: User,
    private readonly source: Source,
    private readonly onWritten: (written: number) => void,
  ) {}

  async add(d: Decided): Promise<void> {
    this.batch.push(d);
    if (this.batch.length >= CHUNK) await this.flush();
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.tail;
  }

  private async flush(): Promise<void> {
    const chunk = this.batch;
    this.batch = [];
    if (!chunk.length) return;
    // The previous chunk finishes first; this one is then written while the next rows are decided.
    await this.tail;
    this.tail = this.write(chunk);
    // Awaited by the next flush or by finish(); a failure aborts the transaction and is thrown there.
    this.tail.catch(() => undefined);
  }

  private async write(chunk: Decided[]): Promise<void> {
    const { user, source } = this;
    const inspections = chunk.map((d) => ({ enterprise_id: d.result.enterpriseId!, inspection_date: d.who.date, record: d.raw, submitted_by: user.id, upload_id: source.uploadId ?? null, file_hash: source.fileHash ?? null, source_row: source.uploadId ? d.result.row : null }));
    // No ON CONFLICT: the enterprises are locked, so a second inspection of a day is a real conflict and aborts the whole.
    const insRows = await this.q.query<{ id: number; enterprise_id: number; inspection_date: string }>(insertSql('inspections', INSPECTION_COLUMNS, 'RETURNING id, enterprise_id, inspection_date'), [JSON.stringify(inspections)]);
    const decisionRows = chunk.map((d) => decisionJson({ enterpriseId: d.result.enterpriseId!, kind: 'inspection', date: d.who.date, isReview: d.isReview, decision: d.decision, history: d.history, bearing: d.bearing, ruleVersionId: d.ruleVersionId }));
    const decRows = await this.q.query<{ id: number; inspection_id: number }>(
      `INSERT INTO decisions (${DECISION_NAMES}) SELECT ${DECISION_SELECT}
         FROM jsonb_to_recordset($1::jsonb) AS x(${DECISION_COLUMNS.join(', ')})
         JOIN inspections i ON i.enterprise_id = x.enterprise_id AND i.inspection_date = x.decided_on
       RETURNING id, inspection_id`,
      [JSON.stringify(decisionRows)],
    );
    const byDay = new Map(chunk.map((d) => [`${d.result.enterpriseId}|${d.who.date}`, d]));
    const byInspection = new Map<number, Decided>();
    for (const r of insRows) {
      const d = byDay.get(`${r.enterprise_id}|${r.inspection_date}`)!;
      d.result.inspectionId = r.id;
      byInspection.set(r.id, d);
    }
    for (const r of decRows) byInspection.get(r.inspection_id)!.result.decisionId = r.id;
    this.written += chunk.length;
    this.onWritten(this.written);
  }
}

const INSPECTION_COLUMNS = ['enterprise_id int', 'inspection_date date', 'record jsonb', 'submitted_by int', 'upload_id int', 'file_hash text', 'source_row int'];

/** Refuses (403) when one of the regions is outside the user's scope. */
export async function requireScopes(q: Queryable, user: User, regions: string[], what = (r: string) => `行政区划 ${r} 不在您的管辖范围内`): Promise<void> {
  if (!regions.length) return;
  const rows = await q.query<{ region: string; ok: boolean }>('SELECT r AS region, fenlei_in_scope(r, $2::text[]) AS ok FROM unnest($1::text[]) AS r', [regions, user.regions]);
  const out = rows.find((r) => !r.ok);
  if (out) throw forbidden(what(out.region), `region ${out.region} is outside your scope`);
}

export async function storeInspection(q: Queryable, user: User, rules: RuleBook, raw: unknown, row: number, source: Source = {}): Promise<RecordResult> {
  return (await storeInspections(q, user, rules, [{ raw, row }], source, { keep: (d) => d }))[0]!;
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
  /** 第二十一条's bearing on it, read by the runtime from the record it was made from (bearing.ts). */
  bearing: Bearing;
  ruleVersionId: number;
}

export const DECISION_COLUMNS = [
  'enterprise_id int', 'kind text', 'inspection_id int', 'event_id int', 'decided_on date', 'is_review boolean', 'in_scope boolean', 'assessed_class text', 'class text', 'mode text', 'risk_level text',
  'measures jsonb', 'trace jsonb', 'outcome jsonb', 'history jsonb', 'rule_version_id int', 'catalogues jsonb', 'bearing jsonb',
];

const DECISION_NAMES = DECISION_COLUMNS.map((c) => c.split(' ')[0]).join(', ');
/** The decision columns from a chunk's rows (x), the inspection's id from the inspection stored just before (i). */
const DECISION_SELECT = DECISION_COLUMNS.map((c) => c.split(' ')[0]).map((n) => (n === 'inspection_id' ? 'i.id' : `x.${n}`)).join(', ');

/** A decision as a row of the decisions table (the trace apart from the rest of the outcome). */
function decisionJson(d: Omit<DecisionRow, 'inspectionId'> & { inspectionId?: number }): Record<string, unknown> {
  const { trace, ...outcome } = d.decision;
  return {
    enterprise_id: d.enterpriseId, kind: d.kind, inspection_id: d.inspectionId ?? null, event_id: d.eventId ?? null, decided_on: d.date, is_review: d.isReview, in_scope: d.decision.inScope,
    assessed_class: d.decision.assessedClass, class: d.decision.class, mode: d.decision.mode, risk_level: d.decision.riskLevel, measures: d.decision.measures, trace, outcome, history: d.history,
    rule_version_id: d.ruleVersionId, catalogues: d.decision.catalogues ?? [], bearing: d.bearing,
  };
}

/** Decisions written set-wise; their ids in the order given. */
export async function storeDecisions(q: Queryable, rows: DecisionRow[], progress?: (done: number) => void): Promise<number[]> {
  const out = await insertRows<{ id: number; inspection_id: number | null; event_id: number | null }>(q, 'decisions', DECISION_COLUMNS, rows.map(decisionJson), 'RETURNING id, inspection_id, event_id', progress);
  // By what each decision is of (an inspection has one decision; an event here one at a time).
  const ids = new Map(out.map((r) => [r.inspection_id !== null ? `i${r.inspection_id}` : `e${r.event_id}`, r.id]));
  return rows.map((d) => ids.get(d.inspectionId !== undefined ? `i${d.inspectionId}` : `e${d.eventId}`)!);
}

export async function storeDecision(q: Queryable, d: DecisionRow): Promise<number> {
  return (await storeDecisions(q, [d]))[0]!;
}

export type { EnterpriseRow };
