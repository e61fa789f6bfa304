// 示例登记表生成器的命令行 / command line of the sample register generator (the generator itself is
// test/fixtures/make-register.ts, shared with the tests).
//
//   node dist/bench/make-register.js --rules rules/examples/zhejiang/rules.yaml --count 240 --format csv --seed 1 > register.csv
//   node dist/bench/make-register.js --rules national --count 100000 --format jsonl --seed 1 --out records.jsonl
import { createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Program, formatDiagnostic, loadEvaluator, resolveRuleSpec } from '../compiler/index.js';
import { csvHeader, csvRow, generateRecords } from '../test/fixtures/make-register.js';

const HELP = `用法 Usage: node dist/bench/make-register.js --rules <规则文件|national> [--count 240] [--format csv|jsonl] [--seed 1] [--out 文件]

按规则集生成确定性的示例登记表（同一规则、数量和种子，输出逐字节相同）。
Generates a deterministic sample register for a rule set (same rules, count and seed: same bytes).
  --rules FILE     规则文件，或 national / rule file, or national
  --count N        企业数，默认 240 / number of enterprises
  --format F       csv（登记表，列见 rules/examples/README.md）或 jsonl（每行一条记录）
  --seed S         随机种子（整数），默认 1 / PRNG seed
  --out FILE       写入文件，默认标准输出 / output file (default: standard output)`;

function parse(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') out.set('help', 'true');
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
      else out.set(a.slice(2), argv[++i] ?? '');
    } else throw new Error(`未知参数 unknown argument: ${a}`);
  }
  return out;
}

async function main(argv: readonly string[]): Promise<number> {
  let args: Map<string, string>;
  try {
    args = parse(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${HELP}\n`);
    return 2;
  }
  if (args.has('help')) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const spec = args.get('rules');
  const count = Number(args.get('count') ?? '240');
  const seed = Number(args.get('seed') ?? '1');
  const format = args.get('format') ?? 'csv';
  const known = new Set(['rules', 'count', 'seed', 'format', 'out']);
  const unknown = [...args.keys()].filter((k) => !known.has(k));
  if (!spec || !Number.isInteger(count) || count < 0 || !Number.isInteger(seed) || (format !== 'csv' && format !== 'jsonl') || unknown.length) {
    process.stderr.write(`${unknown.length ? `未知选项 unknown option: --${unknown.join(', --')}\n` : ''}${HELP}\n`);
    return 2;
  }
  const result = new Program().compile(resolveRuleSpec(spec));
  for (const d of result.diagnostics) if (d.severity === 'error') process.stderr.write(formatDiagnostic(d) + '\n');
  if (!result.ok || !result.ir) return 1;
  const ir = result.ir;
  const records = generateRecords(ir, loadEvaluator(ir), { count, seed });

  const outPath = args.get('out');
  const sink = outPath ? createWriteStream(outPath) : process.stdout;
  const write = (text: string) => (sink.write(text) ? Promise.resolve() : new Promise<void>((res) => sink.once('drain', () => res())));
  const lines: string[] = format === 'csv' ? [csvHeader(ir)] : [];
  for (const rec of records) {
    lines.push(format === 'csv' ? csvRow(ir, rec) : JSON.stringify(rec));
    if (lines.length >= 2000) await write(lines.splice(0).join('\n') + '\n');
  }
  if (lines.length) await write(lines.join('\n') + '\n');
  if (outPath) await new Promise<void>((res) => (sink as ReturnType<typeof createWriteStream>).end(() => res()));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
