// Test helpers: the application on a fresh database, users signed in, registers made here.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { withCheckDigit } from '../../runtime/index.js';
import { buildApp } from '../../server/app.js';
import { hashPassword } from '../../server/auth/password.js';
import { createUser } from '../../server/auth/users.js';
import type { Database } from '../../server/db/types.js';
import type { Role } from '../../server/domain/user.js';

export interface Session {
  cookie: string;
  csrf: string;
}

export const PASSWORD = 'correct horse battery';

/** A draft of Zhejiang's rules asking 100% for class A: every A of the national rules becomes B. */
export const STRICT_A_DRAFT = ['元数据:', '  名称: 测试草案', '  地区: 浙江省', '  版本: "2026.1"', '  生效日期: 2025-01-01', '  基于: national', '  基于版本: "2011.1"', '分类:', '  A:', '    全部条件:', '      - 名称: 通过率', '        条件: 通过率 >= 100%', ''].join('\n');

export async function signIn(app: FastifyInstance, login: string, password = PASSWORD): Promise<Session> {
  const r = await app.inject({ method: 'POST', url: '/api/login', payload: { login, password } });
  if (r.statusCode !== 200) throw new Error(`login ${login}: ${r.statusCode} ${r.body}`);
  const set = String(r.headers['set-cookie']);
  return { cookie: set.split(';')[0]!, csrf: (r.json() as { csrfToken: string }).csrfToken };
}

// One scrypt hash of PASSWORD per worker, shared by the test users, at a cost of N=2^10 instead of
// fenlei's 2^15: a stored hash names its cost and signing in verifies it with that cost as for any
// user, so the sign-in path is the real one, but the run's hundred or so sign-ins no longer cost
// 0.16 s of CPU each. Users made by `fenlei user add` (test/e2e/serve.test.ts) have the real cost.
const TEST_COST = { N: 1 << 10, r: 8, p: 1 };
let passwordHash: Promise<string> | undefined;
const hashOnce = (password: string) => (password === PASSWORD ? (passwordHash ??= hashPassword(password, TEST_COST)) : hashPassword(password, TEST_COST));

export async function addUser(db: Database, login: string, role: Role, regions: string[]): Promise<void> {
  await createUser(db, null, { login, password: PASSWORD, role, regions }, hashOnce);
}

/** A request as a signed-in user (cookie, and the CSRF token on writes). */
export function as(app: FastifyInstance, s: Session) {
  return (o: InjectOptions): Promise<LightMyRequestResponse> => app.inject({ ...o, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(o.headers ?? {}) } });
}

export const buildTestApp = (db: Database) => buildApp({ db });

// National items: the ones answered 符合/不符合, the others 未发现问题/发现问题.
const CONFORM = new Set(['8', '13', '14', '17', '18', '19']);
export const ITEMS = Array.from({ length: 19 }, (_, i) => String(i + 1));
const answer = (item: string, fails: boolean) => (CONFORM.has(item) ? (fails ? '不符合' : '符合') : fails ? '发现问题' : '未发现问题');

export interface Row {
  id: string;
  name: string;
  /** 17 characters; the check digit is added. */
  code17: string;
  region: string;
  date: string;
  fails?: string[];
  previousClass?: string;
  previousReviewDate?: string;
  events?: string;
  products?: string;
}

export const creditCode = (code17: string) => withCheckDigit(code17);

/** A CSV register in the national layout; `history` false leaves out the history columns. */
export function register(rows: Row[], history = true): string {
  const head = ['编号', '企业名称', '统一社会信用代码', '行政区划代码', '主要产品', '检查日期', ...(history ? ['上次类别', '上次评定日期', '事件'] : []), ...ITEMS];
  const lines = rows.map((r) => [r.id, r.name, creditCode(r.code17), r.region, r.products ?? '家具', r.date, ...(history ? [r.previousClass ?? '', r.previousReviewDate ?? '', r.events ?? ''] : []), ...ITEMS.map((i) => answer(i, (r.fails ?? []).includes(i)))].join(','));
  return [head.join(','), ...lines].join('\r\n') + '\r\n';
}

/** n enterprises of a county, with codes and names from the county code and their number. */
export function countyRows(region: string, n: number, date: string, fails: (k: number) => string[] = () => []): Row[] {
  return Array.from({ length: n }, (_, k) => ({
    id: `${region}-${k}`,
    name: `${region}测试企业${k}号有限公司`,
    code17: `91${region}${String(k).padStart(9, '0')}`,
    region,
    date,
    fails: fails(k),
  }));
}

export function uploadCsv(req: ReturnType<typeof as>, csv: string, name = 'register.csv') {
  return req({ method: 'POST', url: `/api/uploads?name=${encodeURIComponent(name)}`, headers: { 'content-type': 'text/csv' }, payload: Buffer.from(csv, 'utf8') });
}

export function nationalRecord(r: Row): unknown {
  return {
    id: r.id,
    enterprise: { name: r.name, creditCode: creditCode(r.code17), region: r.region, products: [r.products ?? '家具'] },
    inspection: { date: r.date, answers: Object.fromEntries(ITEMS.map((i) => [i, answer(i, (r.fails ?? []).includes(i))])) },
  };
}
