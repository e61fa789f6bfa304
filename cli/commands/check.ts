import { Program, formatDiagnostic } from '../../compiler/index.js';
import { has, type Parsed, UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';

export const checkHelp = `用法 Usage: fenlei check <规则文件>... [--json] [--en]

检查规则文件：YAML 语法、字段、条件表达式、名称与类型，以及省级细则不得低于国家规则的结构性检查。
Checks rule files: YAML, fields, conditions, names and types, and the national-minimum checks.

每条问题一行：文件:行:列 代码 严重程度：说明。  One line per problem: file:line:col code message.
  --json   以 JSON 输出全部诊断 / print diagnostics as JSON
  --en     同时显示英文说明 / add the English message
“national” 表示内置的国家通用规则。 'national' names the bundled national rules.
退出码 Exit: 0 无错误 no errors · 1 有错误 errors · 2 用法错误或文件无法读取 usage or unreadable file`;

export function check(p: Parsed): number {
  if (p.positional.length === 0) throw new UsageError('请给出要检查的规则文件 / give a rule file to check');
  const program = new Program();
  let errors = 0;
  let warnings = 0;
  const all = [];
  for (const spec of p.positional) {
    const r = program.compile(spec);
    for (const d of r.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      all.push(d);
      if (!has(p, 'json')) process.stdout.write(formatDiagnostic(d, has(p, 'en')) + '\n');
    }
  }
  if (has(p, 'json')) process.stdout.write(JSON.stringify(all, null, 2) + '\n');
  else process.stderr.write(`检查完成：${p.positional.length} 个文件，${errors} 个错误，${warnings} 个警告。\n`);
  // A file that cannot be read is a file error (2), not a rule error (1).
  if (all.some((d) => d.code === 'FL0001')) return EXIT.USAGE;
  return errors > 0 ? EXIT.RULES : EXIT.OK;
}
