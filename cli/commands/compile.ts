import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../io/atomic-file.js';
import { checkOutputs, ruleFiles } from '../io/output-paths.js';
import { basename, join } from 'node:path';
import { generateModule } from '../../compiler/index.js';
import { flag, type Parsed, UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { loadRules } from '../load-rules.js';
import { stderr } from '../io/std.js';

export const compileHelp = `用法 Usage: fenlei compile <规则文件> [--out-dir 目录] [--runtime 模块说明符]

把规则集编译为 IR（JSON）和独立的 ES 模块判定器；模块只需加载运行时库，不加载编译器。
Compiles a rule set to its IR (JSON) and a standalone ES module evaluator.

  --out-dir DIR    输出目录（默认当前目录）/ output folder (default: current)
  --runtime SPEC   生成模块导入运行时库的说明符（默认 fenlei/runtime）/ import specifier of the runtime
输出 Output: <名称>.ir.json 与 <名称>.evaluator.mjs
  import evaluator from './national.evaluator.mjs';  evaluator.evaluate(record, { trace: true })
退出码 Exit: 0 成功 · 1 规则有错误 · 2 用法错误`;

export async function compile(p: Parsed): Promise<number> {
  const spec = p.positional[0];
  if (!spec) throw new UsageError('请给出规则文件 / give a rule file');
  const { result } = loadRules(spec);
  if (!result.ok || !result.ir) return EXIT.RULES;
  const dir = flag(p, 'out-dir') ?? '.';
  mkdirSync(dir, { recursive: true });
  const name = spec === 'national' || spec === '国家' ? 'national' : basename(spec).replace(/\.ya?ml$/i, '');
  const irPath = join(dir, `${name}.ir.json`);
  const jsPath = join(dir, `${name}.evaluator.mjs`);
  checkOutputs([{ path: irPath, what: 'IR' }, { path: jsPath, what: '判定模块 module' }], ruleFiles(result));
  await writeFileAtomic(irPath, JSON.stringify(result.ir, null, 2) + '\n');
  await writeFileAtomic(jsPath, generateModule(result.ir, flag(p, 'runtime') ?? 'fenlei/runtime'));
  stderr().write(`已生成 ${irPath} 和 ${jsPath}（${result.ir.items.length} 个项目）。\n`);
  return EXIT.OK;
}
