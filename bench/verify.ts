// Section `verify`: time of `fenlei verify` for the example provinces and for generated
// 200-item provinces (one not weaker, one weaker). Target: under 100 ms each on a 2-core machine,
// including the verifier's start-up (compiling both rule sets to evaluators, analysis, the
// spaces) — measured in-process, first run (cold JIT) and the median of warm runs; the whole CLI
// process is timed as well for reference (it also pays Node's and the front end's start-up).
// Then the generated family of provinces (test/verify/family.ts: up to 30 facts, 12 event
// windows, 200 named products; seeds × variants), target under 2 s each: the search per
// condition next to the earlier exhaustive search (strategy 'exhaustive') on the same files.
// `node dist/bench/run.js verify --only=family` runs the family part alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Program, nodeHost, packageRoot, type CompileResult } from '../compiler/program.js';
import { verify } from '../compiler/verify/verify.js';
import type { VerificationResult } from '../compiler/verify/types.js';
import { FAMILY_VARIANTS, familyCatalogue, familyProvince } from '../test/verify/family.js';
import { int, intOption, median, table, type BenchOptions, type Section } from './measure.js';

const TARGET_MS = 100;

/**
 * A province of `total` items over the national rules: every national item refined into
 * sub-items (★ where the parent is ★), supplementary items (some not applicable to small
 * enterprises), a group with its own C condition, thresholds re-derived against dilution.
 * `weaker`: the A threshold lowered so that two failures in two national items still give A.
 */
export function generatedProvince(total: number, weaker: boolean): string {
  const stars = new Set(['1', '2', '12', '14', '15', '16', '17']);
  const perItem = Math.floor((total * 0.76) / 19);
  const supplementary = total - perItem * 19;
  const lines = [
    '元数据:',
    `  名称: 生成的${total}项细则${weaker ? '（宽松）' : ''}`,
    '  地区: 测试省',
    '  版本: "1"',
    '  生效日期: 2025-01-01',
    '  基于: national',
    '企业信息:',
    '  - { 名称: 小微企业, 类型: 布尔, 默认: false }',
    '项目:',
  ];
  for (let n = 1; n <= 19; n++) {
    for (let k = 1; k <= perItem; k++) {
      lines.push(`  - { 编号: "${n}.${k}", 细化: "${n}", 内容: 国家第${n}项的第${k}个要点, 答案: 发现问题/未发现问题${stars.has(String(n)) ? ', 指向型: true' : ''} }`);
    }
  }
  for (let k = 1; k <= supplementary; k++) {
    lines.push(`  - { 编号: 补${k}, 内容: 补充项目${k}, 答案: 符合/不符合${k <= 8 ? ', 不适用条件: 小微企业' : ''} }`);
  }
  const group = Array.from({ length: perItem }, (_, k) => `"${3}.${k + 1}"`).concat(Array.from({ length: perItem }, (_, k) => `"${4}.${k + 1}"`));
  // N is total or total − 8. A: at most one failure for every N; B: at most seven.
  const n = [total - 8, total];
  const a = weaker ? 99 : Math.floor(((n[0]! - 1) / n[0]!) * 1000) / 10;
  const b = Math.floor(((n[0]! - 7) / n[0]!) * 1000) / 10;
  lines.push(
    '分组:',
    `  - { 名称: 标准与体系, 项目: [${group.join(', ')}] }`,
    '分类:',
    '  C:',
    '    任一条件:',
    '      - 名称: 通过率下限',
    `        条件: 通过率 < ${b}%`,
    '      - 名称: 标准与体系薄弱',
    '        条件: 通过率(标准与体系) < 50%',
    '  A:',
    '    全部条件:',
    '      - 名称: 通过率',
    `        条件: 通过率 >= ${a}%`,
    '  B:',
    '    全部条件:',
    '      - 名称: 通过率',
    `        条件: 通过率 >= ${b}%`,
    '风险调整:',
    '  Ⅱ级: 下调一级',
  );
  return lines.join('\n') + '\n';
}

