// The incremental parser gives the document a full parse gives, edit after edit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { IncrementalYaml, fullParse } from '../../lsp/incremental-yaml.js';

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

/** A tiny deterministic generator (the test must not vary between runs). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SNIPPETS = ['a', '项', '：', ' ', '\n', '- ', '"', '#', '\n    说明: 新增', '1', '\n  - 编号: 补9\n    内容: x\n    答案: 符合/不符合', '  ', '*'];

describe('incremental YAML', () => {
  for (const file of ['rules/national/national.yaml', 'rules/examples/zhejiang/rules.yaml', 'rules/examples/jiangsu/rules.yaml']) {
    it(`matches a full parse after 100 random edits of ${file}`, () => {
      const next = rng(file.length * 7919);
      const inc = new IncrementalYaml();
      let text = read(file);
      inc.parse('f', text);
      for (let k = 0; k < 100; k++) {
        const at = Math.floor(next() * text.length);
        const del = next() < 0.5 ? Math.floor(next() * 4) : 0;
        const ins = next() < 0.7 ? SNIPPETS[Math.floor(next() * SNIPPETS.length)]! : '';
        const candidate = text.slice(0, at) + ins + text.slice(at + del);
        const got = inc.parse('f', candidate);
        const want = fullParse(candidate);
        expect(dump(got.contents)).toEqual(dump(want.contents));
        expect(got.errors.length).toBe(want.errors.length);
        // Keep valid texts, as while typing; an invalid one is followed by the last valid one again.
        if (want.errors.length === 0) text = candidate;
        else expect(dump(inc.parse('f', text).contents)).toEqual(dump(fullParse(text).contents));
      }
      expect(inc.stats.incremental).toBeGreaterThan(10);
    });
  }

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
