import { flag, has, type Parsed, UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { loadRules } from '../load-rules.js';
import { documentPlan, planOutputs, writeDocument } from '../io/documents.js';
import { checkOutputs, ruleFiles, safeFileName } from '../io/output-paths.js';
import { blankFormHtml, docHtml } from '../format/doc.js';
import { stderr } from '../io/std.js';

export const docHelp = `用法 Usage: fenlei doc <规则文件> [--out 实施细则.html] [--form 检查表.html] [--pdf]

把规则集印成可阅读、可打印的实施细则：评定项目（内容、★、细化的国家项目、不适用条件）、用文字表述的
分类门槛、监管方式（第十八条、第二十条）、监管措施、动态调整（第二十一条）、产品目录，附空白的
监督检查表（与国家《通用规则》检查表的版式相同）。
The rule set as a printable document, with the blank inspection form.

  --out FILE      实施细则（默认“<地区>实施细则.html”；以 .pdf 结尾则只生成 PDF）
  --form FILE     另外单独生成空白检查表 / also write the blank form alone
  --pdf           同时用 Chromium 生成 PDF / also print to PDF (headless Chromium)
退出码 Exit: 0 成功 · 1 规则有错误 · 2 用法错误`;

export async function doc(p: Parsed): Promise<number> {
  const [rulesSpec] = p.positional;
  if (!rulesSpec) throw new UsageError('用法：fenlei doc <规则文件>');
  const { result } = loadRules(rulesSpec, undefined, true);
  const model = result.linked?.model;
  if (!result.ok || !result.ir || !model) return EXIT.RULES;
  const pdf = has(p, 'pdf');
  const plan = documentPlan(flag(p, 'out') ?? `${safeFileName(result.ir.meta.region)}实施细则.html`, pdf);
  const formOut = flag(p, 'form');
  const formPlan = formOut === undefined ? undefined : documentPlan(formOut, pdf, '--form');
  checkOutputs(planOutputs([[plan, '--out'], ...(formPlan ? [[formPlan, '--form'] as const] : [])]), ruleFiles(result));
  const written: string[] = [];
  written.push(...(await writeDocument(docHtml(model, result.ir, result.file), plan)));
  if (formPlan) written.push(...(await writeDocument(blankFormHtml(model, result.ir), formPlan)));
  stderr().write(`实施细则已写入 ${written.join('、')}。\n`);
  return EXIT.OK;
}
