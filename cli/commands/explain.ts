import { flag, has, type Parsed, UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { loadRules } from '../load-rules.js';
import { detectFormat, readRecords } from '../io/read-records.js';
import { explainText } from '../format/explain.js';
import { recordId } from '../../runtime/index.js';

export const explainHelp = `用法 Usage: fenlei explain <规则文件> <记录文件> [--id 编号] [--json]

说明一家企业的判定：每一步引用的条款（第N条、通用规则备注）和规则文件中的出处（文件:行）。
Explains one decision step by step, citing the articles and the rule-file clauses.

  --id ID   记录文件中有多条时，指定企业编号（默认第一条）/ which record (default: the first)
  --json    输出判定的 JSON（含 trace）/ print the decision as JSON
退出码 Exit: 0 成功 · 1 规则有错误 · 2 用法错误或找不到记录`;

export async function explain(p: Parsed): Promise<number> {
  const [rulesSpec, recordsPath] = p.positional;
  if (!rulesSpec || !recordsPath) throw new UsageError('用法：fenlei explain <规则文件> <记录文件>');
  const { evaluator } = loadRules(rulesSpec);
  if (!evaluator) return EXIT.RULES;
  const wanted = flag(p, 'id');
  for await (const input of readRecords(recordsPath, detectFormat(recordsPath, flag(p, 'input-format')), evaluator.ir.items.map((i) => i.id))) {
    const id = input.error?.id ?? recordId(input.raw, input.position);
    if (wanted !== undefined && id !== wanted) continue;
    const o = input.error ?? evaluator.evaluate(input.raw, { trace: true, position: input.position });
    const name = (input.raw as { enterprise?: { name?: string } } | undefined)?.enterprise?.name;
    process.stdout.write(has(p, 'json') ? JSON.stringify(o, null, 2) + '\n' : explainText(o, name));
    return EXIT.OK;
  }
  throw new UsageError(wanted ? `记录文件中没有编号为“${wanted}”的企业` : '记录文件中没有记录');
}
