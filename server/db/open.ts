// Which database: `--database postgres://…` or FENLEI_DATABASE_URL names a server; otherwise the
// embedded PGlite keeps its data in `--data-dir` (default ./fenlei-data).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Database } from './types.js';
import { migrate } from './migrate.js';

export interface DatabaseOptions {
  url?: string;
  dataDir?: string;
  /** In memory (tests, demo without a folder). */
  memory?: boolean;
  /**
   * PGlite only, tests only: start from this data folder (a tarball from PGlite's dumpDataDir of a
   * migrated database) instead of running initdb; the folder must be new. Migrations still run.
   */
  seed?: Blob;
}

export const DEFAULT_DATA_DIR = './fenlei-data';

export function databaseUrl(given?: string): string | undefined {
  return given || process.env.FENLEI_DATABASE_URL || undefined;
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(o: DatabaseOptions): Promise<Database> {
  let db: Database;
  const url = databaseUrl(o.url);
  if (url) {
    const { openPostgres } = await import('./postgres.js');
    db = await openPostgres(url);
  } else {
    const { openPglite } = await import('./pglite.js');
    let dir: string | undefined;
    if (!o.memory) {
      dir = resolve(o.dataDir ?? DEFAULT_DATA_DIR);
      mkdirSync(dir, { recursive: true });
    }
    db = await openPglite(dir, o.seed);
  }
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
