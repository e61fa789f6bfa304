// Traces (runtime/decide.ts, compiler/ir/lower.ts): every step cites an article and a
// clause file:line that points at the line of the rule file holding what the step used.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Decision, TraceStep } from '../../runtime/record.js';
import { compileNational, compileProvince, decision, evaluatorOf, HEADER, lineOf, nationalRecord, REPO, type RecordOptions } from '../compiler/helpers.js';

const ARTICLE = /^(第[一二三四五六七八九十]+条|通用规则备注（[一二三]）|本省细则)/;

/** The line a clause `file:line` points at: files relative to the repository, or in-memory ones. */
function clauseLine(clause: string, virtual: Record<string, string> = {}): string {
  const m = /^(.+):(\d+)$/.exec(clause);
  if (!m) throw new Error(`not file:line: '${clause}'`);
  const file = m[1]!;
  const text = virtual[file] ?? readFileSync(resolve(REPO, file), 'utf8');
  const n = Number(m[2]);
  if (n < 1 || n > text.split('\n').length) throw new Error(`${clause}: no such line`);
  return lineOf(text, n);
}

/** What the cited line must hold for each kind of step. */
function expectedOnLine(s: TraceStep, d: Decision): RegExp {
  switch (s.step) {
    case 'scope': return /^\s*不适用产品: \[.*化妆品.*\]/;
    case 'answers':
    case 'directive': return /^项目:/;
    case 'condition': return new RegExp(`^\\s*- 名称: ${/条件“([^”]+)”/.exec(s.text)![1]}$`);
    case 'class': return /^\s*- 名称: /;
    case 'review': return /^\s*(调整周期月数|最多上升级数|降级级数|首次评定上限): /;
    case 'mode': return new RegExp(`^\\s*${d.class}: ${/实施(.+)$/.exec(s.text)![1]}$`);
    case 'catalogue': return /^元数据:$/;
    case 'risk': return new RegExp(`^\\s*${d.riskLevel ?? 'Ⅲ级'}: (下调一级|不调整)$`);
    case 'measures': return new RegExp(`^\\s*- 内容: ${s.text}$`);
    default: return /^$/;
  }
}

/** Every step whose article or cited line is wrong, as `step clause: line` (empty when all are right). */
function badClauses(d: Decision): string[] {
  expect(d.trace.length).toBeGreaterThan(0);
  const bad: string[] = [];
  for (const s of d.trace) {
    if (!ARTICLE.test(s.article)) bad.push(`${s.step}: article '${s.article}'`);
    const line = clauseLine(s.clause);
    if (!expectedOnLine(s, d).test(line)) bad.push(`${s.step} ${s.clause}: '${line.trim()}' for '${s.text}'`);
  }
  return bad;
}

