// The printable documents opened in real headless Chromium (Debian's headless shell through
// playwright-core): the filing report, the rules document with its blank form, the filled
// form and the comparison. Text and numbers are asserted; screenshots are saved under
// test-output/screenshots/ for a person to look at.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ART13_NOTICE } from '../../cli/format/explain.js';
import { csvLine } from '../../cli/io/csv.js';
import { recordToCells, registerHeader } from '../../cli/io/csv-record.js';
import { generateRecords } from '../fixtures/make-register.js';
import { CHROMIUM, chromiumRequired, fenlei, hasChromium, JIANGSU, REPO, rules, scratch, saveScreenshot, TODAY, TODAY_DAY, ZHEJIANG } from './helpers.js';
import { openChromium, type HeadlessChromium } from './chromium.js';
import { shareChromium } from '../../cli/format/pdf.js';
import { isError } from '../../runtime/index.js';

const run = hasChromium || chromiumRequired ? describe : describe.skip;

run('documents in headless Chromium', () => {
  let chrome: HeadlessChromium | undefined;
  // The PDFs of the in-process runs on this same Chromium (the documents are the subject here, not its start).
  let stopSharing: (() => Promise<void>) | undefined;
  let page: Page;
  let dir: string;
  const scripts: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run installs Debian's chromium-headless-shell package`);
    // Offline, as the CLI prints: a document shows whole without the network.
    chrome = await openChromium({ viewport: { width: 1100, height: 1400 }, offline: true });
    stopSharing = shareChromium(chrome.context);
    page = chrome.page;
    page.on('dialog', (d) => {
      scripts.push(d.message());
      void d.dismiss();
    });
    dir = scratch('docs');
  });
  afterAll(async () => {
    await stopSharing?.();
    await chrome?.close();
  });

  const open = async (file: string) => {
    await page.goto(`file://${file}`);
    return page;
  };
  const text = async (sel: string) => (await page.locator(sel).first().innerText()).trim();
  const cellsOf = async (sel: string) => page.locator(`${sel} tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td,th')].map((c) => (c as unknown as { innerText: string }).innerText.trim())));

  it('the filing report of a province: counts, changes, C list and the map agree with the decisions', async () => {
    const register = join(REPO, 'rules', 'examples', 'zhejiang', 'register.csv');
    const out = join(dir, 'zhejiang.report.html');
    const r = await fenlei(['report', ZHEJIANG, register, '--out', out, '--today', TODAY, '--pdf']);
    expect(r.code, r.stderr).toBe(0);
    // The figures the report must show, from the in-process evaluator over the same rows.
    const { ev } = rules(ZHEJIANG);
    const jl = join(dir, 'zj.jsonl');
    expect((await fenlei(['eval', ZHEJIANG, register, '--out', jl, '--today', TODAY])).code).toBe(0);
    const outs = readFileSync(jl, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const count = (c: string) => outs.filter((o) => !o.error && o.inScope && o.class === c).length;
    expect(ev.ir.meta.region).toBe('浙江省');
    await open(out);
    expect(await page.title()).toBe('浙江省工业企业产品质量分类情况备案报告');
    expect(await text('.notice')).toContain('企业不得将分类结果印制于产品标志');
    expect(await page.locator('.notice').count()).toBe(2);
    const figure = async (k: string) => Number((await text(`[data-figure="${k}"]`)).replace(/,/g, ''));
    expect(await figure('登记企业')).toBe(outs.length);
    expect(await figure('C类企业')).toBe(count('C'));
    const byClass = await cellsOf('table.by-class');
    expect(byClass.slice(0, 4).map((row) => [row[0], Number(row[1]!.replace(/,/g, ''))])).toEqual([
      ['AA 类', count('AA')],
      ['A 类', count('A')],
      ['B 类', count('B')],
      ['C 类', count('C')],
    ]);
    const byMode = await cellsOf('table.by-mode');
    for (const row of byMode) expect(Number(row[1])).toBe(outs.filter((o) => !o.error && o.mode === row[0]).length);
    const cList = await cellsOf('table.c-list');
    expect(cList.map((row) => row[1])).toEqual(outs.filter((o) => !o.error && o.class === 'C').map((o) => o.id));
    expect(cList.every((row) => row[7]!.length > 0)).toBe(true);
    // The map: one tile per city of the province, coloured by the C share.
    const tiles = await page.locator('svg.region-map g[data-region]').count();
    expect(tiles).toBe(11);
    const hangzhou = await page.locator('svg.region-map g[data-region="3301"] text').evaluateAll((ts) => ts.map((t) => t.textContent));
    expect(hangzhou[0]).toBe('杭州市');
    // Printing: the notice is in the bottom margin of every page, tables repeat their header.
    const css = await page.locator('style').innerText();
    expect(css).toContain('@bottom-left');
    expect(css).toContain(ART13_NOTICE);
    expect(existsSync(join(dir, 'zhejiang.report.pdf'))).toBe(true);
    expect(readFileSync(join(dir, 'zhejiang.report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    await saveScreenshot(page, 'report-zhejiang.png', { fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await saveScreenshot(page, 'report-zhejiang-print.png', { fullPage: false });
    await page.emulateMedia({ media: 'screen' });
  });

  it('the rules document: items, ★, refinements, thresholds in words, modes and the blank form', async () => {
    const out = join(dir, 'zhejiang.doc.html');
    const form = join(dir, 'zhejiang.form.html');
    expect((await fenlei(['doc', ZHEJIANG, '--out', out, '--form', form])).code).toBe(0);
    await open(out);
    const { ir } = rules(ZHEJIANG);
    expect(Number(await text('[data-figure="items"]'))).toBe(ir.items.length);
    expect(Number(await text('[data-figure="stars"]'))).toBe(ir.items.filter((i) => i.directive).length);
    const items = await cellsOf('table.items');
    expect(items.map((r) => r[0])).toEqual(ir.items.map((i) => i.id));
    // 2.1 refines national item 2 and keeps its 视为通过条件 (D2′), said in words under the text.
    expect(items.find((r) => r[0] === '2.1')!.slice(1, 5)).toEqual(['★', `${ir.items.find((i) => i.id === '2.1')!.text}\n视为通过：不涉及行政许可时，本项按“未发现问题”判定，不论填写的答案`, '未发现问题/发现问题', '细化国家第2项']);
    expect(items.find((r) => r[0] === '补2')![7]).toContain('小微企业');
    const c = await cellsOf('table.class-C');
    expect(c.map((row) => row[1])).toEqual(['指向型（★）项目中任一项不通过（发现问题/不符合）', '通过率（通过项目数 ÷ 作答项目数）低于72%（不含本数）']);
    const a = await cellsOf('table.class-A');
    expect(a[0]![1]).toBe('通过率（通过项目数 ÷ 作答项目数）不低于96%（含本数）');
    const modes = await cellsOf('table.modes');
    expect(modes.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['AA类', '信用监管', '责任监管（调整）'],
      ['A类', '责任监管', '常态监管（调整）'],
      ['B类', '常态监管', '加严监管（调整）'],
      ['C类', '加严监管', '加严监管'],
    ]);
    expect(await page.locator('.inspection-form tr.item-row').count()).toBe(ir.items.length);
    expect(await page.locator('.inspection-form [data-checked]').count()).toBe(0);
    await saveScreenshot(page, 'doc-zhejiang.png', { fullPage: true });
    await open(form);
    expect(await page.locator('.inspection-form tr.item-row').count()).toBe(ir.items.length);
    expect(await text('.inspection-form')).toContain('对该企业实施监管方式拟为');
    await saveScreenshot(page, 'form-blank-zhejiang.png', { fullPage: true });
  });

  it('explain --form fills the form for one enterprise: answers, risk, class and mode ticked', async () => {
    const register = join(REPO, 'rules', 'examples', 'jiangsu', 'register.csv');
    const { ev } = rules(JIANGSU);
    const jl = join(dir, 'js.jsonl');
    expect((await fenlei(['eval', JIANGSU, register, '--out', jl, '--today', TODAY])).code).toBe(0);
    const outs = readFileSync(jl, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const target = outs.find((o) => !o.error && o.class === 'B' && o.failedItems.length >= 2)!;
    const out = join(dir, 'form.html');
    const r = await fenlei(['explain', JIANGSU, register, '--id', target.id, '--form', '--out', out, '--today', TODAY, '--pdf']);
    expect(r.code, r.stderr).toBe(0);
    await open(out);
    const checked = await page.locator('.inspection-form [data-checked]').allInnerTexts();
    const failedWords = target.failedItems.length;
    expect(checked.filter((t) => t === '发现问题' || t === '不符合')).toHaveLength(failedWords);
    expect(checked).toContain(`${target.class}`);
    expect(checked).toContain(target.mode);
    expect(checked.some((t) => t.startsWith(target.riskLevel))).toBe(true);
    for (const id of target.failedItems) {
      const row = await page.locator(`tr.item-row[data-item="${id}"] [data-checked]`).innerText();
      expect(['发现问题', '不符合']).toContain(row.trim());
    }
    expect(Number(await text('[data-figure="class"]') === target.class)).toBe(1);
    expect(await text('.verdict')).toContain(`通过 ${target.passed}/${target.answered}`);
    expect(ev.ir.meta.region).toBe('江苏省');
    expect(existsSync(join(dir, 'form.pdf'))).toBe(true);
    await saveScreenshot(page, 'form-filled-jiangsu.png', { fullPage: true });
  });

  it('compare: the transition matrix and the movers match both rule sets', async () => {
    const register = join(REPO, 'rules', 'examples', 'zhejiang', 'register.csv');
    const out = join(dir, 'compare.html');
    const r = await fenlei(['compare', ZHEJIANG, register, '--out', out, '--today', TODAY]);
    expect(r.code, r.stderr).toBe(0);
    await open(out);
    const cell = async (from: string, to: string) => Number(await page.locator(`table.class-matrix td[data-from="${from}"][data-to="${to}"]`).innerText());
    const movers = await cellsOf('table.movers');
    const moved = Number(await text('[data-figure="类别变化"]'));
    let offDiagonal = 0;
    for (const a of ['AA', 'A', 'B', 'C']) for (const b of ['AA', 'A', 'B', 'C']) if (a !== b && (await page.locator(`table.class-matrix td[data-from="${a}"][data-to="${b}"]`).count())) offDiagonal += await cell(a, b);
    expect(offDiagonal).toBe(moved);
    expect(movers.length).toBeGreaterThanOrEqual(moved);
    expect(r.stdout).toContain(`类别变化 ${moved} 户`);
    // Every mover's draft class is what the draft gives.
    const { ev } = rules(ZHEJIANG);
    void ev;
    expect(movers.every((m) => m[5]!.length > 0 && m[6]!.length > 0)).toBe(true);
    await saveScreenshot(page, 'compare-zhejiang.png', { fullPage: true });
  });

  it('escapes everything that comes from registers and rule files (no script runs)', async () => {
    const { ir, ev } = rules(ZHEJIANG);
    const ids = ir.items.map((i) => i.id);
    const recs = generateRecords(ir, ev, { count: 6, seed: 3 });
    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>"\'`&amp;';
    recs.forEach((x) => (x.enterprise.name = `${evil}${x.id}`));
    for (const x of recs) for (const it of ir.items.filter((i) => i.directive).slice(0, 1)) x.inspection.answers[it.id] = '发现问题';
    const input = join(dir, 'evil.csv');
    writeFileSync(input, csvLine([...registerHeader(ids).slice(0, 1), '<b>列</b>', ...registerHeader(ids).slice(1)]) + recs.map((x) => { const c = recordToCells(x, ids); return csvLine([c[0], 'x', ...c.slice(1)]); }).join(''));
    const out = join(dir, 'evil.report.html');
    expect((await fenlei(['report', ZHEJIANG, input, '--out', out, '--today', TODAY])).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    await open(out);
    await page.waitForTimeout(200);
    expect(scripts).toEqual([]);
    const names = (await cellsOf('table.c-list')).map((row) => row[2]);
    expect(names).toEqual(recs.filter((x) => { const o = ev.evaluate(x, { today: TODAY_DAY }); return !isError(o) && o.class === 'C'; }).map((x) => x.enterprise.name));
    const form = join(dir, 'evil.form.html');
    expect((await fenlei(['explain', ZHEJIANG, input, '--form', '--out', form, '--today', TODAY])).code).toBe(0);
    await open(form);
    expect(await text('.inspection-form .fill')).toBe(recs[0]!.enterprise.name);
    expect(scripts).toEqual([]);
  });
});
