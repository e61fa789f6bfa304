// Shared helpers of `npm run bench`: sections, timing (warm-up, repeated runs, median,
// ops/s), memory figures and table printing. Benchmarks report; they never assert a speed.
import os from 'node:os';

/** One benchmark section: `node dist/bench/run.js <name>` runs just this one. */
export interface Section {
  name: string;
  title: string;
  run(options: BenchOptions): Promise<void> | void;
}

/** `--key=value` arguments of run.js, for sections that take a size (e.g. `--records=50000`). */
export type BenchOptions = Record<string, string>;

export function intOption(options: BenchOptions, key: string, fallback: number): number {
  const v = options[key];
  if (v === undefined) return fallback;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${key}=${v}: expected a positive integer`);
  return n;
}

// ---------------------------------------------------------------- timing

/** Values the timed functions return are folded in here so that no work is optimised away. */
let sink = 0;
export function consume(x: number): void {
  sink = (sink + x) | 0;
}
export function sinkValue(): number {
  return sink;
}

const gcFn = (globalThis as { gc?: (options?: { type: 'major' | 'minor' }) => void }).gc;
/** A full collection (needs `node --expose-gc`; a no-op otherwise). */
export function collect(): void {
  gcFn?.();
}
/**
 * A young-generation collection, before each timed run so that every run starts with an
 * empty nursery. Not a full one: on V8 11 a forced mark-compact makes the next run 2–3×
 * slower (measured here: hand-written 33 ms → 90 ms user time for 100,000 decisions).
 */
export function collectYoung(): void {
  gcFn?.({ type: 'minor' });
}
export const gcExposed = gcFn !== undefined;

export interface Case {
  name: string;
  /** Operations (decisions, records, requests …) one call of `fn` performs. */
  ops: number;
  /** Performs `ops` operations; returns something derived from the results (folded into the sink). */
  fn: () => number | Promise<number>;
}

export interface Timing {
  name: string;
  ops: number;
  /** Wall-clock milliseconds of each timed run. */
  runsMs: number[];
  medianMs: number;
  /** ops / median wall-clock seconds. */
  wallOpsPerSec: number;
  /** CPU milliseconds (user + system, this process) of each timed run. */
  cpuMs: number[];
  cpuMedianMs: number;
  /**
   * ops / median CPU seconds: the figure reported as “per second” (per core). On an idle
   * machine it is close to the wall-clock rate; on a busy one it is not diluted by the time
   * other processes hold the core. It includes the GC helper threads of this process.
   */
  opsPerSec: number;
  /** Relative spread of the runs' CPU times: (max − min) / median. */
  spread: number;
}

export interface MeasureOptions {
  /** Untimed runs first, so the JIT has compiled the hot code (default 2). */
  warmup?: number;
  /** Timed runs; the median is reported (default 7). */
  runs?: number;
}

/**
 * Times the cases round-robin (case 1 run 1, case 2 run 1, …, case 1 run 2 …) so that
 * they see the same machine conditions: a full GC before the warm-up, a young-generation
 * GC before every timed run. Garbage a run produces is collected inside the run and
 * counts against it.
 */
export async function measure(cases: Case[], options: MeasureOptions = {}): Promise<Timing[]> {
  const warmup = options.warmup ?? 2;
  const runs = options.runs ?? 7;
  collect();
  for (let w = 0; w < warmup; w++) {
    for (const c of cases) consume(await c.fn());
  }
  const wall = cases.map(() => [] as number[]);
  const cpu = cases.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    for (let i = 0; i < cases.length; i++) {
      collectYoung();
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      consume(await cases[i]!.fn());
      wall[i]!.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const c = process.cpuUsage(c0);
      cpu[i]!.push((c.user + c.system) / 1000);
    }
  }
  return cases.map((c, i) => {
    const runsMs = wall[i]!;
    const cpuMs = cpu[i]!;
    const medianMs = median(runsMs);
    const cpuMedianMs = median(cpuMs);
    return {
      name: c.name,
      ops: c.ops,
      runsMs,
      medianMs,
      wallOpsPerSec: c.ops / (medianMs / 1000),
      cpuMs,
      cpuMedianMs,
      opsPerSec: c.ops / (cpuMedianMs / 1000),
      spread: (Math.max(...cpuMs) - Math.min(...cpuMs)) / cpuMedianMs,
    };
  });
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The p-th percentile (nearest rank) of values sorted ascending; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Milliseconds `fn` takes once (for setup steps worth reporting, like generating records). */
export function timeOnce<T>(fn: () => T): { value: T; ms: number } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

// ---------------------------------------------------------------- memory

export interface MemoryFigures {
  rss: number;
  heapUsed: number;
  /** Peak resident set size of the process so far (bytes). */
  maxRss: number;
}

export function memory(): MemoryFigures {
  const m = process.memoryUsage();
  // resourceUsage().maxRSS is in kilobytes.
  return { rss: m.rss, heapUsed: m.heapUsed, maxRss: process.resourceUsage().maxRSS * 1024 };
}

/** Live heap bytes after a full GC (exact only with --expose-gc). */
export function liveHeap(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

// ---------------------------------------------------------------- formatting

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}×`;
}

export function mark(ok: boolean): string {
  return ok ? '✓' : '✗';
}

/** Display width: CJK and full-width characters take two columns. */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

function pad(s: string, w: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}

/** A plain-text table; columns whose header starts with '>' are right-aligned. */
export function table(headers: string[], rows: string[][]): string {
  const right = headers.map((h) => h.startsWith('>'));
  const heads = headers.map((h) => h.replace(/^>/, ''));
  const widths = heads.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, right[i]!)).join('  ').trimEnd();
  return [line(heads), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function heading(text: string): void {
  console.log(`\n== ${text} ${'='.repeat(Math.max(3, 76 - width(text)))}`);
}

/** Machine and runtime, printed once at the top of a run. */
export function environment(): string[] {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  return [
    `Node ${process.version} (V8 ${process.versions.v8}), ${process.platform}/${process.arch}`,
    `CPU: ${model} — ${cpus.length} logical core${cpus.length === 1 ? '' : 's'} visible; every benchmark runs on one thread, so figures are per core`,
    `GC: ${gcExposed ? 'full before each warm-up, young generation before each timed run (--expose-gc)' : 'not forced (run with node --expose-gc for steadier figures)'}`,
    busy(),
  ];
}

/** The load average against the cores, so that a reader can tell a busy machine. */
export function busy(): string {
  const load = os.loadavg()[0]!;
  const cores = os.cpus().length;
  const text = `load average ${load.toFixed(2)} on ${cores} core${cores === 1 ? '' : 's'}`;
  return load > cores * 0.5 ? `${text} — the machine is busy: wall-clock figures are diluted, rates are per CPU second` : text;
}
