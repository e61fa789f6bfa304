// The report's rows for whole years come from decision_years and decision_year_counts (migration
// 0009), kept by the database as decisions are written: they must be exactly what the
// per-enterprise query finds over the decisions themselves, through uploads over two years, a
// trigger event between reviews, an older inspection uploaded late, and an enterprise renamed
// and moved to another county by a later register row.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { countedRows, rowsOfPeriod, wholeYears, type CountedRow, type Period } from '../../../server/domain/report-rows.js';
import { as, addUser, buildTestApp, countyRows, register, signIn, uploadCsv, type Row } from '../api.js';
import { describeEachBackend } from '../backends.js';

const COUNTY = '330110';
const OTHER = '330106';
// By number: C (★1), A (one item), B (three items), else AA.
const fails = (k: number) => (k % 4 === 3 ? ['1'] : k % 4 === 1 ? ['3'] : k % 4 === 2 ? ['4', '5', '6'] : []);

/** The rows as counted: the named decisions in order, and the sum per group key (named ones included). */
function counted(rows: CountedRow[]) {
  const sums: Record<string, number> = {};
  for (const r of rows) {
    const k = JSON.stringify([r.region, r.in_scope, r.class, r.assessed_class, r.mode, r.risk_level, r.rule_version_id, r.previous_class, r.held_by_cap, r.held_by_trigger, r.lowered_by_trigger]);
    sums[k] = (sums[k] ?? 0) + r.n;
  }
  const named = rows.filter((r) => r.decision_id !== null).map((r) => [r.decision_id, r.enterprise_id, r.name, r.outcome, r.trace, r.bearing]);
  return { named, sums: Object.entries(sums).sort(([a], [b]) => a.localeCompare(b)) };
}

describeEachBackend('the report rows of whole years, kept by the database', (db) => {
  let app: FastifyInstance;
  let province: ReturnType<typeof as>;

  beforeAll(async () => {
    app = await buildTestApp(db());
    await addUser(db(), 'zj', 'province', ['330000']);
    province = as(app, await signIn(app, 'zj'));
    const y2024 = [...countyRows(COUNTY, 12, '2024-05-01', fails), ...countyRows(OTHER, 5, '2024-05-02', fails)];
    expect((await uploadCsv(province, register(y2024), 'y2024.csv')).json().stored).toBe(17);
    // 2025: half of them reviewed again, all passing.
    const y2025 = y2024.filter((_, k) => k % 2 === 0).map((r): Row => ({ ...r, date: '2025-03-01', fails: [] }));
    expect((await uploadCsv(province, register(y2025), 'y2025.csv')).json().stored).toBe(9);
    const [first] = await db().query<{ id: number }>('SELECT id FROM enterprises WHERE name = $1', [y2024[0]!.name]);
    const ev = await province({ method: 'POST', url: '/api/events', payload: { enterpriseId: first!.id, type: '抽查不合格', date: '2025-06-10', level: '省级' } });
    expect(ev.statusCode).toBe(200);
    // An older inspection of 2025 uploaded after a later one; one enterprise renamed and moved.
    const late = [{ ...y2024[2]!, date: '2025-01-15', fails: ['1'] }, { ...y2024[4]!, date: '2025-02-01', fails: [] }, { ...y2024[5]!, name: '改名后的企业有限公司', region: OTHER, date: '2025-04-01', fails: ['3'] }];
    expect((await uploadCsv(province, register(late), 'late.csv')).json().stored).toBe(3);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it('keeps each enterprise-year its latest decision, the next year with one, and the counts', async () => {
    const recount = await db().query(
      `SELECT l.enterprise_id, l.year, lead(l.year) OVER (PARTITION BY l.enterprise_id ORDER BY l.year) AS next_year, l.id AS decision_id, e.name, e.region, l.class
         FROM (SELECT DISTINCT ON (enterprise_id, extract(year FROM decided_on)) *, extract(year FROM decided_on)::int AS year FROM decisions ORDER BY enterprise_id, extract(year FROM decided_on), decided_on DESC, id DESC) l
         JOIN enterprises e ON e.id = l.enterprise_id ORDER BY 1, 2`,
    );
    const kept = await db().query('SELECT enterprise_id, year, next_year, decision_id, name, region, class FROM decision_years ORDER BY 1, 2');
    expect(kept).toEqual(recount);
    expect(kept.length).toBe(17 + 9 + 1);
    expect(kept.filter((r) => (r as { name: string }).name === '改名后的企业有限公司').map((r) => (r as { region: string }).region)).toEqual([OTHER, OTHER]);
    const cols = 'year, next_year, region, in_scope, class, assessed_class, mode, risk_level, rule_version_id, previous_class, held_by_cap, held_by_trigger, lowered_by_trigger';
    const grouped = await db().query(`SELECT ${cols}, count(*)::int AS n FROM decision_years GROUP BY ${cols} ORDER BY ${cols}`);
    expect(await db().query(`SELECT ${cols}, n FROM decision_year_counts ORDER BY ${cols}`)).toEqual(grouped);
  });

  it('gives for whole years exactly the rows the per-enterprise query gives', async () => {
    const periods: Period[] = [
      { start: '2024-01-01', end: '2024-12-31' },
      { start: '2025-01-01', end: '2025-12-31' },
      { start: '2024-01-01', end: '2025-12-31' },
      { start: '2023-01-01', end: '2026-12-31' },
    ];
    for (const scope of [['330000'], [COUNTY], [OTHER, COUNTY]]) {
      for (const p of periods) {
        expect(wholeYears(p)).not.toBeNull();
        for (const listed of [0, 2, 5000]) {
          const fast = counted(await countedRows(db(), scope, p, listed));
          expect(fast, `${scope} ${p.start}–${p.end} listed ${listed}`).toEqual(counted(await rowsOfPeriod(db(), scope, p, listed)));
          if (listed === 5000) expect(fast.named.length).toBeGreaterThan(0);
        }
      }
    }
    expect(wholeYears({ start: '2025-01-02', end: '2025-12-31' })).toBeNull();
    expect(wholeYears({ start: '2025-01-01', end: '2025-06-30' })).toBeNull();
  });

  it('follows a bearing filled in on a decision stored without one', async () => {
    const year = { start: '2025-01-01', end: '2025-12-31' };
    const before = await countedRows(db(), ['330000'], year, 5000);
    await db().exec('ALTER TABLE decisions DISABLE TRIGGER decisions_guard; UPDATE decisions SET bearing = NULL; ALTER TABLE decisions ENABLE TRIGGER decisions_guard;');
    const unborn = await countedRows(db(), ['330000'], year, 0);
    // Every counted decision is named (its bearing has to be read), none grouped.
    expect(unborn.every((r) => r.decision_id !== null)).toBe(true);
    expect(unborn.length).toBe(before.reduce((n, r) => n + r.n, 0));
    await province({ url: '/api/reports/art12?periodStart=2025-01-01&periodEnd=2025-12-31' });
    expect(counted(await countedRows(db(), ['330000'], year, 5000)).sums).toEqual(counted(before).sums);
  });
});
