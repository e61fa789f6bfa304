import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { flag, flagList, has, type Parsed, UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { loadVersions } from '../load-rules.js';
import { detectFormat, isInputProblem, readRecords, type ReadStats } from '../io/read-records.js';
import { errorsFileOf, OutcomeWriter, outputFormat, rowContext, type OutputFormat } from '../io/write-outcomes.js';
import { checkOutputs, loadedRuleFiles, STDOUT } from '../io/output-paths.js';
import { encodingOption, parseToday, rulesAndRegister } from './options.js';
import type { TextEncoding } from '../io/encoding.js';
import { Progress } from '../io/progress.js';
import { evalCsvParallel } from '../io/parallel-eval.js';
import { IdSet } from '../io/id-set.js';
import { registerSchema } from '../io/register-columns.js';
import { CLASSES_BEST_FIRST, isError, isVersioned, recordNotice, type Evaluator, type Outcome } from '../../runtime/index.js';
import { rowOutcome } from '../io/row-outcome.js';
import { loadHistory, noHistoryCounts, type HistoryCounts, type HistoryIndex } from '../io/history.js';
import { stderr } from '../io/std.js';

export const evalHelp = `用法 Usage: fenlei eval <规则文件…> <登记表> [--out 文件] [--format xlsx|csv|jsonl] [--trace]

对登记表中的每家企业作出判定：是否适用本办法、评定类别、最终类别、监管方式、风险等级、措施。
Classifies every record: scope, assessed and final class, mode, risk level, measures.

规则 Rules: 一个规则文件，或同一省份的几个版本（一个文件夹，或几个文件）：每条记录按检查日期选用
  施行中的版本（生效日期/失效日期），判定的 rulesVersion 写明所用版本；没有施行中版本的记录为错误 FL5021。
  One rule file, or the versions of one province (a folder or several files): per record the version in force.

登记表 Register: Excel 工作簿（.xlsx，读“登记表”工作表或第一个工作表）、CSV（UTF-8 或 GB18030，
  即 Excel“CSV（逗号分隔）”保存的编码，自动识别）、.json（对象或数组）、.jsonl（每行一条）；“-”表示标准输入。
  列按表头匹配，顺序不限；表头上方的标题行、空行自动跳过（见 docs/registers.md）。
  --catalogue FILE  另加产品目录文件（第二十条，按检查日期选用有效版本，可重复）/ add a catalogue file (repeatable)
  --input-format json|jsonl|csv|xlsx  指定输入格式 / input format (default: by extension)
  --input-encoding utf-8|gb18030      指定 CSV 编码（默认自动识别）/ CSV encoding (default: detected)
  --sheet 名称          读取工作簿中的指定工作表 / the sheet to read
  --history 文件        上次的判定结果（fenlei eval 输出的 .xlsx/.csv/.jsonl）：按统一社会信用代码（没有则按编号）
                       填入每家企业的上次类别和上次评定日期；登记表自填的不同时警告 FL5130
                       / last run's decisions: fill each row's previous class and review date
输出 Output:
  --out FILE           写入文件（写完才出现，中断不留半个文件；“-”为标准输出）/ write to a file, atomically (- for standard output)
  --format xlsx|csv|jsonl  输出格式，默认按 --out 的扩展名，否则 jsonl / output format
  --encoding utf-8|gb18030 CSV 输出编码，默认 UTF-8（带 BOM，Excel 可直接打开）/ CSV output encoding
  --errors FILE        出错记录另写一个文件（CSV、JSONL 输出时默认为“<输出>.errors.csv”；xlsx 输出时写入“错误”工作表）
  --trace              附上逐步说明（仅 JSONL）/ include the explanation (JSON Lines)
  --today YYYY-MM-DD   检查日期晚于此日为错误（默认今天）/ later inspection dates are errors
  --fail-on-error      有记录出错时退出码为 3 / exit 3 when any record is an error
  --jobs N             并行线程数（大的 CSV 登记表默认用全部 CPU 核）/ worker threads for large CSV registers
每条输入记录恰好输出一行（判定或错误），顺序与输入相同；在终端上显示进度（行/秒、剩余时间）。
Exactly one output row per record, in input order; a progress bar on a terminal, quiet in a pipe.
退出码 Exit: 0 完成 · 1 规则有错误 · 2 用法或文件错误 · 3 有记录出错（--fail-on-error）`;

/** Registers from this size on are classified by worker threads (unless --jobs says otherwise). */
const PARALLEL_FROM_BYTES = 8 << 20;

const ENCODING_NAME = { 'utf-8': 'UTF-8', gb18030: 'GB18030' } as const;

export async function evaluate(p: Parsed): Promise<number> {
  // Every argument but the last names rules: one file, or versions of one province (a folder or several files, D10).
  const { rulesSpecs, registerPath: recordsPath } = rulesAndRegister(p, '用法：fenlei eval <规则文件> <登记表> / usage: fenlei eval RULES REGISTER', true);
  const outFlag = flag(p, 'out');
  const out = outFlag === STDOUT ? undefined : outFlag;
  const format = outputFormat(flag(p, 'format'), out);
  if (!format) throw new UsageError(`不支持的输出格式“${flag(p, 'format')}”（可用 xlsx、csv、jsonl）/ unknown output format`);
  if (format === 'xlsx' && !out) throw new UsageError('xlsx 输出需要 --out 文件名（不能写到标准输出）/ xlsx output needs --out FILE (not standard output)');
  const encoding = encodingOption(p, 'encoding') ?? 'utf-8';
  const inputEncoding = encodingOption(p, 'input-encoding');
  const today = parseToday(p);
  const loaded = loadVersions(rulesSpecs, undefined, true, flagList(p, 'catalogue'));
  const { evaluator } = loaded;
  if (!evaluator) return EXIT.RULES;
  const errorsPath = errorsFileOf(format, out, flag(p, 'errors'));
  checkOutputs(
    [
      { path: outFlag ?? STDOUT, what: '--out' },
      ...(errorsPath ? [{ path: errorsPath, what: flag(p, 'errors') ? '--errors' : '错误文件 errors file' }] : []),
    ],
    [recordsPath, ...(flag(p, 'history') !== undefined ? [flag(p, 'history')!] : []), ...loadedRuleFiles(loaded)],
  );
  const inputFormat = detectFormat(recordsPath, flag(p, 'input-format'));
  const irs = isVersioned(evaluator) ? evaluator.versions.map((v) => v.ir) : [evaluator.ir];
  const schema = registerSchema(irs);
  const trace = has(p, 'trace');
  const jobsText = flag(p, 'jobs');
  const jobs = jobsText === undefined ? undefined : Number(jobsText);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1 || jobs > 64)) throw new UsageError(`--jobs 应为 1 到 64 的整数：${jobsText}`);

  const historyPath = flag(p, 'history');
  const historyIndex = historyPath === undefined ? undefined : await readHistory(historyPath);
  const historyCounts: HistoryCounts = noHistoryCounts();
  const history = historyIndex ? { index: historyIndex, counts: historyCounts } : undefined;

  // The handlers come before the temporary files exist: a signal between the two would
  // otherwise end the process by default and leave them behind.
  const running: { writer?: OutcomeWriter } = {};
  const stopListening = abortOnSignal(running);
  const writer = new OutcomeWriter(format, out, { encoding, errorsPath: flag(p, 'errors'), measures: irs.map((ir) => ({ version: String(ir.meta.version), measures: ir.measures })) });
  running.writer = writer;
  const stats: ReadStats = { skippedBlank: 0, extraColumns: [] };
  const progress = new Progress(stderr());
  let tally: Tally;
  try {
    const register = { path: recordsPath, format: inputFormat, encoding: inputEncoding, sheet: flag(p, 'sheet') };
    tally = await classifyRegister(register, { evaluator, schema, trace, today, jobs, history, format }, writer, stats, progress);
    await writer.close();
  } catch (e) {
    writer.abort();
    progress.done();
    if (isInputProblem(e)) throw new UsageError(e.message);
    if (inputFormat === 'xlsx' && /zip|signature|end of central/i.test(String((e as Error).message))) throw new UsageError(`无法读取 Excel 工作簿 ${recordsPath}：${(e as Error).message}`);
    throw e;
  } finally {
    stopListening();
  }
  progress.done();
  const lines = [...tallyLines(tally, stats)];
  if (historyIndex) lines.push(historyLine(historyPath!, historyCounts));
  if (out) lines.push(`判定结果已写入 ${out}${tally.errors ? (format === 'xlsx' ? '（出错记录另见“错误”工作表）' : writer.errorsPath ? `，出错记录另见 ${writer.errorsPath}` : '') : ''}。`);
  else if (tally.errors && writer.errorsPath) lines.push(`出错记录另见 ${writer.errorsPath}。`);
  stderr().write(lines.join('\n') + '\n');
  return tally.errors > 0 && has(p, 'fail-on-error') ? EXIT.RECORDS : EXIT.OK;
}

