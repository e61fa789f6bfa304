// The read-only role over the server (in process, PGlite): a read-only user reads the pages of
// its region with no
// write control on them, and meets 403 on every write — each page form posted with a valid CSRF
// token, and each write route of the JSON API with a valid body (so the refusal is the role's,
// not the schema's) — and nothing is written.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import type { Database } from '../../server/db/types.js';
import { freshDatabase } from './backends.js';
import { addUser, as, countyRows, nationalRecord, PASSWORD, register, signIn, uploadCsv } from './api.js';

const YUHANG = '330110';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let db: Database;
let app: FastifyInstance;
let enterpriseId = 0;
let decisionId = 0;
let filingId = 0;
/** The read-only user's page session. */
let page: { cookie: string; csrf: string };

/** What a write would change: every table a write route adds to. */
const counts = async () =>
  (await db.query<{ t: string; n: number }>(
    `SELECT 'inspections' AS t, count(*)::int AS n FROM inspections UNION ALL SELECT 'decisions', count(*)::int FROM decisions UNION ALL SELECT 'events', count(*)::int FROM events
     UNION ALL SELECT 'uploads', count(*)::int FROM uploads UNION ALL SELECT 'filings', count(*)::int FROM filings UNION ALL SELECT 'filing_steps', count(*)::int FROM filing_steps
     UNION ALL SELECT 'rule_versions', count(*)::int FROM rule_versions UNION ALL SELECT 'catalogues', count(*)::int FROM catalogues UNION ALL SELECT 'users', count(*)::int FROM users`,
  )).map((r) => `${r.t}=${r.n}`);

beforeAll(async () => {
  db = (await freshDatabase('pglite')).db;
  app = await buildApp({ db });
  await addUser(db, 'yuhang', 'county', [YUHANG]);
  await addUser(db, 'yuhang-viewer', 'readonly', [YUHANG]);
  const county = as(app, await signIn(app, 'yuhang'));
  expect((await uploadCsv(county, register(countyRows(YUHANG, 2, '2025-03-01')))).json().stored).toBe(2);
  const f = (await county({ method: 'POST', url: '/api/filings', payload: { region: YUHANG, periodStart: '2025-01-01', periodEnd: '2025-12-31' } })).json();
  filingId = f.filing.id;
  enterpriseId = f.decisions[0].enterpriseId;
  decisionId = f.decisions[0].id;
  expect((await county({ method: 'POST', url: `/api/filings/${filingId}/submit` })).statusCode).toBe(200);
  const r = await app.inject({ method: 'POST', url: '/login', headers: FORM, payload: new URLSearchParams({ login: 'yuhang-viewer', password: PASSWORD, next: '/' }).toString() });
  expect([r.statusCode, r.headers.location]).toEqual([303, '/']);
  const cookie = String(r.headers['set-cookie']).split(';')[0]!;
  const home = await app.inject({ method: 'GET', url: '/', headers: { cookie } });
  page = { cookie, csrf: /<meta name="csrf-token" content="([^"]+)">/.exec(home.body)![1]! };
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: page.cookie } });

