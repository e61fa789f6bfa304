// Random and mutated rule files never throw out of the front end: each gives
// diagnostics with valid ranges inside the document, or compiles to a working evaluator.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Program, nodeHost, loadEvaluator, type FileHost } from '../../compiler/index.js';
import { FUZZ_RUNS, FUZZ_SEED, report } from './settings.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SEEDS = ['rules/national/national.yaml', 'rules/examples/zhejiang/rules.yaml', 'rules/examples/jiangsu/rules.yaml']
  .map((p) => join(ROOT, p))
  .filter((p) => existsSync(p))
  .map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));

/** A mutated file takes up to ~30 ms on a loaded 2-core machine. */
const TIMEOUT = 60_000 + FUZZ_RUNS * 60;

const ODD = ['：', '（', '）', '％', '９', '“', '”', '\t', '\r\n', '\u00a0', '\uFEFF', '且', '或', '非', '#', '*', '&a', '*a', '{', '[', '"', "'", '\\', '- ', ': ', '\u2028', '\uD800', '__proto__', '>=', '90%', '通过率', '细化: "6"', '指向型: true'];

type Mutation = { kind: 'delete' | 'duplicate' | 'swap' | 'truncate' | 'insert'; a: number; b: number; s: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'duplicate', 'swap', 'truncate', 'insert'),
  a: fc.nat(),
  b: fc.nat(),
  s: fc.oneof(fc.constantFrom(...ODD), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })),
});

function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const lines = t.split('\n');
    const i = m.a % Math.max(1, lines.length);
    const j = m.b % Math.max(1, lines.length);
    if (m.kind === 'delete') lines.splice(i, 1);
    else if (m.kind === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
    else if (m.kind === 'swap') [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
    if (m.kind === 'truncate') t = t.slice(0, m.a % (t.length + 1));
    else if (m.kind === 'insert') {
      const at = m.a % (t.length + 1);
      t = t.slice(0, at) + m.s + t.slice(at);
    } else t = lines.join('\n');
  }
  return t;
}

function compileText(path: string, text: string) {
  const host: FileHost = { read: (p) => (p === path ? { text } : nodeHost.read(p)) };
  return new Program(host, ROOT).compile(path);
}

const RECORD = {
  id: 'x',
  enterprise: { name: '某企业', products: ['电线电缆'] },
  inspection: { date: '2026-03-01', answers: {} as Record<string, string> },
};

/** The property: no throw; ranges inside the text; a clean result evaluates a record. */
function holds(path: string, text: string): boolean {
  const r = compileText(path, text);
  for (const d of r.diagnostics) {
    if (d.file !== r.file) continue;
    const { start, end } = d.range;
    if (!(start.offset >= 0 && start.offset <= end.offset && end.offset <= text.length)) return false;
    if (!d.code || !d.message || !d.messageEn) return false;
  }
  if (r.ok) {
    if (!r.ir) return false;
    const ev = loadEvaluator(r.ir);
    const answers = Object.fromEntries(r.ir.items.map((it) => [it.id, it.pair === 'conform' ? '符合' : '未发现问题']));
    const o = ev.evaluate({ ...RECORD, inspection: { ...RECORD.inspection, answers } }, { trace: true });
    if (!('error' in o) && !('class' in o)) return false;
  }
  return true;
}

describe('front end under mutated rule files', () => {
  for (const seed of SEEDS) {
    it(`never throws and keeps ranges inside ${seed.path.slice(ROOT.length + 1)}`, () => {
      let tried = 0;
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
          tried++;
          return holds(seed.path, mutate(seed.text, ms));
        }),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
      );
      report(`front end ${seed.path.slice(ROOT.length + 1)}`, tried);
      expect(tried).toBe(FUZZ_RUNS);
    }, TIMEOUT);
  }

  it('never throws on random text', () => {
    let tried = 0;
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        tried++;
        return holds(join(ROOT, 'random.yaml'), text);
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
    );
    report('front end random text', tried);
    expect(tried).toBe(FUZZ_RUNS);
  }, TIMEOUT);

  it('truncation at every offset of the national file never throws', () => {
    const seed = SEEDS[0]!;
    let tried = 0;
    // Every offset under `npm run fuzz`; in `npm test` about two cuts per fuzz case, spread over the file.
    const step = FUZZ_RUNS >= 1000 ? 1 : Math.max(1, Math.floor(seed.text.length / (2 * FUZZ_RUNS)));
    for (let i = 0; i <= seed.text.length; i += step) {
      tried++;
      expect(holds(seed.path, seed.text.slice(0, i))).toBe(true);
    }
    report('front end truncations', tried);
  }, TIMEOUT);
});
