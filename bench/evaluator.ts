// Section `evaluator`: decisions per second of the compiled national rules, of a hand-written
// TypeScript function implementing the same rules (the practical limit) and of the same rules
// in json-rules-engine, in one run on the same records. Targets: compiled ≥ 0.5× hand-written
// with traces off, and ≥ 2,000,000 decisions/s on one core.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Program, generateModule } from '../compiler/index.js';
import { CLASS_BY_RANK, MODE_BY_RANK, type EnterpriseRecord, type Evaluator, type Outcome, type Prepared, type RuleSetIR } from '../runtime/index.js';
import { decideByHand } from './hand-written.js';
import { JsonRulesEngineNational } from './json-rules-engine.js';
import { consume, int, intOption, liveHeap, mark, measure, memory, mib, ratio, table, timeOnce, type BenchOptions, type Section, type Timing } from './measure.js';
import { makeRecords } from './records.js';
import { rng } from '../test/fixtures/prng.js';
import { classifyColumns, toColumns } from './columnar.js';

const TARGET_RATIO = 0.5;
const TARGET_RATE = 2_000_000;

/** Compiles the national rules and loads them as a real ES module file importing dist/runtime. */
async function loadCompiled(): Promise<{ ir: RuleSetIR; evaluator: Evaluator; bytes: number }> {
  const result = new Program().compile('national');
  if (!result.ok || !result.ir) throw new Error(`national rules do not compile: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  const runtimeUrl = new URL('../runtime/index.js', import.meta.url).href;
  const source = generateModule(result.ir, runtimeUrl);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fenlei-bench-'));
  try {
    const file = path.join(dir, 'national.mjs');
    writeFileSync(file, source);
    const mod = (await import(pathToFileURL(file).href)) as { evaluator: Evaluator };
    return { ir: result.ir, evaluator: mod.evaluator, bytes: Buffer.byteLength(source) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The timed loops: one function each, so that every call site stays monomorphic.
function compiledDecide(ev: Evaluator, ps: readonly Prepared[], reps = 1): number {
  let s = 0;
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < ps.length; i++) {
      const o = ev.decide(ps[i]!);
      s += 'error' in o ? 1 : o.passed;
    }
  }
  return s;
}

function handDecide(ps: readonly Prepared[], reps = 1): number {
  let s = 0;
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < ps.length; i++) {
      const o = decideByHand(ps[i]!);
      s += 'error' in o ? 1 : o.passed;
    }
  }
  return s;
}

/** The same array of references in a seeded random order (Fisher–Yates). */
function shuffled<T>(xs: readonly T[]): T[] {
  const out = [...xs];
  const r = rng(7);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function compiledTraced(ev: Evaluator, ps: readonly Prepared[]): number {
  let s = 0;
  for (let i = 0; i < ps.length; i++) {
    const o = ev.decide(ps[i]!, true);
    s += 'error' in o ? 1 : o.trace.length;
  }
  return s;
}

function compiledEvaluate(ev: Evaluator, recs: readonly EnterpriseRecord[]): number {
  let s = 0;
  for (let i = 0; i < recs.length; i++) {
    const o = ev.evaluate(recs[i]!, { position: i });
    s += 'error' in o ? 1 : o.passed;
  }
  return s;
}

async function jreDecide(jre: JsonRulesEngineNational, recs: readonly EnterpriseRecord[]): Promise<number> {
  let s = 0;
  for (let i = 0; i < recs.length; i++) {
    const d = await jre.decide(recs[i]!);
    s += d.class === null ? 0 : d.class.length;
  }
  return s;
}

/** Everything a decision says except its trace, for comparing implementations. */
function essence(o: Outcome): string {
  if ('error' in o) return JSON.stringify(['error', o.id, o.error.code, o.error.field, o.error.message]);
  return JSON.stringify([o.id, o.inScope, o.assessedClass, o.class, o.mode, o.riskLevel, o.passed, o.answered, o.passRatio, o.failedItems, o.directiveFailures, o.measures, o.warnings ?? null]);
}

function tally(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}

function counts(m: Map<string, number>): string {
  return [...m]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${int(v)}`)
    .join(', ');
}

