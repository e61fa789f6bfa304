// Random hostile text in every field the printed documents show — rule set 名称, 地区, 版本,
// 说明, item text, fact notes, product catalogue, file names; enterprise 编号, 名称, 区划, 信用代码 — through the
// rules document, the blank and the filled form, the filing report and the comparison.
// Each case: the document's tags are exactly those of the same document with plain text in
// those fields (nothing the text brought became markup), and the style block is one block. The
// first cases are also rendered in headless Chromium: no navigation, no injected element, no
// hiding rule, the content and the verdict visible.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Page } from 'playwright-core';
import { Program, loadEvaluator, type RuleSetModel } from '../../compiler/index.js';
import { isError, type Outcome, type RuleSetIR } from '../../runtime/index.js';
import { blankFormHtml, docHtml } from '../../cli/format/doc.js';
import { filledFormHtml } from '../../cli/format/filled-form.js';
import { emptyReport, reportHtml, tally } from '../../cli/format/report.js';
import { compareHtml, emptyCompare, tallyCompare } from '../../cli/format/compare.js';
import { generateRecords } from '../fixtures/make-register.js';
import { CHROMIUM, chromiumRequired, hasChromium, TODAY_DAY, ZHEJIANG } from '../cli/helpers.js';
import { openChromium, type HeadlessChromium } from '../cli/chromium.js';
import { HIDING_RULES, INJECTED } from '../cli/hostile.js';
import { FUZZ_RUNS, FUZZ_SEED, report } from './settings.js';

/** Cases: few in `npm test` (each builds five documents); `npm run fuzz` takes FENLEI_FUZZ_RUNS. */
const RUNS = process.env.FENLEI_FUZZ_RUNS ? FUZZ_RUNS : 30;
/** How many of them are also rendered in Chromium (slow: five page loads each). */
const CHROMIUM_RUNS = Number(process.env.FENLEI_FUZZ_CHROMIUM_RUNS ?? (process.env.FENLEI_FUZZ_RUNS ? 100 : 3));

const FRAGMENTS = [
  '<', '>', '&', '"', "'", '`', '\\', '/', ';', '{', '}', '(', ')', '*', '\n', '\r', '\t', '\u2028', '\u0000', '\u00a0', '\ufeff',
  '</style>', '</STYLE >', '</title>', '</svg>', '</textarea>', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>',
  "<meta http-equiv=refresh content='0;url=about:blank#x'>", '<style>main{display:none}</style>', '<svg onload=alert(1)>',
  '<!--', '-->', ']]>', '<![CDATA[', '&amp;', '&#60;', '&lt;', '\\3c /style\\3e ', '\\"', '"}body{display:none}/*', 'url(javascript:alert(1))',
  'javascript:', 'data:text/html,<b>', '@import "x";', '<base href=//x>', '<a href=x>', '结论：AA类 信用监管', '浙江省', '𠀀', '\ud800',
];
const payload = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6, unit: 'binary' })), { minLength: 1, maxLength: 8 }).map((xs) => '甲' + xs.join(''));

const FIELDS = ['name', 'region', 'version', 'description', 'itemText', 'factNote', 'catalogue', 'rulesFile', 'register', 'entName', 'entId', 'entRegion', 'entCode'] as const;
type Field = (typeof FIELDS)[number];
type Texts = Record<Field, string>;
const PLAIN: Texts = Object.fromEntries(FIELDS.map((f) => [f, '甲x'])) as Texts;

const compiled = new Program().compile(ZHEJIANG);
const IR = compiled.ir!;
const MODEL = compiled.linked!.model;
const EV = loadEvaluator(IR);
const RECORDS = generateRecords(IR, EV, { count: 4, seed: 11 });
// One record in class C, so that the report lists it with its reasons.
RECORDS[0]!.inspection.answers[IR.items.find((i) => i.directive)!.id] = '发现问题';

