// An event recorded for an enterprise. A 第二十一条 trigger between reviews lowers the class at
// once (D11: 应当作降级处理): the runtime decides a record with the previous class, the previous
// review date and the events but no answers, and that decision is stored like any other.
import { dayNumber, isError, type Decision } from '../../runtime/index.js';
import type { Queryable } from '../db/types.js';
import { requireEnterprise } from './access.js';
import { audit } from './audit.js';
import { bearingOf } from './bearing.js';
import { adjustmentRecord, storeDecision } from './classify.js';
import { conflict, invalid } from './errors.js';
import { deriveHistory, lastReview } from './history.js';
import { levelOf } from './levels.js';
import type { RuleBook } from './rule-book.js';
import type { User } from './user.js';

export interface NewEvent {
  enterpriseId: number;
  type: string;
  date: string;
  level?: string | null;
  note?: string;
}

export interface EventResult {
  eventId: number;
  /** The decision the event caused (D11), when the enterprise had a class and the event is a trigger. */
  decisionId?: number;
  decision?: Decision;
  /** Why no decision was made. */
  noDecision?: string;
}

export async function addEvent(q: Queryable, user: User, rules: RuleBook, e: NewEvent): Promise<EventResult> {
  const { region } = await requireEnterprise(q, user, e.enterpriseId);
  if (Number.isNaN(dayNumber(e.date))) throw invalid(`事件日期“${e.date}”不是有效日期`, `event date '${e.date}' is not a valid date`);
  const level = levelOf(e.level);
  if (level === undefined) throw invalid(`抽查级别“${String(e.level)}”应为 国家、省级、市级 或 县级`, 'level must be national, provincial, municipal or county');
  const inForce = await rules.inForce(q, region, e.date);
  const ev = inForce.evaluator;
  const kind = ev.ir.events.find((t) => t.name === e.type || t.en === e.type);
  if (!kind) throw invalid(`事件类型“${e.type}”不在规则 ${inForce.version.version} 中（可用：${ev.ir.events.map((t) => t.name).join('、')}）`, `unknown event type '${e.type}'`);
  const [row] = await q.query<{ id: number }>(
    'INSERT INTO events (enterprise_id, kind, event_date, level, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id',
    [e.enterpriseId, kind.name, e.date, level, e.note ?? '', user.id],
  );
  if (!row) throw conflict(`该事件已登记（${kind.name} ${e.date}）`, 'this event is recorded already');
  await audit(q, user.id, 'add', 'event', row.id, null, { ...e, type: kind.name, level });
  if (!kind.trigger) return { eventId: row.id, noDecision: `“${kind.name}”不是第二十一条的降级情形 / not an Art. 21 trigger` };
  if (!(await lastReview(q, e.enterpriseId, e.date))) return { eventId: row.id, noDecision: '企业在事件日期之前没有评定 / no review before the event' };

  const [ent] = await q.query<{ name: string; credit_code: string | null; products: string[]; facts: Record<string, unknown> }>('SELECT name, credit_code, products, facts FROM enterprises WHERE id = $1', [e.enterpriseId]);
  const history = await deriveHistory(q, e.enterpriseId, e.date);
  const record = adjustmentRecord(`event-${row.id}`, { ...ent!, region }, e.date, history);
  const decision = ev.evaluate(record, { trace: true });
  if (isError(decision)) return { eventId: row.id, noDecision: `${decision.error.code} ${decision.error.message}` };
  const bearing = bearingOf(ev, record, decision, history.previousClass ?? null, 0);
  const decisionId = await storeDecision(q, { enterpriseId: e.enterpriseId, kind: 'event', eventId: row.id, date: e.date, isReview: false, decision, history, bearing, ruleVersionId: inForce.version.id });
  await audit(q, user.id, 'decide', 'decision', decisionId, null, { class: decision.class, mode: decision.mode, event: row.id });
  return { eventId: row.id, decisionId, decision };
}
