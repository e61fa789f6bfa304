// A county inspector's day in a real browser (Chromium, a real server on PostgreSQL when installed, else PGlite): the home page,
// a register uploaded with its counts per class equal to `fenlei eval` on the same file and its
// error row named by its column (also in the xlsx download), the template download, enterprise
// search and page, a decision with its articles and filled form, an inspection entered with its
// decision previewed before saving, and another county's enterprise never listed, linked or shown.
// Every page: axe (no serious or critical violation), a screenshot, the main action by keyboard.
// First, on the same server and browser (one of each per file: starting them is most of a short
// test's time), the pages' frame: signed out → the sign-in page; signed in → the home page with the
// user's name, role and regions, the role's navigation and sign-out; the skip link and the sign-in
// form work from the keyboard; no request blocked by the pages' Content-Security-Policy.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, scratch } from '../cli/helpers.js';
import { addUser, countyRows, creditCode, PASSWORD, register, signIn as apiSignIn, as, uploadCsv, type Row } from '../server/api.js';
import { browserAvailable, expectAccessible, launchBrowser, screenshot, signIn, signOut, startServer, tabTo, type TestBrowser, type TestServer } from './browser.js';

const run = browserAvailable ? describe : describe.skip;

// Twelve enterprises of 余杭区 with different failures (★ items 1 and 17 of the national rules
// among them), and one row whose inspection date cannot be read.
const FAILS: string[][] = [[], [], ['3'], ['3', '5'], ['4', '6', '9'], ['1'], [], ['2', '3', '4', '5', '6'], ['10'], [], ['11', '12'], ['7']];
const ROWS: Row[] = countyRows('330110', FAILS.length, '2025-03-01', (k) => FAILS[k]!);
const BAD: Row = { id: 'bad-date', name: '日期写错有限公司', code17: '91330110999999999', region: '330110', date: '2025-13-45' };
const OTHER = countyRows('330106', 3, '2025-03-01');

/** Every link on the page (paths). */
const links = (page: Page) => page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as unknown as { getAttribute(n: string): string }).getAttribute('href')));

