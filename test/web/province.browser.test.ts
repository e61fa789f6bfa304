// The province pages in a real browser (issue 16): a county assembles and submits a filing, the
// province returns it with a comment, the county submits again, the province accepts and the
// decisions show as locked; rule versions with their verdicts, and a refused version's
// diagnostics at file:line:col; a county user meets the 403 page on province pages and never
// sees another county's filing. axe-core on every page, a screenshot of each.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { packageRoot } from '../../compiler/index.js';
import { publishCatalogue } from '../../server/domain/catalogues.js';
import { addUser, as, countyRows, PASSWORD, signIn as apiSignIn, STRICT_A_DRAFT as DRAFT, uploadCsv, register } from '../server/api.js';
import { browserAvailable, expectAccessible, launchBrowser, screenshot, signIn, signOut, startServer, tabTo, type TestBrowser, type TestServer } from './browser.js';

const YUHANG = '330110';
const YIWU = '330782';
// Item 1 is a ★ item of the national rules (C); one other failure gives A, none AA.
const fails = (k: number) => (k % 4 === 0 ? ['1'] : k % 3 === 0 ? ['3'] : []);
const expectedClass = (k: number) => (k % 4 === 0 ? 'C' : k % 3 === 0 ? 'A' : 'AA');
// Yiwu (金华市): one C of eight (12.5%, the yellow band), four A, three AA.
const yiwuFails = (k: number) => (k === 0 ? ['1'] : k % 2 === 1 ? ['3'] : []);
const PERIOD = '?periodStart=2025-01-01&periodEnd=2025-12-31';
const EXAMPLES = join(packageRoot(), 'rules', 'examples');

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
        expect((await uploadCsv(yiwu, register(countyRows(YIWU, 8, '2025-04-01', yiwuFails)))).json().stored).toBe(8);
        // Another county's filing, submitted: the province sees it, yuhang never does.
        const f = (await yiwu({ method: 'POST', url: '/api/filings', payload: { region: YIWU, periodStart: '2025-01-01', periodEnd: '2025-12-31' } })).json();
        yiwuFiling = f.filing.id;
        expect((await yiwu({ method: 'POST', url: `/api/filings/${yiwuFiling}/submit` })).statusCode).toBe(200);
        // The catalogues the example Zhejiang rules name (published by the system, as --demo does).
        await publishCatalogue(db, null, { region: '000000', fileName: 'national-illustrative.yaml', yaml: readFileSync(join(EXAMPLES, 'catalogues', 'national-illustrative.yaml'), 'utf8') });
        await publishCatalogue(db, null, { region: '330000', fileName: 'zhejiang-2024.yaml', yaml: readFileSync(join(EXAMPLES, 'zhejiang', 'catalogues', 'zhejiang-2024.yaml'), 'utf8') });
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
    await page.getByRole('button', { name: /列出可报的判定/ }).click();
    await page.waitForURL(/\/filings\/new\?region=/);
    expect(await page.locator('tr[data-candidate]').count()).toBe(12);
    await expectAccessible(page);
    await screenshot(page, 'province-filing-new');
    // The whole period, as before choosing was possible (test/web/filing-choice.browser.test.ts chooses).
    await page.getByRole('button', { name: /报期间内全部/ }).click();
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
    for (const path of ['/rule-versions', '/rule-versions/publish', '/compare', '/report', '/report/map']) {
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
    // By keyboard alone: Tab to the comment, type it, Tab to 退回 and press Enter.
    await tabTo(page, '#ret-comment');
    await page.keyboard.type('请补充第四季度的检查后重新报送。');
    await expectAccessible(page);
    await screenshot(page, 'province-filing-submitted');
    // Printed, the page keeps the decisions and drops the forms and the navigation.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.filing-actions').isVisible()).toBe(false);
    expect(await page.locator('.site-nav').isVisible()).toBe(false);
    expect(await page.locator('table.decisions').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').innerText()).toMatch(/^退回/);
    await Promise.all([page.waitForURL(/done=returned/), page.keyboard.press('Enter')]);
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
    await expect.poll(() => page.locator('[data-yaml-name]').inputValue()).toBe('测试细则.yaml');
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

    // The example Zhejiang rules pass check and verify: published, and listed with their verdict.
    const zhejiang = readFileSync(join(EXAMPLES, 'zhejiang', 'rules.yaml'), 'utf8');
    await page.locator('input[type=file]').setInputFiles({ name: 'zhejiang.yaml', mimeType: 'text/yaml', buffer: Buffer.from(zhejiang, 'utf8') });
    await expect.poll(() => page.locator('[data-yaml-name]').inputValue()).toBe('zhejiang.yaml');
    await page.getByRole('button', { name: /检查、验证并发布/ }).click();
    await page.waitForSelector('section.ok', { timeout: 60_000 });
    expect(await page.locator('section.ok').innerText()).toContain('已证明不比国家规则宽松');
    await expectAccessible(page);
    await screenshot(page, 'province-rule-published');
    await page.getByRole('link', { name: /返回规则版本列表/ }).click();
    const row = page.locator('table.versions tbody tr', { hasText: '浙江省（330000）' });
    expect(await row.innerText()).toContain('已证明不比国家规则宽松');
    expect(await row.innerText()).toContain('2024.1');
    expect(await page.locator('table.catalogues tbody tr').count()).toBe(2);
    await row.getByText(/验证详情/).click();
    const verdict = await row.locator('pre.verify').innerText();
    expect(verdict).toContain('结论：✓ 已证明不比国家规则宽松');
    expect(verdict).toContain('（national.yaml）');
    expect(verdict).not.toContain(packageRoot());
    await expectAccessible(page);
    await screenshot(page, 'province-rule-versions-verified');
  }, 120_000);

  it("the report's and the map's numbers are the API's, and the test's own count", async () => {
    const api = async <T>(path: string): Promise<T> => (await page.request.get(`${server.url}${path}`)).json() as Promise<T>;
    expect(await go(`/report${PERIOD}`)).toBe(200);
    const figure = async (k: string) => Number((await page.locator(`[data-figure="${k}"]`).innerText()).replace(/,/g, ''));
    const byClass = Object.fromEntries(await Promise.all(['AA', 'A', 'B', 'C'].map(async (c) => [c, Number(await page.locator(`table.by-class tr[data-class="${c}"] td.num`).first().innerText())] as const)));
    // The test's own count: yuhang 6 AA, 3 A, 3 C; yiwu 3 AA, 4 A, 1 C.
    expect(byClass).toEqual({ AA: 9, A: 7, B: 0, C: 4 });
    expect(await figure('decided')).toBe(20);
    const report = await api<{ data: { decided: number; byClass: Record<string, number> } }>(`/api/reports/art12${PERIOD}`);
    expect(report.data.byClass).toEqual(byClass);
    expect(report.data.decided).toBe(20);
    expect(await page.locator('table.c-list tbody tr').count()).toBe(4);
    await expectAccessible(page);
    await screenshot(page, 'province-report');

    await page.getByRole('link', { name: /地区分布图/ }).click();
    await page.waitForURL(/\/report\/map/);
    const rows = await page.locator('table.regions tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = (tr as unknown as { dataset: { region: string }; querySelectorAll(s: string): { textContent: string; dataset: { class: string } }[] });
        return [cells.dataset.region, Object.fromEntries([...cells.querySelectorAll('td[data-class]')].map((td) => [td.dataset.class, Number(td.textContent)]))] as const;
      }),
    );
    const map = await api<{ level: string; regions: { code: string; byClass: Record<string, number> }[] }>(`/api/reports/region-map${PERIOD}`);
    expect(map.level).toBe('city');
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(map.regions.map((r) => [r.code, r.byClass])));
    expect(Object.fromEntries(rows)).toEqual({ '3301': { AA: 6, A: 3, B: 0, C: 3 }, '3307': { AA: 3, A: 4, B: 0, C: 1 } });
    // The tiles tell the band by pattern and words, not colour alone: 25% red (cross-hatch), 12.5% yellow (stripes).
    expect(await page.locator('svg.region-map g[data-region="3301"]').getAttribute('data-band')).toBe('3');
    expect(await page.locator('svg.region-map g[data-region="3307"]').getAttribute('data-band')).toBe('2');
    expect(await page.locator('svg.region-map g[data-region="3301"]').textContent()).toContain('C类 25.0%');
    await expectAccessible(page);
    await screenshot(page, 'province-region-map');
  });

  it('draft impact: a draft asking 100% for class A moves every A to B; a broken draft shows its diagnostics', async () => {
    expect(await go('/compare')).toBe(200);
    await page.getByLabel(/草案内容/).fill(DRAFT);
    await page.getByRole('button', { name: /^比较/ }).click();
    await page.waitForSelector('.compare-result');
    const figure = async (k: string) => Number(await page.locator(`[data-figure="${k}"]`).innerText());
    expect([await figure('records'), await figure('moved'), await figure('down'), await figure('up')]).toEqual([20, 7, 7, 0]);
    expect(await page.locator('table.class-matrix tr[data-from="A"] td[data-to="B"]').innerText()).toBe('7');
    expect(await page.locator('table.movers tbody tr').count()).toBe(7);
    await expectAccessible(page);
    await screenshot(page, 'province-compare');
    await page.getByLabel(/草案内容/).fill(DRAFT.replace('通过率 >= 100%', '通过率 >= 不是数'));
    await page.getByRole('button', { name: /^比较/ }).click();
    await page.waitForSelector('section.refused');
    for (const a of await page.locator('section.refused .diagnostics code.at').allInnerTexts()) expect(a).toMatch(/^草案\.yaml:\d+:\d+$/);
    await expectAccessible(page);
    await screenshot(page, 'province-compare-refused');
  });
});