describe('the read-only role', () => {
  it('reads the pages of its region, with no write control on any of them', async () => {
    const paths = ['/', '/enterprises', `/enterprises/${enterpriseId}`, `/decisions/${decisionId}`, '/filings', `/filings/${filingId}`, '/report', '/report/map', '/rule-versions'];
    for (const path of paths) {
      const r = await get(path);
      expect([path, r.statusCode]).toEqual([path, 200]);
      // The only form that posts is signing out; no link leads to a write page.
      expect([path, r.body.match(/<form[^>]*method="post"[^>]*>/g)]).toEqual([path, ['<form method="post" action="/logout" class="signout">']]);
      expect([path, r.body.match(/href="\/(uploads\/new|inspections\/new|filings\/new|rule-versions\/publish|compare)"/g)]).toEqual([path, null]);
      expect([path, /<button[^>]*>(上传|保存这次检查|预览判定|报送|重新报送|接收|退回)/.test(r.body)]).toEqual([path, false]);
    }
  });

  it('meets the 403 page on every write page', async () => {
    for (const path of ['/uploads/new', '/inspections/new', '/filings/new', '/rule-versions/publish', '/compare', '/uploads/template.xlsx']) {
      const r = await get(path);
      expect([path, r.statusCode, r.body.includes('<title>无权访问')]).toEqual([path, 403, true]);
    }
  });

  it('meets 403 on every page form posted with a valid token, and nothing is written', async () => {
    const before = await counts();
    const forms: [string, Record<string, string>][] = [
      ['/inspections/preview', { region: YUHANG, date: '2025-05-01' }],
      ['/inspections', { region: YUHANG, date: '2025-05-01' }],
      ['/filings', { region: YUHANG, periodStart: '2025-01-01', periodEnd: '2025-12-31', mode: 'whole' }],
      [`/filings/${filingId}/submit`, {}],
      [`/filings/${filingId}/return`, { comment: '只读用户的意见' }],
      [`/filings/${filingId}/accept`, {}],
      ['/rule-versions/publish', { region: '330000', yaml: 'x' }],
      ['/compare', { yaml: 'x' }],
    ];
    for (const [path, fields] of forms) {
      const r = await app.inject({ method: 'POST', url: path, headers: { ...FORM, cookie: page.cookie }, payload: new URLSearchParams({ _csrf: page.csrf, ...fields }).toString() });
      expect([path, r.statusCode, r.body.includes('您的角色不能使用此页面')]).toEqual([path, 403, true]);
    }
    // The upload without scripts: a multipart form with a register in it.
    const boundary = '----fenleiReadonly';
    const body = Buffer.from(
      [`--${boundary}`, 'Content-Disposition: form-data; name="_csrf"', '', page.csrf, `--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="register.csv"', 'Content-Type: text/csv', '', register(countyRows(YUHANG, 1, '2025-05-01')), `--${boundary}--`, ''].join('\r\n'),
    );
    const up = await app.inject({ method: 'POST', url: '/uploads', headers: { cookie: page.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect([up.statusCode, up.body.includes('您的角色不能使用此页面')]).toEqual([403, true]);
    expect(await counts()).toEqual(before);
  });

  it('meets 403 on every write route of the API, asked with a valid body, and nothing is written', async () => {
    const api = as(app, await signIn(app, 'yuhang-viewer'));
    const before = await counts();
    const writes: { url: string; payload?: unknown; type?: string }[] = [
      { url: '/api/inspections', payload: { record: nationalRecord({ id: 'r1', name: '只读测试有限公司', code17: '91330110READ00001', region: YUHANG, date: '2025-05-01' }) } },
      { url: '/api/uploads?name=r.csv', payload: register(countyRows(YUHANG, 1, '2025-05-01')), type: 'text/csv' },
      { url: '/api/events', payload: { enterpriseId, type: '抽查不合格', date: '2025-05-01', level: '县级' } },
      { url: '/api/events/import', payload: `企业编号,类型,日期\r\n${enterpriseId},抽查不合格,2025-05-01\r\n`, type: 'text/csv' },
      { url: '/api/filings', payload: { region: YUHANG, periodStart: '2025-01-01', periodEnd: '2025-06-30' } },
      { url: '/api/filings', payload: { region: YUHANG, periodStart: '2025-01-01', periodEnd: '2025-06-30', decisions: [decisionId] } },
      { url: `/api/filings/${filingId}/submit` },
      { url: `/api/filings/${filingId}/return`, payload: { comment: '只读用户的意见' } },
      { url: `/api/filings/${filingId}/accept` },
      { url: '/api/rule-versions', payload: { region: '330000', yaml: 'x' } },
      { url: '/api/catalogues', payload: { region: '330000', fileName: 'c.yaml', yaml: 'x' } },
      { url: '/api/users', payload: { login: 'someone', password: 'long enough password', role: 'county', regions: [YUHANG] } },
      { url: '/api/reports/compare', payload: { yaml: 'x' } },
      { url: '/api/reports/compare.html', payload: { yaml: 'x' } },
    ];
    for (const w of writes) {
      const r = await api({ method: 'POST', url: w.url, ...(w.payload === undefined ? {} : { payload: w.payload as string }), ...(w.type ? { headers: { 'content-type': w.type } } : {}) });
      expect([w.url, r.statusCode, r.json().error.code]).toEqual([w.url, 403, 'forbidden']);
    }
    expect(await counts()).toEqual(before);
  });
});
