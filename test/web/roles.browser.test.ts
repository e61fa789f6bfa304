// Each role's pages in Chromium (issue 16): a county chooses the decisions of a filing by
// keyboard (select-all, then one ticked) and, without scripts, by mouse; a register uploaded with
// JavaScript turned off; a read-only user sees its region's pages with no write control and meets
// the 403 page on the write pages; and every page walked as county and province user at 1280 and
// 800 px (read-only: 800): no sideways scrolling of the page at either width, axe (no serious or
// critical violation) at 800, a screenshot of each (test-output/screenshots/web/walk-*.png) at 1280
// (read-only: 800). Each user signs in once, in a browser context of its own.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerChromium } from '../cli/chromium.js';
import { addUser, as, countyRows, PASSWORD, register, signIn as apiSignIn, uploadCsv } from '../server/api.js';
import { browserAvailable, expectAccessible, screenshot, signIn, startServer, tabTo, type TestServer } from './browser.js';

const YUHANG = '330110';
const XIHU = '330106';
// Item 1 is a ★ item of the national rules (C); item 3 alone gives A; no failure AA.
const fails = (k: number) => (k === 0 ? ['1'] : k % 2 === 1 ? ['3'] : []);
const classOf = (k: number) => (k === 0 ? 'C' : k % 2 === 1 ? 'A' : 'AA');
const ROWS = countyRows(YUHANG, 6, '2025-03-01', fails);
const NAMES = ROWS.map((r) => r.name).sort();
/** The register the county uploads with scripts off: four enterprises of May. */
const MAY = countyRows(YUHANG, 4, '2025-05-01', (k) => (k === 3 ? ['1'] : [])).map((r, k) => ({ ...r, id: `may-${k}`, name: `余杭五月${k}号有限公司`, code17: `91330110MAY${String(k).padStart(6, '0')}` }));

const run = browserAvailable ? describe : describe.skip;

/** The page's width wider than its window: the page scrolls sideways (tables may scroll inside themselves). */
const overflow = (page: Page) => page.evaluate(() => {
  const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
  return d.scrollWidth - d.clientWidth;
});

