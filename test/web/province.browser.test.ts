// The province pages in a real browser (issue 16): a county assembles and submits a filing, the
// province returns it with a comment, the county submits again, the province accepts and the
// decisions show as locked; rule versions with their verdicts, and a refused version's
// diagnostics at file:line:col; a county user meets the 403 page on province pages and never
// sees another county's filing. axe-core on every page, a screenshot of each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addUser, as, countyRows, signIn as apiSignIn, uploadCsv, register } from '../server/api.js';
import { browserAvailable, expectAccessible, launchBrowser, screenshot, signIn, signOut, startServer, type TestBrowser, type TestServer } from './browser.js';

const PASSWORD = 'correct horse battery';
const YUHANG = '330110';
const YIWU = '330782';
// Item 1 is a ★ item of the national rules (C); one other failure gives A, none AA.
const fails = (k: number) => (k % 4 === 0 ? ['1'] : k % 3 === 0 ? ['3'] : []);
const expectedClass = (k: number) => (k % 4 === 0 ? 'C' : k % 3 === 0 ? 'A' : 'AA');

const run = browserAvailable ? describe : describe.skip;

run('province pages in Chromium: 备案, rule versions', () => {
  let server: TestServer;
  let b: TestBrowser;
  let page: Page;
  let yiwuFiling = 0;
  let filingId = 0;

  beforeAll(async () => {
    server = await startServer({
      async setup(app, db) {
        await addUser(db, 'zj-admin', 'province', ['330000']);
        await addUser(db, 'yuhang', 'county', [YUHANG]);
        await addUser(db, 'yiwu', 'county', [YIWU]);
        const yuhang = as(app, await apiSignIn(app, 'yuhang'));
        const yiwu = as(app, await apiSignIn(app, 'yiwu'));
        expect((await uploadCsv(yuhang, register(countyRows(YUHANG, 12, '2025-03-01', fails)))).json().stored).toBe(12);
        expect((await uploadCsv(yiwu, register(countyRows(YIWU, 5, '2025-04-01', fails)))).json().stored).toBe(5);
        // Another county's filing, submitted: the province sees it, yuhang never does.
        const f = (await yiwu({ method: 'POST', url: '/api/filings', payload: { region: YIWU, periodStart: '2025-01-01', periodEnd: '2025-12-31' } })).json();
        yiwuFiling = f.filing.id;
        expect((await yiwu({ method: 'POST', url: `/api/filings/${yiwuFiling}/submit` })).statusCode).toBe(200);
      },
    });
    b = await launchBrowser();
    page = b.page;
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  /** A fresh session of the user, on the page given. */
  const signInAs = async (login: string, path: string) => {
    await b.context.clearCookies();
    await signIn(page, server.url, login, PASSWORD, path);
  };

  const go = async (path: string) => {
    const r = await page.goto(`${server.url}${path}`);
    return r!.status();
  };

  it('a county assembles a filing for a period, checks its decisions and submits it', async () => {
    await signInAs('yuhang', '/filings');
    await expectAccessible(page);
    await page.getByRole('link', { name: /新建备案/ }).click();
    await page.getByLabel(/期间开始/).fill('2025-01-01');
    await page.getByLabel(/期间结束/).fill('2025-12-31');
    await expectAccessible(page);
    await screenshot(page, 'province-filing-new');
    await page.getByRole('button', { name: /汇总为草稿/ }).click();
    await page.waitForURL(/\/filings\/\d+\?done=add/);
    filingId = Number(/\/filings\/(\d+)/.exec(page.url())![1]);
    expect(await page.locator('.sub .badge').innerText()).toMatch(/草稿/);
    // Each enterprise's latest decision in the period, with the class the test's own rule gives.
    const rows = page.locator('table.decisions tbody tr');
    expect(await rows.count()).toBe(12);
    const classes = await page.locator('table.decisions tbody tr td:nth-child(4)').allInnerTexts();
    const names = await page.locator('table.decisions tbody tr td:nth-child(1)').allInnerTexts();
    const byName = new Map(countyRows(YUHANG, 12, '2025-03-01').map((r, k) => [r.name, `${expectedClass(k)} 类`]));
    expect(names.map((n) => byName.get(n))).toEqual(classes);
    const summary = Object.fromEntries((await page.locator('table.summary tbody tr:not(.total)').evaluateAll((trs) => trs.map((tr) => [(tr as unknown as { cells: { textContent: string }[] }).cells[0]!.textContent, Number((tr as unknown as { cells: { textContent: string }[] }).cells[2]!.textContent)]))) as [string, number][]);
    expect(summary).toEqual({ 'AA 类': 6, 'A 类': 3, 'C 类': 3 });
    await expectAccessible(page);
    await screenshot(page, 'province-filing-draft');
    await page.getByRole('button', { name: /^报送/ }).click();
    await page.waitForURL(/done=submitted/);
    expect(await page.locator('.sub .badge').innerText()).toMatch(/已报送/);
    expect(await page.locator('ol.steps li').count()).toBe(1);
  });

  it("a county never sees another county's filing and meets the 403 page on province pages", async () => {
    await go('/filings');
    const listed = await page.locator('table.filings tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: { filing: string } }).dataset.filing));
    expect(listed).toEqual([String(filingId)]);
    expect(await go(`/filings/${yiwuFiling}`)).toBe(403);
    expect(await page.getByRole('alert').innerText()).toContain('不在您的管辖范围内');
    await expectAccessible(page);
    await screenshot(page, 'province-403-other-county');
    for (const path of ['/rule-versions', '/rule-versions/publish']) {
      expect(await go(path), path).toBe(403);
      expect((await page.locator('h1').innerText()).trim()).toBe('无权访问');
    }
    // Nor can it take the province's steps by posting the form itself.
    const csrf = await page.locator('meta[name="csrf-token"]').getAttribute('content');
    const post = await page.request.post(`${server.url}/filings/${filingId}/accept`, { form: { _csrf: csrf! } });
    expect(post.status()).toBe(403);
  });

  it('the province filters the filings, returns one with a comment; the county sees it and submits again', async () => {
    await signInAs('zj-admin', '/filings');
    expect(await page.locator('table.filings tbody tr').count()).toBe(2);
    await page.getByLabel(/^地区/).selectOption(YUHANG);
    await page.getByLabel(/^状态/).selectOption('submitted');
    await page.getByRole('button', { name: /筛选/ }).click();
    await page.waitForURL(/region=330110/);
    const listed = await page.locator('table.filings tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: { filing: string } }).dataset.filing));
    expect(listed).toEqual([String(filingId)]);
    await expectAccessible(page);
    await screenshot(page, 'province-filings-list');
    await page.getByRole('link', { name: `备案 ${filingId}` }).click();
    await page.getByLabel(/退回意见/).fill('请补充第四季度的检查后重新报送。');
    await expectAccessible(page);
    await screenshot(page, 'province-filing-submitted');
    await page.getByRole('button', { name: /^退回/ }).click();
    await page.waitForURL(/done=returned/);
    expect(await page.locator('.sub .badge').innerText()).toMatch(/已退回/);
    await signOut(page);
    await signInAs('yuhang', `/filings/${filingId}`);
    expect((await page.locator('section.returned blockquote').innerText()).trim()).toBe('请补充第四季度的检查后重新报送。');
    await expectAccessible(page);
    await screenshot(page, 'province-filing-returned');
    await page.getByRole('button', { name: /重新报送/ }).click();
    await page.waitForURL(/done=submitted/);
    expect(await page.locator('ol.steps li').evaluateAll((lis) => lis.map((li) => (li as unknown as { dataset: { step: string } }).dataset.step))).toEqual(['submitted', 'returned', 'submitted']);
  });

  it('the province accepts; the decisions show as locked, and are locked in the database', async () => {
    await signInAs('zj-admin', `/filings/${filingId}`);
    await page.getByRole('button', { name: /^接收/ }).click();
    await page.waitForURL(/done=accepted/);
    expect(await page.locator('.sub .badge').innerText()).toMatch(/已接收/);
    expect(await page.locator('table.decisions .badge.locked').count()).toBe(12);
    expect(await page.locator('.locked-note').innerText()).toContain('12 个判定已锁定');
    // No action is offered any more.
    expect(await page.getByRole('button', { name: /接收|退回|报送/ }).count()).toBe(0);
    const [n] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM decisions d JOIN filing_decisions fd ON fd.decision_id = d.id WHERE fd.filing_id = $1 AND d.locked', [filingId]);
    expect(n!.n).toBe(12);
    await expectAccessible(page);
    await screenshot(page, 'province-filing-accepted');
    // No script error and no CSP violation (the 403 pages this test opened on purpose are not problems).
    expect(b.problems.filter((p) => !p.startsWith('console: Failed to load resource'))).toEqual([]);
  });

  it('rule versions: the history with verdicts; a refused version shows its diagnostics at file:line:col', async () => {
    expect(await go('/rule-versions')).toBe(200);
    const national = page.locator('table.versions tbody tr').first();
    expect(await national.innerText()).toContain('全国（000000）');
    expect(await national.innerText()).toContain('国家规则（无需比较）');
    await expectAccessible(page);
    await screenshot(page, 'province-rule-versions');
    await page.getByRole('link', { name: /发布新版本/ }).click();
    // A provincial rule set with an unknown key on line 4: check refuses it, nothing is published.
    const yaml = ['元数据:', '  名称: 测试省细则', '  地区: 浙江省', '  版本: "2025.1"', '  生效日期: 2025-01-01', '  基于: national', '  基于版本: "2011.1"', '项目:', '  - 编号: "2.1"', '    细化: "99"', ''].join('\n');
    await page.locator('input[type=file]').setInputFiles({ name: '测试细则.yaml', mimeType: 'text/yaml', buffer: Buffer.from(yaml, 'utf8') });
    // The page's script puts the chosen file's text into the box (FileReader: wait for it).
    await page.waitForFunction("document.querySelector('[data-yaml-name]').value === '测试细则.yaml'");
    expect(await page.getByLabel(/规则文件内容/).inputValue()).toBe(yaml);
    await page.getByRole('button', { name: /检查、验证并发布/ }).click();
    expect(await page.locator('section.refused').innerText()).toContain('未发布');
    const at = await page.locator('section.refused .diagnostics code.at').allInnerTexts();
    expect(at.length).toBeGreaterThan(0);
    for (const a of at) expect(a).toMatch(/^测试细则\.yaml:\d+:\d+$/);
    await expectAccessible(page);
    await screenshot(page, 'province-rule-publish-refused');
    const [v] = await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM rule_versions WHERE region = '330000'");
    expect(v!.n).toBe(0);
  });
});
