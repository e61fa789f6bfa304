// The pages through the server (in process, PGlite): sign-in redirects, forms' CSRF token,
// security headers, static assets, and the 403 page for another county's enterprise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import type { Database } from '../../server/db/types.js';
import { freshDatabase } from '../server/backends.js';
import { addUser, PASSWORD } from '../server/api.js';

let db: Database;
let app: FastifyInstance;

/** Signs in through the sign-in form; the session cookie and the CSRF token of the pages. */
async function formSignIn(login: string): Promise<{ cookie: string; csrf: string }> {
  const r = await app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ login, password: PASSWORD, next: '/' }).toString() });
  expect([r.statusCode, r.headers.location]).toEqual([303, '/']);
  const cookie = String(r.headers['set-cookie']).split(';')[0]!;
  const home = await app.inject({ method: 'GET', url: '/', headers: { cookie } });
  const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(home.body)?.[1];
  expect(csrf).toBeTruthy();
  return { cookie, csrf: csrf! };
}

beforeAll(async () => {
  db = (await freshDatabase('pglite')).db;
  app = await buildApp({ db });
  await addUser(db, 'yuhang', 'county', ['330110']);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('pages and the session', () => {
  it('sends a signed-out visitor to the sign-in page, keeping where they were going', async () => {
    const r = await app.inject({ method: 'GET', url: '/?from=x' });
    expect([r.statusCode, r.headers.location]).toEqual([303, '/login?next=%2F%3Ffrom%3Dx']);
    const login = await app.inject({ method: 'GET', url: '/login?next=%2F%3Ffrom%3Dx' });
    expect(login.statusCode).toBe(200);
    expect(login.body).toContain('<input type="hidden" name="next" value="/?from=x">');
  });

  it('never sends the browser to another site after signing in', async () => {
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const r = await app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ login: 'yuhang', password: PASSWORD, next }).toString() });
      expect([next, r.headers.location]).toEqual([next, '/']);
    }
  });

  it('answers a wrong password on the page with 401 and the message', async () => {
    const r = await app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'login=yuhang&password=nope&next=%2F' });
    expect(r.statusCode).toBe(401);
    expect(r.body).toContain('用户名或密码不对，请重新输入。');
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a form post without the session’s CSRF token, and signs out with it', async () => {
    const s = await formSignIn('yuhang');
    const bad = await app.inject({ method: 'POST', url: '/logout', headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: '_csrf=forged' });
    expect(bad.statusCode).toBe(403);
    expect(bad.body).toContain('CSRF 令牌不符');
    const ok = await app.inject({ method: 'POST', url: '/logout', headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(s.csrf)}` });
    expect([ok.statusCode, ok.headers.location]).toEqual([303, '/login']);
    const after = await app.inject({ method: 'GET', url: '/', headers: { cookie: s.cookie } });
    expect(after.headers.location).toBe('/login?next=%2F');
  });

  it('sends pages with a strict Content-Security-Policy and never caches them', async () => {
    const s = await formSignIn('yuhang');
    const r = await app.inject({ method: 'GET', url: '/', headers: { cookie: s.cookie } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.body).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
  });

  it('serves the stylesheet and nothing outside the assets folder', async () => {
    const css = await app.inject({ method: 'GET', url: '/assets/site.css' });
    expect([css.statusCode, css.headers['content-type']]).toEqual([200, 'text/css; charset=utf-8']);
    for (const url of ['/assets/..%2Fhtml.ts', '/assets/%2E%2E%2Fplugin.ts', '/assets/nothing.css']) expect((await app.inject({ method: 'GET', url })).statusCode).toBe(404);
  });
});
