// `fenlei serve` as a county uses it: the first administrator from `fenlei user add`, a server
// on 127.0.0.1, and a server killed with SIGKILL in the middle of an upload: after a restart no
// part of that upload is there, and the same file is taken whole. fenlei migrates the database
// itself: on PostgreSQL an empty database, on PGlite a data folder as initdb made it (the run's,
// unpacked, so that each test does not pay initdb again in its child process).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countyRows, PASSWORD, register } from '../server/api.js';
import { BACKENDS, pgliteEmptySeedFile, postgresDatabase } from '../server/backends.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'fenlei.js');

interface Running {
  child: ChildProcess;
  url: string;
  /** Resolves at the first log line that contains the text. */
  logged(text: string): Promise<void>;
}

/** Starts `fenlei serve` and resolves when it listens (its address read from its own message). */
function serve(db: string[]): Promise<Running> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...db], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const waiting: { text: string; resolve: () => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    for (const w of [...waiting]) {
      if (!line.includes(w.text)) continue;
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.once('exit', (code) => reject(new Error(`fenlei serve exited ${code}: ${err}`)));
    createInterface({ input: child.stderr! }).on('line', (line) => {
      err += line + '\n';
      const m = /fenlei serve: (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) resolve({ child, url: m[1]!, logged: (text) => new Promise((r) => waiting.push({ text, resolve: r })) });
    });
  });
}

async function stop(r: Running): Promise<void> {
  if (r.child.exitCode !== null || r.child.signalCode !== null) return;
  const exited = new Promise((resolve) => r.child.once('exit', resolve));
  r.child.kill('SIGTERM');
  await exited;
}

async function signIn(url: string): Promise<Record<string, string>> {
  const r = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'yuhang', password: PASSWORD }) });
  expect(r.status).toBe(200);
  return { cookie: String(r.headers.get('set-cookie')).split(';')[0]!, 'x-csrf-token': ((await r.json()) as { csrfToken: string }).csrfToken };
}

for (const kind of BACKENDS) {
  describe(`fenlei serve (${kind})`, () => {
    let dir: string;
    // PostgreSQL: an empty database on the run's server (fenlei itself migrates it); the test kills fenlei, not the server.
    let pg: Awaited<ReturnType<typeof postgresDatabase>> | undefined;
    let dbArgs: string[];
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'fenlei-serve-'));
      if (kind === 'postgres') pg = await postgresDatabase({ migrated: false });
      dbArgs = kind === 'postgres' ? ['--database', pg!.url] : ['--data-dir', join(dir, 'data')];
      const seed = await pgliteEmptySeedFile();
      if (kind === 'pglite' && seed) {
        mkdirSync(join(dir, 'data'));
        const tar = spawnSync('tar', ['-xzf', seed, '-C', join(dir, 'data')], { encoding: 'utf8' });
        expect([tar.status, tar.error]).toEqual([0, undefined]);
      }
    }, 180_000);
    afterAll(async () => {
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('leaves no part of an upload when killed in the middle of it, and takes the file whole after a restart', async () => {
      const add = spawnSync(process.execPath, [BIN, 'user', 'add', '--login', 'yuhang', '--role', 'county', '--region', '330110', '--password-stdin', ...dbArgs], { cwd: ROOT, input: `${PASSWORD}\n`, encoding: 'utf8' });
      expect(add.stderr).toBe('');
      expect(add.stdout).toBe('已创建用户 created: yuhang（county，330110）\n');
      const csv = register(countyRows('330110', 150, '2025-03-01'));

      const first = await serve(dbArgs);
      try {
        const headers = await signIn(first.url);
        const progress = first.logged('upload progress');
        const upload = fetch(`${first.url}/api/uploads?name=kill.csv`, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv' }, body: csv }).catch((e: Error) => e);
        await progress;
        first.child.kill('SIGKILL');
        expect(await upload).toBeInstanceOf(Error);
      } finally {
        await stop(first);
      }

      const second = await serve(dbArgs);
      try {
        const headers = await signIn(second.url);
        const list = (await (await fetch(`${second.url}/api/enterprises?region=330110`, { headers })).json()) as { enterprises: unknown[] };
        expect(list.enterprises).toEqual([]);
        const again = (await (await fetch(`${second.url}/api/uploads?name=kill.csv`, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv' }, body: csv })).json()) as { stored: number; alreadyTaken: boolean };
        expect([again.stored, again.alreadyTaken]).toEqual([150, false]);
      } finally {
        await stop(second);
      }
    }, 240_000);
  });
}
