// Each enterprise's standing (current class, mode and risk level; last review) is kept on its row
// by the database as decisions are written (migration 0005), on each backend: it follows uploads,
// single inspections, a lowering event between reviews (D11), an older inspection arriving late,
// an accepted filing; it is backfilled for decisions stored before the migration; and the lists
// of the pages (class filter, due for review) read it.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../server/db/migrate.js';
import { openPostgres } from '../../server/db/postgres.js';
import type { Database, Queryable } from '../../server/db/types.js';
import { searchEnterprises } from '../../web/search.js';
import { as, addUser, buildTestApp, nationalRecord, register, signIn, uploadCsv, type Row } from './api.js';
import { BACKENDS, freshDatabase } from './backends.js';

const COUNTY = '330110';

const KEPT = `SELECT id, current_decision_id, current_decided_on, current_class, current_mode, current_risk_level, review_decision_id, reviewed_on, review_class FROM enterprises ORDER BY id`;
// The same standing derived from the decisions, as the pages did per request before migration 0005.
const DERIVED = `SELECT e.id, c.id AS current_decision_id, c.decided_on AS current_decided_on, c.class AS current_class, c.mode AS current_mode, c.risk_level AS current_risk_level,
                        r.id AS review_decision_id, r.decided_on AS reviewed_on, r.class AS review_class
                   FROM enterprises e
                   LEFT JOIN LATERAL (SELECT * FROM decisions d WHERE d.enterprise_id = e.id ORDER BY d.decided_on DESC, d.id DESC LIMIT 1) c ON true
                   LEFT JOIN LATERAL (SELECT * FROM decisions d WHERE d.enterprise_id = e.id AND d.is_review AND d.in_scope ORDER BY d.decided_on DESC, d.id DESC LIMIT 1) r ON true
                  ORDER BY e.id`;

interface Kept {
  current_decision_id: number | null;
  current_decided_on: string | null;
  current_class: string | null;
  current_mode: string | null;
  review_decision_id: number | null;
  reviewed_on: string | null;
  review_class: string | null;
}

async function kept(q: Queryable, id: number): Promise<[number | null, string | null, string | null, string | null, number | null, string | null, string | null]> {
  const [k] = await q.query<Kept>('SELECT * FROM enterprises WHERE id = $1', [id]);
  return [k!.current_decision_id, k!.current_decided_on, k!.current_class, k!.current_mode, k!.review_decision_id, k!.reviewed_on, k!.review_class];
}

const BASE: Row[] = [
  { id: 'K1', name: '甲五金有限公司', code17: '91330110KEPT00001', region: COUNTY, date: '2025-03-10', fails: [] },
  { id: 'K2', name: '乙五金有限公司', code17: '91330110KEPT00002', region: COUNTY, date: '2025-03-10', fails: ['19'] },
  { id: 'K3', name: '丙五金有限公司', code17: '91330110KEPT00003', region: COUNTY, date: '2025-03-10', fails: ['1'] },
];

