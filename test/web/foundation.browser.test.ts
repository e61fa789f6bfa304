// The pages' frame in a real browser: signed out → the sign-in page; signed in → the home page
// with the user's name, role and regions, the role's navigation and sign-out; the skip link and
// the sign-in form work from the keyboard; no serious accessibility violation; no request
// blocked by the pages' Content-Security-Policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, PASSWORD } from '../server/api.js';
import { browserAvailable, expectAccessible, launchBrowser, screenshot, signIn, signOut, startServer, tabTo, type TestBrowser, type TestServer } from './browser.js';

const run = browserAvailable ? describe : describe.skip;

run('the pages’ frame', () => {
  let server: TestServer;
  let browser: TestBrowser;
  beforeAll(async () => {
    server = await startServer({ setup: (_app, db) => addUser(db, 'yuhang', 'county', ['330110']) });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

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
