// Multi-row writes: a register's rows go to the database in statements of many rows each, as one
// JSON document expanded by jsonb_to_recordset — one parameter per statement, the same SQL on
// PGlite and on a PostgreSQL server, and no per-row round trip.
import type { Queryable } from '../db/types.js';
import { enterpriseKey as key, type Identity } from './identity.js';

/** Rows per statement: large enough to leave the round trips behind, small enough for one message. */
export const CHUNK = 1000;

/**
 * INSERT INTO table (columns) the rows (objects keyed by column name), `CHUNK` at a time;
 * `columns` are "name type" pairs as jsonb_to_recordset reads them; `suffix` is ON CONFLICT and
 * RETURNING. Returns what RETURNING gives, chunk after chunk.
 */
export async function insertRows<T = unknown>(q: Queryable, table: string, columns: string[], rows: Record<string, unknown>[], suffix = '', progress?: (done: number) => void): Promise<T[]> {
  const names = columns.map((c) => c.split(' ')[0]).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${columns.join(', ')}) ${suffix}`;
  const out: T[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    out.push(...(await q.query<T>(sql, [JSON.stringify(rows.slice(i, i + CHUNK))])));
    progress?.(Math.min(rows.length, i + CHUNK));
  }
  return out;
}

export interface EnterpriseRow {
  id: number;
  region: string;
}

const row = (w: Identity) => ({ credit_code: w.creditCode, name: w.name, region: w.region, products: w.products, facts: w.facts, date: w.date });
const COLUMNS = ['credit_code text', 'name text', 'region text', 'products jsonb', 'facts jsonb'];

/** Inserts the enterprises not yet known (in key order, so that two uploads wait on each other in one order); their keys → ids. */
export async function newEnterprises(q: Queryable, who: Identity[]): Promise<Map<string, number>> {
  const sorted = [...who].sort((a, b) => (key(a) < key(b) ? -1 : 1));
  const coded = await insertRows<{ id: number; credit_code: string }>(q, 'enterprises', COLUMNS, sorted.filter((w) => w.creditCode).map(row), 'ON CONFLICT (credit_code) DO NOTHING RETURNING id, credit_code');
  const named = await insertRows<{ id: number; region: string; name: string }>(q, 'enterprises', COLUMNS, sorted.filter((w) => !w.creditCode).map(row), 'ON CONFLICT (region, name) WHERE credit_code IS NULL DO NOTHING RETURNING id, region, name');
  return new Map([...coded.map((r): [string, number] => [`#${r.credit_code}`, r.id]), ...named.map((r): [string, number] => [`${r.region}|${r.name}`, r.id])]);
}

/** Locks (until the transaction ends) the enterprises of these records; their keys → id and stored region. */
export async function lockEnterprises(q: Queryable, who: Identity[]): Promise<Map<string, EnterpriseRow>> {
  const codes = who.filter((w) => w.creditCode).map((w) => w.creditCode!);
  const named = who.filter((w) => !w.creditCode);
  const out = new Map<string, EnterpriseRow>();
  for (let i = 0; i < codes.length; i += CHUNK * 10) {
    const rows = await q.query<{ id: number; region: string; credit_code: string }>('SELECT id, region, credit_code FROM enterprises WHERE credit_code = ANY($1::text[]) ORDER BY id FOR UPDATE', [codes.slice(i, i + CHUNK * 10)]);
    for (const r of rows) out.set(`#${r.credit_code}`, { id: r.id, region: r.region });
  }
  for (let i = 0; i < named.length; i += CHUNK * 10) {
    const part = named.slice(i, i + CHUNK * 10);
    const rows = await q.query<{ id: number; region: string; name: string }>(
      'SELECT e.id, e.region, e.name FROM enterprises e JOIN unnest($1::text[], $2::text[]) AS k(region, name) ON e.region = k.region AND e.name = k.name WHERE e.credit_code IS NULL ORDER BY e.id FOR UPDATE OF e',
      [part.map((w) => w.region), part.map((w) => w.name)],
    );
    for (const r of rows) out.set(`${r.region}|${r.name}`, { id: r.id, region: r.region });
  }
  return out;
}

/** Name, region, products and facts follow the enterprise's latest inspection (a register may bring an older one). */
export async function updateEnterprises(q: Queryable, rows: { id: number; who: Identity }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await q.query(
      `UPDATE enterprises e SET name = x.name, region = x.region, products = x.products, facts = x.facts, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS x(id int, name text, region text, products jsonb, facts jsonb, date date)
        WHERE e.id = x.id AND NOT EXISTS (SELECT 1 FROM inspections i WHERE i.enterprise_id = e.id AND i.inspection_date > x.date)
          AND (e.name, e.region, e.products, e.facts) IS DISTINCT FROM (x.name, x.region, x.products, x.facts)`,
      [JSON.stringify(rows.slice(i, i + CHUNK).map((r) => ({ id: r.id, ...row(r.who) })))],
    );
  }
}
