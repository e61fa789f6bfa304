// 第二十一条 from the database: the previous class and previous review date are those of the
// enterprise's last review before the date, and the events are every event recorded for it up
// to the date (the rules' windows choose which count). Nothing is typed by hand once the
// enterprise has a review in the database; before that, the register's history seeds it.
import type { Queryable } from '../db/types.js';

export interface HistoryEvent {
  type: string;
  date: string;
  level?: string;
}

export interface DerivedHistory {
  previousClass: string | null;
  previousReviewDate: string | null;
  events: HistoryEvent[];
  /** database: from a stored review; register: the submitted record's own history (no review stored yet). */
  source: 'database' | 'register';
}

export interface LastReview {
  class: string;
  decided_on: string;
}

export async function lastReview(q: Queryable, enterpriseId: number, before: string): Promise<LastReview | undefined> {
  const [r] = await q.query<LastReview>(
    `SELECT class, decided_on FROM decisions
      WHERE enterprise_id = $1 AND is_review AND in_scope AND decided_on < $2::date
      ORDER BY decided_on DESC, id DESC LIMIT 1`,
    [enterpriseId, before],
  );
  return r;
}

export async function eventsUpTo(q: Queryable, enterpriseId: number, date: string): Promise<HistoryEvent[]> {
  const rows = await q.query<{ kind: string; event_date: string; level: string | null }>(
    'SELECT kind, event_date, level FROM events WHERE enterprise_id = $1 AND event_date <= $2::date ORDER BY event_date, id',
    [enterpriseId, date],
  );
  return rows.map((r) => (r.level ? { type: r.kind, date: r.event_date, level: r.level } : { type: r.kind, date: r.event_date }));
}

export async function deriveHistory(q: Queryable, enterpriseId: number, date: string, typed?: { previousClass?: unknown; previousReviewDate?: unknown }): Promise<DerivedHistory> {
  const review = await lastReview(q, enterpriseId, date);
  const events = await eventsUpTo(q, enterpriseId, date);
  if (review) return { previousClass: review.class, previousReviewDate: review.decided_on, events, source: 'database' };
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  return { previousClass: text(typed?.previousClass), previousReviewDate: text(typed?.previousReviewDate), events, source: 'register' };
}
