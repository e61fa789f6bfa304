// Section `register`: a 1,000,000-row CSV register through `fenlei eval` as a user runs it
// (node bin/fenlei.js eval national big.csv --format csv --out out.csv, a child process),
// with its wall time and peak memory. Targets: under 15 s and under 300 MB on a 2-core machine.
//   node dist/bench/run.js register [--rows=1000000] [--rules=national] [--jobs=N] [--keep]
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Program, loadEvaluator } from '../compiler/index.js';
import { csvHeader, csvRow, generateRecords } from './make-register.js';
import { intOption, mib, type BenchOptions, type Section } from './measure.js';

const TARGET_SECONDS = 15;
const TARGET_MIB = 300;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Streams `rows` records to `file` in batches (the generator itself is not streaming). */
async function writeRegister(file: string, rules: string, rows: number): Promise<number> {
  const result = new Program().compile(rules);
  if (!result.ok || !result.ir) throw new Error(`rules ${rules} do not compile`);
  const ir = result.ir;
  const ev = loadEvaluator(ir);
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((res) => out.once('drain', () => res())));
  await write('\uFEFF' + csvHeader(ir) + '\r\n');
  const batch = 20_000;
  let n = 0;
  for (let k = 0; n < rows; k++) {
    const recs = generateRecords(ir, ev, { count: Math.min(batch, rows - n), seed: 1 + k });
    let text = '';
    for (const r of recs) {
      n++;
      r.id = `QY${String(n).padStart(7, '0')}`;
      text += csvRow(ir, r) + '\r\n';
    }
    await write(text);
  }
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  return statSync(file).size;
}

/** Peak resident memory of a process so far (VmHWM), in bytes; 0 when /proc is not there. */
function hwm(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

interface Run {
  seconds: number;
  peak: number;
  code: number;
  summary: string;
}

async function runEval(dir: string, rules: string, input: string, output: string, extra: string[]): Promise<Run> {
  // The child reports its own peak (process.resourceUsage().maxRSS) as it exits; /proc is polled too.
  const hook = path.join(dir, 'peak.mjs');
  const peakFile = path.join(dir, 'peak.txt');
  writeFileSync(hook, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(peakFile)}, String(process.resourceUsage().maxRSS * 1024)));\n`);
  rmSync(peakFile, { force: true });
  const args = ['--import', hook, path.join(root, 'bin', 'fenlei.js'), 'eval', rules, input, '--format', 'csv', '--out', output, '--today', '2026-12-31', ...extra];
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => (stderr += s));
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, hwm(child.pid!))), 20);
  const code = await new Promise<number>((res) => child.on('exit', (c) => res(c ?? 1)));
  clearInterval(timer);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (existsSync(peakFile)) peak = Math.max(peak, Number(readFileSync(peakFile, 'utf8')));
  return { seconds, peak, code, summary: stderr.trim() };
}

/**
 * The baseline, measured in the same run: a child process that only reads the register, decodes
 * it and splits every row into cells (one thread, no records, no decisions, no output) — the
 * floor any CSV evaluator in Node pays.
 */
async function runBaseline(input: string): Promise<{ seconds: number; rows: number }> {
  const script = `
    const { createReadStream } = require('node:fs');
    const d = new TextDecoder('utf-8');
    let carry = '', rows = 0, cells = 0;
    createReadStream(${JSON.stringify(input)}, { highWaterMark: 1 << 20 })
      .on('data', (b) => {
        const t = carry + d.decode(b, { stream: true });
        const end = t.lastIndexOf('\\n');
        for (const line of t.slice(0, end).split('\\n')) { rows++; cells += line.split(',').length; }
        carry = t.slice(end + 1);
      })
      .on('end', () => process.stdout.write(String(rows - 1)));`;
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s: string) => (out += s));
  await new Promise<void>((res) => child.on('exit', () => res()));
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, rows: Number(out) };
}

const section: Section = {
  name: 'register',
  title: `fenlei eval over a large CSV register (targets: < ${TARGET_SECONDS} s, < ${TARGET_MIB} MB on 2 cores)`,
  async run(options: BenchOptions) {
    const rows = intOption(options, 'rows', 1_000_000);
    const rules = options.rules ?? 'national';
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fenlei-register-'));
    try {
      const input = path.join(dir, 'big.csv');
      const output = path.join(dir, 'out.csv');
      const g0 = Date.now();
      const bytes = await writeRegister(input, rules, rows);
      console.log(`register: ${rows.toLocaleString('en-US')} rows, ${mib(bytes)} (${rules}), generated in ${((Date.now() - g0) / 1000).toFixed(1)} s`);
      console.log(`machine: ${os.availableParallelism()} cores, ${mib(os.totalmem())} memory, node ${process.version}`);
      const base = await runBaseline(input);
      console.log(`baseline (read + decode + split into cells, one thread, no decisions): ${base.seconds.toFixed(2)} s for ${base.rows.toLocaleString('en-US')} rows`);
      const runs: [string, string[]][] = [['default (worker threads)', options.jobs ? ['--jobs', options.jobs] : []]];
      if (options.sequential) runs.push(['--jobs 1 (one thread)', ['--jobs', '1']]);
      for (const [label, extra] of runs) {
        const r = await runEval(dir, rules, input, output, extra);
        const outBytes = existsSync(output) ? statSync(output).size : 0;
        console.log(`\n${label}: node bin/fenlei.js eval ${rules} big.csv --format csv --out out.csv ${extra.join(' ')}`);
        console.log(`  exit code      ${r.code}`);
        console.log(`  wall time      ${r.seconds.toFixed(2)} s   (target < ${TARGET_SECONDS} s)  ${r.seconds < TARGET_SECONDS ? '✓' : '✗'}`);
        console.log(`  peak memory    ${mib(r.peak)}   (target < ${TARGET_MIB} MB)  ${r.peak < TARGET_MIB * 1024 * 1024 ? '✓' : '✗'}   [VmHWM / resourceUsage().maxRSS of the eval process]`);
        console.log(`  rows/s         ${Math.round(rows / r.seconds).toLocaleString('en-US')}`);
        console.log(`  vs baseline    ${(r.seconds / base.seconds).toFixed(2)}× the time of only reading and splitting the register`);
        console.log(`  output         ${mib(outBytes)}`);
        console.log(`  fenlei says    ${r.summary.split('\n').join('\n                 ')}`);
      }
      const load = os.loadavg()[0] ?? 0;
      if (load > os.availableParallelism()) console.log(`\nnote: load average ${load.toFixed(1)} on ${os.availableParallelism()} cores while measuring — figures are pessimistic.`);
    } finally {
      if (!options.keep) rmSync(dir, { recursive: true, force: true });
      else console.log(`kept ${dir}`);
    }
  },
};

export default section;
