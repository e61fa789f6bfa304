// Code injection through rule texts (compiler/codegen/generate.ts): texts with */, </script>,
// backticks, ${}, quotes, U+2028 and newlines reach the generated module only as JSON string
// literals, and the module behaves exactly like the same rules with clean texts.
import { describe, expect, it } from 'vitest';
import { loadEvaluator } from '../../../compiler/codegen/load.js';
import type { Outcome } from '../../../runtime/index.js';
import { compileText, irOf, NATIONAL_IDS, spots } from '../helpers.js';
import { NATIONAL_SPACE, randomRecords } from '../../fixtures/random-records.js';
import { codeOutsideStrings, importModule, stringLiteralSpans } from './module.js';

const MARK = '注入标记';
const NASTY = `${MARK} */ </script> \`\${process.exit(3)}\` \u2028\u2029 第二行\n"); process.exit(4); // ' \\ \u0000 <!-- -->`;
const P1 = '"); process.exit(1); //';
const P2 = `*/ \${process.exit(2)} \` </script>\u2028\n'); throw 1; //`;
const EVENT = `${MARK}"); process.exit(5); //事件`;

interface Texts {
  text: string;
  product1: string;
  product2: string;
  event: string;
}
const DIRTY: Texts = { text: NASTY, product1: P1, product2: P2, event: EVENT };
const CLEAN: Texts = { text: '普通文本', product1: '特殊产品甲', product2: '特殊产品乙', event: '地方事件' };

/** A YAML double-quoted scalar of `s` (JSON strings are YAML; U+2028/9 escaped to stay on one line). */
const y = (s: string) => JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
/** An expression-language string literal of `s` (JSON-style escapes). */
const e = (s: string) => JSON.stringify(s);

