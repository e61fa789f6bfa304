// A draft's impact as a job (POST /api/reports/compare/jobs, then GET …/{id}): the stored result
// is what `fenlei compare` gives over the same register, whatever the batch size; the same draft,
// scope and assumption over unchanged data is answered by the stored job; a job whose server
// stopped is shown as interrupted and runs again; a county never starts or sees one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { classKey, emptyCompare } from '../../cli/format/compare-data.js';
import { compareRecord } from '../../cli/io/compare-eval.js';
import { readRecords } from '../../cli/io/read-records.js';
import { registerSchema } from '../../cli/io/register-columns.js';
import { loadVersions } from '../../cli/load-rules.js';
import { dayNumber } from '../../runtime/index.js';
import { compareDraft } from '../../server/domain/compare.js';
import { draftSha256, type CompareJob } from '../../server/domain/compare-jobs.js';
import { RuleBook } from '../../server/domain/rule-book.js';
import { as, addUser, buildTestApp, countyRows, register, signIn, STRICT_A_DRAFT as DRAFT, uploadCsv, type Row } from './api.js';
import { describeOnBackend } from './backends.js';

const HANGZHOU = '330110';
const JINHUA = '330782';
// ★1 fails every 7th (C), one item every 5th (A), three every 11th (B); the rest AA.
const fails = (k: number) => (k % 7 === 0 ? ['1'] : k % 5 === 0 ? ['3'] : k % 11 === 0 ? ['4', '5', '6'] : []);