/** The national rules still have the items, ★ set, window and event types the hand-written function hard-codes. */
function checkHandWrittenAssumptions(ir: RuleSetIR): void {
  if (ir.items.map((it) => it.id).join() !== Array.from({ length: 19 }, (_, i) => String(i + 1)).join() || ir.sets[1]![0] !== 124931) {
    throw new Error('national items are not the 19 of the General Rules in form order; update bench/hand-written.ts');
  }
  if (JSON.stringify(ir.windows) !== '[{"amount":3,"unit":"year"}]' || ir.events.map((e) => e.name).join() !== '行政处罚,严重隐患,抽查不合格,媒体曝光,其他降级情形,拒绝抽查') {
    throw new Error('national windows or event types changed; update bench/hand-written.ts');
  }
}

/**
 * Like with like: the hand-written function must agree with the compiled rules on every record
 * (and evaluate() and traces on with decide() on a sample); the mix of decisions printed. The
 * class and mode of the first `nJre` records are returned for json-rules-engine to match.
 */
function checkAgainstHandWritten(ev: Evaluator, records: readonly EnterpriseRecord[], prepared: readonly Prepared[], nJre: number): string[] {
  const n = prepared.length;
  // Decisions are compared as they come and not kept: keeping 200,000 of them would make V8
  // pretenure the allocation sites in decide() (allocate its results straight in the old
  // generation), which slows every later run of the one implementation whose results were kept.
  const mix = { classes: new Map<string, number>(), modes: new Map<string, number>(), adjusted: 0, level1: 0, warned: 0, errors: 0 };
  const expected: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = ev.decide(prepared[i]!);
    const a = essence(c);
    const b = essence(decideByHand(prepared[i]!));
    if (a !== b) throw new Error(`hand-written and compiled disagree on record ${prepared[i]!.id}:\n  compiled     ${a}\n  hand-written ${b}`);
    if (i % 97 === 0) {
      if (essence(ev.evaluate(records[i]!, { position: i })) !== a) throw new Error(`evaluate() and decide(prepare()) disagree on record ${records[i]!.id}`);
      if (essence(ev.decide(prepared[i]!, true)) !== a) throw new Error(`traces on and off disagree on record ${records[i]!.id}`);
    }
    if (i < nJre) expected.push('error' in c ? `record error ${c.error.code}` : `${c.class}/${c.mode}`);
    if ('error' in c) {
      mix.errors++;
      continue;
    }
    tally(mix.classes, c.class ?? 'out of scope (第二条)');
    if (c.mode) tally(mix.modes, c.mode);
    if (c.inScope && c.class !== c.assessedClass) mix.adjusted++;
    if (c.riskLevel === 'Ⅰ级') mix.level1++;
    if (c.warnings) mix.warned++;
  }
  console.log(`Check: hand-written = compiled on all ${int(n)} records (class, mode, passed, answered, ratio, failed and ★ items, measures, warnings).`);
  console.log(`Mix: class ${counts(mix.classes)};`);
  console.log(`     mode ${counts(mix.modes)};`);
  console.log(`     changed by 第二十一条 ${int(mix.adjusted)}, Level Ⅰ ${int(mix.level1)}, with warnings ${int(mix.warned)}, record errors ${int(mix.errors)}.`);
  return expected;
}

/** json-rules-engine must agree with the compiled rules on class and mode. */
async function checkJsonRulesEngine(jre: JsonRulesEngineNational, sample: readonly EnterpriseRecord[], expected: readonly string[]): Promise<void> {
  const nJre = sample.length;
  for (let i = 0; i < nJre; i++) {
    const d = await jre.decide(sample[i]!);
    if (`${d.class}/${d.mode}` !== expected[i]) throw new Error(`json-rules-engine disagrees on record ${sample[i]!.id}: ${d.class}/${d.mode} vs compiled ${expected[i]}`);
  }
  console.log(`Check: json-rules-engine (${jre.ruleCount} rules in ${jre.levelCount} priority levels) = compiled on class and mode for the first ${int(nJre)} records.`);
}