run('each role’s pages in Chromium: chosen filings, upload without scripts, read-only, every page at two widths', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  /** One context per user and scripts on or off, signed in once (sign-in runs scrypt and loads two pages). */
  const contexts = new Map<string, { context: BrowserContext; page: Page; signedIn: boolean }>();
  const ids = { enterprise: 0, decision: 0, filing: 0, upload: 0, otherEnterprise: 0 };

  beforeAll(async () => {
    server = await startServer({
      async setup(app, db) {
        await addUser(db, 'zj-admin', 'province', ['330000']);
        await addUser(db, 'yuhang', 'county', [YUHANG]);
        await addUser(db, 'xihu', 'county', [XIHU]);
        await addUser(db, 'yuhang-viewer', 'readonly', [YUHANG]);
        const up = await uploadCsv(as(app, await apiSignIn(app, 'yuhang')), register(ROWS));
        expect(up.json().stored).toBe(6);
        ids.enterprise = up.json().results[0].enterpriseId;
        ids.decision = up.json().results[0].decisionId;
        ids.otherEnterprise = (await uploadCsv(as(app, await apiSignIn(app, 'xihu')), register(countyRows(XIHU, 1, '2025-03-01')))).json().results[0].enterpriseId;
      },
    });
    browser = await workerChromium();
    page = (await user('yuhang')).page;
  }, 180_000);

  /** The user's own context (scripts on unless `scripts` is false) and its first page. */
  async function user(login: string, scripts = true): Promise<{ context: BrowserContext; page: Page; signedIn: boolean }> {
    const key = `${login}${scripts ? '' : ' without scripts'}`;
    let u = contexts.get(key);
    if (!u) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', javaScriptEnabled: scripts });
      context.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
      });
      context.on('page', (p) => p.on('pageerror', (e) => problems.push(`page error: ${e.message}`)));
      u = { context, page: await context.newPage(), signedIn: false };
      contexts.set(key, u);
    }
    return u;
  }

  afterAll(async () => {
    for (const u of contexts.values()) await u.context.close();
    await server?.close();
  });

  /** The user's page (scripts on unless `scripts` is false), signed in through the sign-in page the first time, at `path`. */
  const signInAs = async (login: string, path = '/', scripts = true): Promise<Page> => {
    const u = await user(login, scripts);
    if (u.signedIn) await u.page.goto(`${server.url}${path}`);
    else await signIn(u.page, server.url, login, PASSWORD, path);
    u.signedIn = true;
    return u.page;
  };

  it('a county chooses the decisions of a filing by keyboard: select-all, then one ticked', async () => {
    await signInAs('yuhang', '/filings/new');
    await page.getByLabel(/期间开始/).fill('2025-01-01');
    await page.getByLabel(/期间结束/).fill('2025-12-31');
    await page.getByRole('button', { name: /列出可报的判定/ }).click();
    await page.waitForURL(/\/filings\/new\?region=330110&periodStart=2025-01-01&periodEnd=2025-12-31/);
    // Every enterprise's decision, ticked; the script shows "select all", ticked too.
    const boxes = page.locator('input[name="decision"]');
    expect(await boxes.count()).toBe(6);
    expect(await page.locator('tr[data-candidate] td:nth-child(2)').allInnerTexts()).toEqual(NAMES);
    expect(await page.locator('tr[data-candidate] td:nth-child(5)').allInnerTexts()).toEqual(ROWS.map((_, k) => `${classOf(k)} 类`));
    expect(await page.locator('[data-chosen-count]').innerText()).toBe('已选 6 个，共 6 个 6 of 6 chosen');
    await tabTo(page, '[data-select-all]');
    await page.keyboard.press('Space');
    expect(await page.locator('input[name="decision"]:checked').count()).toBe(0);
    expect(await page.locator('[data-chosen-count]').innerText()).toBe('已选 0 个，共 6 个 0 of 6 chosen');
    // The first decision's box is the next stop of Tab; Space ticks it.
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { value: string } } }).document.activeElement.value);
    await page.keyboard.press('Space');
    expect(await page.locator('[data-select-all]').evaluate((el) => (el as unknown as { indeterminate: boolean }).indeterminate)).toBe(true);
    expect(await page.locator('[data-chosen-count]').innerText()).toBe('已选 1 个，共 6 个 1 of 6 chosen');
    await expectAccessible(page);
    await screenshot(page, 'walk-county-filing-choose-keyboard');
    // Submitting with none ticked would be refused on the page; one is ticked: Enter on the primary button.
    await tabTo(page, 'button[value="chosen"]', 60);
    await Promise.all([page.waitForURL(/\/filings\/\d+\?done=add/), page.keyboard.press('Enter')]);
    ids.filing = Number(/\/filings\/(\d+)/.exec(page.url())![1]);
    expect(await page.locator('table.decisions tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: { decision: string } }).dataset.decision))).toEqual([first]);
    expect(await page.locator('[data-contents]').innerText()).toBe('所选的判定 chosen decisions');
    expect(await page.locator('table.summary tr.total td').innerText()).toBe('1');
    // The draft's choice changed: its decision ticked, one more ticked, saved.
    await page.getByRole('link', { name: /更改所选判定/ }).click();
    await page.waitForURL(/\/filings\/\d+\/choose$/);
    expect(await page.locator('input[name="decision"]:checked').evaluateAll((bs) => bs.map((b) => (b as unknown as { value: string }).value))).toEqual([first]);
    await page.locator('tr[data-candidate] label', { hasText: NAMES[5]! }).click();
    await expectAccessible(page);
    await screenshot(page, 'walk-county-filing-change-choice');
    await Promise.all([page.waitForURL(/\/filings\/\d+\?done=choose/), page.getByRole('button', { name: /保存所选判定/ }).click()]);
    expect(await page.locator('table.decisions tbody tr td:nth-child(1)').allInnerTexts()).toEqual([NAMES[0], NAMES[5]]);
    expect(await page.getByRole('status').innerText()).toBe('所选判定已保存，请核对后报送。The choice is saved: check it, then submit.');
  });

  it('without scripts, the county unticks two decisions and files the other four; "select all" is not shown', async () => {
    const p = await signInAs('yuhang', '/filings/new', false);
    await p.goto(`${server.url}/filings/new?region=${YUHANG}&periodStart=2025-01-01&periodEnd=2025-12-31`);
    expect(await p.locator('label.select-all').isVisible()).toBe(false);
    expect(await p.locator('input[name="decision"]:checked').count()).toBe(6);
    await p.getByRole('checkbox', { name: `报送 ${NAMES[0]} 2025-03-01 的判定` }).uncheck();
    // The enterprise's name is the box's label too: clicking it unticks the box.
    await p.locator('tr[data-candidate] label', { hasText: NAMES[1]! }).click();
    await Promise.all([p.waitForURL(/\/filings\/\d+\?done=add/), p.getByRole('button', { name: /所选判定汇总为草稿/ }).click()]);
    expect(await p.locator('table.decisions tbody tr td:nth-child(1)').allInnerTexts()).toEqual(NAMES.slice(2));
    // None ticked: refused on the page, with the choice kept.
    await p.goto(`${server.url}/filings/new?region=${YUHANG}&periodStart=2025-01-01&periodEnd=2025-12-31`);
    for (const box of await p.locator('input[name="decision"]').all()) await box.uncheck();
    await p.getByRole('button', { name: /所选判定汇总为草稿/ }).click();
    expect(await p.getByRole('alert').innerText()).toBe('请至少勾选一个判定，或选“不挑选：报期间内全部”。Tick at least one decision, or file the whole period.');
    expect(await p.locator('input[name="decision"]:checked').count()).toBe(0);
  });

  it('uploads a register with JavaScript turned off and lands on its result page', async () => {
    const p = await signInAs('yuhang', '/uploads/new', false);
    expect(await p.locator('noscript').count()).toBe(0);
    await p.getByLabel(/登记表文件/).setInputFiles({ name: '余杭五月登记表.csv', mimeType: 'text/csv', buffer: Buffer.from(register(MAY), 'utf8') });
    await Promise.all([p.waitForURL(/\/uploads\/\d+$/), p.getByRole('button', { name: '上传' }).click()]);
    ids.upload = Number(/\/uploads\/(\d+)$/.exec(p.url())![1]);
    expect(await p.locator('h1').innerText()).toBe('上传结果：余杭五月登记表.csv');
    const figures = await p.locator('dl.facts dd').evaluateAll((dds) => dds.map((d) => [(d as unknown as { dataset: { figure: string } }).dataset.figure, (d as unknown as { textContent: string }).textContent]));
    expect(figures).toEqual([['rows', '4'], ['stored', '4'], ['duplicates', '0'], ['errors', '0']]);
    expect(await p.locator('table.class-counts tbody tr td:nth-child(2)').allInnerTexts()).toEqual(['3', '0', '0', '1', '0']);
    // A file that is no register stays on the page with the reason.
    await p.goto(`${server.url}/uploads/new`);
    await p.getByLabel(/登记表文件/).setInputFiles({ name: '坏文件.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a workbook') });
    await p.getByRole('button', { name: '上传' }).click();
    await p.waitForLoadState();
    expect(new URL(p.url()).pathname).toBe('/uploads');
    expect(await p.getByRole('alert').innerText()).toMatch(/^上传未成功：登记表无法读取/);
    await screenshot(p, 'walk-county-upload-nojs-refused');
  });

  it('a read-only user sees its region’s pages with no write control, and meets the 403 page on write pages', async () => {
    const page = await signInAs('yuhang-viewer');
    expect(await page.locator('nav a').allInnerTexts()).toEqual(['首页', '企业查询', '备案', '报告与分布图', '规则版本']);
    for (const path of ['/', `/enterprises/${ids.enterprise}`, `/filings/${ids.filing}`, '/filings']) {
      await page.goto(`${server.url}${path}`);
      expect([path, await page.locator('main form[method="post"], main button:not([type="button"])').count()]).toEqual([path, path === '/filings' ? 1 : 0]);
      expect([path, await page.locator('main a[href="/uploads/new"], main a[href="/inspections/new"], main a[href="/filings/new"]').count()]).toEqual([path, 0]);
    }
    // The one button on the filings list is its filter (a GET form).
    expect(await page.locator('main form[method="post"]').count()).toBe(0);
    for (const path of ['/uploads/new', '/inspections/new', '/filings/new', '/compare']) {
      const r = await page.goto(`${server.url}${path}`);
      expect([path, r!.status(), await page.locator('h1').innerText()]).toEqual([path, 403, '无权访问']);
    }
    expect((await page.goto(`${server.url}/enterprises/${ids.otherEnterprise}`))!.status()).toBe(403);
    await expectAccessible(page);
    await screenshot(page, 'walk-readonly-403');
  });

  const Y2025 = 'periodStart=2025-01-01&periodEnd=2025-12-31';
  const PAGES: Record<'county' | 'province' | 'readonly', string[]> = {
    county: ['/', '/enterprises', '/enterprises/{enterprise}', '/decisions/{decision}', '/uploads/new', '/uploads/{upload}', '/inspections/new', '/filings', '/filings/new?region=330110&periodStart=2025-01-01&periodEnd=2025-12-31', '/filings/{filing}'],
    province: ['/', '/enterprises', '/filings', '/filings/{filing}', `/report?${Y2025}`, `/report/map?${Y2025}`, '/rule-versions', '/rule-versions/publish', '/compare'],
    readonly: ['/', '/enterprises', '/enterprises/{enterprise}', '/decisions/{decision}', '/filings', '/filings/{filing}', `/report?${Y2025}`, `/report/map?${Y2025}`, '/rule-versions'],
  };
  const LOGINS = { county: 'yuhang', province: 'zj-admin', readonly: 'yuhang-viewer' } as const;

  for (const role of ['county', 'province', 'readonly'] as const) {
    it(`walks every page as the ${role} user at ${role === 'readonly' ? '800' : '1280 and 800'} px`, async () => {
      const page = await signInAs(LOGINS[role]);
      for (const template of PAGES[role]) {
        const path = template.replace(/\{(\w+)\}/, (_, k: keyof typeof ids) => String(ids[k]));
        const slug = template.split('?')[0]!.replace(/\{\w+\}/, 'id').replace(/^\/$/, '/home').slice(1).replace(/\//g, '-');
        // The read-only user's pages are the county's and province's without their controls: 800 px is enough.
        const widths = role === 'readonly' ? [800] : [1280, 800];
        await page.setViewportSize({ width: widths[0]!, height: 900 });
        const r = await page.goto(`${server.url}${path}`);
        expect([path, r!.status()]).toEqual([path, 200]);
        // Loaded at the first width, then narrowed: the stylesheet's media queries apply on the resize as on a load
        // (no page script reads the width), so the page is not fetched and drawn twice.
        for (const width of widths) {
          await page.setViewportSize({ width, height: 900 });
          expect([path, width, await overflow(page)]).toEqual([path, width, 0]);
          if (width === widths[0]) await screenshot(page, `walk-${role}-${slug}-${width}`);
        }
        await expectAccessible(page);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      if (role !== 'county') {
        // The map of 2025 has its tiles; a period without decisions says so instead of an empty picture.
        await page.goto(`${server.url}/report/map?${Y2025}`);
        expect(await page.locator('.region-map-wrap svg').count()).toBe(1);
        await page.goto(`${server.url}/report/map?periodStart=2024-01-01&periodEnd=2024-12-31`);
        expect([await page.locator('.region-map-wrap').count(), await page.locator('[data-empty-map]').innerText()]).toEqual([0, '期间内本范围没有判定，没有可画的地区；请换一个期间。No decisions in the period: nothing to map. Choose another period.']);
      }
      expect(problems).toEqual([]);
    });
  }
});
