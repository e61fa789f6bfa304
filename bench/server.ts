// Section `server`: the information system (fenlei serve) on a PostgreSQL server and on PGlite —
// a 100,000-row register uploaded, classified and stored in one transaction, then the enterprise
// page API (GET /api/enterprises/{id}) under 50 concurrent clients on 127.0.0.1 (autocannon, in a
// worker thread: bench/server-load.ts).
// Targets on PostgreSQL: the upload under 60 s, the page's p95 under 50 ms.
//   node dist/bench/run.js server [--rows=100000] [--pglite-rows=N] [--connections=50] [--seconds=10] [--backends=postgres,pglite]
import type { FastifyInstance } from 'fastify';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { withCheckDigit } from '../runtime/index.js';
import { buildApp } from '../server/app.js';
import { createUser } from '../server/auth/users.js';
import { postgresAvailable, startPostgres, type LocalPostgres } from '../server/db/local-postgres.js';
import { openDatabase } from '../server/db/open.js';
import type { Database } from '../server/db/types.js';
import type { LoadInput, LoadOutput } from './server-load.js';
import { busy, int, intOption, mark, mib, memory, percentile, table, type BenchOptions, type Section } from './measure.js';

const TARGET_UPLOAD_S = 60;
const TARGET_P95_MS = 50;
const PASSWORD = 'bench password 1';

// The national register layout (docs/records.md §10): items 8, 13, 14, 17, 18, 19 are 符合/不符合.
const CONFORM = new Set(['8', '13', '14', '17', '18', '19']);
const ITEMS = Array.from({ length: 19 }, (_, i) => String(i + 1));
// Counties of two cities of one province (杭州 3301xx, 金华 3307xx), as a province's upload spans them.
const COUNTIES = ['330102', '330105', '330106', '330108', '330109', '330110', '330111', '330112', '330702', '330703', '330723', '330726', '330727', '330781', '330782', '330783', '330784'];

/** A register of `rows` enterprises inspected in 2025, one in ten failing an item, one in forty failing ★1. */
function register(rows: number): Buffer {
  const head = ['编号', '企业名称', '统一社会信用代码', '行政区划代码', '主要产品', '检查日期', ...ITEMS].join(',');
  const lines = [head];
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let k = 0; k < rows; k++) {
    const county = COUNTIES[k % COUNTIES.length]!;
    const fail = rnd() < 0.025 ? '1' : rnd() < 0.1 ? String(3 + Math.floor(rnd() * 4)) : '';
    const day = `2025-${String(1 + (k % 12)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`;
    const answers = ITEMS.map((i) => (CONFORM.has(i) ? (i === fail ? '不符合' : '符合') : i === fail ? '发现问题' : '未发现问题'));
    lines.push([`QY${k}`, `基准测试企业${k}号有限公司`, withCheckDigit(`91${county}${String(k).padStart(9, '0')}`), county, '家具', day, ...answers].join(','));
  }
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

interface Figures {
  backend: string;
  rows: number;
  stored: number;
  uploadS: number;
  classifyS: number;
  /** CPU seconds of the upload: this process (read, classify, HTTP) and the database server. */
  nodeCpuS: number;
  dbCpuS: number;
  rssMiB: number;
  p50: number;
  p95: number;
  rps: number;
  errors: number;
  /** CPU milliseconds per page request: this process (server and the load's worker thread) and the database server. */
  pageCpuMs: number;
  pageDbMs: number;
}

const TICK = 100; // clock ticks per second of /proc/<pid>/stat (USER_HZ)

