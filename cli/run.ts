// The `fenlei` command line as a function: one entry, one file per command. cli/main.ts runs it as
// the process; tests run it in their own process with their own streams (no child process to start).
import { checkOptions, parseArgs, UsageError, has } from './args.js';
import { EXIT } from './exit-codes.js';
import { OutputError } from './io/output-paths.js';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { stderr, stdout, withStreams, type StdStreams } from './io/std.js';

interface Loaded {
  run: (p: ReturnType<typeof parseArgs>) => number | Promise<number>;
  help: string;
}

interface Command {
  summary: string;
  valued: string[];
  /** Options without a value; undefined: any option is let through (the language server, whose clients add their own). */
  switches?: string[];
  /** Loaded only when the command runs, so that `fenlei check` does not pay for the language server. */
  load: () => Promise<Loaded>;
}

const COMMANDS: Record<string, Command> = {
  check: { summary: '检查规则文件 / check rule files', valued: [], switches: ['en', 'json', 'fix', 'dry-run'], load: async () => import('./commands/check.js').then((m) => ({ run: m.check, help: m.checkHelp })) },
  compile: { summary: '编译为 IR 和独立判定模块 / compile to IR and a JS module', valued: ['out-dir', 'runtime'], switches: [], load: async () => import('./commands/compile.js').then((m) => ({ run: m.compile, help: m.compileHelp })) },
  eval: { summary: '对登记表逐户判定 / classify a register', valued: ['catalogue', 'format', 'out', 'today', 'input-format', 'input-encoding', 'encoding', 'sheet', 'errors', 'jobs', 'history'], switches: ['trace', 'fail-on-error'], load: async () => import('./commands/eval.js').then((m) => ({ run: m.evaluate, help: m.evalHelp })) },
  explain: { summary: '说明一家企业的判定过程 / explain one decision', valued: ['catalogue', 'id', 'input-format', 'input-encoding', 'sheet', 'out', 'today'], switches: ['form', 'pdf', 'json'], load: async () => import('./commands/explain.js').then((m) => ({ run: m.explain, help: m.explainHelp })) },
  test: { summary: '运行规则测试用例 / run rule test cases', valued: [], switches: ['verbose'], load: async () => import('./commands/test.js').then((m) => ({ run: m.test, help: m.testHelp })) },
  verify: { summary: '证明细则不比国家规则宽松 / prove a province is not weaker', valued: ['against', 'save-test', 'time-limit'], switches: ['json', 'national-record', 'verbose'], load: async () => import('./commands/verify.js').then((m) => ({ run: m.verifyEntry.run, help: m.verifyEntry.help })) },
  template: { summary: '生成企业登记表模板（Excel）/ the register workbook to fill in', valued: ['out', 'rows'], switches: [], load: async () => import('./commands/template.js').then((m) => ({ run: m.template, help: m.templateHelp })) },
  report: { summary: '生成分类备案报告（HTML/PDF，第十二条）/ the filing report', valued: ['catalogue', 'out', 'today', 'level', 'c-thresholds', 'sheet', 'input-encoding', 'input-format'], switches: ['pdf'], load: async () => import('./commands/report.js').then((m) => ({ run: m.report, help: m.reportHelp })) },
  compare: { summary: '草案影响分析：类别和监管方式的转移 / impact of a draft', valued: ['catalogue', 'assume', 'against', 'out', 'today', 'sheet', 'input-encoding', 'input-format'], switches: ['pdf'], load: async () => import('./commands/compare.js').then((m) => ({ run: m.compare, help: m.compareHelp })) },
  doc: { summary: '印出实施细则和空白检查表（HTML/PDF）/ the rules as a document', valued: ['out', 'form'], switches: ['pdf'], load: async () => import('./commands/doc.js').then((m) => ({ run: m.doc, help: m.docHelp })) },
  demo: { summary: '在示例上运行全部流程（npm start）/ the main job on the examples', valued: ['out-dir'], switches: [], load: async () => import('./commands/demo.js').then((m) => ({ run: m.demo, help: m.demoHelp })) },
  // The language server, the information system and its users are bundles of their own (dist/lsp.mjs,
  // dist/serve.mjs, dist/user.mjs, made by `npm run build`): the editor libraries, Fastify, PGlite
  // and pg stay out of the CLI's start-up, and each starts from one file.
  lsp: { summary: '启动语言服务器（编辑器用）/ the language server for editors', valued: [], load: async () => bundled('lsp', (m: typeof import('./commands/lsp.js')) => ({ run: m.lsp, help: m.lspHelp })) },
  serve: { summary: '启动分类监管工作信息管理系统 / the information system (JSON API)', valued: ['port', 'host', 'data-dir', 'database'], switches: ['demo', 'insecure-cookies'], load: async () => bundled('serve', (m: typeof import('./commands/serve.js')) => ({ run: m.serve, help: m.serveHelp })) },
  user: { summary: '管理信息系统的用户 / users of the information system', valued: ['login', 'role', 'region', 'name', 'data-dir', 'database'], switches: ['password-stdin'], load: async () => bundled('user', (m: typeof import('./commands/user.js')) => ({ run: m.user, help: m.userHelp })) },
};

