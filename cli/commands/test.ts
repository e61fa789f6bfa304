import { Program, formatDiagnostic, runTestFile, findTestFiles, displayName, type FileResult } from '../../compiler/index.js';
import { has, type Parsed, UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { stdout } from '../io/std.js';

export const testHelp = `用法 Usage: fenlei test <测试文件、目录或规则文件>... [--verbose]

运行规则测试用例（*.test.yaml：一条记录和预期的判定，见 docs/testing-rules.md）。
给出规则文件时，运行其旁边 tests/ 目录中的用例。不通过的用例逐项列出预期值与实际值。
Runs rule test cases; for a rule file, the cases in the tests/ folder beside it.

  --verbose   列出每个通过的用例 / list passing cases too
退出码 Exit: 0 全部通过 · 1 有用例不通过或规则有错误 · 2 用法错误`;

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function test(p: Parsed): number {
  if (p.positional.length === 0) throw new UsageError('请给出测试文件或目录 / give test files or folders');
  const files = p.positional.flatMap(findTestFiles);
  if (files.length === 0) throw new UsageError(`没有找到 *.test.yaml 测试文件：${p.positional.join(' ')}`);
  const program = new Program();
  let passed = 0;
  let failed = 0;
  for (const f of files) {
    const r: FileResult = runTestFile(f, program);
    const name = displayName(f);
    if (r.problem) {
      failed++;
      stdout().write(`✗ ${name}：${r.problem}\n`);
      for (const d of r.diagnostics.filter((x) => x.severity === 'error')) stdout().write(`    ${formatDiagnostic(d)}\n`);
      continue;
    }
    for (const c of r.cases) {
      if (c.ok) {
        passed++;
        if (has(p, 'verbose')) stdout().write(`✓ ${name}:${c.line} ${c.name}\n`);
        continue;
      }
      failed++;
      stdout().write(`✗ ${name}:${c.line} ${c.name}\n`);
      if (c.problem) stdout().write(`    ${c.problem}\n`);
      for (const d of c.differences) stdout().write(`    ${d.field}：预期 ${show(d.expected)}，实际 ${show(d.actual)}\n`);
    }
  }
  stdout().write(`\n${files.length} 个测试文件：${passed} 个用例通过，${failed} 个不通过。\n${passed} passed, ${failed} failed\n`);
  return failed > 0 ? EXIT.RULES : EXIT.OK;
}