/** CPU seconds used so far by a PostgreSQL server: the postmaster, its live backends and the ones it has reaped. */
function postgresCpu(pg: LocalPostgres | undefined): number {
  if (!pg) return 0;
  try {
    const master = Number(readFileSync(join(pg.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    let ticks = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue;
      }
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Fields after the name: state ppid … utime(12) stime(13) cutime(14) cstime(15), counted from state = 0.
      const [ppid, utime, stime, cutime, cstime] = [f[1], f[11], f[12], f[13], f[14]].map(Number) as [number, number, number, number, number];
      if (Number(pid) === master) ticks += utime + stime + cutime + cstime;
      else if (ppid === master) ticks += utime + stime;
    }
    return ticks / TICK;
  } catch {
    return 0;
  }
}

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function signIn(app: FastifyInstance): Promise<Record<string, string>> {
  const r = await app.inject({ method: 'POST', url: '/api/login', payload: { login: 'bench-province', password: PASSWORD } });
  return { cookie: String(r.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': (r.json() as { csrfToken: string }).csrfToken };
}

async function runBackend(kind: 'postgres' | 'pglite', rows: number, connections: number, seconds: number, csv: Buffer): Promise<Figures> {
  let pg: LocalPostgres | undefined;
  let db: Database | undefined;
  let app: FastifyInstance | undefined;
  try {
    if (kind === 'postgres') pg = await startPostgres();
    db = await openDatabase(pg ? { url: pg.url } : { memory: true });
    app = await buildApp({ db, logger: false });
    await createUser(db, null, { login: 'bench-province', password: PASSWORD, role: 'province', regions: ['330000'] });
    const headers = await signIn(app);

    // The upload, as a county's browser sends it; the progress reported as it goes.
    let classified = 0;
    const cpu0 = cpuSeconds();
    const db0 = postgresCpu(pg);
    const t0 = process.hrtime.bigint();
    const up = app.inject({ method: 'POST', url: '/api/uploads?name=bench.csv', headers: { ...headers, 'content-type': 'text/csv' }, payload: csv });
    const hash = (await import('node:crypto')).createHash('sha256').update(csv).digest('hex');
    // Progress by the file's hash, polled while the upload runs (the client's view of it).
    const poll = (async () => {
      for (;;) {
        const p = await app!.inject({ url: `/api/uploads/${hash}/progress`, headers });
        const s = p.statusCode === 200 ? (p.json() as { phase: string }) : undefined;
        if (s?.phase === 'store' && !classified) classified = Number(process.hrtime.bigint() - t0) / 1e9;
        if (s?.phase === 'done' || s?.phase === 'failed') return;
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const res = await up;
    const uploadS = Number(process.hrtime.bigint() - t0) / 1e9;
    const nodeCpuS = cpuSeconds() - cpu0;
    const dbCpuS = postgresCpu(pg) - db0;
    await poll;
    if (res.statusCode !== 200) throw new Error(`upload: ${res.statusCode} ${res.body.slice(0, 300)}`);
    const summary = res.json() as { stored: number; errors: number };
    const rssMiB = memory().maxRss / 1024 / 1024;

    // The enterprise page API under load: every client asks for enterprises spread over the table.
    const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprises')) as [{ n: number }];
    const tokenRes = await app.inject({ method: 'POST', url: '/api/tokens', headers, payload: { name: 'bench' } });
    const token = (tokenRes.json() as { token: string }).token;
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const hammer = (secs: number) =>
      new Promise<LoadOutput>((resolve, reject) => {
        const input: LoadInput = { url, token, connections, seconds: secs, enterprises: n };
        const w = new Worker(new URL('./server-load.js', import.meta.url), { workerData: input });
        w.once('message', (m: LoadOutput | { error: string }) => ('error' in m ? reject(new Error(m.error)) : resolve(m)));
        w.once('error', reject);
      });
    // A warm-up first (compiled code, prepared statements on every pooled connection, pages in the cache), not counted.
    await hammer(Math.min(3, seconds));
    const pageCpu0 = cpuSeconds();
    const pageDb0 = postgresCpu(pg);
    const load = await hammer(seconds);
    const pageCpuMs = ((cpuSeconds() - pageCpu0) * 1000) / load.requests;
    const pageDbMs = ((postgresCpu(pg) - pageDb0) * 1000) / load.requests;
    const times = load.times;
    return { backend: kind === 'postgres' ? 'PostgreSQL 15' : 'PGlite', rows, stored: summary.stored, uploadS, classifyS: classified, nodeCpuS, dbCpuS, rssMiB, p50: percentile(times, 50), p95: percentile(times, 95), rps: load.requests / load.duration, errors: load.errors, pageCpuMs, pageDbMs };
  } finally {
    await app?.close();
    await db?.close();
    pg?.stop();
  }
}

const section: Section = {
  name: 'server',
  title: 'information system: 100,000-row upload stored, enterprise page API at 50 clients',
  async run(options: BenchOptions) {
    const rows = intOption(options, 'rows', 100_000);
    const connections = intOption(options, 'connections', 50);
    const seconds = intOption(options, 'seconds', 10);
    const wanted = (options.backends ?? 'postgres,pglite').split(',');
    const backends = (['postgres', 'pglite'] as const).filter((b) => wanted.includes(b) && (b !== 'postgres' || postgresAvailable));
    if (wanted.includes('postgres') && !postgresAvailable) console.log('PostgreSQL 15 is not installed (/usr/lib/postgresql/15/bin): the PostgreSQL figures are left out.');
    // PGlite runs in this process on one thread: a smaller register may be asked for it (the table says which size ran).
    const sizes = { postgres: rows, pglite: intOption(options, 'pglite-rows', rows) };
    console.log(`GET /api/enterprises/{id} with ${connections} connections for ${seconds} s after a warm-up (autocannon in a worker thread, API token)`);
    const out: Figures[] = [];
    for (const b of backends) {
      const csv = register(sizes[b]);
      console.log(`${b}: register of ${int(sizes[b])} rows, ${mib(csv.length)} CSV; ${busy()}`);
      out.push(await runBackend(b, sizes[b], connections, seconds, csv));
    }
    const pgTarget = (f: Figures, ok: boolean, text: string) => (f.backend.startsWith('PostgreSQL') ? `${mark(ok)} ${text}` : '—');
    console.log(
      '\n' +
        table(
          ['database', '>register rows', '>rows stored', '>upload s', '>read+classify s', '>CPU s node+db', '>rows/s', '>peak RSS', 'target < 60 s', '>p50 ms', '>p95 ms', '>requests/s', '>CPU ms/request node+db', '>errors', 'target p95 < 50 ms'],
          out.map((f) => [
            f.backend,
            int(f.rows),
            int(f.stored),
            f.uploadS.toFixed(1),
            f.classifyS ? f.classifyS.toFixed(1) : '—',
            `${f.nodeCpuS.toFixed(1)}+${f.backend === 'PGlite' ? '(in node)' : f.dbCpuS.toFixed(1)}`,
            int(f.stored / f.uploadS),
            `${int(f.rssMiB)} MiB`,
            pgTarget(f, f.uploadS < TARGET_UPLOAD_S, `${f.uploadS.toFixed(1)} s`),
            f.p50.toFixed(1),
            f.p95.toFixed(1),
            int(f.rps),
            `${f.pageCpuMs.toFixed(2)}+${f.backend === 'PGlite' ? '(in node)' : f.pageDbMs.toFixed(2)}`,
            String(f.errors),
            pgTarget(f, f.p95 < TARGET_P95_MS, `${f.p95.toFixed(1)} ms`),
          ]),
        ),
    );
    console.log(`\n${busy()}; CPU seconds say what the upload costs whatever the load (PGlite runs inside this process).`);
    console.log('upload: POST /api/uploads in one transaction (read, classify with the runtime, write set-wise), timed from the request to the answer; "read+classify" is when the progress endpoint (GET /api/uploads/{hash}/progress, polled every 200 ms) first said "store".');
  },
};

export default section;
