// 第二十一条 from the database: the previous class and previous review date are those of the
// enterprise's last review before the date, and the events are every event recorded for it up
// to the date (the rules' windows choose which count). Nothing is typed by hand once the
// enterprise has a review in the database; before that, the register's history seeds it.
//
// One derivation, over a book of reviews and events loaded for many enterprises at once (a
// register of 100,000 rows reads them in two queries), which a register's own rows extend as
// they are decided: a later row of the same enterprise sees the earlier one's review and events.
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

const eventKey = (e: HistoryEvent) => `${e.type}\u0000${e.date}\u0000${e.level ?? ''}`;

export class HistoryBook {
  /** Enterprise → its reviews (periodic, in scope), by date. */
  private readonly reviews = new Map<number, LastReview[]>();
  /** Enterprise → its events in the order they were recorded (date, then id). */
  private readonly events = new Map<number, HistoryEvent[]>();
  /** Enterprise → the inspection days stored (→ the inspection's id, when stored before). */
  private readonly days = new Map<number, Map<string, number | undefined>>();

  static async load(q: Queryable, enterpriseIds: number[]): Promise<HistoryBook> {
    const book = new HistoryBook();
    if (!enterpriseIds.length) return book;
    const ids = [...new Set(enterpriseIds)];
    const reviews = await q.query<LastReview & { enterprise_id: number }>(
      'SELECT enterprise_id, class, decided_on FROM decisions WHERE enterprise_id = ANY($1::int[]) AND is_review AND in_scope ORDER BY enterprise_id, decided_on, id',
      [ids],
    );
    for (const r of reviews) book.addReview(r.enterprise_id, { class: r.class, decided_on: r.decided_on });
    const events = await q.query<{ enterprise_id: number; kind: string; event_date: string; level: string | null }>(
      'SELECT enterprise_id, kind, event_date, level FROM events WHERE enterprise_id = ANY($1::int[]) ORDER BY event_date, id',
      [ids],
    );
    for (const e of events) book.addEvents(e.enterprise_id, [e.level ? { type: e.kind, date: e.event_date, level: e.level } : { type: e.kind, date: e.event_date }]);
    const days = await q.query<{ id: number; enterprise_id: number; inspection_date: string }>('SELECT id, enterprise_id, inspection_date FROM inspections WHERE enterprise_id = ANY($1::int[])', [ids]);
    for (const d of days) book.addInspection(d.enterprise_id, d.inspection_date, d.id);
    return book;
  }

  addReview(enterpriseId: number, r: LastReview): void {
    const list = this.reviews.get(enterpriseId) ?? [];
    // Kept by date: a register's rows come in date order, the database's too.
    let i = list.length;
    while (i > 0 && list[i - 1]!.decided_on > r.decided_on) i--;
    list.splice(i, 0, r);
    this.reviews.set(enterpriseId, list);
  }

  /** Events recorded for the enterprise (once each, as the events table keeps them). */
  addEvents(enterpriseId: number, events: HistoryEvent[]): HistoryEvent[] {
    const list = this.events.get(enterpriseId) ?? [];
    const seen = new Set(list.map(eventKey));
    const added: HistoryEvent[] = [];
    for (const e of events) {
      if (seen.has(eventKey(e))) continue;
      seen.add(eventKey(e));
      // After every event of an earlier or equal date: the order of (event_date, id).
      let i = list.length;
      while (i > 0 && list[i - 1]!.date > e.date) i--;
      list.splice(i, 0, e);
      added.push(e);
    }
    this.events.set(enterpriseId, list);
    return added;
  }

  addInspection(enterpriseId: number, day: string, id?: number): void {
    const m = this.days.get(enterpriseId) ?? new Map<string, number | undefined>();
    m.set(day, id);
    this.days.set(enterpriseId, m);
  }

  inspectionId(enterpriseId: number, day: string): number | undefined {
    return this.days.get(enterpriseId)?.get(day);
  }

  /** An inspection of this enterprise on this day is stored already (or earlier in the register). */
  hasInspection(enterpriseId: number | undefined, day: string): boolean {
    return enterpriseId !== undefined && !!this.days.get(enterpriseId)?.has(day);
  }

  lastReview(enterpriseId: number | undefined, before: string): LastReview | undefined {
    const list = enterpriseId === undefined ? undefined : this.reviews.get(enterpriseId);
    for (let i = (list?.length ?? 0) - 1; i >= 0; i--) if (list![i]!.decided_on < before) return list![i];
    return undefined;
  }

  /** 第二十一条's history of the enterprise on the date; `extra` are the record's own events (not yet stored). */
  derive(enterpriseId: number | undefined, date: string, typed?: { previousClass?: unknown; previousReviewDate?: unknown }, extra: HistoryEvent[] = []): DerivedHistory {
    const review = this.lastReview(enterpriseId, date);
    const stored = enterpriseId === undefined ? [] : (this.events.get(enterpriseId) ?? []);
    const seen = new Set(stored.map(eventKey));
    const all = [...stored, ...extra.filter((e) => !seen.has(eventKey(e)))].filter((e) => e.date <= date);
    // (event_date, recorded order): a stable sort by date keeps the stored order within a day.
    const events = all.map((e, i) => ({ e, i })).sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.i - b.i)).map((x) => x.e);
    if (review) return { previousClass: review.class, previousReviewDate: review.decided_on, events, source: 'database' };
    const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
    return { previousClass: text(typed?.previousClass), previousReviewDate: text(typed?.previousReviewDate), events, source: 'register' };
  }
}

export async function lastReview(q: Queryable, enterpriseId: number, before: string): Promise<LastReview | undefined> {
  return (await HistoryBook.load(q, [enterpriseId])).lastReview(enterpriseId, before);
}

export async function deriveHistory(q: Queryable, enterpriseId: number, date: string, typed?: { previousClass?: unknown; previousReviewDate?: unknown }): Promise<DerivedHistory> {
  return (await HistoryBook.load(q, [enterpriseId])).derive(enterpriseId, date, typed);
}
