// `npm start`: the main job on the bundled examples — check the national rules and each
// example province, run their test cases, classify their sample registers, summarise.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Program, packageRoot, displayName, runTestFile, verify, findTestFiles, loadEvaluator } from '../../compiler/index.js';
import { CLASSES_BEST_FIRST, isError, MODES_LIGHTEST_FIRST } from '../../runtime/index.js';
import { flag, type Parsed } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { readRecords } from '../io/read-records.js';
import { OutcomeWriter, rowContext } from '../io/write-outcomes.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { buildReport } from './report.js';
import { stdout } from '../io/std.js';

export const demoHelp = `用法 Usage: fenlei demo [--out-dir 目录]

检查国家规则和 rules/examples/ 中的每个示例省份，运行它们的测试用例，对示例登记表逐户判定，
打印汇总，并把判定结果写入输出目录（默认 output/）。npm start 运行的就是它。
Checks the national rules and each example province, runs their tests, classifies their registers.`;

const pad = (s: string | number, n: number) => String(s).padStart(n);

export async function demo(p: Parsed): Promise<number> {
  const root = packageRoot();
  const outDir = flag(p, 'out-dir') ?? 'output';
  mkdirSync(outDir, { recursive: true });
  const program = new Program();
  const sets = [{ name: '国家通用规则', path: 'national', dir: '' }];
  const examples = join(root, 'rules', 'examples');
  for (const d of existsSync(examples) ? readdirSync(examples).sort() : []) {
    const rules = join(examples, d, 'rules.yaml');
    if (existsSync(rules)) sets.push({ name: d, path: rules, dir: join(examples, d) });
  }
  let failed = false;
  const out = (s: string) => stdout().write(s + '\n');
  out('fenlei 分类监管规则 — 示例运行\n');
  for (const s of sets) {
    const r = program.compile(s.path);
    const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = r.diagnostics.length - errors;
    const title = r.linked?.model.meta.name ? `${r.linked.model.meta.region} ${r.linked.model.meta.name}` : s.name;
    out(`■ ${title}（${displayName(r.path)}）`);
    out(`  检查：${errors ? `✗ ${errors} 个错误` : '✓ 无错误'}${warnings ? `，${warnings} 个警告` : ''}；${r.ir ? `${r.ir.items.length} 个评定项目（★ ${r.ir.items.filter((i) => i.directive).length} 个）` : ''}`);
    if (!r.ok || !r.ir) {
      failed = true;
      continue;
    }
    if (s.dir) {
      // The province's central promise (remark (三)): never weaker than the national rules.
      const v = verify(r, program.compile('national'));
      const verdict = { notWeaker: '✓ 已证明不比国家规则宽松', weaker: '✗ 比国家规则宽松（fenlei verify 查看反例）', unknown: '? 未能在时限内证明', error: '✗ 无法验证' }[v.status];
      out(`  验证：${verdict}（${v.stats.situations} 种情形，${v.stats.ms} 毫秒）`);
      if (v.status !== 'notWeaker') failed = true;
      const files = findTestFiles(join(s.dir, 'tests'));
      let pass = 0;
      let fail = 0;
      for (const f of files) for (const c of runTestFile(f, program).cases) {
        if (c.ok) pass++;
        else fail++;
      }
      out(`  测试用例：${fail ? '✗' : '✓'} ${pass} 个通过${fail ? `，${fail} 个不通过（fenlei test ${displayName(s.dir)} 查看）` : ''}`);
      if (fail) failed = true;
      const register = join(s.dir, 'register.csv');
      if (existsSync(register)) {
        const ev = loadEvaluator(r.ir);
        const target = join(outDir, `${s.name}.decisions.csv`);
        const writer = new OutcomeWriter('csv', target);
        const byClass = new Map<string, number>();
        const byMode = new Map<string, number>();
        let n = 0;
        let errs = 0;
        let outOfScope = 0;
        for await (const input of readRecords(register, 'csv', { itemIds: r.ir.items.map((i) => i.id), factNames: r.ir.facts.map((f) => f.name) })) {
          n++;
          const o = input.error ?? ev.evaluate(input.raw, { position: input.position });
          await writer.write(o, rowContext(input.raw, input.position));
          if (isError(o)) errs++;
          else if (!o.inScope) outOfScope++;
          else {
            byClass.set(o.class!, (byClass.get(o.class!) ?? 0) + 1);
            byMode.set(o.mode!, (byMode.get(o.mode!) ?? 0) + 1);
          }
        }
        await writer.close();
        out(`  登记表 ${displayName(register)}：${n} 户 → ${CLASSES_BEST_FIRST.map((c) => `${c} ${pad(byClass.get(c) ?? 0, 3)}`).join('  ')}  不适用 ${outOfScope}  错误 ${errs}`);
        out(`  监管方式：${MODES_LIGHTEST_FIRST.map((m) => `${m} ${byMode.get(m) ?? 0}`).join('  ')}`);
        out(`  判定结果已写入 ${target}`);
        const reportPath = join(outDir, `${s.name}.report.html`);
        const { html } = await buildReport({ ir: r.ir, file: r.file, model: r.linked?.model }, ev, register, { today: Math.floor(Date.now() / 86_400_000) });
        await writeFileAtomic(reportPath, html);
        out(`  备案报告（第十二条，可打印）已写入 ${reportPath}`);
      }
    }
    out('');
  }
  out('提示：企业分类情况属产品质量监督工作信息，不得用于广告、宣传等商业目的（第十三条）。');
  return failed ? EXIT.RULES : EXIT.OK;
}
