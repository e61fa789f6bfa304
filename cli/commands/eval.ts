import { flag, has, type Parsed, UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { loadRules } from '../load-rules.js';
import { detectFormat, readRecords, type ReadStats } from '../io/read-records.js';
import { OutcomeWriter, type OutputFormat } from '../io/write-outcomes.js';
import { dayNumber, isError, RECORD_CODES, type Outcome } from '../../runtime/index.js';

export const evalHelp = `用法 Usage: fenlei eval <规则文件> <记录文件> [--format jsonl|csv] [--out 文件] [--trace]

对登记表中的每家企业作出判定：是否适用本办法、评定类别、最终类别、监管方式、风险等级、措施。
Classifies every record: scope, assessed and final class, mode, risk level, measures.

记录文件 Records: .json（对象或数组）、.jsonl（每行一条）、.csv（表头见 docs/records.md）；“-”表示标准输入。
  --input-format json|jsonl|csv  指定输入格式 / input format (default: by extension)
  --format jsonl|csv   输出格式，默认 jsonl / output format
  --out FILE           写入文件（写完才出现，中断不留半个文件）/ write to a file, atomically
  --trace              附上逐步说明 / include the explanation
  --today YYYY-MM-DD   检查日期晚于此日为错误（默认今天）/ later inspection dates are errors
  --fail-on-error      有记录出错时退出码为 3 / exit 3 when any record is an error
每条输入记录恰好输出一行（判定或错误），顺序与输入相同。 Exactly one output line per record, in input order.
退出码 Exit: 0 完成 · 1 规则有错误 · 2 用法或文件错误 · 3 有记录出错（--fail-on-error）`;

export async function evaluate(p: Parsed): Promise<number> {
  const [rulesSpec, recordsPath] = p.positional;
  if (!rulesSpec || !recordsPath) throw new UsageError('用法：fenlei eval <规则文件> <记录文件> / usage: fenlei eval RULES RECORDS');
  const format = (flag(p, 'format') ?? 'jsonl') as OutputFormat;
  if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`不支持的输出格式“${format}” / unknown output format`);
  const todayText = flag(p, 'today');
  const today = todayText ? dayNumber(todayText) : Math.floor(Date.now() / 86_400_000);
  if (Number.isNaN(today)) throw new UsageError(`--today 日期无效：${todayText}`);
  const { evaluator } = loadRules(rulesSpec, undefined, true);
  if (!evaluator) return EXIT.RULES;
  const writer = new OutcomeWriter(format, flag(p, 'out'));
  const stop = () => {
    writer.abort();
    process.stderr.write('\n已中断，未留下不完整的输出文件。Interrupted; no partial output left.\n');
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const stats: ReadStats = { skippedBlank: 0, extraColumns: [] };
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  let records = 0;
  let errors = 0;
  try {
    for await (const input of readRecords(recordsPath, detectFormat(recordsPath, flag(p, 'input-format')), evaluator.ir.items.map((i) => i.id), stats)) {
      records++;
      const o: Outcome = input.error ?? evaluator.evaluate(input.raw, { trace: has(p, 'trace'), today, position: input.position });
      if (seen.has(o.id)) {
        const w = { code: 'FL5108', field: 'id', message: RECORD_CODES.FL5108.zh({ value: o.id }) };
        if (!isError(o)) o.warnings = [...(o.warnings ?? []), w];
      } else seen.add(o.id);
      if (isError(o)) errors++;
      else {
        const k = o.inScope ? `${o.class}` : '不适用';
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      await writer.write(o);
    }
    await writer.close();
  } catch (e) {
    writer.abort();
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`找不到记录文件：${recordsPath}`);
    throw e;
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
  const parts = ['AA', 'A', 'B', 'C', '不适用'].filter((k) => counts.has(k)).map((k) => `${k} ${counts.get(k)}`);
  process.stderr.write(`共 ${records} 条记录：${parts.join('，') || '无判定'}${errors ? `，错误 ${errors}` : ''}。${stats.skippedBlank ? `跳过空行 ${stats.skippedBlank}。` : ''}${stats.extraColumns.length ? `未使用的列：${stats.extraColumns.join('、')}。` : ''}\n`);
  return errors > 0 && has(p, 'fail-on-error') ? EXIT.RECORDS : EXIT.OK;
}
