// Once per test run (vitest globalSetup of the e2e project, where every database test is): a
// PGlite data folder saved as a tarball twice, just made (initdb) and migrated, and, when
// PostgreSQL is installed, one server with a migrated template database. Each test file still
// opens its own fresh database from them (test/server/backends.ts): a PGlite loaded from the
// tarball, a PostgreSQL database copied from the template. Creating them once saves each file
// PGlite's initdb, PostgreSQL's initdb and server start, and the migrations (which then run again
// on each copy and find nothing to do). The folder before migrations is for the tests of migrating
// itself (fenlei migrates it).
//
// The setup does not wait for them: vitest starts no test until every global setup has returned,
// and making them takes about ten seconds, in which the test files that need no database can run.
// It answers where they are on a local address instead (GET /databases, answered once they are
// made), which test/server/backends.ts asks the first time a test wants a database.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/db/open.js';
import { onServer, POSTGRES_TEMPLATE, postgresAvailable, startPostgres, type TestPostgres } from '../server/postgres.js';
import type { PgliteSeeds } from './pglite-seeds.js';

/** Where the run's databases are (the answer of GET /databases). */
export interface RunDatabases {
  /** A migrated PGlite data folder (gzipped tarball from dumpDataDir). */
  pgliteSeed: string;
  /** The same PGlite data folder before any migration: as initdb made it. */
  pgliteEmptySeed: string;
  /** The shared PostgreSQL server's `postgres` database, when PostgreSQL is installed. */
  postgresServer?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The address that answers GET /databases with the run's RunDatabases once they are made. */
    databasesUrl: string;
  }
}

/** The seed maker from the build (npm test and npm run test:e2e build first), in a process of its own. */
const SEEDS_SCRIPT = join(import.meta.dirname, '..', '..', 'dist', 'test', 'global-setup', 'pglite-seeds.js');

function pgliteSeeds(dir: string): Promise<PgliteSeeds> {
  if (!existsSync(SEEDS_SCRIPT)) return Promise.reject(new Error(`测试数据库种子脚本不存在，请先运行 npm run build。The build is missing ${SEEDS_SCRIPT}: run npm run build first.`));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [SEEDS_SCRIPT, dir], { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`PGlite 种子未能生成 making the PGlite seeds failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as PgliteSeeds);
    });
  });
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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'fenlei-test-databases-'));
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  process.on('exit', removeDir);
  // Both at once: PostgreSQL's initdb and start are other processes, and so is PGlite's.
  const seeds = pgliteSeeds(dir);
  const server = postgresAvailable ? postgresTemplate() : Promise.resolve(undefined);
  const made: Promise<RunDatabases> = Promise.all([seeds, server]).then(([s, pg]) => ({ pgliteSeed: s.migrated, pgliteEmptySeed: s.empty, ...(pg ? { postgresServer: pg.url } : {}) }));
  // Settled here so that a failure is not an unhandled rejection before a test asks; the test that asks gets it.
  made.catch(() => undefined);
  const http = createServer((req, res) => {
    if (req.url !== '/databases') return void res.writeHead(404).end();
    made.then(
      (d) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(d)),
      (e: Error) => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(e.message),
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  project.provide('databasesUrl', `http://127.0.0.1:${(http.address() as AddressInfo).port}/databases`);
  return async () => {
    http.close();
    // Whatever became of them: a server started is stopped, the folder removed.
    await Promise.allSettled([seeds]);
    (await server.catch(() => undefined))?.stop();
    process.off('exit', removeDir);
    removeDir();
  };
}
