// The tests' PostgreSQL server: the throwaway local one the bench starts too (server/db/local-postgres.ts).
import pg from 'pg';

export { postgresAvailable, startPostgres, type LocalPostgres as TestPostgres } from '../../server/db/local-postgres.js';

/** The database of the run's shared server every fresh PostgreSQL test database is copied from. */
export const POSTGRES_TEMPLATE = 'fenlei_template';

/** Runs one statement on a server's database (CREATE and DROP DATABASE run outside a transaction). */
export async function onServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
