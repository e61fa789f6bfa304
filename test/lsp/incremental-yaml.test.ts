// The incremental parser gives the document a full parse gives, edit after edit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { IncrementalYaml, fullParse } from '../../lsp/incremental-yaml.js';
import { lcg as rng } from '../fixtures/prng.js';
import { EDIT_RUNS } from '../fuzz/settings.js';

const REPO = new URL('../../', import.meta.url);
const read = (p: string): string => readFileSync(new URL(p, REPO), 'utf8');

/** Values, node kinds and ranges of the whole tree: what the compiler reads. */
function dump(n: unknown): unknown {
  if (isPair(n)) return [dump(n.key), dump(n.value)];
  if (isMap(n)) return { map: n.items.map(dump), range: n.range, flow: !!n.flow };
  if (isSeq(n)) return { seq: n.items.map(dump), range: n.range, flow: !!n.flow };
  if (isScalar(n)) return { v: n.value, t: n.type, range: n.range };
  return n ?? null;
}

/** Compares two documents' trees: as JSON text first (fast), deeply only to show a difference. */
function expectSameTree(got: unknown, want: unknown, label?: string): void {
  const a = dump(got);
  const b = dump(want);
  if (JSON.stringify(a, exact) !== JSON.stringify(b, exact)) expect(a, label).toEqual(b);
}
/** Keeps in the JSON text what it would drop or merge: NaN and ±Infinity, undefined. */
const exact = (_key: string, v: unknown): unknown => (typeof v === 'number' && !Number.isFinite(v) ? `number ${v}` : v === undefined ? 'undefined' : v);

const SNIPPETS = ['a', '项', '：', ' ', '\n', '- ', '"', '#', '\n    说明: 新增', '1', '\n  - 编号: 补9\n    内容: x\n    答案: 符合/不符合', '  ', '*'];

const FILES = ['rules/national/national.yaml', 'rules/examples/zhejiang/rules.yaml', 'rules/examples/jiangsu/rules.yaml'];

/**
 * `edits` random edits of `file` as while typing, each compared with a full parse: a valid text
 * is kept, an invalid one is followed by the last valid text again. Returns how many were spliced.
 */
function typeRandomly(file: string, seed: number, edits: number): number {
  const next = rng(file.length * 7919 + seed * 104729);
  const inc = new IncrementalYaml();
  let text = read(file);
  inc.parse('f', text);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(next() * text.length);
    const del = next() < 0.5 ? Math.floor(next() * 4) : 0;
    const ins = next() < 0.7 ? SNIPPETS[Math.floor(next() * SNIPPETS.length)]! : '';
    const candidate = text.slice(0, at) + ins + text.slice(at + del);
    const got = inc.parse('f', candidate);
    const want = fullParse(candidate);
    expectSameTree(got.contents, want.contents, `${file} seed ${seed} edit ${k}`);
    expect(got.errors.map((e) => e.code)).toEqual(want.errors.map((e) => e.code));
    expect(got.warnings.length).toBe(want.warnings.length);
    if (want.errors.length === 0) text = candidate;
    else expectSameTree(inc.parse('f', text).contents, fullParse(text).contents);
  }
  return inc.stats.incremental;
}

