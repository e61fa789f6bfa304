// Every `fenlei check` example in docs/diagnostics.md is run: a doc page that shows a
// diagnostic must show the one the compiler gives, to the line and column.
//   <!-- check: error FL0002 -->   then a ```yaml block (the file 细则.yaml) and a ```text block (the output)
//   <!-- file: 名称.yaml -->        a further file the examples may use (a base of a chain)
//   <!-- record: national -->      a ```json change to the <!-- base-record --> and the ```text output of
//                                  `fenlei eval national 记录.json --today …` (or only its warnings)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Program, formatDiagnostic } from '../../compiler/index.js';
import { nodeHost } from '../../compiler/program.js';
import { dayNumber, versionedEvaluator } from '../../runtime/index.js';
import { compileNational, evaluatorOf, REPO } from './helpers.js';
import { suiteDir } from '../fixtures/temp-dir.js';

const doc = readFileSync(join(REPO, 'docs', 'diagnostics.md'), 'utf8');
const files = [...doc.matchAll(/<!-- file: (.+?) -->\n```\w*\n([\s\S]*?)```/g)].map((m) => [m[1]!, m[2]!] as const);
const examples = [...doc.matchAll(/<!-- check: (\w+) ((?:FL\d{4} ?)+) -->\n```yaml\n([\s\S]*?)```\n```text\n([\s\S]*?)```/g)].map((m) => ({
  severity: m[1]!,
  codes: m[2]!.trim().split(' '),
  yaml: m[3]!,
  output: m[4]!.trimEnd().split('\n'),
}));

const baseRecord = JSON.parse(/<!-- base-record -->\n```json\n([\s\S]*?)```/.exec(doc)![1]!) as Record<string, unknown>;
const records = [...doc.matchAll(/<!-- record: national -->\n```json\n([\s\S]*?)```\n```text\n\$ (.*)\n([\s\S]*?)```/g)].map((m) => ({
  change: JSON.parse(m[1]!) as unknown,
  command: m[2]!,
  output: m[3]!.trimEnd(),
}));

/** `change` merged into `base` field by field; null deletes the field. */
function merged(base: unknown, change: unknown): unknown {
  if (change === null) return undefined;
  if (typeof change !== 'object' || Array.isArray(change) || typeof base !== 'object' || base === null || Array.isArray(base)) return change;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(change)) {
    const m = merged(out[k], v);
    if (m === undefined) delete out[k];
    else out[k] = m;
  }
  return out;
}

describe('docs/diagnostics.md examples', () => {
  const dir = suiteDir('doc');
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

  // Records decided by several versions of one province (D10): the files are <!-- file: --> blocks.
  const versioned = [...doc.matchAll(/<!-- record: versions ([^>]+?) -->\n```json\n([\s\S]*?)```\n```text\n\$ (.*)\n([\s\S]*?)```/g)].map((m) => ({
    files: m[1]!.split(' '),
    change: JSON.parse(m[2]!) as unknown,
    command: m[3]!,
    output: m[4]!.trimEnd(),
  }));
  it('has the record examples of several rule versions', () => {
    expect(versioned.length).toBe(doc.split('<!-- record: versions').length - 1);
    expect(versioned.length).toBeGreaterThanOrEqual(1);
  });
  it.each(versioned.map((r) => [r.output.slice(0, 60), r] as const))('%s…: fenlei eval with versions prints what the page shows', (_name, r) => {
    expect(r.command).toBe(`fenlei eval ${r.files.join(' ')} 记录.json --today ${/--today (\S+)/.exec(r.command)![1]!}`);
    const program = new Program(nodeHost, dir);
    const ev = versionedEvaluator(r.files.map((f) => evaluatorOf(program.compile(f))));
    const today = dayNumber(/--today (\S+)/.exec(r.command)![1]!);
    expect(JSON.stringify(ev.evaluate(merged(baseRecord, r.change), { today, position: 1 }))).toBe(r.output);
  });

  it('has the record examples of FL50xx and FL51xx', () => {
    expect(records.length).toBe(doc.split('<!-- record: national -->').length - 1);
    expect(records.length).toBeGreaterThanOrEqual(18);
  });

  const national = evaluatorOf(compileNational());
  it.each(records.map((r) => [r.output.slice(0, 60), r] as const))('%s…: fenlei eval prints what the page shows', (_name, r) => {
    expect(r.command).toMatch(/^fenlei eval national 记录\.json --today \d{4}-\d\d-\d\d( \| grep -o '"warnings":\.\*')?$/);
    const today = dayNumber(/--today (\S+)/.exec(r.command)![1]!);
    const line = JSON.stringify(national.evaluate(merged(baseRecord, r.change), { today, position: 1 }));
    expect(r.command.includes('grep') ? line.slice(line.indexOf('"warnings":')) : line).toBe(r.output);
  });
});