async function bundled<M>(name: string, pick: (m: M) => Loaded): Promise<Loaded> {
  const { packageRoot } = await import('../compiler/index.js');
  return pick((await import(pathToFileURL(join(packageRoot(), 'dist', `${name}.mjs`)).href)) as M);
}

const MAIN_HELP = `fenlei 分类 — 工业企业产品质量分类监管规则工具 / rules as code for classified product-quality supervision

用法 Usage: fenlei <命令> [参数] [--help]

命令 Commands:
${Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(9)}${c.summary}`).join('\n')}

凡是要给出规则集的地方，national 表示内置的国家通用规则。 'national' names the bundled national rules.
退出码 Exit codes: 0 成功 · 1 规则有错误或测试不通过 · 2 用法或文件错误 · 3 有记录出错（eval --fail-on-error）· 70 内部错误
文档 Docs: docs/cli.md, docs/language.md`;

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    stdout().write(MAIN_HELP + '\n');
    return name ? EXIT.OK : EXIT.USAGE;
  }
  if (name === '--version' || name === '-v') {
    const { readFileSync } = await import('node:fs');
    const { packageRoot } = await import('../compiler/index.js');
    stdout().write(String((JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')) as { version: string }).version) + '\n');
    return EXIT.OK;
  }
  const cmd = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!cmd) {
    stderr().write(`未知命令“${name}”。Unknown command.\n\n${MAIN_HELP}\n`);
    return EXIT.USAGE;
  }
  let help = '';
  try {
    const loaded = await cmd.load();
    help = loaded.help;
    const parsed = parseArgs(rest, cmd.valued);
    if (cmd.switches) checkOptions(parsed, cmd.valued, cmd.switches);
    if (has(parsed, 'help')) {
      stdout().write(loaded.help + '\n');
      return EXIT.OK;
    }
    return await loaded.run(parsed);
  } catch (e) {
    if (e instanceof UsageError) {
      stderr().write(`错误：${e.message}\n\n${help}\n`);
      return EXIT.USAGE;
    }
    // A refused output or a failed write: the usage text would only hide the message.
    if (e instanceof OutputError) {
      stderr().write(`错误：${e.message}\n`);
      return EXIT.USAGE;
    }
    stderr().write(`fenlei 内部错误（请报告）：${(e as Error).stack ?? String(e)}\n`);
    return EXIT.INTERNAL;
  }
}

export interface RunOptions extends StdStreams {
  /** The working folder of the run: relative paths in `argv` are taken from there. */
  cwd?: string;
}

let inFolder = false;

/**
 * Runs `fenlei argv…` and returns its exit code. Without options it uses the process's streams;
 * with them, everything the run writes goes to the given streams. A `cwd` changes the process's
 * working folder for the run and back, so runs with a `cwd` must not overlap.
 */
export async function run(argv: readonly string[], options?: RunOptions): Promise<number> {
  if (!options) return main(argv);
  const { cwd, ...streams } = options;
  if (cwd === undefined) return withStreams(streams, () => main(argv));
  if (inFolder) throw new Error('fenlei run: runs with a working folder (cwd) must not overlap');
  const before = process.cwd();
  inFolder = true;
  process.chdir(cwd);
  try {
    return await withStreams(streams, () => main(argv));
  } finally {
    process.chdir(before);
    inFolder = false;
  }
}