interface Row {
  name: string;
  status: string;
  items: number;
  situations: number;
  compileMs: number;
  coldMs: number;
  coldCpuMs: number;
  warmMs: number;
  warmCpuMs: number;
  cliMs: number;
}

function time<T>(f: () => T): { value: T; ms: number; cpuMs: number } {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  const value = f();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const u = process.cpuUsage(c);
  return { value, ms, cpuMs: (u.user + u.system) / 1000 };
}

function cliMs(file: string): number {
  const cli = path.join(packageRoot(), 'bin', 'fenlei.js');
  const t = process.hrtime.bigint();
  spawnSync(process.execPath, [cli, 'verify', file], { encoding: 'utf8' });
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function verifyBench(options: BenchOptions = {}): Promise<void> {
  if (options.only !== 'family') examplesBench(options);
  if (options.only === undefined || options.only === 'family') familyBench(options);
}

const FAMILY_TARGET_MS = 2000;

/**
 * The family: each case verified once in a fresh front end (default options, as `fenlei verify`
 * runs it, but for the time limit), with the search per condition (--new-limit, default 60 s, so
 * that a busy machine does not turn a decision into "unknown") and with the exhaustive search
 * (--old-limit, default the CLI's 10 s). Wall and CPU time of the verify call.
 */
function familyBench(options: BenchOptions): void {
  const seeds = intOption(options, 'seeds', 5);
  const oldLimit = intOption(options, 'old-limit', 10_000);
  const newLimit = intOption(options, 'new-limit', 60_000);
  const root = packageRoot();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fenlei-verify-family-'));
  const national = path.join(root, 'rules/examples/catalogues/national-illustrative.yaml');
  try {
    writeFileSync(path.join(dir, 'catalogue.yaml'), familyCatalogue());
    const rows: string[][] = [];
    const newMs: number[] = [];
    const oldMs: number[] = [];
    const newCpu: number[] = [];
    const oldCpu: number[] = [];
    // A weakness with threshold suggestions also says whether they were proven (as the CLI shows them).
    const suggested = (r: VerificationResult) => {
      const s = r.counterexample!.suggestions ?? [];
      return s.length ? `, threshold ${s.every((x) => x.verified) ? 'verified' : 'not verified'}` : '';
    };
    const status = (r: VerificationResult) => (r.status === 'weaker' ? `weaker${r.counterexample!.minimal ? '' : ' (not minimal)'}${suggested(r)}` : r.status);
    for (let seed = 1; seed <= seeds; seed++) {
      for (const variant of FAMILY_VARIANTS) {
        const file = path.join(dir, `family-${seed}-${variant}.yaml`);
        writeFileSync(file, familyProvince(seed, variant, 200, [national, 'catalogue.yaml']));
        const program = new Program(nodeHost, root);
        const p = program.compile(file);
        const n = program.compile('national');
        const now = time(() => verify(p, n, { timeLimitMs: newLimit }));
        const old = time(() => verify(p, n, { strategy: 'exhaustive', timeLimitMs: oldLimit }));
        newMs.push(now.ms);
        oldMs.push(old.ms);
        newCpu.push(now.cpuMs);
        oldCpu.push(old.cpuMs);
        rows.push([`${seed}`, variant, status(now.value), `${now.ms.toFixed(0)} / ${now.cpuMs.toFixed(0)}`, int(now.value.stats.contexts), status(old.value), `${old.ms.toFixed(0)} / ${old.cpuMs.toFixed(0)}`, now.ms < FAMILY_TARGET_MS ? '✓ wall' : now.cpuMs < FAMILY_TARGET_MS ? '✓ CPU (wall diluted)' : '✗']);
      }
    }
    console.log('\nGenerated family (up to 30 facts, 12 event windows, 200 named products), target < 2 s each:\n');
    console.log(table(['seed', 'variant', `per condition (limit ${newLimit / 1000} s)`, '>wall / CPU (ms)', '>contexts', `exhaustive (limit ${oldLimit / 1000} s)`, '>wall / CPU (ms)', 'target < 2 s'], rows));
    const max = (xs: number[]) => Math.max(...xs);
    const fig = (xs: number[]) => `p50 ${median(xs).toFixed(0)} ms, max ${max(xs).toFixed(0)} ms`;
    console.log(`\nper condition: wall ${fig(newMs)}; CPU ${fig(newCpu)}`);
    console.log(`exhaustive:    wall ${fig(oldMs)}; CPU ${fig(oldCpu)} (${newMs.length} cases)`);
    console.log('contexts: record contexts the search decided (classes found per condition). The exhaustive search is the one before it:');
    console.log('the product of every fact, product and event option; "unknown" there means its time limit came first.');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function examplesBench(options: BenchOptions): void {
  const runs = Number(options.runs ?? 7);
  const root = packageRoot();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fenlei-verify-bench-'));
  try {
    const cases: [string, string][] = [
      ['浙江 zhejiang', path.join(root, 'rules/examples/zhejiang/rules.yaml')],
      ['江苏 jiangsu', path.join(root, 'rules/examples/jiangsu/rules.yaml')],
    ];
    for (const weaker of [false, true]) {
      const file = path.join(dir, `generated-200${weaker ? '-weaker' : ''}.yaml`);
      writeFileSync(file, generatedProvince(200, weaker));
      cases.push([`生成200项${weaker ? '·宽松' : '·不宽松'} generated-200${weaker ? ' weaker' : ''}`, file]);
    }
    const rows: Row[] = [];
    for (const [name, file] of cases) {
      // Cold: a fresh front end, then the verifier's first run in this process for this rule set
      // (it compiles both IRs to evaluators, analyses them, builds the spaces and searches).
      const program = new Program(nodeHost, root);
      const compiled = time(() => [program.compile(file), program.compile('national')] as [CompileResult, CompileResult]);
      const [p, n] = compiled.value;
      const cold = time(() => verify(p, n));
      const warm = Array.from({ length: runs }, () => time(() => verify(p, n)));
      rows.push({
        name,
        status: cold.value.status,
        items: p.ir?.items.length ?? p.linked?.model.items.length ?? 0,
        situations: cold.value.stats.situations,
        compileMs: compiled.ms,
        coldMs: cold.ms,
        coldCpuMs: cold.cpuMs,
        warmMs: median(warm.map((w) => w.ms)),
        warmCpuMs: median(warm.map((w) => w.cpuMs)),
        cliMs: cliMs(file),
      });
    }
    console.log(
      table(
        ['rule set', 'result', '>items', '>situations', '>front end (ms)', '>verify, first run: wall / CPU (ms)', '>warm: wall / CPU (ms)', '>CLI process (ms)', 'target < 100 ms'],
        rows.map((r) => [r.name, r.status, String(r.items), int(r.situations), r.compileMs.toFixed(0), `${r.coldMs.toFixed(1)} / ${r.coldCpuMs.toFixed(1)}`, `${r.warmMs.toFixed(1)} / ${r.warmCpuMs.toFixed(1)}`, r.cliMs.toFixed(0), r.coldMs < TARGET_MS ? '✓ wall' : r.coldCpuMs < TARGET_MS ? '✓ CPU (wall diluted)' : '✗']),
      ),
    );
    console.log('\nfront end: parsing and checking the province and the national file (what `fenlei check` costs too);');
    console.log("verify, first run: the verifier's own start-up (evaluators, analysis, spaces) and the search, cold JIT, in this process;");
    console.log(`warm: median of ${runs} more runs; CPU includes V8's compiler and GC threads. CLI process: \`node bin/fenlei.js verify FILE\` wall time.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const section: Section = { name: 'verify', title: 'fenlei verify — examples and generated 200-item provinces (target < 100 ms); the generated family (target < 2 s)', run: verifyBench };
export default section;

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await verifyBench();
