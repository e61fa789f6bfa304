// Each check reports only the codes it declares: every docs/diagnostics.md example, the example
// provinces and the verifier fixtures are compiled with the checks watched, and each code a check
// reports must be in its `codes`; each code a check's source names must be declared too.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../../../compiler/checks/index.js';
import type { Check } from '../../../compiler/checks/check.js';
import { Reporter } from '../../../compiler/diagnostics/make.js';
import { Program, nodeHost } from '../../../compiler/program.js';
import { REPO } from '../helpers.js';

const doc = readFileSync(join(REPO, 'docs', 'diagnostics.md'), 'utf8');
const docFiles = [...doc.matchAll(/<!-- file: (.+?) -->\n```\w*\n([\s\S]*?)```/g)].map((m) => [m[1]!, m[2]!] as const);
const docExamples = [...doc.matchAll(/<!-- check: \w+ (?:FL\d{4} ?)+ -->\n```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'tests' ? [] : yamlFiles(p);
    return /\.ya?ml$/.test(name) && !/\.test\.ya?ml$/.test(name) ? [p] : [];
  });
}

const emitted = new Map<Check, Set<string>>(CHECKS.map((c) => [c, new Set<string>()]));
const runs = new Map<Check, Check['run']>();
const originalReport = Reporter.prototype.report;
let current: Check | undefined;

beforeAll(() => {
  Reporter.prototype.report = function (this: Reporter, code, ...rest) {
    if (current) emitted.get(current)!.add(code);
    return originalReport.call(this, code, ...rest);
  };
  for (const c of CHECKS) {
    const run = c.run;
    runs.set(c, run);
    c.run = (ctx) => {
      current = c;
      try {
        run.call(c, ctx);
      } finally {
        current = undefined;
      }
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'fenlei-codes-'));
  for (const [name, text] of docFiles) writeFileSync(join(dir, name), text);
  docExamples.forEach((yaml, i) => {
    writeFileSync(join(dir, `例${i}.yaml`), yaml);
    new Program(nodeHost, dir).compile(`例${i}.yaml`);
  });
  rmSync(dir, { recursive: true, force: true });
  for (const file of [...yamlFiles(join(REPO, 'rules', 'examples')), ...yamlFiles(join(REPO, 'test', 'verify', 'fixtures'))]) new Program(nodeHost, REPO).compile(file);
});

afterAll(() => {
  Reporter.prototype.report = originalReport;
  for (const [c, run] of runs) c.run = run;
});

describe('each check reports only its declared codes', () => {
  it('the inputs make the checks report something', () => {
    expect([...emitted.values()].reduce((n, s) => n + s.size, 0)).toBeGreaterThanOrEqual(10);
  });

  it.each(CHECKS.map((c) => [c.codes.join(' '), c] as const))('the check of %s reports no other code', (_codes, c) => {
    expect([...emitted.get(c)!].filter((code) => !c.codes.includes(code as never))).toEqual([]);
  });

  it('every code named inside a check is declared by it', () => {
    const dir = join(REPO, 'compiler', 'checks');
    const bodies = readdirSync(dir).flatMap((name) => [...readFileSync(join(dir, name), 'utf8').matchAll(/^export const \w+: Check = \{\n([\s\S]*?)\n\};/gm)].map((m) => [name, m[1]!] as const));
    expect(bodies).toHaveLength(CHECKS.length);
    for (const [name, body] of bodies) {
      const declared = /codes: \[([^\]]*)\]/.exec(body)![1]!;
      for (const [code] of body.matchAll(/'(FL\d{4})'/g)) if (!declared.includes(code)) expect.fail(`${name}: ${code} reported but not in codes`);
    }
  });
});
