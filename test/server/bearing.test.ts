// 第二十一条's bearing stored with each decision (migration 0008): it is what the runtime reads
// from the record the decision was made from (reviewBearing, as `fenlei report` reads it), for
// inspections and for trigger events; a decision stored before 0008 has none, and the 第十二条
// report reads it for such a decision from its record, counts the same, and fills it in once.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { reviewBearing } from '../../cli/io/register-eval.js';
import { loadVersions } from '../../cli/load-rules.js';
import { dayNumber, type Evaluator } from '../../runtime/index.js';
import { adjustmentRecord, historyField } from '../../server/domain/classify.js';
import type { DerivedHistory } from '../../server/domain/history.js';
import { as, addUser, buildTestApp, countyRows, register, signIn, uploadCsv } from './api.js';
import { describeOnBackend } from './backends.js';

const COUNTY = '330110';
const YEAR = 'periodStart=2025-01-01&periodEnd=2025-12-31';
// March: AA for most, A (one item), B (three items), C (★1) by number.
const march = (k: number) => (k % 4 === 1 ? ['3'] : k % 4 === 2 ? ['4', '5', '6'] : k % 4 === 3 ? ['1'] : []);

interface StoredRow {
  id: number;
  kind: string;
  enterprise_id: number;
  name: string;
  region: string;
  credit_code: string | null;
  products: unknown[];
  facts: Record<string, unknown>;
  decided_on: string;
  outcome: object;
  history: DerivedHistory;
  record: Record<string, unknown> | null;
  bearing: unknown;
}

describeOnBackend('第二十一条 bearing stored with each decision', (db) => {
  let app: FastifyInstance;
  let province: ReturnType<typeof as>;
  let national: Evaluator;

  const stored = () =>
    db().query<StoredRow>(
      `SELECT d.id, d.kind, e.id AS enterprise_id, e.name, e.region, e.credit_code, e.products, e.facts, d.decided_on::text, d.outcome, d.history, i.record, d.bearing
         FROM decisions d JOIN enterprises e ON e.id = d.enterprise_id LEFT JOIN inspections i ON i.id = d.inspection_id ORDER BY d.id`,
    );

  beforeAll(async () => {
    app = await buildTestApp(db());
    await addUser(db(), 'zj', 'province', ['330000']);
    province = as(app, await signIn(app, 'zj'));
    national = loadVersions(['national'], undefined, true).evaluator!;
    const rows = countyRows(COUNTY, 8, '2025-03-01', march);
    expect((await uploadCsv(province, register(rows), 'march.csv')).json().stored).toBe(8);
    const ids = (await db().query<{ id: number }>('SELECT id FROM enterprises ORDER BY name')).map((r) => r.id);
    // Trigger events for enterprises 0 (AA) and 1 (A) between the reviews: event decisions.
    for (const k of [0, 1]) {
      const ev = await province({ method: 'POST', url: '/api/events', payload: { enterpriseId: ids[k], type: '抽查不合格', date: '2025-06-10', level: '省级' } });
      expect([ev.statusCode, typeof ev.json().decisionId]).toEqual([200, 'number']);
    }
    // November: every enterprise passes every item; the history comes from the database.
    const nov = rows.map((r) => ({ ...r, date: '2025-11-01', fails: [] }));
    expect((await uploadCsv(province, register(nov), 'november.csv')).json().stored).toBe(8);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('stores with each decision the bearing reviewBearing reads from the record it was made from', async () => {
    const rows = await stored();
    expect(rows.map((r) => r.kind)).toEqual([...Array(8).fill('inspection'), 'event', 'event', ...Array(8).fill('inspection')]);
    const today = dayNumber(new Date().toISOString().slice(0, 10));
    for (const d of rows) {
      const ent = { name: d.name, region: d.region, products: d.products, facts: d.facts, credit_code: d.credit_code };
      const base = d.record ?? (adjustmentRecord(`event-decision-${d.id}`, ent, d.decided_on, d.history) as Record<string, unknown>);
      const p = national.prepare({ ...base, history: historyField(d.history) }, d.enterprise_id, today);
      if ('error' in p) throw new Error(`decision ${d.id}: ${p.error.message}`);
      expect(d.bearing, `decision ${d.id}`).toEqual(reviewBearing(national.ir, p, { ...(d.outcome as object), trace: [] } as never));
    }
    // The November reviews bear the law's way: the previous class of March, the events since, the cap.
    const november = rows.slice(10).map((r) => r.bearing as { previousClass: string | null; triggers: string[]; heldByCap: boolean; loweredByTrigger: boolean; heldByTrigger: boolean });
    expect(november.map((b) => b.previousClass)).toEqual(['AA', 'A', 'B', 'C', 'AA', 'A', 'B', 'C']);
    expect(november.map((b) => b.triggers.length > 0)).toEqual([true, true, false, false, false, false, false, false]);
    expect(november.some((b) => b.heldByCap)).toBe(true);
  });

  it('reads the bearing of a decision stored before it was kept, counts the same and fills it in once', async () => {
    const before = (await province({ url: `/api/reports/art12?${YEAR}` })).json();
    const kept = (await stored()).map((r) => r.bearing);
    // A database from before 0008: no decision has a bearing.
    await db().exec('ALTER TABLE decisions DISABLE TRIGGER decisions_guard; UPDATE decisions SET bearing = NULL; ALTER TABLE decisions ENABLE TRIGGER decisions_guard;');
    const after = (await province({ url: `/api/reports/art12?${YEAR}` })).json();
    expect(after.data).toEqual(before.data);
    expect(before.data.changes.loweredByTrigger + before.data.changes.heldByCap).toBeGreaterThan(0);
    // Filled in for the decisions the report counted (each enterprise's latest of the year).
    const now = await stored();
    expect(now.filter((r) => r.bearing !== null).map((r) => r.id)).toEqual(now.slice(10).map((r) => r.id));
    expect(now.slice(10).map((r) => r.bearing)).toEqual(kept.slice(10));
    // Once filled, a bearing is as fixed as the rest of the decision.
    await expect(db().query('UPDATE decisions SET bearing = $1 WHERE id = $2', [JSON.stringify({ previousClass: null }), now[10]!.id])).rejects.toThrow(/判定不可修改/);
    await expect(db().query('UPDATE decisions SET bearing = $1 WHERE id = $2', [JSON.stringify({ previousClass: null }), now[0]!.id])).resolves.toBeDefined();
  });
});
