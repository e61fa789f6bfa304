// The other browser tests run in Debian's headless shell (the product's first choice, a third less
// CPU a page). The people who use the pages run a desktop browser: here a county's pages and a
// printed document in Debian's desktop Chromium too, so a page or print that works only in the
// shell shows up. Same checks as elsewhere: the sign-in, no console error or blocked request, axe,
// and the PDF of a document with as many pages as the shell prints.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, htmlToPdf, shareChromium } from '../../cli/format/pdf.js';
import { openChromium } from '../cli/chromium.js';
import { chromiumRequired, fenlei, scratch, ZHEJIANG } from '../cli/helpers.js';
import { addUser, as, countyRows, PASSWORD, register, signIn as apiSignIn, uploadCsv } from '../server/api.js';
import { expectAccessible, signIn, startServer, watchProblems, type TestServer } from './browser.js';

const DESKTOP = '/usr/bin/chromium';
const run = existsSync(DESKTOP) || chromiumRequired ? describe : describe.skip;

/** Pages in a PDF (Chromium writes each page as an object of type /Page). */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;

run('the pages and a printed document in the desktop Chromium', () => {
  let browser: Browser;
  let server: TestServer;

  beforeAll(async () => {
    if (!existsSync(DESKTOP)) throw new Error(`Chromium is missing at ${DESKTOP}: .ci/run installs Debian's chromium package`);
    server = await startServer({
      async setup(app, db) {
        await addUser(db, 'yuhang', 'county', ['330110']);
        const up = await uploadCsv(as(app, await apiSignIn(app, 'yuhang')), register(countyRows('330110', 3, '2025-03-01', (k) => (k === 1 ? ['3'] : []))));
        expect(up.json().stored).toBe(3);
      },
    });
    browser = await chromium.launch({ executablePath: DESKTOP, args: CHROMIUM_ARGS, headless: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a county inspector signs in and finds the enterprises, with no console error and no serious accessibility issue', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      const problems = watchProblems(page);
      await signIn(page, server.url, 'yuhang', PASSWORD);
      await page.goto(`${server.url}/enterprises`);
      const rows = await page.locator('main table tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { innerText: string }).innerText.split('\t').map((s) => s.trim())));
      // Nothing failed: AA; one ordinary item (3) failed: A.
      expect(rows.map((r) => [r[0], r[3]]).sort()).toEqual([
        ['330110测试企业0号有限公司', 'AA 类'],
        ['330110测试企业1号有限公司', 'A 类'],
        ['330110测试企业2号有限公司', 'AA 类'],
      ]);
      await expectAccessible(page);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('prints a document to PDF with the same number of pages as the headless shell', async () => {
    const dir = scratch('desktop-chromium');
    const out = join(dir, 'zhejiang.html');
    expect((await fenlei(['doc', ZHEJIANG, '--out', out])).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const print = async (context: import('playwright-core').BrowserContext) => {
      const stop = shareChromium(context);
      try {
        return await htmlToPdf(html);
      } finally {
        await stop();
      }
    };
    const context = await browser.newContext();
    const desktop = await print(context).finally(() => context.close());
    const shell = await openChromium();
    const shellPdf = await print(shell.context).finally(() => shell.close());
    expect(desktop.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(desktop)).toBeGreaterThan(1);
    expect(pageCount(desktop)).toBe(pageCount(shellPdf));
  });
});
