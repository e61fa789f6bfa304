// The information system's API on the server's database (PostgreSQL when installed): sign-in and CSRF, uploads that are
// one transaction and idempotent, 第二十一条 history from the database, the region scope,
// 备案 from submission to lock, and rule versions refused when weaker.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHUNK } from '../../server/domain/store.js';
import { as, addUser, buildTestApp, countyRows, creditCode, nationalRecord, register, signIn, uploadCsv, type Row } from './api.js';
import { describeOnBackend } from './backends.js';

const COUNTY_A = '330110';
const COUNTY_B = '330782';
// A register one row longer than the database writes at a time: stored in two statements.
const ROWS = CHUNK + 1;
const classOf = (fails: string[]) => (fails.some((f) => ['1', '2', '12', '14', '15', '16', '17'].includes(f)) ? 'C' : fails.length === 0 ? 'AA' : fails.length === 1 ? 'A' : 'B');

describeOnBackend('information system API', (db) => {
  let app: FastifyInstance;
  let province: ReturnType<typeof as>;
  let national: ReturnType<typeof as>;
  let countyA: ReturnType<typeof as>;
  let countyB: ReturnType<typeof as>;

  beforeAll(async () => {
    app = await buildTestApp(db());
    await addUser(db(), 'zj-admin', 'province', ['330000', '320000']);
    await addUser(db(), 'national-admin', 'province', ['000000']);
    await addUser(db(), 'yuhang', 'county', [COUNTY_A]);
    await addUser(db(), 'yiwu', 'county', [COUNTY_B]);
    province = as(app, await signIn(app, 'zj-admin'));
    national = as(app, await signIn(app, 'national-admin'));
    countyA = as(app, await signIn(app, 'yuhang'));
    countyB = as(app, await signIn(app, 'yiwu'));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('serves its OpenAPI document, and refuses requests without a session or a token', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/uploads', '/api/enterprises/{id}', '/api/filings/{id}/accept', '/api/rule-versions', '/api/due-for-review', '/api/lowered']));
    expect(Object.keys(doc.components.schemas)).toEqual(['fenlei-record', 'fenlei-decision']);
    expect(JSON.stringify(doc.paths['/api/inspections'])).toContain('#/components/schemas/fenlei-record');
    const anonymous = await app.inject({ url: '/api/enterprises' });
    expect(anonymous.statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/login', payload: { login: 'yuhang', password: 'wrong password' } })).statusCode).toBe(401);
  });

  it('needs the CSRF token on cookie writes, not on API-token writes; cookies are HTTP-only and Secure', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/login', payload: { login: 'yuhang', password: 'correct horse battery' } });
    expect(String(login.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict; Max-Age=\d+; Secure/);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const noCsrf = await app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie }, payload: { name: 'x' } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf');
    const token = (await countyA({ method: 'POST', url: '/api/tokens', payload: { name: '市场监管平台' } })).json().token as string;
    const viaToken = await app.inject({ method: 'POST', url: '/api/inspections', headers: { authorization: `Bearer ${token}` }, payload: { record: nationalRecord({ id: 't1', name: '令牌测试有限公司', code17: '91330110TOKEN0001', region: COUNTY_A, date: '2025-02-01' }) } });
    expect(viaToken.statusCode).toBe(200);
    expect(viaToken.json().decision.class).toBe('AA');
    expect((await app.inject({ url: '/api/me', headers: { authorization: 'Bearer nonsense' } })).statusCode).toBe(401);
  });

  it('takes a register of more than one chunk once: the same file twice, and the same inspections in another file, add nothing', async () => {
    const fails = (k: number) => (k % 7 === 0 ? ['1'] : k % 5 === 0 ? ['3'] : k % 11 === 0 ? ['4', '5', '6'] : []);
    const rows = countyRows(COUNTY_A, ROWS, '2025-03-01', fails);
    const csv = register(rows);
    const first = (await uploadCsv(countyA, csv)).json();
    expect([first.rows, first.stored, first.duplicates, first.errors, first.alreadyTaken]).toEqual([ROWS, ROWS, 0, 0, false]);
    expect(first.results.map((r: { decision: { class: string } }) => r.decision.class)).toEqual(rows.map((r) => classOf(r.fails!)));
    // Its progress, by the file's hash, for the one who sent it.
    const progress = (await countyA({ url: `/api/uploads/${first.fileHash}/progress` })).json();
    expect([progress.phase, progress.done, progress.total, progress.fileName]).toEqual(['done', ROWS, ROWS, 'register.csv']);
    expect((await countyB({ url: `/api/uploads/${first.fileHash}/progress` })).statusCode).toBe(404);
    const again = (await uploadCsv(countyA, csv)).json();
    expect([again.uploadId, again.alreadyTaken, again.stored]).toEqual([first.uploadId, true, ROWS]);
    // Another file (a title row, rows reversed): every inspection is there already.
    const other = (await uploadCsv(countyA, `某区2025年度企业分类登记表\r\n${register([...rows].reverse())}`, 'copy.csv')).json();
    expect([other.rows, other.stored, other.duplicates, other.alreadyTaken]).toEqual([ROWS, 0, ROWS, false]);
    const counts = await db().query<{ inspections: number; decisions: number; enterprises: number }>(
      `SELECT count(DISTINCT i.id)::int AS inspections, count(DISTINCT d.id)::int AS decisions, count(DISTINCT e.id)::int AS enterprises
         FROM enterprises e JOIN inspections i ON i.enterprise_id = e.id JOIN decisions d ON d.inspection_id = i.id WHERE e.region = $1 AND i.inspection_date = '2025-03-01'`,
      [COUNTY_A],
    );
    expect(counts).toEqual([{ inspections: ROWS, decisions: ROWS, enterprises: ROWS }]);
  });

  it('decides next year from the database: the rise is capped, a trigger event lowers at once (D11) and at the review, nothing typed by hand', async () => {
    const base: Row[] = [
      { id: 'H1', name: '甲家具有限公司', code17: '91330782HIST00001', region: COUNTY_B, date: '2025-03-10', fails: ['3', '4', '5'] },
      { id: 'H2', name: '乙家具有限公司', code17: '91330782HIST00002', region: COUNTY_B, date: '2025-03-10', fails: ['19'] },
      { id: 'H3', name: '丙家具有限公司', code17: '91330782HIST00003', region: COUNTY_B, date: '2025-03-10', fails: [] },
      { id: 'H4', name: '丁家具有限公司', code17: '91330782HIST00004', region: COUNTY_B, date: '2025-03-10', fails: ['1'] },
    ];
    const y1 = (await uploadCsv(countyB, register(base), 'y1.csv')).json();
    expect(y1.results.map((r: { decision: { class: string } }) => r.decision.class)).toEqual(['B', 'A', 'AA', 'C']);
    const ids = y1.results.map((r: { enterpriseId: number }) => r.enterpriseId) as number[];
    // D11: a trigger between reviews lowers the class at once, one level below the last review's; C stays C.
    const ev = (await countyB({ method: 'POST', url: '/api/events', payload: { enterpriseId: ids[1], type: '抽查不合格', date: '2025-09-20', level: '省级' } })).json();
    expect([ev.decision.class, ev.decision.mode, typeof ev.decisionId]).toEqual(['B', '常态监管', 'number']);
    expect(ev.decision.trace.some((s: { step: string; article?: string }) => s.step === 'review' && s.article === '第二十一条')).toBe(true);
    const evC = (await countyB({ method: 'POST', url: '/api/events', payload: { enterpriseId: ids[3], type: '行政处罚', date: '2025-10-08' } })).json();
    expect(evC.decision.class).toBe('C');
    const notTrigger = (await countyB({ method: 'POST', url: '/api/events', payload: { enterpriseId: ids[2], type: '拒绝抽查', date: '2025-10-09' } })).json();
    expect([notTrigger.decisionId, notTrigger.noDecision]).toEqual([undefined, '“拒绝抽查”不是第二十一条的降级情形 / not an Art. 21 trigger']);
    const lowered = (await countyB({ url: '/api/lowered?since=2025-01-01' })).json();
    expect(lowered.decisions.map((d: Record<string, unknown>) => [d.decisionId, d.enterpriseId, d.previousClass, d.class, d.event, d.level])).toEqual([[ev.decisionId, ids[1], 'A', 'B', '抽查不合格', 'provincial']]);
    expect((await countyB({ url: `/api/enterprises/${ids[1]}` })).json().enterprise.class).toBe('B');
    // Between reviews an inspection neither rises nor takes the lowering as its previous class (docs/server.md §5).
    const between = (await countyB({ method: 'POST', url: '/api/inspections', payload: { record: nationalRecord({ ...base[1]!, date: '2025-11-15', fails: [] }) } })).json();
    expect([between.decision.class, between.historySource]).toEqual(['B', 'database']);
    const betweenTrace = (await countyB({ url: `/api/decisions/${between.decisionId}` })).json();
    expect([betweenTrace.isReview, betweenTrace.history.previousClass, betweenTrace.history.previousReviewDate]).toEqual([false, 'A', '2025-03-10']);
    // Next year's register has no history columns; every enterprise passes every item.
    const y2 = (await uploadCsv(countyB, register(base.map((r) => ({ ...r, date: '2026-03-12', fails: [] })), false), 'y2.csv')).json();
    const got = y2.results.map((r: { historySource: string; decision: { assessedClass: string; class: string } }) => [r.historySource, r.decision.assessedClass, r.decision.class]);
    // H1: B → at most A (不允许越级上升); H2: A with a sampling failure since → at most B;
    // H3: a refused sampling is no trigger (no decision at once) but 第十一条 makes item ★14 fail from the
    // history (D8): C; H4: C with a penalty since stays C.
    expect(got).toEqual([
      ['database', 'AA', 'A'],
      ['database', 'AA', 'B'],
      ['database', 'C', 'C'],
      ['database', 'C', 'C'],
    ]);
    const h2 = (await countyB({ url: `/api/enterprises/${ids[1]}` })).json();
    expect(h2.enterprise.class).toBe('B');
    expect(h2.decisions.map((d: { kind: string; decidedOn: string; class: string; previousClass: string | null }) => [d.kind, d.decidedOn, d.previousClass, d.class])).toEqual([
      ['inspection', '2025-03-10', null, 'A'],
      ['event', '2025-09-20', 'A', 'B'],
      ['inspection', '2025-11-15', 'A', 'B'],
      ['inspection', '2026-03-12', 'A', 'B'],
    ]);
    const last = h2.decisions.at(-1);
    const trace = (await countyB({ url: `/api/decisions/${last.id}` })).json();
    expect(trace.history).toMatchObject({ previousClass: 'A', previousReviewDate: '2025-03-10', source: 'database', events: [{ type: '抽查不合格', date: '2025-09-20', level: 'provincial' }] });
    expect(trace.trace.some((s: { step: string; text: string }) => s.step === 'review' && s.text.includes('抽查不合格'))).toBe(true);
    const due = (await countyB({ url: '/api/due-for-review?on=2026-03-11' })).json();
    expect(due.enterprises.map((e: { name: string }) => e.name)).toEqual([]);
    const dueLater = (await countyB({ url: '/api/due-for-review?on=2027-03-12' })).json();
    expect(dueLater.enterprises.map((e: { name: string; lastReview: string }) => [e.name, e.lastReview])).toEqual(base.map((b) => [b.name, '2026-03-12']));
  });

  it("keeps a county to its own enterprises: 403 on another county's, in lists and in uploads", async () => {
    const rec = nationalRecord({ id: 'S1', name: '义乌某工具有限公司', code17: '91330782SCOPE0001', region: COUNTY_B, date: '2025-04-01' });
    const made = (await countyB({ method: 'POST', url: '/api/inspections', payload: { record: rec } })).json();
    expect((await countyA({ url: `/api/enterprises/${made.enterpriseId}` })).statusCode).toBe(403);
    expect((await countyA({ url: `/api/decisions/${made.decisionId}` })).statusCode).toBe(403);
    expect((await countyA({ method: 'POST', url: '/api/events', payload: { enterpriseId: made.enterpriseId, type: '行政处罚', date: '2025-05-01' } })).statusCode).toBe(403);
    expect((await countyA({ method: 'POST', url: '/api/inspections', payload: { record: rec } })).statusCode).toBe(403);
    const list = (await countyA({ url: '/api/enterprises?q=义乌' })).json();
    expect(list.enterprises).toEqual([]);
    expect((await province({ url: `/api/enterprises/${made.enterpriseId}` })).statusCode).toBe(200);
    // One row of another county refuses the whole upload: nothing of it is stored.
    const before = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM inspections');
    const mixed = register([...countyRows(COUNTY_A, 3, '2025-06-01'), { id: 'X', name: '外县企业', code17: '91330782SCOPE0002', region: COUNTY_B, date: '2025-06-01' }]);
    expect((await uploadCsv(countyA, mixed, 'mixed.csv')).statusCode).toBe(403);
    expect(await db().query<{ n: number }>('SELECT count(*)::int AS n FROM inspections')).toEqual(before);
  });

  it('takes a filing from submission through return and resubmission to acceptance, then locks it', async () => {
    const create = await countyA({ method: 'POST', url: '/api/filings', payload: { region: COUNTY_A, periodStart: '2025-01-01', periodEnd: '2025-12-31' } });
    expect(create.statusCode).toBe(200);
    const id = create.json().filing.id as number;
    // The register's decisions and the one of the token test.
    expect(create.json().decisions.length).toBe(ROWS + 1);
    expect((await countyA({ method: 'POST', url: `/api/filings/${id}/accept` })).statusCode).toBe(403);
    expect((await countyA({ method: 'POST', url: `/api/filings/${id}/submit` })).json().filing.state).toBe('submitted');
    const returned = (await province({ method: 'POST', url: `/api/filings/${id}/return`, payload: { comment: '请补充第7号企业的检查记录' } })).json();
    expect([returned.filing.state, returned.filing.comment]).toEqual(['returned', '请补充第7号企业的检查记录']);
    expect((await countyA({ method: 'POST', url: `/api/filings/${id}/submit` })).json().filing.state).toBe('submitted');
    const accepted = (await province({ method: 'POST', url: `/api/filings/${id}/accept` })).json();
    expect(accepted.filing.state).toBe('accepted');
    expect(accepted.steps.map((s: { state: string }) => s.state)).toEqual(['submitted', 'returned', 'submitted', 'accepted']);
    expect(accepted.decisions.every((d: { locked: boolean }) => d.locked)).toBe(true);
    const again = await countyA({ method: 'POST', url: `/api/filings/${id}/submit` });
    expect(again.statusCode).toBe(409);
    expect((await province({ method: 'POST', url: `/api/filings/${id}/return`, payload: { comment: '再看看' } })).statusCode).toBe(409);
    await expect(db().query('UPDATE decisions SET locked = true WHERE id = $1', [accepted.decisions[0].id])).rejects.toThrow(/锁定/);
    // The other county cannot see it.
    expect((await countyB({ url: `/api/filings/${id}` })).statusCode).toBe(403);
  });

  it('publishes a province that is proved not weaker, and refuses one that is weaker', async () => {
    const examples = join(import.meta.dirname, '../../rules/examples');
    const zhejiang = readFileSync(join(examples, 'zhejiang/rules.yaml'), 'utf8');
    // Its catalogues (产品目录) must be published first: the rule file names them.
    const early = await province({ method: 'POST', url: '/api/rule-versions', payload: { region: '320000', yaml: zhejiang } });
    expect([early.statusCode, early.json().error.code]).toEqual([422, 'checkFailed']);
    expect(early.json().error.details.diagnostics.map((d: { code: string }) => d.code)).toContain('FL2040');
    const catalogue = (who: typeof province, region: string, path: string) => who({ method: 'POST', url: '/api/catalogues', payload: { region, fileName: path.split('/').pop(), yaml: readFileSync(join(examples, path), 'utf8') } });
    expect((await catalogue(province, '000000', 'catalogues/national-illustrative.yaml')).statusCode).toBe(403);
    expect((await catalogue(province, '320000', 'catalogues/national-illustrative.yaml')).statusCode).toBe(422);
    expect((await catalogue(national, '000000', 'catalogues/national-illustrative.yaml')).statusCode).toBe(200);
    expect((await catalogue(province, '320000', 'zhejiang/catalogues/zhejiang-2024.yaml')).json()).toMatchObject({ version: '2024.1', effective: '2024-01-01' });
    const ok = await province({ method: 'POST', url: '/api/rule-versions', payload: { region: '320000', yaml: zhejiang } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().verification.status).toBe('notWeaker');
    // The national 90% for A over 25–27 items: extra items dilute the ratio (weaker).
    const weaker = zhejiang.replace('版本: "2024.1"', '版本: "2024.2"').replace('条件: 通过率 >= 96%', '条件: 通过率 >= 90%');
    const refused = await province({ method: 'POST', url: '/api/rule-versions', payload: { region: '320000', yaml: weaker } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('weaker');
    const broken = await province({ method: 'POST', url: '/api/rule-versions', payload: { region: '320000', yaml: '元数据: [' } });
    expect([broken.statusCode, broken.json().error.code]).toEqual([422, 'checkFailed']);
    expect((await countyA({ method: 'POST', url: '/api/rule-versions', payload: { region: '330000', yaml: zhejiang } })).statusCode).toBe(403);
    const versions = (await province({ url: '/api/rule-versions' })).json().versions.map((v: { region: string; version: string; verified: string | null }) => [v.region, v.version, v.verified]);
    expect(versions).toEqual([
      ['000000', '2011.1', null],
      ['320000', '2024.1', 'notWeaker'],
    ]);
  }, 120_000);

  it('reads an xlsx register with the same readers, and imports events from a CSV', async () => {
    const rows = countyRows(COUNTY_B, 3, '2025-08-01').map((r, k) => ({ ...r, code17: `91330782XLSX0000${k}` }));
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('登记表');
    for (const line of register(rows).trim().split('\r\n')) sheet.addRow(line.split(','));
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await countyB({ method: 'POST', url: '/api/uploads?name=register.xlsx', headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, payload: bytes });
    expect([up.json().stored, up.json().errors]).toEqual([3, 0]);
    const csv = `统一社会信用代码,类型,日期,级别\r\n${creditCode(rows[0]!.code17)},抽查不合格,2025-09-01,县级\r\n${creditCode(rows[1]!.code17)},拒绝抽查,2025-09-02,\r\n91330782ZZZZZZZZZZ,行政处罚,2025-09-03,\r\n${creditCode(rows[2]!.code17)},不存在的事件,2025-09-04,\r\n`;
    const im = (await countyB({ method: 'POST', url: '/api/events/import', headers: { 'content-type': 'text/csv' }, payload: csv })).json();
    expect([im.rows, im.stored]).toEqual([4, 2]);
    expect(im.results.map((r: { row: number; error?: { code: string } }) => [r.row, r.error?.code ?? 'ok'])).toEqual([
      [2, 'ok'],
      [3, 'ok'],
      [4, 'invalid'],
      [5, 'invalid'],
    ]);
    const notAWorkbook = await countyB({ method: 'POST', url: '/api/uploads?name=x.xlsx', headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, payload: Buffer.from('not a workbook') });
    expect([notAWorkbook.statusCode, notAWorkbook.json().error.code]).toEqual([422, 'invalid']);
    const ent = (await countyB({ url: `/api/enterprises/${up.json().results[0].enterpriseId}` })).json();
    expect(ent.events).toEqual([{ id: expect.any(Number), type: '抽查不合格', date: '2025-09-01', level: 'county', note: '' }]);
  });

  it('loses nothing when two counties upload at once', async () => {
    const a = register(countyRows(COUNTY_A, 60, '2026-02-01'));
    const b = register(countyRows(COUNTY_B, 60, '2026-02-02'));
    const [ra, rb] = await Promise.all([uploadCsv(countyA, a, 'a.csv'), uploadCsv(countyB, b, 'b.csv')]);
    expect([ra.statusCode, rb.statusCode]).toEqual([200, 200]);
    expect([ra.json().stored, rb.json().stored]).toEqual([60, 60]);
    const n = await db().query<{ region: string; n: number }>("SELECT e.region, count(*)::int AS n FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id WHERE i.inspection_date IN ('2026-02-01', '2026-02-02') GROUP BY 1 ORDER BY 1");
    expect(n).toEqual([
      { region: COUNTY_A, n: 60 },
      { region: COUNTY_B, n: 60 },
    ]);
  });
});
