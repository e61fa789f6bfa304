// The `fenlei` command line: one entry, one file per command.
import { parseArgs, UsageError, has } from './args.js';
import { EXIT } from './exit-codes.js';
import { check, checkHelp } from './commands/check.js';
import { compile, compileHelp } from './commands/compile.js';
import { evaluate, evalHelp } from './commands/eval.js';
import { explain, explainHelp } from './commands/explain.js';
import { test, testHelp } from './commands/test.js';
import { demo, demoHelp } from './commands/demo.js';
import { report, reportHelp } from './commands/report.js';
import { template, templateHelp } from './commands/template.js';
import { doc, docHelp } from './commands/doc.js';
import { compare, compareHelp } from './commands/compare.js';
import { lsp, lspHelp } from './commands/lsp.js';

interface Command {
  run: (p: ReturnType<typeof parseArgs>) => number | Promise<number>;
  help: string;
  summary: string;
  valued: string[];
}

const COMMANDS: Record<string, Command> = {
  check: { run: check, help: checkHelp, summary: '检查规则文件 / check rule files', valued: [] },
  compile: { run: compile, help: compileHelp, summary: '编译为 IR 和独立判定模块 / compile to IR and a JS module', valued: ['out-dir', 'runtime'] },
  eval: { run: evaluate, help: evalHelp, summary: '对登记表逐户判定 / classify a register', valued: ['format', 'out', 'today', 'input-format', 'input-encoding', 'encoding', 'sheet', 'errors', 'jobs'] },
  explain: { run: explain, help: explainHelp, summary: '说明一家企业的判定过程 / explain one decision', valued: ['id', 'input-format', 'input-encoding', 'sheet', 'out', 'today'] },
  test: { run: test, help: testHelp, summary: '运行规则测试用例 / run rule test cases', valued: [] },
  template: { run: template, help: templateHelp, summary: '生成企业登记表模板（Excel）/ the register workbook to fill in', valued: ['out', 'rows'] },
  doc: { run: doc, help: docHelp, summary: '印出实施细则和空白检查表（HTML/PDF）/ the rules as a document', valued: ['out', 'form'] },
  compare: { run: compare, help: compareHelp, summary: '草案影响分析：类别和监管方式的转移 / impact of a draft', valued: ['against', 'out', 'today', 'sheet', 'input-encoding', 'input-format'] },
  report: { run: report, help: reportHelp, summary: '生成分类备案报告（HTML/PDF，第十二条）/ the filing report', valued: ['out', 'today', 'level', 'c-thresholds', 'sheet', 'input-encoding', 'input-format'] },
  demo: { run: demo, help: demoHelp, summary: '在示例上运行全部流程（npm start）/ the main job on the examples', valued: ['out-dir'] },
  verify: (await import('./commands/verify.js')).verifyEntry,
  lsp: { run: lsp, help: lspHelp, summary: '启动语言服务器（编辑器用）/ the language server for editors', valued: [] },
};

const MAIN_HELP = `fenlei 分类 — 工业企业产品质量分类监管规则工具 / rules as code for classified product-quality supervision

用法 Usage: fenlei <命令> [参数] [--help]

命令 Commands:
${Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(9)}${c.summary}`).join('\n')}

凡是要给出规则集的地方，national 表示内置的国家通用规则。 'national' names the bundled national rules.
退出码 Exit codes: 0 成功 · 1 规则有错误或测试不通过 · 2 用法或文件错误 · 3 有记录出错（eval --fail-on-error）· 70 内部错误
文档 Docs: docs/cli.md, docs/language.md`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(MAIN_HELP + '\n');
    return name ? EXIT.OK : EXIT.USAGE;
  }
  if (name === '--version' || name === '-v') {
    const { readFileSync } = await import('node:fs');
    const { packageRoot } = await import('../compiler/program.js');
    process.stdout.write(String((JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')) as { version: string }).version) + '\n');
    return EXIT.OK;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`未知命令“${name}”。Unknown command.\n\n${MAIN_HELP}\n`);
    return EXIT.USAGE;
  }
  try {
    const parsed = parseArgs(rest, cmd.valued);
    if (has(parsed, 'help')) {
      process.stdout.write(cmd.help + '\n');
      return EXIT.OK;
    }
    return await cmd.run(parsed);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`错误：${e.message}\n\n${cmd.help}\n`);
      return EXIT.USAGE;
    }
    process.stderr.write(`fenlei 内部错误（请报告）：${(e as Error).stack ?? String(e)}\n`);
    return EXIT.INTERNAL;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`fenlei 内部错误：${String(e)}\n`);
    process.exitCode = EXIT.INTERNAL;
  },
);
