// The draft-impact page as a job in Chromium: the form's POST lands on /compare/{id}; while the
// job runs the page shows its progress (a <progress> and the count in words) and reloads itself
// by the Refresh header until the result is there; a job whose server stopped says so and runs
// again from its button; a county user meets the 403 page. axe-core on each state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addUser, as, countyRows, PASSWORD, signIn as apiSignIn, STRICT_A_DRAFT as DRAFT, uploadCsv, register } from '../server/api.js';
import { browserAvailable, expectAccessible, launchBrowser, screenshot, seriousViolations, signIn, startServer, type TestBrowser, type TestServer } from './browser.js';

const YUHANG = '330110';
// Every 3rd fails one item (A under the national rules); the draft (100% for A) makes them B.
const fails = (k: number) => (k % 3 === 0 ? ['3'] : []);

const run = browserAvailable ? describe : describe.skip;

run('the draft-impact page as a job, in Chromium', () => {
  let server: TestServer;
  let b: TestBrowser;
  let page: Page;
  let jobId = 0;

  beforeAll(async () => {
    server = await startServer({
      async setup(app, db) {
        await addUser(db, 'zj-admin', 'province', ['330000']);
        await addUser(db, 'yuhang', 'county', [YUHANG]);
        const yuhang = as(app, await apiSignIn(app, 'yuhang'));
        expect((await uploadCsv(yuhang, register(countyRows(YUHANG, 9, '2025-03-01', fails)))).json().stored).toBe(9);
      },
    });
    b = await launchBrowser();
    page = b.page;
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  const figure = async (k: string) => Number(await page.locator(`[data-figure="${k}"]`).innerText());

  it('posts the draft, lands on the job page and shows the result there', async () => {
    await signIn(page, server.url, 'zj-admin', PASSWORD, '/compare');
    await page.getByLabel(/草案内容/).fill(DRAFT);
    await page.getByRole('button', { name: /^比较/ }).click();
    await page.waitForSelector('.compare-result');
    jobId = Number(/\/compare\/(\d+)$/.exec(page.url())?.[1]);
    expect(jobId).toBeGreaterThan(0);
    expect([await figure('records'), await figure('moved'), await figure('down')]).toEqual([9, 3, 3]);
    expect(await page.locator('table.movers tbody tr').count()).toBe(3);
    await expectAccessible(page);
    expect(b.problems).toEqual([]);
  });

  it('shows a running job’s progress and reloads itself until the result is stored', async () => {
    const { result } = (await server.db.query<{ result: unknown }>('SELECT result FROM compare_jobs WHERE id = $1', [jobId]))[0]!;
    // As the job stands while a server counts it: 4 of 9 done, its heartbeat fresh.
    await server.db.query(`UPDATE compare_jobs SET state = 'running', result = NULL, done = 4, total = 9, heartbeat_at = now() WHERE id = $1`, [jobId]);
    // The page checked and shot as served, its Refresh header held back so it stays still meanwhile.
    await page.route(`${server.url}/compare/${jobId}`, async (route) => {
      const response = await route.fetch();
      const { refresh, ...headers } = response.headers();
      expect(refresh).toBe('2');
      await route.fulfill({ response, headers });
    });
    await page.goto(`${server.url}/compare/${jobId}`);
    expect([await page.locator('progress#compare-progress').getAttribute('value'), await page.locator('progress#compare-progress').getAttribute('max')]).toEqual(['4', '9']);
    expect(await page.locator('#compare-status').innerText()).toContain('已比较 4 / 9 户企业（44%）');
    expect(await page.locator('.compare-result').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'province-compare-running');
    await page.unroute(`${server.url}/compare/${jobId}`);
    const r = await page.goto(`${server.url}/compare/${jobId}`);
    expect(r!.headers().refresh).toBe('2');
    expect(await page.locator('progress#compare-progress').getAttribute('value')).toBe('4');
    // The count ends: the page, reloaded by its Refresh header (no script), shows the result.
    await server.db.query(`UPDATE compare_jobs SET state = 'done', result = $2, done = total WHERE id = $1`, [jobId, JSON.stringify(result)]);
    await page.waitForSelector('.compare-result');
    expect(await figure('moved')).toBe(3);
  });

  it('says a job whose server stopped was interrupted, and runs it again', async () => {
    await server.db.query(`UPDATE compare_jobs SET state = 'running', result = NULL, done = 4, heartbeat_at = now() - interval '1 minute' WHERE id = $1`, [jobId]);
    await page.goto(`${server.url}/compare/${jobId}`);
    expect(await page.locator('section.compare-failed h2').innerText()).toContain('比较中断');
    expect(await page.locator('section.compare-failed').innerText()).toContain('服务器停止，比较中断');
    await expectAccessible(page);
    await screenshot(page, 'province-compare-interrupted');
    await page.getByRole('button', { name: /重新运行/ }).click();
    await page.waitForSelector('.compare-result');
    expect(page.url()).toBe(`${server.url}/compare/${jobId}`);
    expect([await figure('records'), await figure('moved')]).toEqual([9, 3]);
  });

  it('keeps a county user out of the job page', async () => {
    await b.context.clearCookies();
    await signIn(page, server.url, 'yuhang', PASSWORD, '/');
    expect((await page.goto(`${server.url}/compare/${jobId}`))!.status()).toBe(403);
    expect(await page.locator('body').innerText()).not.toContain('测试企业');
  });

  it('the accessibility check as run on every page finds what it should: a nameless button, pale text', async () => {
    await page.goto(`${server.url}/`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { createElement(t: string): { textContent: string; style: Record<string, string> }; querySelector(s: string): { append(...n: unknown[]): void } } }).document;
      const pale = d.createElement('p');
      pale.textContent = '颜色太浅的文字 pale text';
      pale.style.color = '#dddddd';
      pale.style.background = '#ffffff';
      d.querySelector('main').append(d.createElement('button'), pale);
    });
    expect((await seriousViolations(page)).map((v) => [v.id, v.impact, v.targets.length])).toEqual([
      ['button-name', 'critical', 1],
      ['color-contrast', 'serious', 1],
    ]);
  });
});