/** Ctrl-C or a TERM signal removes the outputs not yet complete; returns what stops listening. */
function abortOnSignal(running: { writer?: OutcomeWriter }): () => void {
  const stop = (signal: NodeJS.Signals) => {
    running.writer?.abort();
    stderr().write('\n已中断，未留下不完整的输出文件。Interrupted; no partial output left.\n');
    process.exit(signal === 'SIGTERM' ? EXIT.SIGTERM : EXIT.SIGINT);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return () => {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  };
}

/** How the records are decided: the rules, what the decisions carry, last year's decisions, the output format. */
interface Classifying {
  evaluator: Evaluator;
  schema: ReturnType<typeof registerSchema>;
  trace: boolean;
  today: number;
  /** --jobs; by default workers only for a large register. */
  jobs: number | undefined;
  history: { index: HistoryIndex; counts: HistoryCounts } | undefined;
  format: OutputFormat;
}

/** Every record of the register decided and written: a large CSV register by worker threads (same output, byte for byte), otherwise in turn. */
async function classifyRegister(
  register: { path: string; format: ReturnType<typeof detectFormat>; encoding: TextEncoding | undefined; sheet: string | undefined },
  how: Classifying,
  writer: OutcomeWriter,
  stats: ReadStats,
  progress: Progress,
): Promise<Tally> {
  const size = register.path === '-' ? 0 : statSync(register.path).size;
  const workers = how.jobs ?? (size >= PARALLEL_FROM_BYTES ? Math.min(4, availableParallelism()) : 1);
  if (register.format === 'csv' && how.format !== 'xlsx' && register.path !== '-' && workers > 1) {
    const parallel = await evalCsvParallel({
      path: register.path,
      encoding: register.encoding,
      schema: how.schema,
      evaluator: how.evaluator,
      format: how.format,
      trace: how.trace,
      today: how.today,
      jobs: workers,
      pieceBytes: Number(process.env.FENLEI_PIECE_BYTES) || undefined,
      writer,
      stats,
      history: how.history?.index,
      onProgress: (n) => progress.update(n, stats.bytesRead ?? 0, stats.bytesTotal ?? size),
    });
    if (parallel) {
      if (how.history) Object.assign(how.history.counts, parallel.history);
      return { records: parallel.records, errors: parallel.errors, counts: new Map(parallel.counts) };
    }
  }
  const rows = readRecords(register.path, register.format, how.schema, stats, { encoding: register.encoding, sheet: register.sheet });
  return classifyInTurn(rows, how.evaluator, writer, { trace: how.trace, today: how.today, history: how.history }, (n) => progress.update(n, stats.bytesRead ?? 0, stats.bytesTotal ?? 0));
}

/** How many records were read, decided per class, and in error. */
interface Tally {
  records: number;
  errors: number;
  /** Decisions per class, and 不适用 for records outside the Measures (第二条). */
  counts: Map<string, number>;
}

/** --history: last year's decisions, read before any output is opened. */
async function readHistory(path: string): Promise<HistoryIndex> {
  if (!existsSync(path)) throw new UsageError(`找不到上次判定结果：${path} / file not found`);
  try {
    return await loadHistory(path);
  } catch (e) {
    if (isInputProblem(e)) throw new UsageError(e.message);
    throw e;
  }
}

/** The records one after another on this thread: decided, a repeated id warned of (FL5108), written. */
async function classifyInTurn(
  rows: ReturnType<typeof readRecords>,
  evaluator: Evaluator,
  writer: OutcomeWriter,
  options: { trace: boolean; today: number; history: Parameters<typeof rowOutcome>[2]['history'] },
  onProgress: (records: number) => void,
): Promise<Tally> {
  const tally: Tally = { records: 0, errors: 0, counts: new Map() };
  const seen = new IdSet();
  for await (const input of rows) {
    tally.records++;
    const o: Outcome = rowOutcome(evaluator, input, { ...options, position: input.position });
    if (!seen.add(o.id) && !isError(o)) o.warnings = [...(o.warnings ?? []), recordNotice('FL5108', 'id', { value: o.id })];
    if (isError(o)) tally.errors++;
    else {
      const k = o.inScope ? `${o.class}` : '不适用';
      tally.counts.set(k, (tally.counts.get(k) ?? 0) + 1);
    }
    await writer.write(o, rowContext(input.raw, input.position));
    if ((tally.records & 1023) === 0) onProgress(tally.records);
  }
  return tally;
}

/** The closing summary: the decisions per class, then what was noticed about the register. */
function tallyLines(tally: Tally, stats: ReadStats): string[] {
  const parts = [...CLASSES_BEST_FIRST, '不适用'].filter((k) => tally.counts.has(k)).map((k) => `${k} ${tally.counts.get(k)}`);
  const lines = [`共 ${tally.records} 条记录：${parts.join('，') || '无判定'}${tally.errors ? `，错误 ${tally.errors}` : ''}。`];
  const notes: string[] = [];
  if (stats.encoding) notes.push(`登记表编码 ${ENCODING_NAME[stats.encoding]}`);
  if (stats.titleRows) notes.push(`表头在第 ${stats.headerRow} 行，跳过上方标题行 ${stats.titleRows} 行`);
  if (stats.skippedBlank) notes.push(`跳过空行 ${stats.skippedBlank}`);
  if (stats.extraColumns.length) notes.push(`未使用的列：${stats.extraColumns.slice(0, 20).join('、')}${stats.extraColumns.length > 20 ? ` 等 ${stats.extraColumns.length} 列` : ''}`);
  if (stats.missingItems?.length) notes.push(`登记表缺少项目列：${stats.missingItems.join('、')}`);
  if (notes.length) lines.push(notes.join('；') + '。');
  return lines;
}

/** How many enterprises last year's decisions (--history) gave a previous class to. */
function historyLine(path: string, h: HistoryCounts): string {
  return (
    `上次判定结果 ${path}：${h.byCredit + h.byId} 户找到上次类别（按统一社会信用代码 ${h.byCredit}，按编号 ${h.byId}），${h.unmatched} 户没有（按首次评定或登记表所填）` +
    `${h.disagreed ? `；${h.disagreed} 户登记表自填的上次类别或日期与之不同，已按上次判定结果（警告 FL5130）` : ''}。`
  );
}
