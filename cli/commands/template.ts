import { flag, type Parsed, UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { loadRules } from '../load-rules.js';
import { templateWorkbook } from '../io/template-workbook.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { checkOutputs, ruleFiles, safeFileName, STDOUT } from '../io/output-paths.js';
import { stderr, stdout } from '../io/std.js';

export const templateHelp = `用法 Usage: fenlei template <规则文件> [--out 登记表.xlsx] [--rows 500]

生成该规则集的企业登记表（Excel 工作簿），供基层质监部门填写：企业基本情况和上次评定的列，
每个评定项目一列（★为C类指向型；列名的批注为项目内容；答案为下拉列表），“填写说明”工作表。
填好后用 fenlei eval / fenlei report 直接读取。
The register workbook a county fills in for this rule set.

  --out FILE   输出文件（默认“<地区>企业登记表.xlsx”）/ output file
  --rows N     预置下拉列表的行数（默认 500）/ rows prepared with drop-down lists
退出码 Exit: 0 成功 · 1 规则有错误 · 2 用法错误`;

export async function template(p: Parsed): Promise<number> {
  const [rulesSpec] = p.positional;
  if (!rulesSpec) throw new UsageError('用法：fenlei template <规则文件>');
  const rowsText = flag(p, 'rows');
  const rows = rowsText === undefined ? 500 : Number(rowsText);
  if (!Number.isInteger(rows) || rows < 1 || rows > 100_000) throw new UsageError(`--rows 应为 1 到 100000 的整数：${rowsText}`);
  const { result } = loadRules(rulesSpec, undefined, true);
  if (!result.ok || !result.ir) return EXIT.RULES;
  const ir = result.ir;
  const out = flag(p, 'out') ?? `${safeFileName(ir.meta.region)}企业登记表.xlsx`;
  checkOutputs([{ path: out, what: '--out' }], ruleFiles(result));
  const wb = await templateWorkbook(ir, result.linked?.model, { rows, rulesFile: result.file });
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  if (out === STDOUT) stdout().write(bytes);
  else await writeFileAtomic(out, bytes);
  stderr().write(`登记表模板已写入 ${out === STDOUT ? '标准输出' : out}：${ir.items.length} 个评定项目（★ ${ir.items.filter((i) => i.directive).length} 个），${ir.facts.length ? `${ir.facts.length} 项企业信息，` : ''}预置 ${rows} 行下拉列表。\n`);
  return EXIT.OK;
}
