// Hostile text in every field of a rule file (名称, 地区, 版本, 说明, item text, fact notes) and
// of a register (编号, 企业名称, 统一社会信用代码): each printed document is opened in real
// headless Chromium and must show the text as text — no navigation, no request, no injected
// element or style, the content and the verdict intact. The page header (a CSS string in the
// print margins) is the context that once let `</style>` through. `report --pdf` prints pages
// with text on them; a page that went blank or elsewhere is never printed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { htmlToPdf, PdfNotPrinted, shareChromium } from '../../cli/format/pdf.js';
import { page as htmlPage } from '../../cli/format/html.js';
import { CHROMIUM, chromiumRequired, fenlei, hasChromium, scratch, TODAY, zhejiangRulesText } from './helpers.js';
import { openChromium, type HeadlessChromium } from './chromium.js';
import { HIDING_RULES, hostileRegister, hostileRules, INJECTED, PAYLOAD, pdfContent } from './hostile.js';

const run = hasChromium || chromiumRequired ? describe : describe.skip;

run('documents with hostile text in every field, in headless Chromium', () => {
  let chrome: HeadlessChromium | undefined;
  let stopSharing: (() => Promise<void>) | undefined;
  let page: Page;
  const dir = scratch('hostile-docs');
  const rules = join(dir, 'rules.yaml');
  const register = join(dir, 'register.csv');
  const dialogs: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`Chromium is missing at ${CHROMIUM}`);
    writeFileSync(rules, hostileRules(PAYLOAD));
    writeFileSync(register, hostileRegister(PAYLOAD, 4));
    writeFileSync(join(dir, 'clean.yaml'), zhejiangRulesText());
    chrome = await openChromium({ offline: true });
    // report --pdf prints on this Chromium (each PDF on a page of its own); the CLI's own Chromium is started below.
    stopSharing = shareChromium(chrome.context);
    page = chrome.page;
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => requests.push(r.url()));
  });
  afterAll(async () => {
    await stopSharing?.();
    await chrome?.close();
  });

  /** Opens a document and checks what every document must be: itself, whole, with nothing injected. */
  const openSafe = async (file: string) => {
    const url = `file://${file}`;
    requests.length = 0;
    await page.emulateMedia({ media: 'screen' });
    await page.goto(url, { waitUntil: 'load' });
    expect(page.url()).toBe(url);
    expect(await page.locator(INJECTED).count()).toBe(0);
    expect(await page.locator('style').count()).toBe(1);
    expect(await page.locator('meta').count()).toBe(4);
    for (const media of ['screen', 'print'] as const) {
      await page.emulateMedia({ media });
      expect(await page.locator('main').isVisible()).toBe(true);
      expect(await page.locator('main > .notice').count()).toBe(2);
      for (const n of await page.locator('main > .notice').all()) expect(await n.isVisible()).toBe(true);
    }
    // The running head stayed inside its CSS string: no rule of the page hides anything.
    expect(await page.locator('style').textContent()).not.toContain('</');
    expect(await page.evaluate(HIDING_RULES)).toEqual([]);
    expect(requests).toEqual([url]);
    expect(dialogs).toEqual([]);
    expect(page.url()).toBe(url);
    return page;
  };
  const textOf = async (sel: string) => (await page.locator(sel).first().textContent()) ?? '';

  it('the rules document and the blank form show 名称, 地区, 版本, 说明 and item text as text', async () => {
    const r = await fenlei(['doc', rules, '--out', join(dir, 'doc.html'), '--form', join(dir, 'form.html')]);
    expect(r.code, r.stderr).toBe(0);
    await openSafe(join(dir, 'doc.html'));
    expect(await textOf('h1')).toBe('细则' + PAYLOAD);
    expect(await page.title()).toBe('细则' + PAYLOAD);
    expect(await textOf('.sub')).toContain(`浙江${PAYLOAD} · 版本 2024.1${PAYLOAD}`);
    expect(await textOf('tr.item-row[data-item="2.1"]')).toBe(`*2.1、许可${PAYLOAD}（细化第2项）发现问题未发现问题`);
    expect(await page.locator('table.items tbody tr').count()).toBe(await page.locator('.inspection-form tr.item-row').count());
    await openSafe(join(dir, 'form.html'));
    expect(await textOf('.form-sub')).toBe(`细则${PAYLOAD} · 监督检查表（版本 2024.1${PAYLOAD}）`);
  });

  it('explain --form: the enterprise name, code and id as text, the verdict intact', async () => {
    const first = JSON.parse((await fenlei(['eval', rules, register, '--today', TODAY])).stdout.split('\n')[0]!) as { id: string; class: string; mode: string };
    expect(first.id).toBe(`ZJ0001${PAYLOAD}`);
    const out = join(dir, 'filled.html');
    const r = await fenlei(['explain', rules, register, '--id', first.id, '--form', '--out', out, '--today', TODAY]);
    expect(r.code, r.stderr).toBe(0);
    await openSafe(out);
    expect(await textOf('.inspection-form .fill')).toBe(`杭州振鑫童车有限公司${PAYLOAD}`);
    expect(await page.locator('.verdict').isVisible()).toBe(true);
    expect(await textOf('.verdict')).toMatch(new RegExp(`^结论：${first.class} 类，${first.mode}（`));
    expect(await page.locator('[data-figure="class"]').allTextContents()).toEqual([first.class]);
    expect(await textOf('h2')).toBe(`判定说明（杭州振鑫童车有限公司${PAYLOAD}，编号 ZJ0001${PAYLOAD}）`);
  });

  it('compare: both rule sets’ names and every enterprise as text', async () => {
    const out = join(dir, 'compare.html');
    const r = await fenlei(['compare', rules, '--against', join(dir, 'clean.yaml'), register, '--out', out, '--today', TODAY]);
    expect(r.code, r.stderr).toBe(0);
    await openSafe(out);
    expect(await textOf('h1')).toBe(`实施细则草案影响分析：细则${PAYLOAD}`);
    expect(Number(await textOf('[data-figure="登记企业"]'))).toBe(4);
  });

  it('report --pdf: the title from 地区 as text, and a PDF whose pages carry text', async () => {
    const out = join(dir, 'report.html');
    const r = await fenlei(['report', rules, register, '--out', out, '--pdf', '--today', TODAY]);
    expect(r.code, r.stderr).toBe(0);
    await openSafe(out);
    expect(await textOf('h1')).toBe(`浙江${PAYLOAD}工业企业产品质量分类情况备案报告`);
    expect(Number(await textOf('[data-figure="登记企业"]'))).toBe(4);
    const pdf = pdfContent(readFileSync(join(dir, 'report.pdf')));
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    expect(pdf.textOps).toBeGreaterThan(pdf.pages * 20);
  });

  it('a page that navigates away or hides its content is never printed', async () => {
    const good = htmlPage({ title: 't' }, '<h1>正文</h1>');
    // As if escaping had failed: the same document with a hiding style, or with a refresh. The
    // last on a Chromium of its own (as the CLI prints), the others on a page of the shared one.
    await expect(htmlToPdf(good.replace('</head>', `<meta http-equiv="refresh" content="0;url=about:blank#away"></head>`))).rejects.toThrow(PdfNotPrinted);
    await expect(htmlToPdf(good.replace('</head>', '<style>main{display:none}</style></head>'))).rejects.toThrow(PdfNotPrinted);
    await stopSharing!();
    stopSharing = undefined;
    await expect(htmlToPdf(good.replace('</head>', '<style>main{display:none}</style></head>'))).rejects.toThrow(PdfNotPrinted);
  });
});
