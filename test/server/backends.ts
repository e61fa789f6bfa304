// The database backends every server test runs against: PGlite in process, and a PostgreSQL
// server when one is installed (.ci/run installs it).
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase } from '../../server/db/open.js';
import type { Database } from '../../server/db/types.js';
import { postgresAvailable, startPostgres, type TestPostgres } from './postgres.js';

export const BACKENDS: ('pglite' | 'postgres')[] = postgresAvailable ? ['pglite', 'postgres'] : ['pglite'];

/** Opens a fresh, migrated database of the backend; close() also stops a server it started. */
export async function freshDatabase(kind: 'pglite' | 'postgres'): Promise<{ db: Database; close(): Promise<void>; url?: string }> {
  if (kind === 'pglite') {
    const db = await openDatabase({ memory: true });
    return { db, close: () => db.close() };
  }
  let pg: TestPostgres | undefined;
  try {
    pg = await startPostgres();
    const db = await openDatabase({ url: pg.url });
    return {
      db,
      url: pg.url,
      async close() {
        await db.close();
        pg!.stop();
      },
    };
  } catch (e) {
    pg?.stop();
    throw e;
  }
}

/** One describe per backend, with a database opened before its tests and closed after. */
export function describeEachBackend(name: string, body: (get: () => Database, kind: 'pglite' | 'postgres') => void): void {
  for (const kind of BACKENDS) {
    describe(`${name} (${kind})`, () => {
      let handle: Awaited<ReturnType<typeof freshDatabase>> | undefined;
      beforeAll(async () => {
        handle = await freshDatabase(kind);
      }, 180_000);
      afterAll(async () => {
        await handle?.close();
      }, 60_000);
      body(() => handle!.db, kind);
    });
  }
}
