import { realpathSync } from 'node:fs';
import { Program, formatDiagnostic, displayName, nodeHost, resolveRuleSpec, applyEdits, safeFixes, sortDiagnostics, type Diagnostic } from '../../compiler/index.js';
import { has, type Parsed, UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { stderr, stdout } from '../io/std.js';

export const checkHelp = `用法 Usage: fenlei check <规则文件>... [--fix [--dry-run]] [--json] [--en]

检查规则文件：YAML 语法、字段、条件表达式、名称与类型，以及省级细则不得低于国家规则的结构性检查。
Checks rule files: YAML, fields, conditions, names and types, and the national-minimum checks.

每条问题一行，按文件、行、列排序：文件:行:列 代码 严重程度：说明。
One line per problem, in file, line, column order: file:line:col code message.
  --fix      自动修正输入错误（全角冒号、逗号、括号、数字、中文引号，制表符缩进，被 # 截断的条件），
             与编辑器的“修正本文件全部输入错误”相同；只改写命令行给出的规则文件，列出每处修改，
             然后重新检查。项目编号等需要判断的修改只作为建议显示，不自动修改。
             Fixes typing slips (full-width punctuation and digits, Chinese quotes, tabs, a condition
             cut by #) in the rule files given, as the editor's "fix all" does; lists each change, then checks again.
  --dry-run  与 --fix 同用：只显示将要做的修改（逐行对照），不写文件 / with --fix: show the changes, write nothing
  --json     以 JSON 输出全部诊断 / print diagnostics as JSON
  --en       同时显示英文说明 / add the English message
“national” 表示内置的国家通用规则。 'national' names the bundled national rules.
退出码 Exit: 0 无错误（--fix 后无剩余错误） no errors (left) · 1 有错误 errors · 2 用法错误或文件无法读取 usage or unreadable file`;

/** Rounds of fixing: a repair can let the parser read further and find the next slip. */
const MAX_ROUNDS = 5;

export async function check(p: Parsed): Promise<number> {
  if (p.positional.length === 0) throw new UsageError('请给出要检查的规则文件 / give a rule file to check');
  if (has(p, 'dry-run') && !has(p, 'fix')) throw new UsageError('--dry-run 只能与 --fix 同用 / --dry-run goes with --fix');
  const program = new Program();
  const json = has(p, 'json');
  if (has(p, 'fix')) {
    let changed = 0;
    for (const spec of p.positional) changed += await fixFile(program, spec, has(p, 'dry-run'), json);
    if (!json) stderr().write(has(p, 'dry-run') ? `可自动修正 ${changed} 处（未写入）。/ ${changed} fixable, nothing written.\n` : `已修正 ${changed} 处。/ ${changed} fixed.\n`);
  }
  let errors = 0;
  let warnings = 0;
  const all: Diagnostic[] = [];
  for (const spec of p.positional) {
    const r = program.compile(spec);
    for (const d of r.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      all.push(d);
      if (!json) stdout().write(formatDiagnostic(d, has(p, 'en')) + '\n');
    }
  }
  if (json) stdout().write(JSON.stringify(sortDiagnostics(all), null, 2) + '\n');
  else stderr().write(`检查完成：${p.positional.length} 个文件，${errors} 个错误，${warnings} 个警告。\n`);
  // A file that cannot be read is a file error (2), not a rule error (1).
  if (all.some((d) => d.code === 'FL0001')) return EXIT.USAGE;
  return errors > 0 ? EXIT.RULES : EXIT.OK;
}

/**
 * Applies the safe fixes of one rule file the user named, round after round until none is left,
 * then writes it once, through a temporary file renamed over it (a crash leaves the old file whole).
 * The bundled national rules are never written. Returns the number of changes.
 */
async function fixFile(program: Program, spec: string, dryRun: boolean, json: boolean): Promise<number> {
  if (spec === 'national' || spec === '国家') return 0;
  const abs = resolveRuleSpec(spec);
  const read = nodeHost.read(abs);
  if ('error' in read) return 0;
  const original = read.text;
  const file = displayName(abs);
  let text = original;
  let count = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const chosen = safeFixes(program.compileText(abs, file, text).diagnostics, file);
    if (!chosen.length) break;
    // Places are in the text of this round (a later round's, after the earlier repairs).
    for (const { diagnostic: d, title } of chosen) {
      if (!json) stdout().write(`${d.file}:${d.range.start.line + 1}:${d.range.start.column + 1} ${d.code} ${dryRun ? '可修正 fixable' : '已修正 fixed'}：${title}\n`);
    }
    text = applyEdits(text, chosen.flatMap((c) => c.edits));
    count += chosen.length;
  }
  if (text === original) return 0;
  if (dryRun) {
    if (!json) stdout().write(lineDiff(file, original, text));
    return count;
  }
  await writeFileAtomic(realpathSync(abs), text);
  return count;
}

/** The changed lines, old and new, with their numbers (fixes never add or remove a line). */
export function lineDiff(file: string, before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  let out = `--- ${file}\n+++ ${file}（修正后 fixed）\n`;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (a[i] !== undefined) out += `-${i + 1}: ${a[i]}\n`;
    if (b[i] !== undefined) out += `+${i + 1}: ${b[i]}\n`;
  }
  return out;
}