describeOnBackend('a draft compared as a job', (db) => {
  let app: FastifyInstance;
  let province: ReturnType<typeof as>;
  let county: ReturnType<typeof as>;
  let jiangsu: ReturnType<typeof as>;
  let dir: string;
  let rows: Row[];

  /** The job once no server counts it any more (polled: the count runs after the answer). */
  async function settled(id: number): Promise<CompareJob> {
    for (;;) {
      const job = (await province({ url: `/api/reports/compare/jobs/${id}` })).json() as CompareJob;
      if (job.state !== 'running') return job;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  const start = (payload: Record<string, string>) => province({ method: 'POST', url: '/api/reports/compare/jobs', payload: { yaml: DRAFT, ...payload } });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fenlei-compare-'));
    app = await buildTestApp(db());
    await addUser(db(), 'zj', 'province', ['330000']);
    await addUser(db(), 'js', 'province', ['320000']);
    await addUser(db(), 'yuhang', 'county', [HANGZHOU]);
    province = as(app, await signIn(app, 'zj'));
    jiangsu = as(app, await signIn(app, 'js'));
    county = as(app, await signIn(app, 'yuhang'));
    rows = [...countyRows(HANGZHOU, 40, '2025-03-01', fails), ...countyRows(JINHUA, 23, '2025-04-01', (k) => (k % 3 === 0 ? ['1'] : []))];
    const up = await uploadCsv(province, register(rows), 'y1.csv');
    expect([up.statusCode, up.json().stored]).toEqual([200, 63]);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the figures fenlei compare gives over the same register, and reuses them over unchanged data', async () => {
    const started = await start({ region: '330000' });
    expect(started.statusCode).toBe(202);
    const first = started.json() as CompareJob;
    expect(started.headers.location).toBe(`/api/reports/compare/jobs/${first.id}`);
    expect([first.scope, first.draftSha256, first.assume]).toEqual([['330000'], draftSha256(DRAFT), null]);
    const job = await settled(first.id);
    expect([job.state, job.done, job.total, job.error]).toEqual(['done', 63, 63, null]);
    expect(job.computeMs).toBeGreaterThanOrEqual(0);

    const path = join(dir, 'y1.csv');
    writeFileSync(path, register(rows));
    writeFileSync(join(dir, 'draft.yaml'), DRAFT);
    const draft = loadVersions([join(dir, 'draft.yaml')], undefined, true);
    const against = loadVersions(['national'], undefined, true);
    const cli = emptyCompare();
    for await (const input of readRecords(path, 'csv', registerSchema([draft.evaluator!.ir, against.evaluator!.ir]), { skippedBlank: 0, extraColumns: [] })) {
      compareRecord(cli, { draft: draft.evaluator!, against: against.evaluator! }, { raw: input.raw, position: input.position, error: input.error, name: '' }, { today: dayNumber(job.asOf) });
    }
    const r = job.result!;
    expect([r.records, r.moved, r.up, r.down, r.modeChanged]).toEqual([cli.records, cli.moved, cli.up, cli.down, cli.modeChanged]);
    expect([r.records, r.moved]).toEqual([63, 6]);
    expect(r.classMatrix).toEqual(cli.classMatrix);
    expect(r.modeMatrix).toEqual(cli.modeMatrix);
    expect(r.movers.map((m) => [m.before.class, m.after.class])).toEqual(cli.movers.map((m) => [classKey(m.before), classKey(m.after)]));
    // A page of the movers whose class changes, as the web page asks for them.
    const classMovers = r.movers.filter((m) => m.before.class !== m.after.class);
    const page = (await province({ url: `/api/reports/compare/jobs/${first.id}?moversClass=true&moversOffset=1&moversLimit=2` })).json() as CompareJob;
    expect([page.moversListed, page.result!.movers, page.result!.moved]).toEqual([classMovers.length, classMovers.slice(1, 3), r.moved]);
    expect(job.moversListed).toBe(r.movers.length);
    // The answer at once (for scripts) is the same as the job's.
    expect((await province({ method: 'POST', url: '/api/reports/compare', payload: { yaml: DRAFT, region: '330000' } })).json()).toEqual(r);

    // The same draft, scope and assumption over unchanged data: the same job; another assumption: a new one.
    expect((await start({ region: '330000' })).json().id).toBe(first.id);
    const pass = (await start({ region: '330000', assume: 'pass' })).json() as CompareJob;
    expect(pass.id).not.toBe(first.id);
    expect((await settled(pass.id)).state).toBe('done');
    // A new decision (one more inspection stored) changes the data: counted again, one more record.
    const more = countyRows(HANGZHOU, 41, '2025-03-01', fails).slice(40);
    expect((await uploadCsv(province, register(more), 'y2.csv')).json().stored).toBe(1);
    const again = (await start({ region: '330000' })).json() as CompareJob;
    expect(again.id).not.toBe(first.id);
    expect((await settled(again.id)).result!.records).toBe(64);
  });

  it('counts the same in batches of any size, in the register order', async () => {
    const rules = new RuleBook();
    const whole = await compareDraft(db(), rules, ['330000'], DRAFT, { region: '330000' });
    const small = await compareDraft(db(), rules, ['330000'], DRAFT, { region: '330000', batch: 7 });
    expect(small).toEqual(whole);
    expect(whole.movers.length).toBeGreaterThan(1);
  });

  it('shows a job whose server stopped as interrupted, and runs it again', async () => {
    const id = ((await start({ region: '330000', scope: HANGZHOU })).json() as CompareJob).id;
    const done = await settled(id);
    expect(done.result!.records).toBe(41);
    // As a server that stopped mid-count leaves it: running, its heartbeat a minute old.
    await db().query(`UPDATE compare_jobs SET state = 'running', result = NULL, done = 20, heartbeat_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    const stopped = (await province({ url: `/api/reports/compare/jobs/${id}` })).json() as CompareJob;
    expect([stopped.state, stopped.done, stopped.error?.message, stopped.result]).toEqual(['interrupted', 20, '服务器停止，比较中断', undefined]);
    // Not reused by a new request: that one starts afresh.
    const fresh = (await start({ region: '330000', scope: HANGZHOU })).json() as CompareJob;
    expect(fresh.id).not.toBe(id);
    await settled(fresh.id);
    const rerun = await province({ method: 'POST', url: `/api/reports/compare/jobs/${id}/run` });
    expect([rerun.statusCode, rerun.json().id]).toEqual([202, id]);
    const after = await settled(id);
    expect([after.state, after.error]).toEqual(['done', null]);
    expect(after.result).toEqual(done.result);
  });

  it('refuses a broken draft at once, and keeps jobs to the province and its regions', async () => {
    const n = (await db().query<{ n: number }>('SELECT count(*)::int AS n FROM compare_jobs'))[0]!.n;
    const bad = await province({ method: 'POST', url: '/api/reports/compare/jobs', payload: { yaml: '元数据: [', region: '330000' } });
    expect([bad.statusCode, bad.json().error.code]).toEqual([422, 'checkFailed']);
    expect((await db().query<{ n: number }>('SELECT count(*)::int AS n FROM compare_jobs'))[0]!.n).toBe(n);

    const id = ((await start({ region: '330000' })).json() as CompareJob).id;
    expect((await county({ method: 'POST', url: '/api/reports/compare/jobs', payload: { yaml: DRAFT } })).statusCode).toBe(403);
    expect((await county({ url: `/api/reports/compare/jobs/${id}` })).statusCode).toBe(403);
    // Another province's user: as if there were no such job.
    expect((await jiangsu({ url: `/api/reports/compare/jobs/${id}` })).statusCode).toBe(404);
    expect((await jiangsu({ method: 'POST', url: `/api/reports/compare/jobs/${id}/run` })).statusCode).toBe(404);
    expect((await jiangsu({ method: 'POST', url: '/api/reports/compare/jobs', payload: { yaml: DRAFT, scope: HANGZHOU } })).statusCode).toBe(403);
    expect((await province({ url: '/api/reports/compare/jobs/999999' })).statusCode).toBe(404);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/reports/compare/jobs', '/api/reports/compare/jobs/{id}', '/api/reports/compare/jobs/{id}/run', '/api/reports/compare', '/api/reports/compare.html']));
    expect(Object.keys(doc.paths['/api/reports/compare/jobs']!.post!.responses)).toEqual(['202']);
    expect(JSON.stringify(doc.paths['/api/reports/compare/jobs/{id}']!.get!.responses)).toContain('"interrupted"');
  });
});