function rules(t: Texts): string {
  return `元数据:
  名称: ${y(`${t.text} 细则`)}
  地区: 测试省
  版本: "1"
  生效日期: 2026-01-01
  基于: national
  说明: ${y(t.text)}
项目:
  - 编号: S1
    内容: ${y(t.text)}
    答案: 发现问题/未发现问题
    依据: ${y(t.text)}
事件类型:
  - { 名称: ${y(t.event)}, 降级: true, 依据: ${y(t.text)}, 说明: ${y(t.text)} }
分类:
  C:
    任一条件:
      - 名称: ${y(`${t.text} 条件一`)}
        条件: ${y(`产品包含(${e(t.product1)}) 且 不通过(#3)`)}
        依据: ${y(t.text)}
        说明: ${y(t.text)}
      - 名称: ${y(`${t.text} 条件二`)}
        条件: |-
          产品包含(${e(t.product2)}) 且 不通过(#4)
  A:
    全部条件:
      - 名称: ${y(`${t.text} 条件三`)}
        条件: ${y(`非 产品包含(${e(t.product2)}) 或 通过(#S1)`)}
监管方式:
  - 名称: 加严监管
    措施:
      - { 内容: ${y(t.text)}, 依据: ${y(t.text)} }
  - 名称: 信用监管
    措施:
      - { 内容: ${y(`${t.text} 二`)} }
产品目录:
  - cat.yaml
`;
}

/** The catalogue file (第二十条) the rules reference, with the same texts. */
function catalogue(t: Texts): string {
  return `元数据:
  名称: ${y(`${t.text} 目录`)}
  地区: 全国
  版本: ${y(t.text)}
  生效日期: 2020-01-01
  说明: ${y(t.text)}
产品:
  - { 名称: ${y(t.product1)}, 风险等级: Ⅰ级 }
  - { 名称: ${y(t.product2)}, 风险等级: Ⅱ级, 类别: ${y(t.text)} }
`;
}

/** The same random records for both variants, with the special names swapped in. */
function records(t: Texts): unknown[] {
  const space = { ...NATIONAL_SPACE, ids: [...NATIONAL_IDS, 'S1'], events: [...NATIONAL_SPACE.events, '\u0001EVENT'] };
  const recs = randomRecords(20260301, 200, { ...space, products: [...space.products, '\u0001P1', '\u0001P2'] });
  const swap = (v: string) => (v === '\u0001P1' ? t.product1 : v === '\u0001P2' ? t.product2 : v === '\u0001EVENT' ? t.event : v);
  return JSON.parse(JSON.stringify(recs), (_k, v: unknown) => (typeof v === 'string' ? swap(v) : v)) as unknown[];
}

/** What must be the same for both variants (texts differ by design). */
function gist(o: Outcome) {
  if ('error' in o) return { id: o.id, error: o.error.code, field: o.error.field };
  return { id: o.id, inScope: o.inScope, class: o.class, assessedClass: o.assessedClass, mode: o.mode, risk: o.riskLevel, passed: o.passed, answered: o.answered, failedItems: o.failedItems, directiveFailures: o.directiveFailures, measures: o.measures.length, warnings: (o.warnings ?? []).map((w) => w.code) };
}

describe('rule texts cannot inject code into the generated module', () => {
  const dirty = compileText(rules(DIRTY), { 'cat.yaml': catalogue(DIRTY) });
  const clean = compileText(rules(CLEAN), { 'cat.yaml': catalogue(CLEAN) });

  it('both variants compile clean and the texts survive unchanged', () => {
    expect(spots(dirty)).toEqual([]);
    expect(spots(clean)).toEqual([]);
    const ir = irOf(dirty);
    expect(ir.meta.name).toBe(`${NASTY} 细则`);
    expect(ir.items.at(-1)).toMatchObject({ id: 'S1', text: NASTY, article: NASTY });
    expect(ir.classification.C.map((c) => c.name)).toEqual(['指向型不通过', '通过率下限', `${NASTY} 条件一`, `${NASTY} 条件二`]);
    expect(ir.measures.加严监管.at(-1)).toEqual({ text: NASTY, article: NASTY, src: expect.stringMatching(/^p\.yaml:\d+$/) });
    expect(ir.events.at(-1)).toMatchObject({ name: EVENT, trigger: true });
    expect(ir.catalogues[0]).toMatchObject({ name: `${NASTY} 目录`, version: NASTY, products: [{ name: P1, level: 1 }, { name: P2, level: 2, category: NASTY }] });
  });

  it('the module text holds rule text only inside JSON string literals', async () => {
    const { text } = await importModule(irOf(dirty));
    const program = codeOutsideStrings(text);
    for (const marker of [MARK, 'process.exit', '</script>', '*/', '${', '`', '\u2028', '\u2029', "');", 'throw 1']) {
      expect(program.includes(marker), `'${marker}' outside string literals`).toBe(false);
    }
    // Every string literal is a valid JSON string (so nothing escaped one).
    for (const [s, end] of stringLiteralSpans(text)) expect(() => JSON.parse(text.slice(s, end))).not.toThrow();
    // Texts (not condition literals) appear only on the `const ir = {…}` line.
    const lines = text.split('\n');
    const irLine = lines.findIndex((l) => l.startsWith('const ir = {'));
    expect(irLine).toBeGreaterThan(0);
    expect(lines.filter((l, i) => i !== irLine && l.includes(MARK))).toEqual([]);
    // The condition's string literals appear as JSON literals in the code.
    expect(text).toContain(`p.products.includes(${JSON.stringify(P1)})`);
    expect(text).toContain(`p.products.includes(${JSON.stringify(P2)})`);
  });

  it('the module and the rules with clean texts give the same outcomes on 200 records', async () => {
    const d = await importModule(irOf(dirty));
    const c = await importModule(irOf(clean));
    expect(d.rules.meta.name).toBe(`${NASTY} 细则`);
    const dr = records(DIRTY);
    const cr = records(CLEAN);
    const dOut = dr.map((r) => gist(d.evaluator.evaluate(r)));
    const cOut = cr.map((r) => gist(c.evaluator.evaluate(r)));
    expect(dOut).toEqual(cOut);
    // The special rules did fire, and every class occurred.
    const classes = new Set(dOut.map((o) => ('class' in o ? o.class : 'error')));
    expect([...classes].sort()).toEqual(['A', 'AA', 'B', 'C', 'error', null].sort() as string[]);
    const special = dr.filter((r) => JSON.stringify(r).includes(JSON.stringify(P1).slice(1, -1)));
    expect(special.length).toBeGreaterThan(10);
  });

  it('the module and the in-process evaluator agree on the injected rules, traces included', async () => {
    const { evaluator } = await importModule(irOf(dirty));
    const inProcess = loadEvaluator(irOf(dirty));
    for (const r of records(DIRTY)) expect(evaluator.evaluate(r, { trace: true })).toEqual(inProcess.evaluate(r, { trace: true }));
  });

  it('the process is still alive (nothing ran process.exit)', () => {
    expect(process.exitCode ?? 0).toBe(0);
  });
});
