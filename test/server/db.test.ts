// The database holds the invariants itself: migrations once, immutable inspections, the filing
// state machine, locked decisions, unique credit codes, the region scope (migration 0002) —
// checked with SQL, not through the API; and the national partitioning DDL applies and prunes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { migrate, readMigrations, splitStatements } from '../../server/db/migrate.js';
import { prepared, type Queryable } from '../../server/db/types.js';
import { openPostgres } from '../../server/db/postgres.js';
import { BACKENDS, describeEachBackend, postgresDatabase } from './backends.js';

// The national partitioning (server/scale/national-partitioning.sql): applied to a schema of its own.
const NATIONAL_DDL = readFileSync(join(import.meta.dirname, '../../server/scale/national-partitioning.sql'), 'utf8');

it('splits migration files at semicolons outside quotes, comments and function bodies', () => {
  const parts = splitStatements("-- a; comment\nCREATE TABLE a (x text DEFAULT ';');\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\n-- end;\n");
  expect(parts).toEqual(["-- a; comment\nCREATE TABLE a (x text DEFAULT ';')", 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$']);
});

// Regions and scopes at every level for fenlei_in_scope (each scope a list of division codes).
const SCOPE_REGIONS = ['330000', '330100', '330110', '330106', '331000', '320000', '320100', '320102', '110000', '110101', '330010', '330200'];
const SCOPES = [['000000'], ['330000'], ['330100'], ['330110'], ['330110', '320100'], ['320000', '330106'], ['110101'], ['330200', '331000'], ['330010']];

async function seed(q: Queryable): Promise<{ user: number; ent: number; ins: number; rv: number }> {
  const [u] = await q.query<{ id: number }>("INSERT INTO users (login, role, regions, password_hash) VALUES ('t', 'county', '{330110}', 'x') RETURNING id");
  await q.query("INSERT INTO regions (code, name) VALUES ('330110', '余杭区') ON CONFLICT DO NOTHING");
  const [e] = await q.query<{ id: number }>("INSERT INTO enterprises (credit_code, name, region) VALUES ('913301105896976040', '甲', '330110') RETURNING id");
  const [i] = await q.query<{ id: number }>("INSERT INTO inspections (enterprise_id, inspection_date, record, submitted_by) VALUES ($1, '2025-03-01', '{}', $2) RETURNING id", [e!.id, u!.id]);
  const [r] = await q.query<{ id: number }>("INSERT INTO rule_versions (region, name, version, effective, yaml, check_result, published_by) VALUES ('000000', 'n', '1', '2011-01-01', '', '{}', $1) RETURNING id", [u!.id]);
  return { user: u!.id, ent: e!.id, ins: i!.id, rv: r!.id };
}

describeEachBackend('database invariants', (db, kind) => {
  it('keeps a prepared() statement parsed and planned on the connection of a PostgreSQL server', async () => {
    const sql = prepared('SELECT $1::int + 1 AS n -- a statement run on every request');
    const kept = await db().transaction(async (tx) => {
      expect(await tx.query(sql, [41])).toEqual([{ n: 42 }]);
      return tx.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements');
    });
    expect(kept.some((s) => s.statement === sql)).toBe(kind === 'postgres');
  });

  it('applies each migration once and records it', async () => {
    expect(await migrate(db())).toEqual([]);
    const rows = await db().query<{ version: number }>('SELECT version FROM fenlei_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(readMigrations().map((m) => m.version));
  });

  it('writes an upload\'s summary once and changes nothing else of it', async () => {
    const [u] = await db().query<{ id: number }>("INSERT INTO users (login, role, regions, password_hash) VALUES ('uploader', 'county', '{330110}', 'x') RETURNING id");
    const [up] = await db().query<{ id: number }>("INSERT INTO uploads (file_hash, file_name, uploaded_by) VALUES ('h-once', 'a.csv', $1) RETURNING id", [u!.id]);
    const refused = /上传记录不可修改或删除/;
    // Before the summary: only the summary may be written.
    await expect(db().query("UPDATE uploads SET file_name = 'b.csv' WHERE id = $1", [up!.id])).rejects.toThrow(refused);
    await expect(db().query("UPDATE uploads SET summary = '{\"rows\": 1}', uploaded_at = uploaded_at - interval '1 day' WHERE id = $1", [up!.id])).rejects.toThrow(refused);
    await db().query("UPDATE uploads SET summary = '{\"rows\": 1}' WHERE id = $1", [up!.id]);
    // Once written, never again; nor deleted.
    await expect(db().query("UPDATE uploads SET summary = '{\"rows\": 2}' WHERE id = $1", [up!.id])).rejects.toThrow(refused);
    await expect(db().query('DELETE FROM uploads WHERE id = $1', [up!.id])).rejects.toThrow(refused);
    expect(await db().query('SELECT file_name, summary FROM uploads WHERE id = $1', [up!.id])).toEqual([{ file_name: 'a.csv', summary: { rows: 1 } }]);
  });

  it('keeps inspections, one credit code, filings and locked decisions as the law needs', async () => {
    const s = await seed(db());
    await expect(db().query('UPDATE inspections SET record = $1 WHERE id = $2', ['{"x":1}', s.ins])).rejects.toThrow(/不可修改/);
    await expect(db().query('DELETE FROM inspections WHERE id = $1', [s.ins])).rejects.toThrow(/不可修改/);
    await expect(db().query("INSERT INTO enterprises (credit_code, name, region) VALUES ('913301105896976040', '乙', '330110')")).rejects.toThrow(/unique|duplicate|唯一/i);
    await expect(db().query("INSERT INTO inspections (enterprise_id, inspection_date, record, submitted_by) VALUES ($1, '2025-03-01', '{}', $2)", [s.ent, s.user])).rejects.toThrow(/unique|duplicate/i);

    const [d] = await db().query<{ id: number }>(
      "INSERT INTO decisions (enterprise_id, kind, inspection_id, decided_on, is_review, in_scope, class, measures, trace, outcome, history, rule_version_id) VALUES ($1, 'inspection', $2, '2025-03-01', true, true, 'A', '[]', '[]', '{}', '{}', $3) RETURNING id",
      [s.ent, s.ins, s.rv],
    );
    await expect(db().query("UPDATE decisions SET class = 'AA' WHERE id = $1", [d!.id])).rejects.toThrow(/不可修改/);
    const [f] = await db().query<{ id: number }>("INSERT INTO filings (region, period_start, period_end, created_by) VALUES ('330110', '2025-01-01', '2025-12-31', $1) RETURNING id", [s.user]);
    await db().query('INSERT INTO filing_decisions (filing_id, decision_id) VALUES ($1, $2)', [f!.id, d!.id]);
    await expect(db().query("UPDATE filings SET state = 'accepted' WHERE id = $1", [f!.id])).rejects.toThrow(/draft.*accepted/);
    await db().query("UPDATE filings SET state = 'submitted' WHERE id = $1", [f!.id]);
    await expect(db().query('DELETE FROM filing_decisions WHERE filing_id = $1', [f!.id])).rejects.toThrow(/submitted/);
    await expect(db().query("UPDATE filings SET state = 'returned' WHERE id = $1", [f!.id])).rejects.toThrow(/意见/);
    await db().query("UPDATE filings SET state = 'returned', comment = '缺少企业' WHERE id = $1", [f!.id]);
    await db().query("UPDATE filings SET state = 'submitted' WHERE id = $1", [f!.id]);
    await db().query("UPDATE filings SET state = 'accepted' WHERE id = $1", [f!.id]);
    const [locked] = await db().query<{ locked: boolean }>('SELECT locked FROM decisions WHERE id = $1', [d!.id]);
    expect(locked!.locked).toBe(true);
    await expect(db().query("UPDATE decisions SET locked = true WHERE id = $1", [d!.id])).rejects.toThrow(/锁定/);
    await expect(db().query("UPDATE filings SET state = 'returned', comment = 'x' WHERE id = $1", [f!.id])).rejects.toThrow(/accepted/);
  });

  it('keeps a catalogue file name once across every region (rule versions name catalogues by file name)', async () => {
    await db().query("INSERT INTO regions (code, name) VALUES ('330000', '浙江省'), ('320000', '江苏省') ON CONFLICT DO NOTHING");
    const add = (region: string) => db().query("INSERT INTO catalogues (region, file_name, name, version, effective, yaml) VALUES ($1, 'shared.yaml', '目录', '1', '2024-01-01', '')", [region]);
    await add('330000');
    await expect(add('320000')).rejects.toThrow(/unique|duplicate/i);
    await expect(db().query("INSERT INTO catalogues (region, file_name, name, version, effective, yaml) VALUES ('330000', '../x.yaml', '目录', '1', '2024-01-01', '')")).rejects.toThrow(/check/i);
  });

  it('rolls a failed transaction back whole', async () => {
    const before = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM regions');
    await expect(
      db().transaction(async (tx) => {
        await tx.query("INSERT INTO regions (code, name) VALUES ('110000', '北京市')");
        await tx.query("INSERT INTO regions (code, name) VALUES ('bad', 'x')");
      }),
    ).rejects.toThrow(/check/i);
    expect(await db().query<{ n: number }>('SELECT count(*)::int AS n FROM regions')).toEqual(before);
  });

  it('puts a region in a scope by its division code', async () => {
    const rows = await db().query<{ a: boolean; b: boolean; c: boolean; d: boolean }>(
      "SELECT fenlei_in_scope('330110', '{330000}') AS a, fenlei_in_scope('330110', '{330100}') AS b, fenlei_in_scope('330110', '{330782}') AS c, fenlei_in_scope('320102', '{000000}') AS d",
    );
    expect(rows[0]).toEqual({ a: true, b: true, c: false, d: true });
  });

  it('answers fenlei_in_scope as the prefix rule for every region and scope', async () => {
    // In a scope exactly when the region starts with fenlei_region_prefix of one of the scope's entries.
    const rows = await db().query<{ region: string; scope: string[]; got: boolean; want: boolean }>(
      `SELECT r AS region, s.scope, fenlei_in_scope(r, s.scope) AS got,
              EXISTS (SELECT 1 FROM unnest(s.scope) x WHERE r LIKE fenlei_region_prefix(x) || '%') AS want
         FROM unnest($1::text[]) r, (SELECT string_to_array(unnest($2::text[]), ',') AS scope) s`,
      [SCOPE_REGIONS, SCOPES.map((s) => s.join(','))],
    );
    expect(rows.length).toBe(SCOPE_REGIONS.length * SCOPES.length);
    expect(rows.filter((r) => r.got !== r.want)).toEqual([]);
    // And the rule says what it should: a county sees itself only, a city its counties, a province all of it.
    const inScope = (scope: string[]) => rows.filter((r) => r.scope.join(',') === scope.join(',') && r.got).map((r) => r.region).sort();
    expect(inScope(['330110'])).toEqual(['330110']);
    expect(inScope(['330100'])).toEqual(['330100', '330106', '330110']);
    expect(inScope(['330000'])).toEqual(['330000', '330010', '330100', '330106', '330110', '330200', '331000']);
    expect(inScope(['000000']).length).toBe(SCOPE_REGIONS.length);
  });

  it('partitions the national tables by province and year, pruning a province\'s query, with the invariants kept', async () => {
    await db().transaction(async (tx) => {
      for (const s of splitStatements(NATIONAL_DDL)) await tx.query(s);
      await tx.query("SELECT fenlei_national.add_province(p, 2025, 2026) FROM unnest(ARRAY['32', '33']) AS p");
    });
    await db().transaction(async (tx) => {
      await tx.query('SET LOCAL search_path TO fenlei_national, public');
      const [e] = await tx.query<{ id: number }>("INSERT INTO enterprises (province, credit_code, name, region) VALUES ('33', '913301105896976040', '甲', '330110') RETURNING id");
      await tx.query("INSERT INTO credit_codes VALUES ('913301105896976040', '33', $1)", [e!.id]);
      for (const d of ['2025-03-01', '2026-03-01', '2031-03-01']) await tx.query("INSERT INTO inspections (province, enterprise_id, inspection_date, record, submitted_by) VALUES ('33', $1, $2, '{}', 1)", [e!.id, d]);
    });
    const where = await db().query<{ t: string; n: number }>('SELECT tableoid::regclass::text AS t, count(*)::int AS n FROM fenlei_national.inspections GROUP BY 1 ORDER BY 1');
    expect(where).toEqual([
      { t: 'fenlei_national.inspections_33_2025', n: 1 },
      { t: 'fenlei_national.inspections_33_2026', n: 1 },
      { t: 'fenlei_national.inspections_33_other', n: 1 },
    ]);
    const plan = (await db().query<{ 'QUERY PLAN': string }>("EXPLAIN SELECT * FROM fenlei_national.inspections WHERE province = '33' AND inspection_date >= '2026-01-01' AND inspection_date < '2027-01-01'")).map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('inspections_33_2026');
    expect(plan).not.toMatch(/inspections_32_|inspections_33_2025|inspections_33_other/);
    await expect(db().query("INSERT INTO fenlei_national.credit_codes VALUES ('913301105896976040', '32', 99)")).rejects.toThrow(/duplicate|unique/i);
    await expect(db().query("UPDATE fenlei_national.inspections SET record = '{\"x\":1}' WHERE province = '33'")).rejects.toThrow(/不可修改/);
    await expect(db().query("INSERT INTO fenlei_national.inspections (province, enterprise_id, inspection_date, record, submitted_by) VALUES ('44', 1, '2025-01-01', '{}', 1)")).rejects.toThrow(/partition/i);
  });
});

// PostgreSQL may end an idle connection (a restart, pg_terminate_backend, a network cut): the pool
// drops that client and the next query connects again, instead of the 'error' event ending the server.
it.runIf(BACKENDS.includes('postgres'))('keeps working after PostgreSQL terminates an idle pooled connection', async () => {
  const target = await postgresDatabase({ migrated: true });
  let lost!: (e: Error) => void;
  const idleError = new Promise<Error>((resolve) => (lost = resolve));
  const db = await openPostgres(target.url, { onIdleError: (e) => lost(e) });
  try {
    expect(await db.query<{ n: number }>('SELECT 1 AS n')).toEqual([{ n: 1 }]);
    const other = await openPostgres(target.url);
    const [{ ended }] = (await other.query<{ ended: number }>('SELECT count(pg_terminate_backend(pid))::int AS ended FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')) as [{ ended: number }];
    await other.close();
    expect(ended).toBe(1);
    expect((await idleError as Error & { code?: string }).code).toBe('57P01');
    expect(await db.query<{ n: number }>('SELECT 2 AS n')).toEqual([{ n: 2 }]);
  } finally {
    await db.close();
    await target.drop();
  }
});
