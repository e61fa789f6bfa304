// Run as its own process by the test run's global setup (test/global-setup/databases.ts), from the
// build (dist/): PGlite's initdb and the migrations are seconds of CPU in one synchronous stretch,
// which in vitest's own process would stall every test worker waiting on it. Writes the two data
// folders into the folder it is given and prints their paths as one line of JSON.
import { PGlite } from '@electric-sql/pglite';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../../server/db/migrate.js';
import { wrapPglite } from '../../server/db/pglite.js';

export interface PgliteSeeds {
  /** The data folder as initdb made it (gzipped tarball). */
  empty: string;
  /** The same, migrated (gzipped tarball). */
  migrated: string;
}

export async function makePgliteSeeds(dir: string): Promise<PgliteSeeds> {
  const db = await PGlite.create();
  const dump = async (name: string) => {
    const file = join(dir, name);
    writeFileSync(file, new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer()));
    return file;
  };
  try {
    const empty = await dump('pglite-empty.tar.gz');
    await migrate(wrapPglite(db));
    // Without template0 (nothing copies it on PGlite, one database per instance): each test's PGlite
    // then unpacks and starts from a smaller folder, a fifth less CPU.
    await db.exec('ALTER DATABASE template0 WITH IS_TEMPLATE false');
    await db.exec('DROP DATABASE template0');
    await db.exec('CHECKPOINT');
    return { empty, migrated: await dump('pglite-migrated.tar.gz') };
  } finally {
    await db.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(JSON.stringify(await makePgliteSeeds(process.argv[2]!)) + '\n');
}
