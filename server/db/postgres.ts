// A PostgreSQL server through node-postgres: a pool, one client per transaction.
import pg from 'pg';
import { preparedName, TEXT_TYPES, type Database, type Queryable } from './types.js';

const asText = (v: string) => v;

export async function openPostgres(url: string): Promise<Database> {
  const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => ((TEXT_TYPES as readonly number[]).includes(oid) ? asText : pg.types.getTypeParser(oid, format)) } as pg.CustomTypesConfig;
  const pool = new pg.Pool({ connectionString: url, types, max: 10 });
  // A connection that cannot be made is said at start, not at the first request.
  (await pool.connect()).release();
  const run = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const name = preparedName(sql);
      return (await (name ? c.query({ name, text: sql, values: params as unknown[] }) : c.query(sql, params as unknown[]))).rows as T[];
    },
  });
  return {
    kind: 'postgres',
    query: run(pool).query,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(run(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };
}
