// Once per test run (vitest globalSetup of the e2e project, where every database test is): a
// PGlite data folder saved as a tarball twice, just made (initdb) and migrated, and, when
// PostgreSQL is installed, one server with a migrated template database. Each test file still opens its own fresh database from them
// (test/server/backends.ts): a PGlite loaded from the tarball, a PostgreSQL database copied from
// the template. Creating them once saves each file PGlite's initdb, PostgreSQL's initdb and server
// start, and the migrations (which then run again on each copy and find nothing to do). The folder
// before migrations is for the tests of migrating itself (fenlei migrates it), which would
// otherwise each pay PGlite's initdb (seconds of CPU) to start from an empty database.
import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../server/db/migrate.js';
import { openDatabase } from '../../server/db/open.js';
import { wrapPglite } from '../../server/db/pglite.js';
import { onServer, POSTGRES_TEMPLATE, postgresAvailable, startPostgres, type TestPostgres } from '../server/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data folder (gzipped tarball from dumpDataDir). */
    pgliteSeed: string;
    /** The same PGlite data folder before any migration: as initdb made it. */
    pgliteEmptySeed: string;
    /** The shared PostgreSQL server's `postgres` database, when PostgreSQL is installed. */
    postgresServer: string | undefined;
  }
}

async function pgliteSeeds(dir: string): Promise<{ empty: string; migrated: string }> {
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

async function postgresTemplate(): Promise<TestPostgres> {
  const server = await startPostgres();
  try {
    await onServer(server.url, `CREATE DATABASE ${POSTGRES_TEMPLATE}`);
    const template = new URL(server.url);
    template.pathname = `/${POSTGRES_TEMPLATE}`;
    // Closed before any copy: CREATE DATABASE … TEMPLATE refuses a template with a connection.
    await (await openDatabase({ url: template.href })).close();
    return server;
  } catch (e) {
    server.stop();
    throw e;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'fenlei-test-databases-'));
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  process.on('exit', removeDir);
  // Both at once: PostgreSQL's initdb and start are other processes, PGlite's is this one.
  const [seed, server] = await Promise.allSettled([pgliteSeeds(dir), postgresAvailable ? postgresTemplate() : Promise.resolve(undefined)]);
  const teardown = (): void => {
    if (server.status === 'fulfilled') server.value?.stop();
    process.off('exit', removeDir);
    removeDir();
  };
  if (seed.status === 'rejected' || server.status === 'rejected') {
    teardown();
    throw seed.status === 'rejected' ? seed.reason : (server as PromiseRejectedResult).reason;
  }
  project.provide('pgliteSeed', seed.value.migrated);
  project.provide('pgliteEmptySeed', seed.value.empty);
  project.provide('postgresServer', server.value?.url);
  return teardown;
}
