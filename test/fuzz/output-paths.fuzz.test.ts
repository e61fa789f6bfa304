// Random combinations of outputs and inputs, named every way a file can be named (a relative
// path, ./, a detour through a folder, a symbolic link, a hard link) or a thing that is not a
// file (a folder, a device, a FIFO, a path whose folder is missing, “-”). checkOutputs refuses
// exactly the combinations the oracle — built from what each name is, known by construction —
// says would destroy something. The first cases also run `fenlei eval` with those outputs:
// exit 2 and every file untouched when refused, exit 0 otherwise.
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkOutputs, OutputError } from '../../cli/io/output-paths.js';
import { cli, REPO, scratch, TODAY, zhejiangRulesText } from '../cli/helpers.js';
import { FUZZ_RUNS, FUZZ_SEED, report } from './settings.js';

const RUNS = process.env.FENLEI_FUZZ_RUNS ? FUZZ_RUNS * 10 : 150;
const CLI_RUNS = Number(process.env.FENLEI_FUZZ_CLI_RUNS ?? (process.env.FENLEI_FUZZ_RUNS ? 40 : 2));

/** What a name is: a file identity (R, S inputs; A, B new; E existing), or a kind that is never written. */
type Identity = 'R' | 'S' | 'A' | 'B' | 'E' | 'stdout' | 'dir' | 'device' | 'fifo' | 'nofolder';
const NAMES: [string, Identity][] = [
  ['register.csv', 'R'],
  ['./register.csv', 'R'],
  ['sub/../register.csv', 'R'],
  ['link-register.csv', 'R'],
  ['rules.yaml', 'S'],
  ['hard-rules.yaml', 'S'],
  ['link-sub/../rules.yaml', 'S'],
  ['a.csv', 'A'],
  ['./a.csv', 'A'],
  ['sub/../a.csv', 'A'],
  ['b.jsonl', 'B'],
  ['existing.csv', 'E'],
  ['link-existing.csv', 'E'],
  ['-', 'stdout'],
  ['sub', 'dir'],
  ['link-sub', 'dir'],
  ['/dev/null', 'device'],
  ['fifo', 'fifo'],
  ['missing/o.csv', 'nofolder'],
];
const INPUTS: [string, Identity][] = [
  ['register.csv', 'R'],
  ['rules.yaml', 'S'],
];

function workspace(): { dir: string; snapshot: () => string } {
  const dir = scratch('fuzz-outputs');
  copyFileSync(join(REPO, 'rules', 'examples', 'zhejiang', 'register.csv'), join(dir, 'register.csv'));
  writeFileSync(join(dir, 'rules.yaml'), zhejiangRulesText());
  mkdirSync(join(dir, 'sub'));
  symlinkSync('sub', join(dir, 'link-sub'));
  symlinkSync('register.csv', join(dir, 'link-register.csv'));
  linkSync(join(dir, 'rules.yaml'), join(dir, 'hard-rules.yaml'));
  writeFileSync(join(dir, 'existing.csv'), 'old');
  symlinkSync('existing.csv', join(dir, 'link-existing.csv'));
  expect(spawnSync('mkfifo', [join(dir, 'fifo')]).status).toBe(0);
  const snapshot = () =>
    readdirSync(dir)
      .sort()
      .map((f) => {
        const st = statSync(join(dir, f), { throwIfNoEntry: false });
        return `${f}:${st?.isFile() ? readFileSync(join(dir, f), 'latin1').length + ':' + readFileSync(join(dir, f), 'latin1').slice(0, 64) : st?.isDirectory() ? 'dir' : 'other'}`;
      })
      .join('\n');
  return { dir, snapshot };
}

/** Whether the outputs may be written, from what the names are. */
function oracle(outputs: Identity[], inputs: Identity[]): boolean {
  if (outputs.some((o) => o === 'dir' || o === 'device' || o === 'fifo' || o === 'nofolder')) return false;
  if (outputs.some((o) => inputs.includes(o))) return false;
  return new Set(outputs).size === outputs.length;
}

describe('output-path combinations', () => {
  const w = workspace();
  const at = (name: string) => (name === '-' || name.startsWith('/') ? name : join(w.dir, name));

  it('checkOutputs refuses exactly what the oracle refuses; the first cases through the CLI too', { timeout: process.env.FENLEI_FUZZ_RUNS ? 3_600_000 : 60_000 }, () => {
    let tried = 0;
    let cliRuns = 0;
    const before = w.snapshot();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 }), fc.subarray(INPUTS, { minLength: 1 }), (outs, ins) => {
        tried++;
        const allowed = oracle(
          outs.map((o) => o[1]),
          ins.map((i) => i[1]),
        );
        const outputs = outs.map(([name], k) => ({ path: at(name), what: `--o${k}` }));
        let refusal: unknown;
        try {
          checkOutputs(
            outputs,
            ins.map(([name]) => at(name)),
          );
        } catch (e) {
          refusal = e;
        }
        expect(refusal === undefined, JSON.stringify({ outs, ins, refusal: String(refusal) })).toBe(allowed);
        if (refusal !== undefined) {
          expect(refusal).toBeInstanceOf(OutputError);
          expect((refusal as Error).message).toMatch(/^--o\d /);
        }
        // Through the CLI: eval with the register and rules as inputs, the first two names as --out and --errors.
        if (cliRuns >= CLI_RUNS || ins.length !== 2 || outs.length !== 2) return;
        cliRuns++;
        const r = cli(['eval', 'rules.yaml', 'register.csv', '--out', outs[0]![0], '--errors', outs[1]![0], '--today', TODAY], { cwd: w.dir });
        expect(r.code, r.stderr).toBe(allowed ? 0 : 2);
        if (!allowed) expect(w.snapshot()).toBe(before);
        if (allowed) {
          // Written outputs go; an output named through a link replaced the link (the rename), as it should: put it back.
          for (const [name, id] of outs) if (id === 'A' || id === 'B' || id === 'E') rmSync(at(name), { force: true });
          writeFileSync(join(w.dir, 'existing.csv'), 'old');
          if (!existsSync(join(w.dir, 'link-existing.csv'))) symlinkSync('existing.csv', join(w.dir, 'link-existing.csv'));
        }
        expect(w.snapshot()).toBe(before);
      }),
      { numRuns: RUNS, seed: FUZZ_SEED },
    );
    report('output paths: combinations checked against the oracle', tried);
    report('output paths: combinations run through fenlei eval', cliRuns);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});
