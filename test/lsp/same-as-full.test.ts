// What makes the server fast must not change what it reports: after every edit, the server's
// analysis (spliced YAML, cached base) gives the diagnostics and IR of a fresh full compile, and
// the verifier stops when cancelled.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Program, nodeHost, packageRoot } from '../../compiler/program.js';
import { Cancelled, verify, type SearchCache, type VerificationResult } from '../../compiler/verify/index.js';
import { Workspace } from '../../lsp/workspace.js';
import { generateRuleFile } from '../fixtures/rule-file.js';
import { lcg as rng } from '../fixtures/prng.js';
import { EDIT_RUNS } from '../fuzz/settings.js';

const ROOT = packageRoot();

/** Typing as a drafter does: letters, digits, spaces, Chinese text, now and then a line break or a colon. */
const TYPED = ['第', '笫', 'a', '1', ' ', '项', '9', '%', '\n', ':', '-', '：', '，', '>'];

function fresh(path: string, text: string) {
  const program = new Program({ read: (p) => (p === path ? { text } : nodeHost.read(p)) }, ROOT);
  return program.compile(path);
}

describe('the server reports what a full compile reports', () => {
  // The Zhejiang example is edited where it lies (in memory only), so that the catalogue files it
  // cites by relative path are read as in the editor.
  const zhejiang = join(ROOT, 'rules/examples/zhejiang/rules.yaml');
  const files: [string, string, string][] = [
    ['a generated 120-item province', generateRuleFile(120), join(ROOT, 'test-output', 'lsp', 'same-as-full', 'province.yaml')],
    ['the Zhejiang example', readFileSync(zhejiang, 'utf8'), zhejiang],
  ];
  for (const [what, original, path] of files) {
    it(`after each of ${EDIT_RUNS} random edits of ${what}`, () => {
      const ws = new Workspace(ROOT);
      const uri = pathToFileURL(path).href;
      const next = rng(what.length * 131);
      let text = original;
      for (let v = 1; v <= EDIT_RUNS; v++) {
        if (v > 1) {
          const at = Math.floor(next() * text.length);
          const del = next() < 0.4 ? Math.floor(next() * 3) : 0;
          text = text.slice(0, at) + TYPED[Math.floor(next() * TYPED.length)]! + text.slice(at + del);
        }
        ws.open(TextDocument.create(uri, 'fenlei', v, text));
        const got = ws.analyze(uri)!.result;
        const want = fresh(path, text);
        expect(got.diagnostics, `edit ${v}`).toEqual(want.diagnostics);
        expect(JSON.stringify(got.ir), `edit ${v}`).toBe(JSON.stringify(want.ir));
        // Undo an edit that broke the file, as a drafter would, so that most edits land on a valid file.
        if (!want.ok && next() < 0.8) text = original;
      }
      // One edit in five at least is spliced: the fast path is what is compared.
      expect(ws.yaml.stats.incremental).toBeGreaterThan(EDIT_RUNS / 5);
    });
  }
});

describe('files the rules cite', () => {
  it('an edit of an open catalogue file gives the province what a full compile gives', () => {
    const ws = new Workspace(ROOT);
    const dir = join(ROOT, 'test-output', 'lsp', 'same-as-full');
    const rules = join(dir, 'cites.yaml');
    const catalogue = join(dir, '本省目录.yaml');
    const province = '元数据: { 名称: 某省细则, 地区: 某省, 版本: "1", 生效日期: 2025-01-01, 基于: national }\n产品目录: [本省目录.yaml]\n';
    const head = '元数据: { 名称: 某省目录, 地区: 某省, 版本: "1", 生效日期: 2025-01-01 }\n产品:\n';
    const rulesUri = pathToFileURL(rules).href;
    const catalogueUri = pathToFileURL(catalogue).href;
    ws.open(TextDocument.create(rulesUri, 'fenlei', 1, province));
    ws.open(TextDocument.create(catalogueUri, 'yaml', 1, head + '  - { 名称: 锂电池, 风险等级: Ⅰ级 }\n'));
    expect(ws.analyze(rulesUri)!.result.diagnostics).toEqual([]);
    expect(ws.analyze(rulesUri)!.model!.catalogues.flatMap((c) => [...c.products.keys()])).toEqual(['锂电池']);
    // The province itself is not edited: its analysis must still follow the catalogue.
    const edited = head + '  - { 名称: 办公椅, 风险等级: Ⅲ级 }\n';
    ws.open(TextDocument.create(catalogueUri, 'yaml', 2, edited));
    expect(ws.dependents(catalogue)).toEqual([rulesUri]);
    const got = ws.analyze(rulesUri)!.result;
    const want = new Program({ read: (p) => (p === rules ? { text: province } : p === catalogue ? { text: edited } : nodeHost.read(p)) }, ROOT).compile(rules);
    expect(got.diagnostics.map((d) => d.code)).toEqual(['FL3025']);
    expect(got.diagnostics).toEqual(want.diagnostics);
    expect(JSON.stringify(got.ir)).toBe(JSON.stringify(want.ir));
  });
});

describe('cancelling the verifier', () => {
  const path = join(ROOT, 'test-output', 'lsp', 'same-as-full', 'verify.yaml');
  const province = fresh(path, generateRuleFile(60));
  let national = province;
  while (national.base) national = national.base;

  it('stops the search with Cancelled, never with an answer', () => {
    expect(() => verify(province, national, { cancelled: () => true })).toThrow(Cancelled);
    let polls = 0;
    expect(() => verify(province, national, { cancelled: () => ++polls > 5 })).toThrow(Cancelled);
  });

  // A generous time limit: on a loaded machine the default 10 s could cut one run's stricter
  // findings short (stricterIncomplete) and not the other's, and the results would differ.
  const slow = { timeLimitMs: 300_000 };

  it('reuses the search after an edit of texts only, and gives what a fresh verify gives', () => {
    const cache: SearchCache = {};
    const without = (r: VerificationResult) => ({ ...r, stats: { ...r.stats, ms: 0 } });
    const first = verify(province, national, { ...slow, cache });
    expect(first.status).toBe('weaker');
    const searched = cache.out;
    // Texts change and move every offset after them; the search is reused, the rest redone.
    const texts = fresh(path, generateRuleFile(60).replace('第1个补充项目：', '第一个补充项目（修订）：').replace('依据: 基准省补充第2项', '依据: 基准省补充第二项'));
    const reused = verify(texts, national, { ...slow, cache });
    expect(cache.out).toBe(searched);
    expect(without(reused)).toEqual(without(verify(texts, national, slow)));
    expect(JSON.stringify(reused.counterexample)).toContain('第一个补充项目（修订）');
    // A threshold changes what the search reads: it runs again.
    const threshold = fresh(path, generateRuleFile(60).replace('通过率 >= 99%', '通过率 >= 80%'));
    const again = verify(threshold, national, { ...slow, cache });
    expect(cache.out).not.toBe(searched);
    expect(without(again)).toEqual(without(verify(threshold, national, slow)));
  });

  it('answers as before when not cancelled', () => {
    const plain = verify(province, national, slow);
    const polled = verify(province, national, { ...slow, cancelled: () => false });
    expect({ ...polled, stats: { ...polled.stats, ms: 0 } }).toEqual({ ...plain, stats: { ...plain.stats, ms: 0 } });
  });
});
