// docs/records.md: every national example record (a `<!-- file: 名称.json -->` block followed by the
// output of `fenlei eval national 名称.json`) is evaluated, and the page shows what the evaluator gives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEvaluator } from '../../compiler/index.js';
import { compileNational, irOf, REPO } from '../compiler/helpers.js';

const doc = readFileSync(join(REPO, 'docs', 'records.md'), 'utf8');
const files = new Map([...doc.matchAll(/<!-- file: (.+?\.json) -->\n```json\n([\s\S]*?)```/g)].map((m) => [m[1]!, m[2]!]));
const runs = [...doc.matchAll(/```text\n\$ fenlei eval national (\S+\.json)\n(\{[^\n]*\})\n/g)].map((m) => ({ file: m[1]!, output: m[2]! }));

describe('docs/records.md national examples', () => {
  it('has the examples, the adjustment without inspection (D11) among them', () => {
    expect(runs.map((r) => r.file)).toContain('动态调整记录.json');
    expect(runs.length).toBeGreaterThanOrEqual(2);
  });
  // As `fenlei eval national` runs: the national rules alone, no catalogue given.
  const national = loadEvaluator(irOf(compileNational()));
  it.each(runs.filter((r) => files.has(r.file)).map((r) => [r.file, r] as const))('%s: fenlei eval national prints what the page shows', (_f, r) => {
    const out = national.evaluate(JSON.parse(files.get(r.file)!), { position: 1 });
    expect(JSON.stringify(out)).toBe(r.output);
  });
});
