import { existsSync } from 'node:fs';
import { flag, has, type Parsed, UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { loadRules } from '../load-rules.js';
import { detectFormat, isInputProblem, readRecords, type ReadStats } from '../io/read-records.js';
import { parseEncoding } from '../io/encoding.js';
import { writeDocument } from '../io/documents.js';
import { projectRecord } from '../io/project-record.js';
import { CLASS_KEYS, compareHtml, emptyCompare, matrixText, tallyCompare } from '../format/compare.js';
import { todayText } from '../format/html.js';
import { ChromiumMissing } from '../format/pdf.js';
import { Program } from '../../compiler/index.js';
import { dateText, isError } from '../../runtime/index.js';
import { defaultOut, parseToday } from './report.js';

export const compareHelp = `用法 Usage: fenlei compare <省级细则草案> [--against <规则文件>] <登记表> [--out 影响分析.html] [--pdf]

草案的影响：用真实的登记表分别按现行规则（默认为草案所依据的规则，如国家通用规则）和草案判定，
给出类别和监管方式的转移矩阵，以及类别或监管方式发生变化的企业和原因。
The impact of a draft: transition matrices of classes and modes over a real register, and who moves, with why.

登记表按草案的项目填写即可：现行规则的项目若被草案细化，按“子项目全部通过则通过”换算（见 docs/language.md）。
  --against FILE        对照的规则集（默认为草案“基于”的规则）/ the rules to compare against
  --out FILE            影响分析报告（默认“<登记表名>.compare.html”；以 .pdf 结尾则只生成 PDF）
  --pdf                 同时用 Chromium 生成 PDF
  --today YYYY-MM-DD、--sheet、--input-encoding、--input-format  同 fenlei eval
退出码 Exit: 0 成功 · 1 规则有错误 · 2 用法或文件错误`;

export async function compare(p: Parsed): Promise<number> {
  const [draftSpec, registerPath] = p.positional;
  if (!draftSpec || !registerPath) throw new UsageError('用法：fenlei compare <省级细则草案> [--against <规则文件>] <登记表>');
  if (!existsSync(registerPath)) throw new UsageError(`找不到登记表：${registerPath}`);
  const today = parseToday(p);
  const encodingText = flag(p, 'input-encoding');
  const encoding = parseEncoding(encodingText);
  if (encodingText !== undefined && !encoding) throw new UsageError(`不支持的编码“${encodingText}”`);
  const program = new Program();
  const draft = loadRules(draftSpec, program, true);
  if (!draft.evaluator || !draft.result.ir) return EXIT.RULES;
  const againstSpec = flag(p, 'against') ?? draft.result.base?.path ?? 'national';
  const against = loadRules(againstSpec, program, true);
  if (!against.evaluator || !against.result.ir) return EXIT.RULES;
  const dIr = draft.result.ir;
  const aIr = against.result.ir;
  const schema = {
    itemIds: [...new Set([...dIr.items.map((i) => i.id), ...aIr.items.map((i) => i.id)])],
    factNames: [...new Set([...dIr.facts.map((f) => f.name), ...aIr.facts.map((f) => f.name)])],
  };
  const data = emptyCompare();
  const stats: ReadStats = { skippedBlank: 0, extraColumns: [] };
  try {
    for await (const input of readRecords(registerPath, detectFormat(registerPath, flag(p, 'input-format')), schema, stats, { encoding, sheet: flag(p, 'sheet') })) {
      const raw = input.raw as { enterprise?: { name?: unknown } } | undefined;
      const name = typeof raw?.enterprise?.name === 'string' ? raw.enterprise.name : '';
      const run = (ev: NonNullable<typeof draft.evaluator>, ir: typeof dIr, other: typeof dIr, trace: boolean) =>
        input.error ?? ev.evaluate(projectRecord(input.raw, ir, other), { today, position: input.position, trace });
      let before = run(against.evaluator, aIr, dIr, false);
      let after = run(draft.evaluator, dIr, aIr, false);
      const moved = isError(before) !== isError(after) || (!isError(before) && !isError(after) && (before.class !== after.class || before.mode !== after.mode || before.inScope !== after.inScope));
      if (moved) {
        before = run(against.evaluator, aIr, dIr, true);
        after = run(draft.evaluator, dIr, aIr, true);
      }
      tallyCompare(data, { row: input.position, id: after.id, name, before, after });
    }
  } catch (e) {
    if (isInputProblem(e)) throw new UsageError(e.message);
    throw e;
  }
  const out = flag(p, 'out') ?? defaultOut(registerPath, '.compare.html');
  const html = compareHtml(data, { draft: dIr.meta, draftFile: draft.result.file, against: aIr.meta, againstFile: against.result.file, register: registerPath, asOf: dateText(today), generated: todayText() });
  let written: string[];
  try {
    written = await writeDocument(html, out, has(p, 'pdf'));
  } catch (e) {
    if (e instanceof ChromiumMissing) throw new UsageError(e.message);
    throw e;
  }
  process.stdout.write(
    `${aIr.meta.name}（现行）→ ${dIr.meta.name}（草案），登记企业 ${data.records} 户：类别变化 ${data.moved} 户（上升 ${data.up}，下降 ${data.down}），监管方式变化 ${data.modeChanged} 户。\n\n类别转移矩阵（行：现行，列：草案）：\n${matrixText(data.classMatrix, CLASS_KEYS)}\n\n影响分析已写入 ${written.join('、')}。\n`,
  );
  return EXIT.OK;
}