describe('incremental YAML', () => {
  for (const file of FILES) {
    it(`matches a full parse after ${EDIT_RUNS} random edits of ${file}`, () => {
      // Splicing is what is under test: at least one edit in ten takes that path.
      expect(typeRandomly(file, 0, EDIT_RUNS)).toBeGreaterThan(EDIT_RUNS / 10);
    });
  }

  // Each of these differed from a full parse before the snippet was parsed with what follows it
  // (found by 15 seeds × 400 edits): a node's end offset runs over trailing comments and the next
  // line's indentation, which a snippet cut at the next element's line does not have.
  const cases: [string, string, string][] = [
    ['a comment line ending an element', '项目:\n  - 名称: 甲\n    说明: 新增\n    #明: 发生经查实的问题\n  - 名称: 乙\n    英文: b\n分组: []\n', '#明: 发生'],
    ['a null element with a comment', '产品:\n  - { 名称: 童车, 风险等级: Ⅱ级 }\n  - # 名称: 家用电器\n  - { 名称: 轮胎, 风险等级: Ⅱ级 }\n', '# 名称'],
    ['the last element before the next key', '项目:\n  - 编号: 补4\n    内容: 出口产品\n    # 注\n分类:\n  AA: {}\n', '内容: 出口'],
    ['a top-level entry ending in a comment', '元数据:\n  名称: 甲\n  # 注释\n项目: []\n', '名称: 甲'],
  ];
  for (const [what, text, near] of cases) {
    it(`matches a full parse after typing in ${what}`, () => {
      for (let at = text.indexOf(near) + 1; at < text.indexOf(near) + near.length; at++) {
        for (const ins of ['a', '项', ' ', '- ']) {
          const inc = new IncrementalYaml();
          inc.parse('f', text);
          const edited = text.slice(0, at) + ins + text.slice(at);
          expect(dump(inc.parse('f', edited).contents)).toEqual(dump(fullParse(edited).contents));
        }
      }
    });
  }

  // The stress run that found them, smaller: several seeds, edits kept or undone as while typing.
  it(`matches a full parse on two more seeds × ${EDIT_RUNS} random edits of each file`, () => {
    let spliced = 0;
    for (const file of FILES) for (const seed of [4, 7]) spliced += typeRandomly(file, seed, EDIT_RUNS);
    expect(spliced).toBeGreaterThan((FILES.length * 2 * EDIT_RUNS) / 7);
  });

  it('typing over or deleting the first letter of a value is spliced; an indicator or a space there takes a full parse', () => {
    const text = '项目:\n  - 编号: 补1\n    内容: 第1个补充项目\n    答案: 符合/不符合\n  - 编号: 补2\n    内容: x\n';
    const at = text.indexOf('第');
    for (const ch of ['笫', '>', '|', '!', '-', '?', '@', '%', '"', ' ', '']) {
      const inc = new IncrementalYaml();
      inc.parse('f', text);
      const edited = text.slice(0, at) + ch + text.slice(at + 1);
      expect(dump(inc.parse('f', edited).contents), ch).toEqual(dump(fullParse(edited).contents));
      expect(inc.stats.incremental, ch).toBe(ch === '笫' || ch === '' ? 1 : 0);
    }
  });

  // Edits aimed at the starts of values and flow elements, where YAML indicators matter most.
  it(`matches a full parse on ${EDIT_RUNS} edits at value starts of each file`, () => {
    const INDICATORS = ['a', '项', ' ', '>', '!', '|', '-', '?', '@', '%', '1', '"', 'x y', '~', '＞'];
    for (const file of ['rules/national/national.yaml', 'rules/examples/zhejiang/rules.yaml', 'rules/examples/jiangsu/rules.yaml']) {
      const next = rng(file.length * 31 + 7777);
      const inc = new IncrementalYaml();
      let text = read(file);
      inc.parse('f', text);
      for (let k = 0; k < EDIT_RUNS; k++) {
        const starts = [...text.matchAll(/(: |- |\[|, )/g)].map((m) => m.index + m[0].length);
        const at = starts[Math.floor(next() * starts.length)]! + (next() < 0.2 ? 1 : 0);
        const del = next() < 0.5 ? Math.floor(next() * 3) : 0;
        const ins = next() < 0.8 ? INDICATORS[Math.floor(next() * INDICATORS.length)]! : '';
        const candidate = text.slice(0, at) + ins + text.slice(at + del);
        const got = inc.parse('f', candidate);
        const want = fullParse(candidate);
        expectSameTree(got.contents, want.contents, `${file} edit ${k}`);
        expect(got.errors.map((e) => e.code)).toEqual(want.errors.map((e) => e.code));
        if (want.errors.length === 0) text = candidate;
        else inc.parse('f', text);
      }
      expect(inc.stats.incremental).toBeGreaterThan(EDIT_RUNS / 12);
    }
  });

  it('reparses only the edited item', () => {
    const inc = new IncrementalYaml();
    const text = read('rules/national/national.yaml');
    inc.parse('n', text);
    const edited = text.replace('有营业执照，经营范围覆盖所生产的产品。', '有营业执照，经营范围覆盖所生产的全部产品。');
    const doc = inc.parse('n', edited);
    expect(inc.stats).toEqual({ full: 1, incremental: 1, reused: 0 });
    expect(doc.toJS()).toEqual(fullParse(edited).toJS());
  });
});
