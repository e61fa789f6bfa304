// The database backends of the server tests: PGlite in process, and a PostgreSQL server when one is
// installed (.ci/run installs it). Tests of what the database keeps run on each (describeEachBackend),
// the others on SERVER_BACKEND (describeOnBackend). Each fresh database starts from what the run's
// global setup made once (test/global-setup/databases.ts): a migrated PGlite data folder, and a
// migrated template database on one PostgreSQL server.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase } from '../../server/db/open.js';
import type { Database } from '../../server/db/types.js';
import type { RunDatabases } from '../global-setup/databases.js';
import { onServer, POSTGRES_TEMPLATE, postgresAvailable, startPostgres } from './postgres.js';

export const BACKENDS: ('pglite' | 'postgres')[] = postgresAvailable ? ['pglite', 'postgres'] : ['pglite'];

let made: Promise<RunDatabases | undefined> | undefined;

/**
 * Where the run's databases are, once the global setup has made them (asked once per worker), or
 * undefined outside the e2e project, where nothing makes them.
 */
function runDatabases(): Promise<RunDatabases | undefined> {
  made ??= (async () => {
    const url = inject('databasesUrl');
    if (!url) return undefined;
    const r = await fetch(url);
    if (!r.ok) throw new Error(await r.text());
    return (await r.json()) as RunDatabases;
  })();
  return made;
}

let seed: Promise<Blob | undefined> | undefined;

/**
 * The migrated PGlite data folder to open a fresh database from (read once per worker; each open
 * gets its own copy of it), or undefined outside the e2e project, where nothing made one.
 */
export function pgliteSeed(): Promise<Blob | undefined> {
  seed ??= runDatabases().then((d) => (d ? new Blob([readFileSync(d.pgliteSeed)]) : undefined));
  return seed;
}

/**
 * The PGlite data folder as initdb made it, before any migration (a gzipped tarball's path), for
 * tests of fenlei migrating a new database itself; undefined outside the e2e project.
 */
export const pgliteEmptySeedFile = async (): Promise<string | undefined> => (await runDatabases())?.pgliteEmptySeed;

let databases = 0;

/**
 * A new database on the run's PostgreSQL server, named uniquely across the run's worker processes:
 * a copy of the migrated template, or (`migrated: false`) an empty one. drop() removes it.
 */
export async function postgresDatabase(o: { migrated: boolean }): Promise<{ url: string; drop(): Promise<void> }> {
  const server = (await runDatabases())?.postgresServer;
  if (!server) {
    // No shared server (a run without the global setup): a server of its own, as before.
    const pg = await startPostgres();
    return { url: pg.url, drop: async () => pg.stop() };
  }
  // The pid and a count keep names apart within the run; the random part from a crashed earlier run's leftover.
  const name = `fenlei_test_${process.pid}_${++databases}_${randomBytes(3).toString('hex')}`;
  await onServer(server, `CREATE DATABASE ${name}${o.migrated ? ` TEMPLATE ${POSTGRES_TEMPLATE}` : ''}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => onServer(server, `DROP DATABASE ${name} WITH (FORCE)`) };
}

/** Opens a fresh, migrated database of the backend; close() also removes it. */
export async function freshDatabase(kind: 'pglite' | 'postgres'): Promise<{ db: Database; close(): Promise<void>; url?: string }> {
  if (kind === 'pglite') {
    const s = await pgliteSeed();
    const db = await openDatabase({ memory: true, ...(s ? { seed: s } : {}) });
    return { db, close: () => db.close() };
  }
  const pg = await postgresDatabase({ migrated: true });
  try {
    const db = await openDatabase({ url: pg.url });
    return {
      db,
      url: pg.url,
      async close() {
        await db.close();
        await pg.drop();
      },
    };
  } catch (e) {
    await pg.drop();
    throw e;
  }
}

/**
 * The backend a province runs its information system on: PostgreSQL when it is installed (as in
 * CI), else PGlite. Tests of what the application does with the database (the API, reports,
 * filings, compare jobs) run here once. What the database itself keeps (constraints, transactions,
 * triggers: db.test, standing, report-rows) and `fenlei serve` run on each backend; the browser
 * tests' server runs here too, and the in-process page tests draw every page on PGlite. Running every
 * API test twice cost the suite about 25 s of CPU and tested the same SQL again.
 */
export const SERVER_BACKEND: 'pglite' | 'postgres' = postgresAvailable ? 'postgres' : 'pglite';

/** One describe per backend, with a database opened before its tests and closed after. */
export function describeEachBackend(name: string, body: (get: () => Database, kind: 'pglite' | 'postgres') => void): void {
  describeOn(BACKENDS, name, body);
}

/** One describe on SERVER_BACKEND, with a database opened before its tests and closed after. */
export function describeOnBackend(name: string, body: (get: () => Database, kind: 'pglite' | 'postgres') => void): void {
  describeOn([SERVER_BACKEND], name, body);
}

function describeOn(kinds: ('pglite' | 'postgres')[], name: string, body: (get: () => Database, kind: 'pglite' | 'postgres') => void): void {
  for (const kind of kinds) {
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
