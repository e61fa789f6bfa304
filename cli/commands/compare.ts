import { flag, flagList, has, type Parsed, UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { loadVersions } from '../load-rules.js';
import { registerSchema } from '../io/register-columns.js';
import { detectFormat, isInputProblem, readRecords, type ReadStats } from '../io/read-records.js';
import { documentPlan, planOutputs, writeDocument } from '../io/documents.js';
import { checkOutputs, loadedRuleFiles } from '../io/output-paths.js';
import type { Assumption } from '../io/project-record.js';
import { compareRecord } from '../io/compare-eval.js';
import { CLASS_KEYS, answersNote, compareHtml, emptyCompare, matrixText } from '../format/compare.js';
import { todayText } from '../format/html.js';
import { Program } from '../../compiler/index.js';
import { dateText, isVersioned, type Evaluator } from '../../runtime/index.js';

const irsOf = (ev: Evaluator) => (isVersioned(ev) ? ev.versions.map((v) => v.ir) : [ev.ir]);
import { defaultOut, encodingOption, parseToday, rulesAndRegister } from './options.js';
import { stdout } from '../io/std.js';

export const compareHelp = `用法 Usage: fenlei compare <省级细则草案…> [--against <规则文件>] <登记表> [--out 影响分析.html] [--pdf]

草案的影响：用真实的登记表分别按现行规则（默认为草案所依据的规则，如国家通用规则）和草案判定，
给出类别和监管方式的转移矩阵，以及类别或监管方式发生变化的企业和原因。
The impact of a draft: transition matrices of classes and modes over a real register, and who moves, with why.

登记表可以按任一套规则填写。一套规则的项目在登记表中没有答案时，能换算的换算（见 docs/registers.md）：
被另一套规则细化的项目，子项目全部通过（或不适用）则通过、有一项不通过则不通过；细化的子项目，
其国家项目“通过”则通过。仍没有答案的项目（如草案新增的补充项目）按 --assume 计，不给则该企业为“错误”。
草案和对照规则都可以是同一省份的几个版本（文件夹或几个文件）：每条记录按检查日期选用施行中的版本。
Draft and current rules may each be the versions of one province (a folder or several files).
  --catalogue FILE  另加产品目录文件（第二十条，按检查日期选用有效版本，可重复）/ add a catalogue file (repeatable)
  --assume 通过|不通过  登记表中没有答案的项目按通过（或不通过）计，报告中列明 / answer the unanswered items so
  --against FILE        对照的规则集（默认为草案“基于”的规则）/ the rules to compare against
  --out FILE            影响分析报告（默认“<登记表名>.compare.html”；以 .pdf 结尾则只生成 PDF）
  --pdf                 同时用 Chromium 生成 PDF
  --today YYYY-MM-DD、--sheet、--input-encoding、--input-format  同 fenlei eval
退出码 Exit: 0 成功 · 1 规则有错误 · 2 用法或文件错误`;

const ASSUME = new Map<string, Assumption>([['通过', 'pass'], ['pass', 'pass'], ['不通过', 'fail'], ['fail', 'fail']]);

export async function compare(p: Parsed): Promise<number> {
  const { rulesSpecs: draftSpecs, registerPath } = rulesAndRegister(p, '用法：fenlei compare <省级细则草案> [--against <规则文件>] <登记表>');
  const today = parseToday(p);
  const encoding = encodingOption(p, 'input-encoding');
  const program = new Program();
  const draft = loadVersions(draftSpecs, program, true, flagList(p, 'catalogue'));
  if (!draft.evaluator || !draft.result.ir) return EXIT.RULES;
  const againstSpec = flag(p, 'against') ?? draft.result.base?.path ?? 'national';
  const against = loadVersions([againstSpec], program, true, flagList(p, 'catalogue'));
  if (!against.evaluator || !against.result.ir) return EXIT.RULES;
  const assumeText = flag(p, 'assume');
  const assume = assumeText === undefined ? undefined : ASSUME.get(assumeText.trim().toLowerCase());
  if (assumeText !== undefined && !assume) throw new UsageError(`--assume 应为“通过”或“不通过”（pass / fail）：${assumeText}`);
  const plan = documentPlan(flag(p, 'out') ?? defaultOut(registerPath, '.compare.html'), has(p, 'pdf'));
  checkOutputs(planOutputs([[plan, '--out']]), [registerPath, ...loadedRuleFiles(draft), ...loadedRuleFiles(against)]);
  const dIr = draft.result.ir;
  const aIr = against.result.ir;
  const schema = registerSchema([...irsOf(draft.evaluator), ...irsOf(against.evaluator)]);
  const data = emptyCompare();
  const stats: ReadStats = { skippedBlank: 0, extraColumns: [] };
  try {
    for await (const input of readRecords(registerPath, detectFormat(registerPath, flag(p, 'input-format')), schema, stats, { encoding, sheet: flag(p, 'sheet') })) {
      const raw = input.raw as { enterprise?: { name?: unknown } } | undefined;
      const name = typeof raw?.enterprise?.name === 'string' ? raw.enterprise.name : '';
      compareRecord(data, { draft: draft.evaluator, against: against.evaluator }, { raw: input.raw, position: input.position, error: input.error, name }, { today, assume });
    }
  } catch (e) {
    if (isInputProblem(e)) throw new UsageError(e.message);
    throw e;
  }
  const html = compareHtml(data, { assume, draft: dIr.meta, draftFile: draft.result.file, against: aIr.meta, againstFile: against.result.file, register: registerPath, asOf: dateText(today), generated: todayText() });
  const written = await writeDocument(html, plan);
  stdout().write(
    `${aIr.meta.name}（现行）→ ${dIr.meta.name}（草案），登记企业 ${data.records} 户：类别变化 ${data.moved} 户（上升 ${data.up}，下降 ${data.down}），监管方式变化 ${data.modeChanged} 户。\n${answersNote(data, assume)}\n类别转移矩阵（行：现行，列：草案）：\n${matrixText(data.classMatrix, CLASS_KEYS)}\n\n影响分析已写入 ${written.join('、')}。\n`,
  );
  return EXIT.OK;
}
