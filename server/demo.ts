// Demo data: the example provinces' rules (published through the API, so check and verify run),
// their registers uploaded, and a province and a county account with fresh passwords.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { packageRoot } from '../compiler/index.js';
import { createUser } from './auth/users.js';
import { publishCatalogue } from './domain/catalogues.js';
import type { Database } from './db/types.js';

export interface DemoAccounts {
  province: { login: string; password: string; regions: string[] };
  county: { login: string; password: string; regions: string[] };
  loaded: { province: string; version?: string; stored?: number; errors?: number; problem?: string }[];
}

const EXAMPLES = [
  { dir: 'zhejiang', region: '330000' },
  { dir: 'jiangsu', region: '320000' },
];

const password = () => randomBytes(9).toString('base64url');

export async function loadDemo(app: FastifyInstance, db: Database): Promise<DemoAccounts> {
  const root = join(packageRoot(), 'rules', 'examples');
  const accounts: DemoAccounts = {
    province: { login: 'demo-province', password: password(), regions: EXAMPLES.map((e) => e.region) },
    county: { login: 'demo-county', password: password(), regions: ['330110'] },
    loaded: [],
  };
  const [exists] = await db.query('SELECT 1 FROM users WHERE login = $1', [accounts.province.login]);
  if (exists) throw new Error('demo data is loaded in this database already (user demo-province exists); use a new --data-dir');
  await createUser(db, null, { ...accounts.province, role: 'province', displayName: '示例省级管理员' });
  await createUser(db, null, { ...accounts.county, role: 'county', displayName: '示例县级用户（余杭区）' });
  const login = await app.inject({ method: 'POST', url: '/api/login', payload: { login: accounts.province.login, password: accounts.province.password } });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const headers = { cookie, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken };
  // The examples' illustrative catalogues, loaded by the system (a national one needs a national account).
  for (const f of readdirSync(join(root, 'catalogues'))) await publishCatalogue(db, null, { region: '000000', fileName: f, yaml: readFileSync(join(root, 'catalogues', f), 'utf8') });
  for (const e of EXAMPLES) {
    const dir = join(root, e.dir, 'catalogues');
    for (const f of existsSync(dir) ? readdirSync(dir) : []) await publishCatalogue(db, null, { region: e.region, fileName: f, yaml: readFileSync(join(dir, f), 'utf8') });
  }
  for (const e of EXAMPLES) {
    const yaml = readFileSync(join(root, e.dir, 'rules.yaml'), 'utf8');
    const pub = await app.inject({ method: 'POST', url: '/api/rule-versions', headers, payload: { region: e.region, yaml } });
    if (pub.statusCode !== 200) {
      accounts.loaded.push({ province: e.dir, problem: (pub.json() as { error: { message: string } }).error.message });
      continue;
    }
    const up = await app.inject({ method: 'POST', url: `/api/uploads?name=${e.dir}-register.csv`, headers: { ...headers, 'content-type': 'text/csv' }, payload: readFileSync(join(root, e.dir, 'register.csv')) });
    const s = up.json() as { stored: number; errors: number; error?: { message: string } };
    accounts.loaded.push(up.statusCode === 200 ? { province: e.dir, version: (pub.json() as { version: string }).version, stored: s.stored, errors: s.errors } : { province: e.dir, problem: s.error?.message ?? String(up.statusCode) });
  }
  return accounts;
}
