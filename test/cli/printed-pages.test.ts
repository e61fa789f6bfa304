// Issue 12, point 10: pages as printed and shown. The blank form's answer boxes stay inside
// the table (measured in headless Chromium at several widths), the report's map note names
// no province's practice, and the compare matrix lines up on a terminal (CJK = 2 columns).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { matrixText } from '../../cli/format/compare.js';
import { displayWidth } from '../../cli/format/text-width.js';
import { csvLine } from '../../cli/io/csv.js';
import { chromiumRequired, fenlei, hasChromium, scratch, saveScreenshot, TODAY, ZHEJIANG } from './helpers.js';
import { openChromium, type HeadlessChromium } from './chromium.js';

const run = hasChromium || chromiumRequired ? describe : describe.skip;

run('the blank inspection form in headless Chromium', () => {
  let chrome: HeadlessChromium | undefined;
  let page: Page;
  let form: string;

  beforeAll(async () => {
    chrome = await openChromium({ viewport: { width: 1200, height: 1400 } });
    page = chrome.page;
    const dir = scratch('printed');
    form = join(dir, 'form.html');
    expect((await fenlei(['doc', ZHEJIANG, '--out', join(dir, 'doc.html'), '--form', form])).code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await chrome?.close();
  });

  it.each([1200, 900, 700])('every answer box of every item is inside its cell and the table at %i px', async (width) => {
    await page.setViewportSize({ width, height: 1400 });
    await page.goto(`file://${form}`);
    const boxes = await page.locator('.inspection-form td.ans').evaluateAll((cells) =>
      cells.map((td) => {
        const cell = td.getBoundingClientRect();
        const table = td.closest('table')!.getBoundingClientRect();
        const opts = [...td.querySelectorAll('.opt')].map((o) => o.getBoundingClientRect());
        return {
          item: (td.parentElement as unknown as { dataset: Record<string, string> }).dataset.item,
          words: opts.length,
          inside: opts.every((o) => o.left >= cell.left && o.right <= cell.right && o.bottom <= cell.bottom && o.right <= table.right),
        };
      }),
    );
    // Zhejiang's 补4 has three boxes (发现问题, 未发现问题, 不适用).
    expect(boxes.find((b) => b.item === '补4')).toEqual({ item: '补4', words: 3, inside: true });
    expect(boxes.filter((b) => !b.inside)).toEqual([]);
    if (width === 1200) await saveScreenshot(page.locator('tr.item-row[data-item="补4"]'), 'form-na-box-1200.png');
  });
});

describe('the report’s map note', () => {
  it('names no province’s practice, whichever the province', async () => {
    const dir = scratch('printed-report');
    const input = join(dir, '广东.csv');
    const items = Array.from({ length: 19 }, (_, i) => String(i + 1));
    writeFileSync(input, csvLine(['编号', '企业名称', '行政区划代码', '主要产品', '检查日期', ...items]) + csvLine(['G1', '广州某家具厂', '440106', '家具', '2026-03-01', ...items.map(() => '未发现问题')]));
    const out = join(dir, 'report.html');
    expect((await fenlei(['report', 'national', input, '--out', out, '--today', TODAY])).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const note = /<p class="muted small">示意图：[^<]*<\/p>/.exec(html)![0];
    expect(note).toContain('绿、蓝、黄、红依次是本报告图表中 AA、A、B、C 类的颜色');
    expect(html).not.toContain('浙江');
  });
});

describe('the compare class matrix on a terminal', () => {
  it('lines up under Chinese headers: every count ends in the column its class ends', () => {
    const keys = ['AA', 'A', 'B', 'C', '不适用', '错误'];
    const matrix = Object.fromEntries(keys.map((k, i) => [k, Object.fromEntries(keys.map((j, n) => [j, (i + 1) * 1000 ** (n % 2) + n]))]));
    const text = matrixText(matrix, keys);
    const lines = text.split('\n');
    expect(lines.length).toBe(7);
    /** Display columns where each space-separated token ends. */
    const ends = (line: string) => [...line.matchAll(/\S+/g)].map((m) => displayWidth(line.slice(0, m.index! + m[0].length)));
    const head = ends(lines[0]!);
    expect(lines[0]!.trimEnd().split(/\s+/)).toEqual(['现行\\草案', ...keys]);
    for (const l of lines.slice(1)) expect(ends(l).slice(1), l).toEqual(head.slice(1));
    // The row labels start each line; the first count starts after the widest label.
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(['现行\\草案', ...keys]);
  });
});