run('a county’s pages in Chromium', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let dir: string;
  let registerPath: string;
  const other: { enterpriseIds: number[]; decisionIds: number[] } = { enterpriseIds: [], decisionIds: [] };
  const visited: string[] = [];

  beforeAll(async () => {
    server = await startServer({
      setup: async (app, db) => {
        await addUser(db, 'yuhang', 'county', ['330110']);
        await addUser(db, 'xihu', 'county', ['330106']);
        const up = await uploadCsv(as(app, await apiSignIn(app, 'xihu')), register(OTHER));
        expect(up.statusCode).toBe(200);
        for (const r of (up.json() as { results: { enterpriseId: number; decisionId: number }[] }).results) {
          other.enterpriseIds.push(r.enterpriseId);
          other.decisionIds.push(r.decisionId);
        }
      },
    });
    browser = await launchBrowser();
    dir = scratch('web-county');
    registerPath = join(dir, '余杭区登记表.csv');
    writeFileSync(registerPath, register([...ROWS, BAD]));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Before the county's own register is uploaded (by the inspector's walk below): its home page is empty.
  describe('the pages’ frame', () => {
    it('sends a signed-out visitor to the sign-in page and back after signing in', async () => {
      const { page } = browser;
      await page.goto(`${server.url}/?from=x`);
      expect(new URL(page.url()).pathname).toBe('/login');
      await expectAccessible(page);
      await screenshot(page, 'login');
      // The form from the keyboard: user name, password, Enter.
      await page.keyboard.press('Tab');
      await page.getByLabel('用户名').focus();
      await page.keyboard.type('yuhang');
      await page.keyboard.press('Tab');
      await page.keyboard.type('wrong password');
      await Promise.all([page.waitForLoadState(), page.keyboard.press('Enter')]);
      await expect.poll(() => page.getByRole('alert').textContent()).toBe('用户名或密码不对，请重新输入。');
      await expectAccessible(page);
      await signIn(page, server.url, 'yuhang', PASSWORD);
      expect(new URL(page.url()).pathname).toBe('/');
    });

    it('shows who is signed in, the county’s navigation and a working skip link', async () => {
      const { page } = browser;
      await page.goto(`${server.url}/`);
      await expect.poll(() => page.locator('.who').textContent()).toContain('县级');
      expect(await page.locator('.who-region').textContent()).toBe('管辖：330110（杭州市）');
      expect(await page.locator('.site-nav a').allTextContents()).toEqual(['首页', '企业查询', '上传登记表', '录入检查', '备案']);
      expect(await page.locator('.site-nav a[aria-current="page"]').textContent()).toBe('首页');
      expect(await tabTo(page, 'a.skip')).toBe(1);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe('main');
      await expectAccessible(page);
      await screenshot(page, 'home-county-empty');
      await signOut(page);
      await page.goto(`${server.url}/`);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(browser.problems).toEqual([]);
    });
  });

  describe('a county inspector’s pages', () => {
    beforeAll(async () => {
      await browser.context.clearCookies();
      await signIn(browser.page, server.url, 'yuhang', PASSWORD);
    }, 120_000);

    /** The page is accessible, saved as a screenshot, and shows no other county's enterprise in its links. */
    async function look(name: string): Promise<void> {
      const { page } = browser;
      visited.push(page.url());
      await expectAccessible(page);
      await screenshot(page, name);
      const hrefs = await links(page);
      for (const id of other.enterpriseIds) expect(hrefs).not.toContain(`/enterprises/${id}`);
      for (const id of other.decisionIds) expect(hrefs).not.toContain(`/decisions/${id}`);
      expect(await page.content()).not.toContain('330106测试企业');
    }

    it('home: what can be done today, reached by keyboard', async () => {
      const { page } = browser;
      await page.goto(`${server.url}/`);
      await look('county-home');
      // The main action is the first control after the skip link, the header and the navigation.
      const presses = await tabTo(page, 'main a.button.primary');
      expect(presses).toBeLessThanOrEqual(9);
      await Promise.all([page.waitForURL('**/uploads/new'), page.keyboard.press('Enter')]);
    });

    it('upload: a register with a progress bar; counts per class as fenlei eval gives them; the error row by its column', async () => {
      const { page } = browser;
      await look('county-upload');
      await page.getByLabel('登记表文件（.csv 或 .xlsx）').setInputFiles(registerPath);
      await tabTo(page, '#upload-form button[type=submit]');
      await Promise.all([page.waitForURL(/\/uploads\/\d+$/), page.keyboard.press('Enter')]);
      await look('county-upload-result');

      const ev = cli(['eval', 'national', registerPath]);
      const outcomes = ev.stdout.trim().split('\n').map((l) => JSON.parse(l) as { class?: string | null; inScope?: boolean; error?: { code: string; field: string } });
      const want: Record<string, string> = { AA: '0', A: '0', B: '0', C: '0' };
      for (const o of outcomes) if (!o.error && o.inScope) want[o.class!] = String(Number(want[o.class!]) + 1);
      const shown = await page.locator('table.class-counts tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { innerText: string }).innerText.split('\t').map((s) => s.trim())));
      expect(Object.fromEntries(shown.slice(0, 4).map(([k, v]) => [k!.replace(' 类', ''), v]))).toEqual(want);
      expect(await page.locator('[data-figure="stored"]').textContent()).toBe(String(ROWS.length));
      expect(await page.locator('[data-figure="errors"]').textContent()).toBe('1');

      const evalError = outcomes.find((o) => o.error)!.error!;
      const errRow = await page.locator('table.upload-errors tbody tr').first().locator('td').allTextContents();
      expect(errRow).toEqual([String(ROWS.length + 2), 'bad-date', '检查日期', evalError.code, expect.stringContaining('2025-13-45')]);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载出错的行（xlsx）' }).click()]);
      const xlsxPath = join(dir, 'errors.xlsx');
      await download.saveAs(xlsxPath);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(xlsxPath) as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('错误')!;
      expect(sheet.getRow(1).getCell(6).value).toBe('登记表列 column');
      expect([sheet.getRow(2).getCell(1).value, sheet.getRow(2).getCell(2).value, sheet.getRow(2).getCell(6).value, sheet.getRow(2).getCell(8).value]).toEqual([ROWS.length + 2, 'bad-date', '检查日期', evalError.code]);
      expect(sheet.rowCount).toBe(2);
    });

    it('upload page: the template of the rules in force', async () => {
      const { page } = browser;
      await page.goto(`${server.url}/uploads/new`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /登记表模板/ }).first().click()]);
      expect(download.suggestedFilename()).toMatch(/^浙江省企业登记表（.+）\.xlsx$/);
      const path = join(dir, 'template.xlsx');
      await download.saveAs(path);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
      const head = (wb.getWorksheet('登记表')!.getRow(1).values as unknown[]).filter(Boolean).map(String);
      expect(head).toEqual(expect.arrayContaining(['企业名称', '统一社会信用代码', '检查日期', '★1']));
    });

    it('search: by name, by class, never another county’s enterprise', async () => {
      const { page } = browser;
      await page.goto(`${server.url}/enterprises`);
      await page.getByLabel('企业名称或统一社会信用代码').fill('测试企业');
      await Promise.all([page.waitForURL(/q=/), page.getByLabel('企业名称或统一社会信用代码').press('Enter')]);
      await look('county-search');
      const names = await page.locator('main table tbody tr td:first-child').allTextContents();
      expect(names.sort()).toEqual(ROWS.map((r) => r.name).sort());
      // 西湖区's enterprises exist, but not for 余杭区's inspector.
      await page.goto(`${server.url}/enterprises?q=${encodeURIComponent('330106')}`);
      expect(await page.locator('main .empty').textContent()).toBe('没有符合条件的企业。');
      await page.goto(`${server.url}/enterprises?class=C`);
      for (const cell of await page.locator('main table tbody tr td:nth-child(4)').allTextContents()) expect(cell).toBe('C 类');
    });

    it('enterprise and decision: class, mode, timeline, the explanation with its articles and the filled form', async () => {
      const { page } = browser;
      const r = ROWS[5]!; // ★1 failed
      await page.goto(`${server.url}/enterprises?q=${creditCode(r.code17)}`);
      await Promise.all([page.waitForURL(/\/enterprises\/\d+$/), page.getByRole('link', { name: r.name }).click()]);
      await look('county-enterprise');
      expect(await page.locator('h1').textContent()).toBe(r.name);
      expect(await page.locator('.facts dd [data-class]').getAttribute('data-class')).toBe('C');
      expect(await page.locator('.timeline li').count()).toBe(2);
      await Promise.all([page.waitForURL(/\/decisions\/\d+$/), page.getByRole('link', { name: /判定说明与检查表/ }).click()]);
      await look('county-decision');
      const articles = await page.locator('.explanation table.trace tbody tr td:nth-child(2)').allTextContents();
      const stored = (await (await page.request.get(`${server.url}/api/decisions/${page.url().split('/').pop()}`)).json()) as { trace: { article: string }[] };
      expect(articles).toEqual(stored.trace.map((t) => t.article));
      expect(articles).toContain('通用规则备注（二）');
      expect(await page.locator('.inspection-form tr.item-row[data-item="1"] [data-checked="true"]').textContent()).toBe('发现问题');
      // Printed: no navigation, the explanation and the form are there.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.site-nav').isVisible()).toBe(false);
      expect(await page.locator('.inspection-form').isVisible()).toBe(true);
      await screenshot(page, 'county-decision-print');
      await page.emulateMedia({ media: 'screen' });
    });

    it('another county’s enterprise and decision: refused, by page as by API', async () => {
      const { page } = browser;
      for (const path of [`/enterprises/${other.enterpriseIds[0]}`, `/decisions/${other.decisionIds[0]}`]) {
        const res = await page.goto(`${server.url}${path}`);
        expect(res!.status()).toBe(403);
        expect(await page.locator('h1').textContent()).toBe('无权访问');
      }
      await look('county-forbidden');
    });

    it('inspection: entered on the form, the decision shown before saving, then saved', async () => {
      const { page } = browser;
      await page.goto(`${server.url}/inspections/new`);
      await look('county-inspection-new');
      const code = creditCode('91330110888888888');
      await page.getByLabel('企业名称').fill('录入测试有限公司');
      await page.getByLabel('统一社会信用代码').fill(code);
      await page.getByLabel('主要产品').fill('家具');
      await page.getByLabel('检查日期').fill('2025-04-01');
      // Every item passes but ★17 (符合/不符合) — each radio pair named by its item.
      const items = await page.locator('tr.item-row').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: { item: string } }).dataset.item));
      expect(items.length).toBe(19);
      for (const id of items) {
        const group = page.getByRole('group', { name: new RegExp(`^${id}、`) });
        const words = await group.getByRole('radio').evaluateAll((rs) => rs.map((r) => (r as unknown as { value: string }).value));
        expect(words.slice(0, 2).sort()).toEqual(['8', '13', '14', '17', '18', '19'].includes(id) ? ['不符合', '符合'] : ['发现问题', '未发现问题']);
        await group.getByRole('radio', { name: id === '17' ? '不符合' : words.includes('符合') ? '符合' : '未发现问题', exact: true }).check();
      }
      expect(await page.locator('tr.item-row[data-item="17"] .star').count()).toBe(1);
      await tabTo(page, 'button:has-text("预览判定")', 200);
      await Promise.all([page.waitForURL('**/inspections/preview'), page.keyboard.press('Enter')]);
      await look('county-inspection-preview');
      expect(await page.locator('#preview h2').textContent()).toBe('判定预览（尚未保存）');
      expect(await page.locator('#preview [data-class]').getAttribute('data-class')).toBe('C');
      expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe('preview');
      // Nothing stored by the preview.
      const none = await page.request.get(`${server.url}/api/enterprises?q=${code}`);
      expect(((await none.json()) as { enterprises: unknown[] }).enterprises).toEqual([]);
      await Promise.all([page.waitForURL(/\/decisions\/\d+$/), page.getByRole('button', { name: '保存这次检查' }).click()]);
      await look('county-inspection-saved');
      expect(await page.locator('.verdict [data-figure="class"]').textContent()).toBe('C');
      await page.goto(`${server.url}/enterprises?q=${code}`);
      expect(await page.locator('main table tbody tr').count()).toBe(1);
      expect(browser.problems).toEqual([]);
      expect(visited.length).toBeGreaterThanOrEqual(9);
    });
  });
});