/** The timings as a table, the ratios, and whether the targets are met. */
function printResults(all: readonly Timing[], tCompiled: Timing, tHand: Timing, tFull: Timing, tJre: Timing): void {
  console.log();
  console.log(
    table(
      ['implementation', '>records', '>CPU ms', '>spread', '>wall ms', '>decisions/s', '>(wall)', '>× hand-written'],
      all.map((t) => [t.name, int(t.ops), t.cpuMedianMs.toFixed(1), `${(t.spread * 100).toFixed(0)}%`, t.medianMs.toFixed(1), int(t.opsPerSec), int(t.wallOpsPerSec), ratio(t.opsPerSec, tHand.opsPerSec)]),
    ),
  );
  const r = tCompiled.opsPerSec / tHand.opsPerSec;
  console.log();
  console.log(`compiled / hand-written (traces off):   ${ratio(tCompiled.opsPerSec, tHand.opsPerSec)}`);
  console.log(`compiled / json-rules-engine:           ${ratio(tCompiled.opsPerSec, tJre.opsPerSec)} (decide on prepared records); ${ratio(tFull.opsPerSec, tJre.opsPerSec)} (evaluate from plain objects, like for like with its facts step)`);
  console.log(`per core: the benchmark process is single-threaded, so each figure is decisions per second on one core; a register can be split across cores (worker threads) for roughly proportional totals.`);
  console.log(`target: ≥ ${TARGET_RATIO}× hand-written and ≥ ${int(TARGET_RATE)}/s (traces off, prepared records)`);
  console.log(`  ${mark(r >= TARGET_RATIO)} ${r.toFixed(2)}× hand-written`);
  console.log(`  ${mark(tCompiled.opsPerSec >= TARGET_RATE)} ${int(tCompiled.opsPerSec)} decisions/s`);
}

async function run(options: BenchOptions): Promise<void> {
  const n = intOption(options, 'records', 200_000);
  // --verbose: every run's time, and memory after each phase.
  const note = (phase: string) => {
    if (!options.verbose) return;
    const m = memory();
    console.log(`  [memory after ${phase}: RSS ${mib(m.rss)}, heap ${mib(m.heapUsed)}, peak RSS ${mib(m.maxRss)}]`);
  };
  const nJre = Math.min(n, intOption(options, 'jre-records', 20_000));
  const runs = intOption(options, 'runs', 7);

  const { ir, evaluator: ev, bytes } = await loadCompiled();
  console.log(`Compiled national rules (${ir.items.length} items, ${ir.words} bit word${ir.words === 1 ? '' : 's'} per answer set) to an ES module of ${int(bytes)} bytes; imported from a temp file.`);
  checkHandWrittenAssumptions(ir);

  const heap0 = liveHeap();
  const gen = timeOnce(() => makeRecords(ir.items, n));
  const records = gen.value;
  const heap1 = liveHeap();
  note('generating');
  console.log(`Records: ${int(n)} generated (seeded) in ${(gen.ms / 1000).toFixed(2)} s, ~${int((heap1 - heap0) / n)} heap bytes each as plain objects;`);

  // The full path is timed first, before any prepared record is kept: once 200,000 results of
  // prepare() stay alive, V8 pretenures its allocation sites (allocates straight in the old
  // generation), and evaluate(), whose prepared records die at once, then runs ~2× slower
  // with old-space growth. That would measure the benchmark's setup, not the evaluator.
  const [tFull] = await measure([{ name: 'compiled: evaluate(plain object) = prepare + decide', ops: n, fn: () => compiledEvaluate(ev, records) }], { runs: Math.max(3, runs >> 1) });
  note('timing evaluate');

  const prep = timeOnce(() =>
    records.map((r, i) => {
      const p = ev.prepare(r, i);
      if ('error' in p) throw new Error(`generated record ${p.id} is invalid: ${p.error.message}`);
      return p;
    }),
  );
  const prepared = prep.value;
  const heap2 = liveHeap();
  note('preparing');
  console.log(`         prepared once in ${(prep.ms / 1000).toFixed(2)} s (answers as bit words, dates as day numbers), ~${int((heap2 - heap1) / n)} heap bytes each.`);

  const expected = checkAgainstHandWritten(ev, records, prepared, nJre);
  note('the hand-written check');
  const jre = new JsonRulesEngineNational(ir);
  const sample = records.slice(0, nJre);
  await checkJsonRulesEngine(jre, sample, expected);

  console.log(`\nTiming: median of ${runs} runs after warm-up (${Math.max(3, runs >> 1)} for evaluate and traces on, 3 for json-rules-engine), cases interleaved, young-generation GC before each run; one thread.`);
  console.log(`decisions/s = records / median CPU seconds of the process (one thread, so per core); (wall) = records / median wall-clock seconds.`);
  const [tCompiled, tHand] = await measure(
    [
      { name: 'compiled: decide(prepared), traces off', ops: n, fn: () => compiledDecide(ev, prepared) },
      { name: 'hand-written TypeScript, same prepared records', ops: n, fn: () => handDecide(prepared) },
    ],
    { runs },
  );
  note('timing compiled and hand-written');
  const [tTrace] = await measure([{ name: 'compiled: decide(prepared), traces on', ops: n, fn: () => compiledTraced(ev, prepared) }], { runs: Math.max(3, runs >> 1) });
  note('timing traces on');
  const [tJre] = await measure([{ name: `json-rules-engine ${jreVersion()}: facts from plain object + run`, ops: nJre, fn: () => jreDecide(jre, sample) }], { warmup: 1, runs: 3 });
  note('timing json-rules-engine');
  consume(prepared.length);

  const all: Timing[] = [tCompiled!, tHand!, tFull!, tTrace!, tJre!];
  if (options.verbose) for (const t of all) console.log(`${t.name}: CPU ms ${t.cpuMs.map((x) => x.toFixed(1)).join(' ')}; wall ms ${t.runsMs.map((x) => x.toFixed(1)).join(' ')}`);
  printResults(all, tCompiled!, tHand!, tFull!, tJre!);

  await layout(ev, prepared, tCompiled!, tHand!, runs);
}

