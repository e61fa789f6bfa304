// Every `fenlei check` example in docs/diagnostics.md is run: a doc page that shows a
// diagnostic must show the one the compiler gives, to the line and column.
//   <!-- check: error FL0002 -->   then a ```yaml block (the file 细则.yaml) and a ```text block (the output)
//   <!-- file: 名称.yaml -->        a further file the examples may use (a base of a chain)
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Program, formatDiagnostic } from '../../compiler/index.js';
import { nodeHost } from '../../compiler/program.js';
import { REPO } from './helpers.js';

const doc = readFileSync(join(REPO, 'docs', 'diagnostics.md'), 'utf8');
const files = [...doc.matchAll(/<!-- file: (.+?) -->\n```\w*\n([\s\S]*?)```/g)].map((m) => [m[1]!, m[2]!] as const);
const examples = [...doc.matchAll(/<!-- check: (\w+) ((?:FL\d{4} ?)+) -->\n```yaml\n([\s\S]*?)```\n```text\n([\s\S]*?)```/g)].map((m) => ({
  severity: m[1]!,
  codes: m[2]!.trim().split(' '),
  yaml: m[3]!,
  output: m[4]!.trimEnd().split('\n'),
}));

describe('docs/diagnostics.md examples', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fenlei-doc-'));
  for (const [name, text] of files) writeFileSync(join(dir, name), text);

  it('has an example for every marker, each naming its codes', () => {
    expect(examples.length).toBe(doc.split('<!-- check:').length - 1);
    expect(examples.length).toBeGreaterThanOrEqual(59);
  });

  it.each(examples.map((e) => [e.codes.join(' '), e] as const))('%s: fenlei check prints what the page shows', (_name, e) => {
    writeFileSync(join(dir, '细则.yaml'), e.yaml);
    const result = new Program(nodeHost, dir).compile('细则.yaml');
    expect(result.diagnostics.map((d) => formatDiagnostic(d, false))).toEqual(e.output);
    for (const code of e.codes) expect(result.diagnostics.some((d) => d.code === code && d.severity === e.severity), code).toBe(true);
  });
});
