// Shared helpers of the CLI tests: the built CLI as a child process or the CLI run in the test's
// own process, scratch folders under
// test-output/, the rules and registers of the examples, and headless Chromium.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable, Writable } from 'node:stream';
import { run } from '../../cli/run.js';
import { Program } from '../../compiler/program.js';
import { loadEvaluator } from '../../compiler/codegen/load.js';
import type { Evaluator, RuleSetIR } from '../../runtime/index.js';
import { chromiumPath } from '../../cli/format/pdf.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(REPO, 'bin', 'fenlei.js');
export const OUT = join(REPO, 'test-output', 'cli');
export const SHOTS = join(REPO, 'test-output', 'screenshots');
export const ZHEJIANG = join(REPO, 'rules', 'examples', 'zhejiang', 'rules.yaml');
export const JIANGSU = join(REPO, 'rules', 'examples', 'jiangsu', 'rules.yaml');

/**
 * The Zhejiang rules, to be written into another folder: their catalogue files named by
 * absolute path, or copied into `copyTo` and named there by file name.
 */
export function zhejiangRulesText(copyTo?: string): string {
  let text = readFileSync(ZHEJIANG, 'utf8');
  for (const ref of text.match(/^ {2}- (\S+\.ya?ml)$/gm) ?? []) {
    const source = resolve(dirname(ZHEJIANG), ref.slice(4));
    if (copyTo) copyFileSync(source, join(copyTo, basename(source)));
    text = text.replace(ref, `  - ${JSON.stringify(copyTo ? basename(source) : source)}`);
  }
  return text;
}

/** A fresh folder under test-output/cli/. */
export function scratch(name: string): string {
  mkdirSync(OUT, { recursive: true });
  return mkdtempSync(join(OUT, `${name}-`));
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/fenlei.js …` (the build must be current: npm test builds first). */
export function cli(args: readonly string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? REPO, env: { ...process.env, ...opts.env }, input: opts.input, encoding: 'utf8', maxBuffer: 256 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** What one stream of an in-process run received. */
function collector(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      done();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

/**
 * Runs `fenlei …` in the test's own process (cli/run.ts): what `cli` checks, without starting a
 * process, for tests whose subject is not the process itself (signals, exit on a closed pipe or a
 * full disk, worker threads, the environment). `input` is standard input; `cwd` changes the test
 * process's working folder for the run (the test's own otherwise, the repository), so such runs go one at a time.
 */
export async function fenlei(args: readonly string[], opts: { cwd?: string; input?: string } = {}): Promise<CliResult & { stdoutBytes: Buffer }> {
  const out = collector();
  const err = collector();
  const stdin = Readable.from(opts.input === undefined ? [] : [Buffer.from(opts.input)]);
  const code = await run(args, { stdout: out.stream, stderr: err.stream, stdin, cwd: opts.cwd });
  return { code, stdout: out.bytes().toString('utf8'), stderr: err.bytes().toString('utf8'), stdoutBytes: out.bytes() };
}

const compiled = new Map<string, { ir: RuleSetIR; ev: Evaluator }>();
/** The rule set compiled in-process: the reference the CLI's output is checked against. */
export function rules(spec: string): { ir: RuleSetIR; ev: Evaluator } {
  let c = compiled.get(spec);
  if (!c) {
    const r = new Program().compile(spec);
    if (!r.ok || !r.ir) throw new Error(`rules ${spec} do not compile`);
    c = { ir: r.ir, ev: loadEvaluator(r.ir) };
    compiled.set(spec, c);
  }
  return c;
}

export const TODAY = '2026-06-30';
export const TODAY_DAY = Date.UTC(2026, 5, 30) / 86_400_000;

// ——— headless Chromium (Debian's package, driven by playwright-core): the one the product prints with.

export const CHROMIUM = chromiumPath();
export const hasChromium = existsSync(CHROMIUM);
/** In CI a missing Chromium is a failure, not a skip (.ci/run installs it). */
export const chromiumRequired = !!process.env.CI;

/**
 * Screenshots are for a person to look at, not assertions: taken only when FENLEI_SCREENSHOTS is set
 * (`npm run screenshots`), since a full-page PNG costs Chromium about 0.3 s of CPU and `npm test`
 * would take some eighty of them.
 */
export const takeScreenshots = !!process.env.FENLEI_SCREENSHOTS;

/** Saves a screenshot of the page (or of one element) under test-output/screenshots/ when screenshots are asked for. */
export async function saveScreenshot(target: { screenshot(o: { path: string; fullPage?: boolean }): Promise<unknown> }, name: string, o: { fullPage?: boolean } = {}): Promise<string | undefined> {
  if (!takeScreenshots) return undefined;
  const path = resolve(SHOTS, name);
  mkdirSync(dirname(path), { recursive: true });
  await target.screenshot({ path, ...o });
  return path;
}

/** Whether pdftotext is there (used only to double-check PDFs when available). */
export const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;