describe('trace of the national rules', () => {
  const ev = evaluatorOf(compileNational());
  const run = (failures: string[], o: RecordOptions = {}) => decision(ev.evaluate(nationalRecord(failures, o), { trace: true }));

  it('steps follow the order of D3', () => {
    expect(run(['19'], { history: { previousClass: 'B', previousReviewDate: '2025-03-01' } }).trace.map((s) => s.step)).toEqual([
      'scope', 'answers', 'directive', 'condition', 'condition', 'condition', 'condition', 'class', 'review', 'mode', 'catalogue', 'risk', 'measures', 'measures', 'measures',
    ]);
  });

  const cases: [string, string[], RecordOptions][] = [
    ['AA, first classification', [], {}],
    ['A (one ordinary failure)', ['19'], {}],
    ['B, Level Ⅰ product', ['3', '18'], { products: ['电线电缆'] }],
    ['C by ★, Level Ⅱ product', ['14'], { products: ['水泥'] }],
    ['C by ratio', ['3', '4', '5', '6', '7', '8', '9', '10'], {}],
    ['capped rise at a periodic review', [], { history: { previousClass: 'C', previousReviewDate: '2025-03-01' } }],
    ['trigger event', [], { history: { previousClass: 'AA', previousReviewDate: '2025-03-01', events: [{ type: '行政处罚', date: '2025-05-05' }] } }],
    ['special inspection, no rise', [], { form: '专项监督检查', history: { previousClass: 'A', previousReviewDate: '2025-03-01' } }],
  ];
  it.each(cases)('%s: every step has an article and a clause pointing at what it used', (_n, failures, o) => {
    expect(badClauses(run(failures, o))).toEqual([]);
  });

  it('the risk step cites the 风险调整 entry of the level', () => {
    for (const [product, line] of [['电线电缆', 'Ⅰ级: 下调一级'], ['水泥', 'Ⅱ级: 不调整'], ['家具', 'Ⅲ级: 不调整']] as const) {
      const s = run([], { products: [product] }).trace.find((x) => x.step === 'risk')!;
      expect(s.article).toBe('第二十条');
      expect(clauseLine(s.clause).trim()).toBe(line);
    }
  });
  it('the mode step cites the 类别监管方式 line of the class', () => {
    for (const [failures, line, article] of [[[], 'AA: 信用监管', '第十八条（一）'], [['19'], 'A: 责任监管', '第十八条（二）'], [['18', '19'], 'B: 常态监管', '第十八条（三）'], [['1'], 'C: 加严监管', '第十八条（四）']] as const) {
      const s = run([...failures]).trace.find((x) => x.step === 'mode')!;
      expect([s.article, clauseLine(s.clause).trim()]).toEqual([article, line]);
    }
  });
  it('the class step cites the condition that decided', () => {
    const byStar = run(['1']).trace.find((x) => x.step === 'class')!;
    expect(clauseLine(byStar.clause).trim()).toBe('- 名称: 指向型不通过');
    const byRatio = run(['3', '4', '5', '6', '7', '8', '9', '10']).trace.find((x) => x.step === 'class')!;
    expect(clauseLine(byRatio.clause).trim()).toBe('- 名称: 通过率下限');
    const a = run(['19']).trace.find((x) => x.step === 'class')!;
    expect([a.text, clauseLine(a.clause).trim()]).toEqual(['评定类别为 A', '- 名称: 通过率']);
  });
  it('the review step cites 第二十一条 and the 动态调整 section', () => {
    const s = run([], { history: { previousClass: 'B', previousReviewDate: '2025-03-01' } }).trace.find((x) => x.step === 'review')!;
    expect(s.article).toBe('第二十一条');
    expect(clauseLine(s.clause).trim()).toBe('调整周期月数: 12');
  });
  it('measure steps cite their own 依据 and line', () => {
    const s = run(['1']).trace.filter((x) => x.step === 'measures');
    expect(s.map((x) => x.article)).toEqual(['第十八条（四）1', '第十八条（四）2', '第十八条（四）3', '第十八条（四）4', '第十八条（四）5']);
    for (const x of s) expect(clauseLine(x.clause)).toContain(x.text);
  });
  it('out of scope: one step, citing 第二条 and the exclusion list', () => {
    const d = run([], { products: ['化妆品'] });
    expect(d.trace.map((s) => [s.step, s.article])).toEqual([['scope', '第二条']]);
    expect(clauseLine(d.trace[0]!.clause)).toMatch(/^\s*不适用产品: \[.*化妆品.*\]/);
  });
  it('no trace unless asked', () => {
    expect(decision(ev.evaluate(nationalRecord())).trace).toEqual([]);
  });
});

describe('trace of a province', () => {
  const body = `风险调整:\n  Ⅱ级:\n    B: 加严监管\n分类:\n  A:\n    全部条件:\n      - 名称: 通过率\n        条件: 通过率 > 90%\n        依据: 本省细则第五条\n监管方式:\n  - 名称: 加严监管\n    措施:\n      - { 内容: 每季度现场检查一次, 依据: 本省细则第十条 }\n`;
  const text = HEADER + body;
  const virtual = { 'p.yaml': text };
  const ev = evaluatorOf(compileProvince(body));
  const run = (failures: string[], o: RecordOptions = {}) => decision(ev.evaluate(nationalRecord(failures, o), { trace: true }));

  it('a replaced condition cites its provincial line and article', () => {
    const a = run(['19']).trace.find((s) => s.step === 'condition' && s.text.startsWith('A类'))!;
    expect([a.article, a.clause]).toEqual(['本省细则第五条', 'p.yaml:13']);
    expect(clauseLine(a.clause, virtual).trim()).toBe('- 名称: 通过率');
  });
  it('a provincial measure cites its provincial line and article', () => {
    const m = run(['1']).trace.filter((s) => s.step === 'measures').at(-1)!;
    expect([m.article, m.clause, m.text]).toEqual(['本省细则第十条', 'p.yaml:19', '每季度现场检查一次']);
  });
  it('the parts the province did not write cite the national file', () => {
    const d = run(['19']);
    const scope = d.trace.find((s) => s.step === 'scope')!;
    expect(scope.clause).toMatch(/rules\/national\/national\.yaml:15$/);
    expect(clauseLine(scope.clause)).toMatch(/^\s*不适用产品:/);
  });
  it('the risk step of a per-class 风险调整 cites the line of the class that was shifted', () => {
    const d = run(['18', '19'], { products: ['水泥'] });
    expect([d.class, d.riskLevel, d.mode]).toEqual(['B', 'Ⅱ级', '加严监管']);
    const risk = d.trace.find((s) => s.step === 'risk')!;
    expect(risk.clause).toBe('p.yaml:9');
    expect(clauseLine(risk.clause, virtual).trim()).toBe('B: 加严监管');
  });
});
