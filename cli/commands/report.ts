import { flag, flagList, has, type Parsed, UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { loadVersions } from '../load-rules.js';
import { detectFormat, isInputProblem, type ReadStats } from '../io/read-records.js';
import { evaluateRegister } from '../io/register-eval.js';
import { documentPlan, planOutputs, writeDocument } from '../io/documents.js';
import { checkOutputs, loadedRuleFiles } from '../io/output-paths.js';
import { emptyReport, reportHtml, tally, type ReportData } from '../format/report.js';
import type { RuleSetModel } from '../../compiler/index.js';
import type { Evaluator, RuleSetIR } from '../../runtime/index.js';
import type { TextEncoding } from '../io/encoding.js';
import { todayText } from '../format/html.js';
import type { RegionLevel } from '../format/regions.js';
import { dateText, isError, isVersioned, versionText } from '../../runtime/index.js';
import { defaultOut, encodingOption, parseToday, rulesAndRegister } from './options.js';
import { stderr } from '../io/std.js';

export const reportHelp = `用法 Usage: fenlei report <规则文件…> <登记表> [--out 报告.html] [--pdf]

生成第十二条的分类备案报告：一个可直接打印的 HTML 文件（A4，每页带第十三条提示），包括各类别、
监管方式、风险等级、地区的企业数和图表，与上次类别相比的变化（上升、下降、受越级上升限制、
因降级情形降级），C类企业名单及原因，按C类占比着色的地区示意图。
The Art. 12 filing report as one printable HTML file (and PDF with --pdf).
规则可以是同一省份的几个版本（文件夹或几个文件），按检查日期选用施行中的版本；报告列出各版本判定的户数。
Rules may be the versions of one province (a folder or several files); the report lists each version's count.

  --catalogue FILE  另加产品目录文件（第二十条，按检查日期选用有效版本，可重复）/ add a catalogue file (repeatable)
  --out FILE            报告文件（默认“<登记表名>.report.html”；以 .pdf 结尾则只生成 PDF）
  --pdf[=FILE]          同时用 Chromium 生成 PDF / also print to PDF (headless Chromium)
  --today YYYY-MM-DD    评定日期截至（默认今天）/ review date
  --level city|county   地区图按市（前4位）或县（前6位），默认自动 / map level
  --c-thresholds 5,10,20  地区图颜色的C类占比分界（%）/ C-share thresholds of the map colours
  --sheet 名称、--input-encoding utf-8|gb18030、--input-format  同 fenlei eval
退出码 Exit: 0 成功 · 1 规则有错误 · 2 用法或文件错误`;

export function parseThresholds(text: string | undefined): readonly [number, number, number] | undefined {
  if (text === undefined) return undefined;
  const xs = text.split(/[,，]/).map((x) => Number(x.trim().replace(/%$/, '')));
  if (xs.length !== 3 || xs.some((x) => !Number.isFinite(x) || x < 0 || x > 100) || !(xs[0]! < xs[1]! && xs[1]! < xs[2]!)) {
    throw new UsageError(`--c-thresholds 应为三个递增的百分数，如 5,10,20：${text}`);
  }
  return xs as unknown as readonly [number, number, number];
}

/** Classifies a register and builds the filing report (also used by `npm start`). */
export async function buildReport(
  compiled: { ir: RuleSetIR; file: string; model?: RuleSetModel },
  evaluator: Evaluator,
  registerPath: string,
  opts: { today: number; encoding?: TextEncoding; sheet?: string; inputFormat?: string; thresholds?: readonly [number, number, number]; level?: RegionLevel },
): Promise<{ data: ReportData; html: string }> {
  const byVersion = new Map<string, number>();
  const data = emptyReport();
  const stats: ReadStats = { skippedBlank: 0, extraColumns: [] };
  const descriptions = new Map<string, string>();
  for (const c of compiled.model?.classification.C ?? []) if (c.name) descriptions.set(c.name, c.description);
  for await (const e of evaluateRegister(registerPath, detectFormat(registerPath, opts.inputFormat), evaluator, { today: opts.today, traceC: true, stats, encoding: opts.encoding, sheet: opts.sheet })) {
    tally(data, compiled.ir, e, descriptions);
    if (!isError(e.outcome)) byVersion.set(e.outcome.rulesVersion, (byVersion.get(e.outcome.rulesVersion) ?? 0) + 1);
  }
  // D10: with several versions, which one decided how many enterprises.
  const versions = isVersioned(evaluator) ? evaluator.versions.map((v) => `${versionText(v)}：${byVersion.get(v.ir.meta.version) ?? 0} 户`) : undefined;
  const html = reportHtml(data, { rules: compiled.ir.meta, modes: compiled.ir, rulesFile: compiled.file, versions, register: registerPath, asOf: dateText(opts.today), generated: todayText(), stats, thresholds: opts.thresholds, level: opts.level });
  return { data, html };
}

export async function report(p: Parsed): Promise<number> {
  const { rulesSpecs, registerPath } = rulesAndRegister(p, '用法：fenlei report <规则文件…> <登记表>');
  const today = parseToday(p);
  const thresholds = parseThresholds(flag(p, 'c-thresholds'));
  const levelText = flag(p, 'level');
  if (levelText !== undefined && levelText !== 'city' && levelText !== 'county') throw new UsageError('--level 只能是 city 或 county');
  const encoding = encodingOption(p, 'input-encoding');
  const loaded = loadVersions(rulesSpecs, undefined, true, flagList(p, 'catalogue'));
  const { result, evaluator } = loaded;
  if (!evaluator || !result.ir) return EXIT.RULES;
  const plan = documentPlan(flag(p, 'out') ?? defaultOut(registerPath, '.report.html'), has(p, 'pdf') ? (flag(p, 'pdf') ?? true) : false);
  checkOutputs(planOutputs([[plan, '--out']]), [registerPath, ...loadedRuleFiles(loaded)]);
  let built: Awaited<ReturnType<typeof buildReport>>;
  try {
    built = await buildReport({ ir: result.ir, file: isVersioned(evaluator) ? rulesSpecs.join(' ') : result.file, model: result.linked?.model }, evaluator, registerPath, { today, encoding, sheet: flag(p, 'sheet'), inputFormat: flag(p, 'input-format'), thresholds, level: levelText as RegionLevel | undefined });
  } catch (e) {
    if (isInputProblem(e)) throw new UsageError(e.message);
    throw e;
  }
  const { data, html } = built;
  const written = await writeDocument(html, plan);
  stderr().write(
    `备案报告：登记企业 ${data.records} 户，已分类 ${data.decided} 户（AA ${data.byClass.AA}，A ${data.byClass.A}，B ${data.byClass.B}，C ${data.byClass.C}），不适用 ${data.outOfScope}，无法判定 ${data.errors}。\n已写入 ${written.join('、')}。\n`,
  );
  return EXIT.OK;
}