for (const kind of BACKENDS) {
  describe(`enterprise standing kept by the database (${kind})`, () => {
    let handle: Awaited<ReturnType<typeof freshDatabase>>;
    let db: Database;
    let app: FastifyInstance;
    let county: ReturnType<typeof as>;
    let province: ReturnType<typeof as>;

    beforeAll(async () => {
      handle = await freshDatabase(kind);
      db = handle.db;
      app = await buildTestApp(db);
      await addUser(db, 'yuhang', 'county', [COUNTY]);
      await addUser(db, 'zj', 'province', ['330000']);
      county = as(app, await signIn(app, 'yuhang'));
      province = as(app, await signIn(app, 'zj'));
    }, 180_000);
    afterAll(async () => {
      await app?.close();
      await handle?.close();
    }, 60_000);

    it('follows every decision: upload, an event between reviews (D11), an older inspection late, an accepted filing, the next review', async () => {
      const y1 = (await uploadCsv(county, register(BASE), 'y1.csv')).json();
      const [k1, k2, k3] = y1.results.map((r: { enterpriseId: number }) => r.enterpriseId) as number[];
      const [d1, d2, d3] = y1.results.map((r: { decisionId: number }) => r.decisionId) as number[];
      expect(await kept(db, k1!)).toEqual([d1, '2025-03-10', 'AA', '信用监管', d1, '2025-03-10', 'AA']);
      expect(await kept(db, k2!)).toEqual([d2, '2025-03-10', 'A', '责任监管', d2, '2025-03-10', 'A']);
      expect(await kept(db, k3!)).toEqual([d3, '2025-03-10', 'C', '加严监管', d3, '2025-03-10', 'C']);

      // D11: a sampling failure between reviews lowers K2 at once; its last review stays the one the period runs from.
      const ev = (await county({ method: 'POST', url: '/api/events', payload: { enterpriseId: k2, type: '抽查不合格', date: '2025-09-20', level: '省级' } })).json();
      expect(await kept(db, k2!)).toEqual([ev.decisionId, '2025-09-20', 'B', '常态监管', d2, '2025-03-10', 'A']);
      // An inspection between reviews is the latest decision, not a review.
      const between = (await county({ method: 'POST', url: '/api/inspections', payload: { record: nationalRecord({ ...BASE[1]!, date: '2025-11-15', fails: [] }) } })).json();
      expect(await kept(db, k2!)).toEqual([between.decisionId, '2025-11-15', 'B', '常态监管', d2, '2025-03-10', 'A']);
      // An older inspection entered later: a newer id, an earlier date — K1's standing does not move.
      const late = (await county({ method: 'POST', url: '/api/inspections', payload: { record: nationalRecord({ ...BASE[0]!, date: '2024-12-01', fails: ['3'] }) } })).json();
      expect([late.decision.class, late.decisionId > d1!]).toEqual(['A', true]);
      expect(await kept(db, k1!)).toEqual([d1, '2025-03-10', 'AA', '信用监管', d1, '2025-03-10', 'AA']);

      // 备案 accepted: its decisions are locked (an UPDATE of decisions), the standing stays.
      const before = await db.query(KEPT);
      const filing = (await county({ method: 'POST', url: '/api/filings', payload: { region: COUNTY, periodStart: '2025-01-01', periodEnd: '2025-12-31' } })).json();
      await county({ method: 'POST', url: `/api/filings/${filing.filing.id}/submit` });
      const accepted = (await province({ method: 'POST', url: `/api/filings/${filing.filing.id}/accept` })).json();
      expect([accepted.filing.state, accepted.decisions.length, accepted.decisions.every((d: { locked: boolean }) => d.locked)]).toEqual(['accepted', 3, true]);
      expect(await db.query(KEPT)).toEqual(before);

      // The next review (a register without history columns, one statement of decisions).
      const y2 = (await uploadCsv(county, register(BASE.map((r) => ({ ...r, date: '2026-03-12', fails: [] })), false), 'y2.csv')).json();
      const next = y2.results.map((r: { decisionId: number; decision: { class: string; mode: string } }) => [r.decisionId, '2026-03-12', r.decision.class, r.decision.mode, r.decisionId, '2026-03-12', r.decision.class]);
      expect(next.map((n: unknown[]) => n[2])).toEqual(['AA', 'B', 'B']);
      expect([await kept(db, k1!), await kept(db, k2!), await kept(db, k3!)]).toEqual(next);
      expect(await db.query(KEPT)).toEqual(await db.query(DERIVED));
    });

    it('the class filter and the due-for-review list read the standing kept on the row', async () => {
      const user = { id: 1, login: 'yuhang', displayName: '', role: 'county' as const, regions: [COUNTY] };
      const names = async (cls: string) => (await searchEnterprises(db, user, { class: cls, limit: 50, offset: 0 })).map((e) => [e.name, e.class, e.decidedOn]);
      expect(await names('B')).toEqual([['丙五金有限公司', 'B', '2026-03-12'], ['乙五金有限公司', 'B', '2026-03-12']]);
      const api = (await county({ url: '/api/enterprises?class=AA' })).json();
      expect(api.enterprises.map((e: { name: string; class: string; mode: string; riskLevel: string | null }) => [e.name, e.class, e.mode])).toEqual([['甲五金有限公司', 'AA', '信用监管']]);
      const due = async (on: string) => (await county({ url: `/api/due-for-review?on=${on}` })).json().enterprises.map((e: { name: string; class: string; lastReview: string; periodMonths: number }) => [e.name, e.class, e.lastReview, e.periodMonths]);
      expect(await due('2027-03-11')).toEqual([]);
      expect(await due('2027-03-12')).toEqual([['甲五金有限公司', 'AA', '2026-03-12', 12], ['乙五金有限公司', 'B', '2026-03-12', 12], ['丙五金有限公司', 'B', '2026-03-12', 12]]);
      // Read from the row, not derived again: a value written there shows in both lists.
      const [k1] = await db.query<{ id: number; reviewed_on: string }>("SELECT id, reviewed_on FROM enterprises WHERE name = '甲五金有限公司'");
      await db.query("UPDATE enterprises SET current_class = 'B', reviewed_on = '2025-01-02' WHERE id = $1", [k1!.id]);
      try {
        expect((await names('B')).map((n) => n[0])).toEqual(['丙五金有限公司', '乙五金有限公司', '甲五金有限公司']);
        expect((await due('2026-01-02')).map((n: unknown[]) => n[0])).toEqual(['甲五金有限公司']);
      } finally {
        await db.query("UPDATE enterprises SET current_class = 'AA', reviewed_on = $2 WHERE id = $1", [k1!.id, k1!.reviewed_on]);
      }
    });

    it('bounds a search by the span of codes its scope covers, beside the access rule', async () => {
      const span = async (scope: string[]) => (await db.query<{ lo: string; hi: string }>('SELECT fenlei_scope_low($1::text[]) AS lo, fenlei_scope_high($1::text[]) AS hi', [scope]))[0];
      expect(await span(['330110'])).toEqual({ lo: '330110', hi: '330110' });
      expect(await span(['330110', '330100'])).toEqual({ lo: '330100', hi: '330199' });
      expect(await span(['330000', '320000'])).toEqual({ lo: '320000', hi: '339999' });
      expect(await span(['000000'])).toEqual({ lo: '000000', hi: '999999' });
      const listed = async (regions: string[], region?: string) =>
        (await searchEnterprises(db, { id: 1, login: 'x', displayName: '', role: 'province', regions }, { ...(region ? { region } : {}), limit: 50, offset: 0 })).map((e) => e.name);
      const all = ['丙五金有限公司', '乙五金有限公司', '甲五金有限公司'];
      expect(await listed(['330000'])).toEqual(all);
      expect(await listed(['330782', '330110'])).toEqual(all);
      expect(await listed(['330100'], '330110')).toEqual(all);
      expect(await listed(['330782'])).toEqual([]);
      expect(await listed(['330000'], '330782')).toEqual([]);
    });

    it('backfills the standing of decisions stored before the migration', async () => {
      let old: Database;
      if (kind === 'pglite') {
        // PGlite is one session: the old database is a schema of its own, alone on the search path
        // for this test (a second PGlite would cost seconds of CPU to start).
        await db.exec('CREATE SCHEMA before_standing; SET search_path TO before_standing');
        old = { ...db, close: () => db.exec('SET search_path TO public') };
      } else {
        await db.query('CREATE DATABASE before_standing');
        old = await openPostgres(handle.url!.replace(/\/[^/]*$/, '/before_standing'));
      }
      try {
        const all = readMigrations();
        await migrate(old, all.filter((m) => m.version < 5));
        const [u] = await old.query<{ id: number }>("INSERT INTO users (login, role, regions, password_hash) VALUES ('t', 'county', '{330110}', 'x') RETURNING id");
        await old.query("INSERT INTO regions (code, name) VALUES ('330110', '余杭区')");
        const [rv] = await old.query<{ id: number }>("INSERT INTO rule_versions (region, name, version, yaml, check_result) VALUES ('000000', 'n', '1', '', '{}') RETURNING id");
        const ents = await old.query<{ id: number }>("INSERT INTO enterprises (name, region) VALUES ('甲', '330110'), ('乙', '330110'), ('丙', '330110') RETURNING id");
        const [a, b] = ents.map((e) => e.id);
        const [ev] = await old.query<{ id: number }>("INSERT INTO events (enterprise_id, kind, event_date, recorded_by) VALUES ($1, '抽查不合格', '2025-09-20', $2) RETURNING id", [a, u!.id]);
        const decide = async (ent: number, day: string, review: boolean, cls: string | null, mode: string | null, event?: number) => {
          const [ins] = event ? [undefined] : await old.query<{ id: number }>("INSERT INTO inspections (enterprise_id, inspection_date, record, submitted_by) VALUES ($1, $2, '{}', $3) RETURNING id", [ent, day, u!.id]);
          const [d] = await old.query<{ id: number }>(
            "INSERT INTO decisions (enterprise_id, kind, inspection_id, event_id, decided_on, is_review, in_scope, class, mode, measures, trace, outcome, history, rule_version_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '[]', '[]', '{}', '{}', $10) RETURNING id",
            [ent, event ? 'event' : 'inspection', ins?.id ?? null, event ?? null, day, review, cls !== null, cls, mode, rv!.id],
          );
          return d!.id;
        };
        const review = await decide(a!, '2025-03-10', true, 'A', '常态监管');
        const lowered = await decide(a!, '2025-09-20', false, 'B', '常态监管', ev!.id);
        await decide(a!, '2024-12-01', true, 'AA', '信用监管');
        const outOfScope = await decide(b!, '2025-04-01', true, null, null);
        expect(await migrate(old)).toEqual(all.filter((m) => m.version >= 5).map((m) => m.version));
        const rows = await old.query<Kept & { id: number }>(KEPT);
        expect(rows.map((r) => [r.current_decision_id, r.current_decided_on, r.current_class, r.current_mode, r.review_decision_id, r.reviewed_on, r.review_class])).toEqual([
          [lowered, '2025-09-20', 'B', '常态监管', review, '2025-03-10', 'A'],
          [outOfScope, '2025-04-01', null, null, null, null, null],
          [null, null, null, null, null, null, null],
        ]);
      } finally {
        await old.close();
      }
    });
  });
}
