// The evaluator bench measures the compiled rules against three references written apart
// (hand-written TypeScript, a columnar layout, json-rules-engine) and stops when one disagrees:
// when the national rules change and a reference does not, the bench no longer runs. This keeps
// them in step, on the bench's generated records and on records made here for what the generator
// never writes (settled items 2, 14 and 17, sampling levels, adjustments without inspection).
import { describe, expect, it } from 'vitest';
import { loadEvaluator, Program } from '../../compiler/index.js';
import { CLASS_BY_RANK, MODE_BY_RANK, type Decision, type EnterpriseRecord, type Outcome, type Prepared } from '../../runtime/index.js';
import { classifyColumns, toColumns } from '../../bench/columnar.js';
import { decideByHand } from '../../bench/hand-written.js';
import { JsonRulesEngineNational } from '../../bench/json-rules-engine.js';
import { makeRecords } from '../../bench/records.js';

const compiled = new Program().compile('national');
if (!compiled.ir) throw new Error('the national rules do not compile');
const ir = compiled.ir;
const ev = loadEvaluator(ir);

const PASS: Record<string, string> = Object.fromEntries(ir.items.map((it) => [it.id, it.pair === 'conform' ? '符合' : '未发现问题']));
const FAIL: Record<string, string> = Object.fromEntries(ir.items.map((it) => [it.id, it.pair === 'conform' ? '不符合' : '发现问题']));

function rec(id: string, o: { answers?: Record<string, string>; facts?: Record<string, boolean>; history?: EnterpriseRecord['history']; date?: string } = {}): EnterpriseRecord {
  const r: EnterpriseRecord = {
    id,
    enterprise: { name: `${id}有限公司`, region: '330110', products: ['家具'], ...(o.facts ? { facts: o.facts } : {}) },
    inspection: { date: o.date ?? '2025-06-01', answers: o.answers ?? { ...PASS } },
  };
  if (o.history) r.history = o.history;
  return r;
}

const without = (answers: Record<string, string>, id: string) => Object.fromEntries(Object.entries(answers).filter(([k]) => k !== id));
const prior = { previousClass: 'A', previousReviewDate: '2024-05-20' } as const;

/** Records for the settled items, sampling levels and D11, with the class the compiled rules give. */
const MADE: [EnterpriseRecord, string | null][] = [
  [rec('no-licence', { facts: { 涉及行政许可: false, 持有生产许可证: false }, answers: { ...PASS, '2': FAIL['2']!, '17': FAIL['17']! } }), 'AA'],
  [rec('no-licence-en', { facts: { licensedProducts: false, productionLicence: false }, answers: without(without(PASS, '2'), '17') }), 'AA'],
  [rec('licensed-fails-2', { answers: { ...PASS, '2': FAIL['2']! } }), 'C'],
  [rec('two-provincial', { history: { events: [{ type: '抽查不合格', date: '2024-01-10', level: '省级' }, { type: '抽查不合格', date: '2023-03-02', level: '国家' }] } }), 'C'],
  [rec('provincial-and-county', { history: { events: [{ type: '抽查不合格', date: '2024-01-10', level: '省级' }, { type: '抽查不合格', date: '2023-03-02', level: '县级' }] } }), 'AA'],
  [rec('unlevelled', { history: { events: [{ type: 'samplingFailure', date: '2024-01-10' }, { type: '抽查不合格', date: '2023-03-02' }] } }), 'AA'],
  [rec('penalty-4-years-ago', { history: { events: [{ type: '行政处罚', date: '2021-05-01' }] } }), 'AA'],
  [rec('refused-blank-14', { answers: without(PASS, '14'), history: { events: [{ type: '拒绝抽查', date: '2025-01-01' }] } }), 'C'],
  [rec('adjust-kept', { answers: {}, history: prior }), 'A'],
  [rec('adjust-lowered', { answers: {}, history: { ...prior, events: [{ type: 'mediaExposure', date: '2025-01-05' }] } }), 'B'],
  [rec('periodic-by-dates', { history: prior }), 'AA'],
  [rec('between-reviews', { history: { previousClass: 'B', previousReviewDate: '2025-01-20' } }), 'B'],
];

/** What the bench compares between compiled and hand-written (its `essence`). */
function essence(o: Outcome): string {
  if ('error' in o) return JSON.stringify(o);
  const d = o as Decision;
  return JSON.stringify([d.id, d.inScope, d.assessedClass, d.class, d.mode, d.riskLevel, d.passed, d.answered, d.passRatio, d.failedItems, d.directiveFailures, d.measures, d.warnings ?? null, d.adjustmentOnly ?? false]);
}

const generated = makeRecords(ir.items, 3000, 7);
const all = [...MADE.map(([r]) => r), ...generated];
const prepared = all.map((r, i) => ev.prepare(r, i));

describe('the evaluator bench references', () => {
  it('the made records are decided as expected by the compiled rules', () => {
    expect(MADE.map(([r]) => [r.id, (ev.evaluate(r) as Decision).class])).toEqual(MADE.map(([r, c]) => [r.id, c]));
  });

  it('hand-written TypeScript decides every record as the compiled rules do', () => {
    const differ = prepared.flatMap((p, i) => ('error' in p ? [] : essence(decideByHand(p)) === essence(ev.decide(p)) ? [] : [all[i]!.id]));
    expect(differ).toEqual([]);
    expect(prepared.filter((p) => 'error' in p)).toEqual([]);
  });

  it('the columnar reference gives every record the compiled class and mode', () => {
    const ps = prepared as Prepared[];
    const cls = new Uint8Array(ps.length);
    const mode = new Uint8Array(ps.length);
    classifyColumns(toColumns(ps), cls, mode);
    const got = ps.map((p, i) => [p.id, cls[i] === 255 ? null : CLASS_BY_RANK[cls[i]!], mode[i] === 255 ? null : MODE_BY_RANK[mode[i]!]]);
    const want = ps.map((p) => {
      const d = ev.decide(p) as Decision;
      return [p.id, d.class, d.mode];
    });
    expect(got).toEqual(want);
  });

  it('json-rules-engine gives the compiled class and mode', async () => {
    const jre = new JsonRulesEngineNational(ir);
    const some = [...MADE.map(([r]) => r), ...generated.slice(0, 400)];
    const got: unknown[] = [];
    for (const r of some) {
      const d = await jre.decide(r);
      got.push([r.id, d.class, d.mode]);
    }
    expect(got).toEqual(some.map((r) => {
      const d = ev.evaluate(r) as Decision;
      return [r.id, d.class, d.mode];
    }));
  });
});
