// The embedded database: PostgreSQL compiled to WebAssembly, in this process, its data in a folder.
import { PGlite } from '@electric-sql/pglite';
import { TEXT_TYPES, type Database, type Queryable } from './types.js';

const asText = Object.fromEntries(TEXT_TYPES.map((t) => [t, (v: string) => v]));

/** `dataDir` undefined: in memory (tests). `seed`: a dumped data folder to start from instead of initdb (tests). */
export async function openPglite(dataDir?: string, seed?: Blob): Promise<Database> {
  return wrapPglite(await PGlite.create(dataDir, { parsers: asText, ...(seed ? { loadDataDir: seed } : {}) }));
}

/** The project's database interface over an open PGlite. */
export function wrapPglite(db: PGlite): Database {
  const q: Queryable = {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await db.query<T>(sql, params as unknown[])).rows;
    },
  };
  return {
    kind: 'pglite',
    query: q.query,
    async transaction(fn) {
      return db.transaction(async (tx) =>
        fn({
          async query<T>(sql: string, params: readonly unknown[] = []) {
            return (await tx.query<T>(sql, params as unknown[])).rows;
          },
        }),
      );
    },
    async exec(sql) {
      await db.exec(sql);
    },
    async close() {
      await db.close();
    },
  };
}
