import { flag, flagList, has, type Parsed, UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { loadVersions } from '../load-rules.js';
import { registerSchema } from '../io/register-columns.js';
import { detectFormat, isInputProblem, readRecords } from '../io/read-records.js';
import { encodingOption } from './options.js';
import { documentPlan, planOutputs, writeDocument } from '../io/documents.js';
import { checkOutputs, loadedRuleFiles, safeFileName, STDOUT } from '../io/output-paths.js';
import { explainText } from '../format/explain.js';
import { filledFormHtml } from '../format/filled-form.js';
import { dayNumber, isVersioned, recordId } from '../../runtime/index.js';
import { stderr, stdout } from '../io/std.js';

export const explainHelp = `用法 Usage: fenlei explain <规则文件…> <记录文件> [--id 编号] [--json | --form [--out 检查表.html] [--pdf]]

说明一家企业的判定：每一步引用的条款（第N条、通用规则备注）和规则文件中的出处（文件:行）。
Explains one decision step by step, citing the articles and the rule-file clauses.

规则可以是同一省份的几个版本（文件夹或几个文件），按检查日期选用施行中的版本（同 fenlei eval）。
Rules may be the versions of one province (a folder or several files); the version in force is used.

  --id ID   记录文件中有多条时，指定企业编号（默认第一条）/ which record (default: the first)
  --json    输出判定的 JSON（含 trace）/ print the decision as JSON
  --form    填好的监督检查表（HTML，国家检查表版式，附判定说明）/ the filled inspection form as HTML
  --out FILE  检查表写入文件（默认输出到标准输出；以 .pdf 结尾则生成 PDF）/ write the form to a file
  --pdf     同时用 Chromium 生成 PDF / also print the form to PDF
  --catalogue FILE  另加产品目录文件（第二十条，可重复）/ add a catalogue file (repeatable)
  --sheet、--input-encoding、--input-format  同 fenlei eval
退出码 Exit: 0 成功 · 1 规则有错误 · 2 用法错误或找不到记录`;

export async function explain(p: Parsed): Promise<number> {
  const rulesSpecs = p.positional.slice(0, -1);
  const recordsPath = p.positional[p.positional.length - 1];
  if (!rulesSpecs.length || !recordsPath) throw new UsageError('用法：fenlei explain <规则文件…> <记录文件>');
  const { result, evaluator, versions } = loadVersions(rulesSpecs, undefined, false, flagList(p, 'catalogue'));
  if (!evaluator) return EXIT.RULES;
  const wanted = flag(p, 'id');
  const encoding = encodingOption(p, 'input-encoding');
  const schema = registerSchema(isVersioned(evaluator) ? evaluator.versions.map((v) => v.ir) : [evaluator.ir]);
  const todayText = flag(p, 'today');
  const today = todayText === undefined ? undefined : dayNumber(todayText);
  if (today !== undefined && Number.isNaN(today)) throw new UsageError(`--today 日期无效：${todayText}`);
  try {
    for await (const input of readRecords(recordsPath, detectFormat(recordsPath, flag(p, 'input-format')), schema, undefined, { encoding, sheet: flag(p, 'sheet') })) {
      const id = input.error?.id ?? recordId(input.raw, input.position);
      if (wanted !== undefined && id !== wanted) continue;
      const o = input.error ?? evaluator.evaluate(input.raw, { trace: true, position: input.position, today });
      const name = (input.raw as { enterprise?: { name?: string } } | undefined)?.enterprise?.name;
      if (has(p, 'form')) {
        // The form of the version that decided (D10); the latest when none is in force.
        const picked = isVersioned(evaluator) ? evaluator.pick(input.raw, input.position) : evaluator;
        const used = 'error' in picked ? evaluator : picked;
        const model = (versions?.get(used) ?? result).linked?.model;
        const html = filledFormHtml(used.ir, model, input.raw, o);
        const out = flag(p, 'out') ?? (has(p, 'pdf') ? `${safeFileName(id)}.检查表.html` : STDOUT);
        const plan = documentPlan(out, has(p, 'pdf'));
        checkOutputs(planOutputs([[plan, '--out']]), [recordsPath, ...loadedRuleFiles({ result, versions })]);
        const written = await writeDocument(html, plan);
        if (written.length) stderr().write(`检查表已写入 ${written.join('、')}。\n`);
        return EXIT.OK;
      }
      stdout().write(has(p, 'json') ? JSON.stringify(o, null, 2) + '\n' : explainText(o, name));
      return EXIT.OK;
    }
  } catch (e) {
    if (isInputProblem(e)) throw new UsageError(e.message);
    throw e;
  }
  throw new UsageError(wanted ? `记录文件中没有编号为“${wanted}”的企业` : '记录文件中没有记录');
}
