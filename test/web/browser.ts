// The browser tests' shared helper: a real server (fenlei's app on PostgreSQL when installed, else
// the embedded PGlite, listening on 127.0.0.1), Debian's Chromium (the headless shell where installed, as the product prints) driven by playwright-core (one per test worker, a context per file),
// signing in through the sign-in page, an axe-core check of the page as shown, and screenshots
// under test-output/screenshots/web/ (git-ignored) when asked for (`npm run screenshots`).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../../server/app.js';
import type { Database } from '../../server/db/types.js';
import { loadDemo, type DemoAccounts } from '../../server/demo.js';
import { openChromium } from '../cli/chromium.js';
import { CHROMIUM, chromiumRequired, hasChromium, saveScreenshot } from '../cli/helpers.js';
import { freshDatabase, SERVER_BACKEND } from '../server/backends.js';

export { CHROMIUM, chromiumRequired, hasChromium };
/** Browser tests run where Chromium is (and must, in CI). */
export const browserAvailable = hasChromium || chromiumRequired;

export interface TestServer {
  url: string;
  app: FastifyInstance;
  db: Database;
  /** The demo accounts, when started with demo data. */
  demo?: DemoAccounts;
  close(): Promise<void>;
}

/**
 * Starts the server on 127.0.0.1 (a free port) over a fresh database of the backend a province runs
 * (SERVER_BACKEND: PostgreSQL when installed, else PGlite; test/server/backends.ts). The walks'
 * server work on PostgreSQL costs the run about 27 s of CPU less than on PGlite in process; PGlite
 * draws every page too, in test/web/pages.test.ts and test/server/readonly-role.test.ts. `demo`
 * loads the example provinces (rules, catalogues, registers, two accounts); `setup` adds the
 * test's own data.
 */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core served by the test's server (a route only the tests add): a page loads it as a script of
 * its own origin, which the page's Content-Security-Policy allows, and Chromium compiles it once per
 * renderer and caches it, where evaluating its 550 kB text on every page cost about 0.15 s of CPU
 * each time (some sixty times a run).
 */
const AXE_PATH = '/__test__/axe.min.js';

export async function startServer(o: { demo?: boolean; setup?: (app: FastifyInstance, db: Database) => Promise<void> } = {}): Promise<TestServer> {
  const database = await freshDatabase(SERVER_BACKEND);
  const db = database.db;
  try {
    const app = await buildApp({ db });
    app.get(AXE_PATH, { config: { public: true } }, (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'max-age=3600').send(AXE));
    const demo = o.demo ? await loadDemo(app, db) : undefined;
    await o.setup?.(app, db);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    return {
      url,
      app,
      db,
      ...(demo ? { demo } : {}),
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (e) {
    await database.close();
    throw e;
  }
}

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Problems the page reported (console errors, CSP violations, failed requests): expected to stay empty. */
  problems: string[];
  close(): Promise<void>;
}

/** A fresh context of the worker's Chromium (test/cli/chromium.ts), one page, watching for console errors and CSP violations. */
export async function launchBrowser(): Promise<TestBrowser> {
  const { context, page, close } = await openChromium({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  return { context, page, problems: watchProblems(page), close };
}

/** The problems the page reports from now on (console errors, CSP violations, failed sub-resources): expected to stay empty. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    // A page answered with an error status (a test's wrong password) is no fault of the page; its sub-resources are checked below.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    // An upload's progress is not there until the server has the whole file: the page asks again.
    if (r.status() === 404 && /\/api\/uploads\/[0-9a-f]{64}\/progress$/.test(r.url())) return;
    if (r.request().resourceType() !== 'document' && r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A download or a navigation away aborts the request that started it; that is no fault of the page.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  return problems;
}

/** Signs in through the sign-in page and waits for the page it leads to. */
export async function signIn(page: Page, url: string, login: string, password: string, next = '/'): Promise<void> {
  await page.goto(`${url}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('用户名').fill(login);
  await page.getByLabel('密码').fill(password);
  await Promise.all([page.waitForURL((u) => u.pathname === next.split('?')[0]), page.getByRole('button', { name: '登录' }).click()]);
}

export async function signOut(page: Page): Promise<void> {
  await Promise.all([page.waitForURL((u) => u.pathname === '/login'), page.getByRole('button', { name: '退出登录' }).click()]);
}

/** The page's document, typed as much as these helpers need (the tests compile without the DOM library). */
interface Doc {
  activeElement: { blur?: () => void } | null;
}


export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core run on the page as shown (loaded from the test server's own origin, so the page's own
 * Content-Security-Policy stays on): the serious and critical violations. A rule's violations carry
 * the rule's impact, so the rules whose impact is minor or moderate cannot give one and are not run
 * (they were over half of axe's time); every other rule axe runs by default is.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ url: new URL(AXE_PATH, page.url()).href });
  const found = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { _audit: { rules: { id: string; impact?: string }[] }; configure(o: unknown): void; run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const milder = axe._audit.rules.filter((rule) => rule.impact === 'minor' || rule.impact === 'moderate');
    // Only the selectors are reported: no HTML of each node, no frames (the pages have none); a quarter less time.
    axe.configure({ noHtml: true });
    const r = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'], iframes: false, rules: Object.fromEntries(milder.map((rule) => [rule.id, { enabled: false }])) });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Asserts the page has no serious or critical accessibility violation. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page), `axe on ${page.url()}`).toEqual([]);
}

/** Saves a full-page screenshot under test-output/screenshots/web/ when screenshots are asked for (`npm run screenshots`). */
export const screenshot = (page: Page, name: string): Promise<string | undefined> => saveScreenshot(page, join('web', `${name}.png`), { fullPage: true });

/** Tabs from the top of the page until the element is focused (at most `limit` presses); the number of presses. */
export async function tabTo(page: Page, selector: string, limit = 40): Promise<number> {
  await page.locator('body').focus();
  await page.evaluate(() => (globalThis as unknown as { document: Doc }).document.activeElement?.blur?.());
  const target = page.locator(selector).first();
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === (globalThis as unknown as { document: Doc }).document.activeElement)) return i;
  }
  throw new Error(`${selector} not reached with ${limit} presses of Tab`);
}
