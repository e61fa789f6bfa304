import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { checkOutputs, ruleFiles } from '../io/output-paths.js';
import { writeFailed } from '../io/atomic-file.js';
import { resolve } from 'node:path';
import { Program, formatDiagnostic, counterexampleTest, isBaseRuleSet, plan, resultText, verificationDiagnostics, verify, type VerificationResult } from '../../compiler/index.js';
import { flag, has, type Parsed, UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { stderr, stdout } from '../io/std.js';

export const verifyHelp = `用法 Usage: fenlei verify <省级规则文件>... [--against <国家规则>[,<国家规则>…]] [--save-test 文件] [--json]

证明省级实施细则不比国家规则宽松：对全部有限的输入（每个项目的每种答案组合含不适用条件、每个风险等级、
每个上次类别和首次评定、每种降级事件组合、规则读取的每种企业信息取值）比较两边的类别和监管方式。
不是抽样而是证明；做不到精确推理时报错（FL4004），超时答“未知”，从不在没有证明时答“不宽松”。
宽松时给出不通过项目最少（其次事件最少）的反例：交换格式的记录、填好的检查表、两边的判定和判定过程、
原因（本省条款，文件:行，按只改这一处的效果排列）和门槛的建议值（最宽而不宽松，已再验证），反例都已用
两套编译后的判定程序重放。另列出本省比国家更严之处。
Proves a provincial rule set is never weaker than the national rules over the whole finite input space,
or prints a minimal counterexample replayed through both compiled evaluators. See docs/verification.md.

  --against F[,F…]  对照的国家规则（默认：各细则“基于”链最底层的规则）；给出多个版本时，生效期间重叠的
                    每一对都比较 / national rule sets to compare with; every pair in force together is checked
  --save-test F     把反例写成 fenlei test 的用例文件（预期为国家规则的类别和监管方式）/ write the
                    counterexample as a test case expecting the national class and mode
  --time-limit MS   每一对的时间上限（默认 10000）；到时答“未知”，已找到的反例照常给出并注明未必最简单
                    / time limit per pair; then "unknown", or the counterexample found so far
  --national-record 同时打印国家视角的记录 / also print the national-view record
  --verbose         同时打印技术细节：搜索如何计数，以及只改这一处不改变结果的有关条款 / also print how
                    the search counted, and the clauses whose correction alone changes nothing
  --json            输出验证结果和诊断（FL40xx）的 JSON / print results and diagnostics as JSON
给出的文件中没有“基于”的规则集按国家规则对待。 Files without a base are taken as national versions.
退出码 Exit: 0 全部已证明不宽松 · 1 有宽松、未知或规则错误 · 2 用法错误 · 70 内部错误`;

export function verifyCommand(p: Parsed): number {
  if (p.positional.length === 0) throw new UsageError('请给出要验证的省级规则文件 / give a provincial rule file');
  const program = new Program();
  const compiled = p.positional.map((f) => program.compile(f));
  const against = (flag(p, 'against') ?? '').split(',').filter(Boolean).map((f) => program.compile(f));
  const unreadable = [...compiled, ...against].filter((r) => !r.linked);
  for (const r of unreadable) for (const d of r.diagnostics) stderr().write(formatDiagnostic(d) + '\n');
  if (unreadable.length) return EXIT.RULES;
  const nationals = [...against, ...compiled.filter(isBaseRuleSet)].filter((r, i, all) => all.findIndex((x) => x.path === r.path) === i);
  const provinces = compiled.filter((r) => !isBaseRuleSet(r));
  if (provinces.length === 0) throw new UsageError('没有省级规则文件（带“基于”的规则集）/ no provincial rule file (one with a base)');
  // Errors other than the national-minimum checks (FL30xx, which the verifier decides exactly) stop a rule set.
  for (const r of [...provinces, ...nationals]) {
    for (const d of r.diagnostics) if (d.severity === 'error') stderr().write(formatDiagnostic(d) + '\n');
  }
  const timeLimitMs = Number(flag(p, 'time-limit') ?? 10_000);
  if (!Number.isFinite(timeLimitMs) || timeLimitMs <= 0) throw new UsageError('--time-limit 应为正数（毫秒）/ --time-limit must be a positive number of ms');
  const saveTo = flag(p, 'save-test');
  // Refused before the work: the test case must never replace a rule file or a device.
  if (saveTo) checkOutputs([{ path: saveTo, what: '--save-test' }], [...provinces, ...nationals].flatMap(ruleFiles));
  const { pairs, skipped } = plan(provinces, nationals);
  const results: VerificationResult[] = [];
  const json = has(p, 'json');
  for (const s of skipped) {
    if (!json) stdout().write(`跳过 skipped：${s.province.file} 与 ${s.national.file} 的生效期间不重叠（FL4007）/ not in force together\n\n`);
  }
  for (const pair of pairs) {
    const r = verify(pair.province, pair.national, { timeLimitMs });
    results.push(r);
    if (!json) stdout().write(resultText(r, { nationalRecord: has(p, 'national-record'), verbose: has(p, 'verbose') }) + '\n');
  }
  if (saveTo) {
    const i = results.findIndex((r) => r.counterexample);
    if (i < 0) stderr().write('没有反例，未写测试用例。No counterexample; no test case written.\n');
    else {
      const path = resolve(saveTo);
      writeWhole(path, counterexampleTest(results[i]!, pairs[i]!.province.path, path)!);
      stderr().write(`已写入测试用例 written：${saveTo}（fenlei test ${saveTo}）\n`);
    }
  }
  if (json) stdout().write(JSON.stringify({ results, diagnostics: results.flatMap(verificationDiagnostics), skipped: skipped.map((s) => ({ province: s.province.file, national: s.national.file })) }, null, 2) + '\n');
  return results.length > 0 && results.every((r) => r.status === 'notWeaker') ? EXIT.OK : EXIT.RULES;
}

/** The entry cli/main.ts registers. */
export const verifyEntry = {
  run: verifyCommand,
  help: verifyHelp,
  summary: '证明细则不比国家规则宽松 / prove a province is not weaker',
  valued: ['against', 'save-test', 'time-limit'],
};

/** The whole file under a fresh temporary name (exclusive create), then renamed: never half written. */
function writeWhole(path: string, text: string): void {
  const temp = `${path}.partial-${process.pid}-${randomBytes(8).toString('hex')}`;
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw writeFailed(path, e);
  }
}
