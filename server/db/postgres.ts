// A PostgreSQL server through node-postgres: a pool, one client per transaction.
import pg from 'pg';
import { preparedName, TEXT_TYPES, type Database, type Queryable } from './types.js';

const asText = (v: string) => v;

/** What the server says when PostgreSQL ends an idle pooled connection (restart, admin command, network). */
function idleConnectionLost(e: Error): void {
  process.stderr.write(`fenlei: 数据库断开了一个空闲连接，下次请求将重新连接（${e.message}）/ the database closed an idle connection; the next request reconnects\n`);
}

export async function openPostgres(url: string, o: { onIdleError?: (e: Error) => void } = {}): Promise<Database> {
  const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => ((TEXT_TYPES as readonly number[]).includes(oid) ? asText : pg.types.getTypeParser(oid, format)) } as pg.CustomTypesConfig;
  const pool = new pg.Pool({ connectionString: url, types, max: 10 });
  // The pool drops an idle client that errors and emits 'error'; without a listener that
  // event would end the whole server when PostgreSQL restarts or terminates a connection.
  pool.on('error', o.onIdleError ?? idleConnectionLost);
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