/** Every document with the texts in their fields. */
function documents(t: Texts): Record<string, string> {
  const meta = { ...IR.meta, name: t.name, region: t.region, version: t.version, description: t.description };
  const ir: RuleSetIR = { ...IR, meta, items: IR.items.map((it, i) => (i === 1 ? { ...it, text: t.itemText } : it)) };
  const model: RuleSetModel = {
    ...MODEL,
    meta: { ...MODEL.meta, name: t.name, region: t.region, version: t.version, description: t.description },
    items: MODEL.items.map((it, i) => (i === 1 ? { ...it, text: t.itemText } : it)),
    facts: MODEL.facts.map((f, i) => (i === 0 ? { ...f, description: t.factNote } : f)),
    catalogues: MODEL.catalogues.map((c, i) => (i === 0 ? { ...c, name: t.catalogue, region: t.catalogue, version: t.catalogue, description: t.catalogue } : c)),
  };
  const records = RECORDS.map((r, i) => ({ ...r, id: i === 0 ? t.entId : r.id, enterprise: { ...r.enterprise, name: t.entName, region: i === 0 ? t.entRegion : r.enterprise.region, creditCode: t.entCode } }));
  const outcomes: Outcome[] = records.map((r) => EV.evaluate(r, { today: TODAY_DAY, trace: true }));
  const data = emptyReport();
  const cmp = emptyCompare();
  outcomes.forEach((o, i) => {
    const e = records[i]!.enterprise;
    tally(data, ir, { row: i + 2, id: o.id, name: e.name, region: e.region ?? '', previousClass: null, outcome: o, triggers: [], heldByCap: false, heldByTrigger: false, loweredByTrigger: false });
    tallyCompare(cmp, { row: i + 2, id: o.id, name: e.name, before: outcomes[(i + 1) % outcomes.length]!, after: o });
  });
  const common = { asOf: '2026-06-30', generated: '2026-06-30' };
  return {
    doc: docHtml(model, ir, t.rulesFile),
    blankForm: blankFormHtml(model, ir),
    filledForm: filledFormHtml(ir, model, records[0], outcomes[0]!),
    report: reportHtml(data, { rules: meta, modes: ir, rulesFile: t.rulesFile, versions: [t.version], register: t.register, stats: { skippedBlank: 0, extraColumns: [], sheet: t.register }, ...common }),
    compare: compareHtml(cmp, { draft: meta, draftFile: t.rulesFile, against: IR.meta, againstFile: t.rulesFile, register: t.register, ...common }),
  };
}

const tags = (html: string) => [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[0].toLowerCase());
const PLAIN_TAGS = Object.fromEntries(Object.entries(documents(PLAIN)).map(([k, html]) => [k, tags(html)]));

describe('documents with random hostile text in every field', () => {
  let chrome: HeadlessChromium | undefined;
  let page: Page;
  const useChromium = hasChromium || chromiumRequired;

  beforeAll(async () => {
    if (!useChromium) return;
    if (!hasChromium) throw new Error(`Chromium is missing at ${CHROMIUM}`);
    chrome = await openChromium({ offline: true });
    page = chrome.page;
    page.on('dialog', (d) => {
      throw new Error(`a dialog opened: ${d.message()}`);
    });
  });
  afterAll(async () => {
    await chrome?.close();
  });

  it('no text becomes markup; the first cases render safely in Chromium', { timeout: process.env.FENLEI_FUZZ_RUNS ? 3_600_000 : 60_000 }, async () => {
    let tried = 0;
    let rendered = 0;
    const texts = fc.record(Object.fromEntries(FIELDS.map((f) => [f, payload])) as Record<Field, fc.Arbitrary<string>>);
    await fc.assert(
      fc.asyncProperty(texts, async (t) => {
        tried++;
        const docs = documents(t);
        // (A `</style>` that got through would be one more tag than the plain document has.)
        for (const [name, html] of Object.entries(docs)) expect(tags(html), name).toEqual(PLAIN_TAGS[name]);
        if (!chrome || rendered >= CHROMIUM_RUNS) return;
        rendered++;
        for (const [name, html] of Object.entries(docs)) {
          await page.setContent(html, { waitUntil: 'load' });
          expect(page.url(), name).toBe('about:blank');
          expect(await page.locator(INJECTED).count(), name).toBe(0);
          expect(await page.locator('style').count(), name).toBe(1);
          expect(await page.locator('main > .notice').count(), name).toBe(2);
          expect(await page.locator('main').isVisible(), name).toBe(true);
          expect(await page.evaluate(HIDING_RULES), name).toEqual([]);
          if (name === 'filledForm' && !isError(EV.evaluate(RECORDS[0]!, { today: TODAY_DAY }))) expect(await page.locator('.verdict').isVisible(), name).toBe(true);
        }
      }),
      { numRuns: RUNS, seed: FUZZ_SEED },
    );
    report('documents: hostile text in every field (tags unchanged)', tried);
    report('documents: rendered in Chromium (5 documents each)', rendered);
    expect(rendered).toBe(chrome ? Math.min(CHROMIUM_RUNS, tried) : 0);
  });
});