/**
 * How much the memory layout of the records weighs: the same functions over the same
 * prepared objects visited in a random order (every record a cache miss), over a slice small
 * enough to stay in cache, and a columnar reference (class and mode only).
 */
async function layout(ev: Evaluator, prepared: readonly Prepared[], tCompiled: Timing, tHand: Timing, runs: number): Promise<void> {
  const n = prepared.length;
  const random = shuffled(prepared);
  const slice = Math.min(2_000, n);
  const reps = Math.max(1, Math.floor(n / slice));
  const hot = prepared.slice(0, slice);
  const cols = toColumns(prepared);
  const classOut = new Uint8Array(n);
  const modeOut = new Uint8Array(n);
  classifyColumns(cols, classOut, modeOut);
  for (let i = 0; i < n; i++) {
    const d = ev.decide(prepared[i]!);
    if ('error' in d) continue;
    if ((d.class ?? null) !== (CLASS_BY_RANK[classOut[i]!] ?? null) || (d.mode ?? null) !== (MODE_BY_RANK[modeOut[i]!] ?? null)) throw new Error(`columnar reference disagrees on record ${d.id}`);
  }
  const [cRandom, hRandom, cHot, hHot, col] = await measure(
    [
      { name: 'compiled, same records in random order', ops: n, fn: () => compiledDecide(ev, random) },
      { name: 'hand-written, same records in random order', ops: n, fn: () => handDecide(random) },
      { name: `compiled, ${int(slice)} records ×${reps} (stay in cache)`, ops: slice * reps, fn: () => compiledDecide(ev, hot, reps) },
      { name: `hand-written, ${int(slice)} records ×${reps} (stay in cache)`, ops: slice * reps, fn: () => handDecide(hot, reps) },
      { name: 'columnar typed arrays, class + mode only (reference)', ops: n, fn: () => classifyColumns(cols, classOut, modeOut) },
    ],
    { runs },
  );
  console.log('\nLayout: the same decide functions and records, visited differently (decisions/s per CPU second):');
  const row = (t: Timing, base: Timing) => [t.name, int(t.opsPerSec), ratio(t.opsPerSec, base.opsPerSec)];
  console.log(
    table(
      ['records as …', '>decisions/s', '>× in generation order'],
      [
        row(tCompiled, tCompiled),
        row(cRandom!, tCompiled),
        row(cHot!, tCompiled),
        row(tHand, tHand),
        row(hRandom!, tHand),
        row(hHot!, tHand),
        row(col!, tHand),
      ].map((r, i) => (i === 0 ? ['compiled, records in generation order (table above)', r[1]!, r[2]!] : i === 3 ? ['hand-written, records in generation order (table above)', r[1]!, r[2]!] : r)),
    ),
  );
  console.log(`A prepared record is one object with three Int32Array answer words, an Int32Array of windows and six event lists (~1.6 KB of heap); the columnar layout holds the same decision inputs in 10 bytes. Records are allocated in generation order, so visiting them in that order streams memory; the random order pays cache misses on every record.`);
}

function jreVersion(): string {
  const req = createRequire(import.meta.url);
  return (req('json-rules-engine/package.json') as { version: string }).version;
}

const section: Section = { name: 'evaluator', title: 'compiled national rules vs hand-written TypeScript vs json-rules-engine', run };
export default section;
