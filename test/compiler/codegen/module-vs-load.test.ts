// The generated ES module (generateModule) and the in-process evaluator (loadEvaluator) are
// the same code: identical outcomes, traces and errors included, on seeded random records.
import { describe, expect, it } from 'vitest';
import { generateBody, generateModule } from '../../../compiler/codegen/generate.js';
import { loadEvaluator } from '../../../compiler/codegen/load.js';
import type { Outcome } from '../../../runtime/index.js';
import { compileNational, compileProvince, irOf, NATIONAL_IDS, spots } from '../helpers.js';
import { NATIONAL_SPACE, randomRecords, rng } from '../../fixtures/random-records.js';
import { importModule, RUNTIME_URL } from './module.js';

const histogram = (outs: Outcome[]) => {
  const h: Record<string, number> = {};
  for (const o of outs) {
    const k = 'error' in o ? o.error.code : String(o.class);
    h[k] = (h[k] ?? 0) + 1;
  }
  return h;
};

describe('generated module ≡ in-process evaluator, national rules', () => {
  const ir = irOf(compileNational());
  const recs = randomRecords(7, 500);

  it('500 seeded records cover every class, out-of-scope records and errors', () => {
    const h = histogram(recs.map((r) => loadEvaluator(ir).evaluate(r)));
    for (const k of ['AA', 'A', 'B', 'C', 'null']) expect(h[k] ?? 0, k).toBeGreaterThan(5);
    const errors = Object.keys(h).filter((k) => k.startsWith('FL50'));
    expect(errors.length).toBeGreaterThanOrEqual(6);
  });

  it('identical outcomes, with and without traces', async () => {
    const { evaluator, rules } = await importModule(ir);
    expect(rules).toEqual(ir);
    const local = loadEvaluator(ir);
    recs.forEach((r, i) => {
      expect(evaluator.evaluate(r, { position: i }), `record ${i}`).toEqual(local.evaluate(r, { position: i }));
      expect(evaluator.evaluate(r, { trace: true, position: i }), `record ${i} traced`).toEqual(local.evaluate(r, { trace: true, position: i }));
    });
  });

  it('module and body share the generated core', () => {
    const mod = generateModule(ir, RUNTIME_URL);
    const body = generateBody(ir);
    const core = body.slice(body.indexOf('const { pc'), body.indexOf('return lib.defineEvaluator'));
    expect(core.length).toBeGreaterThan(1000);
    expect(mod).toContain(core);
    expect(mod.startsWith('// 由 fenlei 生成')).toBe(true);
    expect(mod).toContain(`import * as lib from ${JSON.stringify(RUNTIME_URL)};`);
  });
});

describe('generated module ≡ in-process evaluator, a province using the whole condition language', () => {
  const body = `企业信息:
  - { 名称: 规模以上, 类型: 布尔, 默认: false }
  - { 名称: 从业人数, 类型: 数值, 默认: 0 }
  - { 名称: 规模, 类型: 枚举, 取值: [大, 中, 小], 默认: 小 }
分组:
  - { 名称: 证照, 项目: ["1", "2", "17"] }
  - { 名称: 体系, 项目: ["3", "4", "5", "6", "7"] }
项目:
  - { 编号: "6.1", 细化: "6", 内容: 进货验收, 答案: 发现问题/未发现问题 }
  - { 编号: "6.2", 细化: "6", 内容: 出厂检验, 答案: 发现问题/未发现问题, 不适用条件: "规模 = \\"小\\"" }
  - { 编号: S1, 内容: 出口许可, 答案: 符合/不符合, 不适用条件: 非 产品包含("电线电缆") }
  - { 编号: S2, 内容: 标准化, 答案: 符合/不符合, 不适用条件: 从业人数 < 50 或 首次评定 }
调整:
  - { 项目: "18", 不适用条件: 非 规模以上 }
分类:
  C:
    任一条件:
      - { 名称: 多次抽查不合格, 条件: "次数(抽查不合格, 近3年) >= 2" }
      - { 名称: 体系崩溃, 条件: "不通过数(体系) * 2 > 作答数(体系) + 1" }
  AA:
    全部条件:
      - { 名称: 规模要求, 条件: "规模以上 或 从业人数 >= 300" }
      - { 名称: 无处罚, 条件: "非 发生(行政处罚, 近2年)" }
      - { 名称: 风险, 条件: "风险等级 < Ⅰ级 或 通过率(指向型) >= 100%" }
  A:
    全部条件:
      - { 名称: 上次, 条件: "首次评定 或 上次类别 >= B" }
      - { 名称: 证照齐全, 条件: "全部通过(证照) 且 通过([#1, #2])" }
      - { 名称: 补充项目, 条件: "通过率(补充项目) >= 50% 或 不适用(#S1)" }
动态调整:
  首次评定上限: A
风险调整:
  Ⅱ级: 下调一级
`;
  const r = compileProvince(body);
  const ir = irOf(r);
  const ids = ir.items.map((i) => i.id);

  it('compiles with only the expected warnings', () => {
    expect(spots(r).map((s) => s.code)).toEqual(['FL3010', 'FL3010']);
    expect(ids).toEqual([...NATIONAL_IDS.slice(0, 5), '6.1', '6.2', ...NATIONAL_IDS.slice(6), 'S1', 'S2']);
  });

  it('identical outcomes on 400 records with facts', async () => {
    const space = { ...NATIONAL_SPACE, ids, conform: [...NATIONAL_SPACE.conform, 'S1', 'S2'] };
    const recs = randomRecords(99, 400, space) as Record<string, Record<string, unknown>>[];
    const pick = rng(5);
    for (const rec of recs) {
      if (!rec.enterprise) continue;
      if (pick() < 0.9) rec.enterprise.facts = { 规模以上: pick() < 0.5, 从业人数: Math.floor(pick() * 600), 规模: ['大', '中', '小'][Math.floor(pick() * 3)] };
      // Half without history events: item 14 fails on most histories (第十一条), and every class should occur.
      const history = rec.history as { events?: unknown } | undefined;
      if (history && typeof history === 'object' && pick() < 0.5) delete history.events;
      const answers = (rec.inspection as { answers?: Record<string, string> }).answers;
      if (answers && !Array.isArray(answers) && pick() < 0.3) for (const id of ['6.2', 'S1', 'S2', '18']) if (pick() < 0.5) answers[id] = '不适用';
    }
    const { evaluator } = await importModule(ir);
    const local = loadEvaluator(ir);
    const outs = recs.map((rec, i) => {
      const a = evaluator.evaluate(rec, { trace: true, position: i });
      expect(a, `record ${i}`).toEqual(local.evaluate(rec, { trace: true, position: i }));
      return a;
    });
    const h = histogram(outs);
    for (const k of ['AA', 'A', 'B', 'C']) expect(h[k] ?? 0, k).toBeGreaterThan(0);
    expect(outs.some((o) => !('error' in o) && o.warnings?.some((w) => w.code === 'FL5102'))).toBe(true);
  });
});
