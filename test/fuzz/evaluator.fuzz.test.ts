// Random and mutated records: the evaluator always returns a decision or an error naming
// a field; it never throws, and never gives a class to a record with a missing or unknown answer.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Program, loadEvaluator } from '../../compiler/index.js';
import { isError, type Outcome } from '../../runtime/index.js';
import { FUZZ_RUNS, FUZZ_SEED, report } from './settings.js';

const result = new Program().compile('national');
const ev = loadEvaluator(result.ir!);
const ITEMS = result.ir!.items;

const WORDS = ['未发现问题', '发现问题', '符合', '不符合', '不适用', 'pass', 'fail', 'na', 'PASS', ' 符合 ', '', '√', '是', 1, true, null];
const DATES = ['2026-03-01', '2026-02-30', '2025-13-01', '2024-02-29', '2023-02-29', '20260301', '', '2099-01-01', 20260301];
const EVENTS = ['行政处罚', 'penalty', '抽查不合格', '拒绝抽查', '未知事件', '', 3];

const validRecord = () => ({
  id: 'R1',
  enterprise: { name: '某企业', creditCode: '91330106MA27U8XY5C', region: '330106', products: ['电线电缆'], facts: {} },
  inspection: { date: '2026-03-01', form: '定期监督检查', answers: Object.fromEntries(ITEMS.map((it) => [it.id, it.pair === 'conform' ? '符合' : '未发现问题'])) as Record<string, unknown> },
  history: { previousClass: 'A', previousReviewDate: '2025-03-01', events: [] as unknown[] },
});

type Edit = { path: number; value: unknown };
const edit: fc.Arbitrary<Edit> = fc.record({
  path: fc.nat({ max: 40 }),
  value: fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...DATES), fc.constantFrom(...EVENTS), fc.anything({ maxDepth: 2 }), fc.constant(undefined)),
});

function apply(edits: Edit[]): unknown {
  const r = validRecord() as Record<string, unknown> & ReturnType<typeof validRecord>;
  for (const e of edits) {
    try {
      applyOne(r, e);
    } catch {
      // An earlier edit replaced the part this one would change: the harness skips it.
    }
  }
  return r;
}

function applyOne(r: Record<string, unknown> & ReturnType<typeof validRecord>, e: Edit): void {
  {
    const p = e.path;
    if (p < 19) r.inspection.answers[ITEMS[p]!.id] = e.value;
    else if (p === 19) r.inspection.answers[String(e.value)] = '符合';
    else if (p === 20) r.inspection.date = e.value as string;
    else if (p === 21) r.history.previousClass = e.value as string;
    else if (p === 22) r.history.events.push({ type: e.value, date: '2025-09-01' });
    else if (p === 23) r.history.events.push({ type: '抽查不合格', date: e.value });
    else if (p === 24) (r.inspection as Record<string, unknown>).riskLevel = e.value;
    else if (p === 25) r.inspection.form = e.value as string;
    else if (p === 26) r.enterprise.products = e.value as string[];
    else if (p === 27) (r as Record<string, unknown>).enterprise = e.value;
    else if (p === 28) (r as Record<string, unknown>).inspection = e.value;
    else if (p === 29) (r as Record<string, unknown>).history = e.value;
    else if (p === 30) r.id = e.value as string;
    else if (p === 31) r.enterprise.creditCode = e.value as string;
    else if (p === 32) r.history.previousReviewDate = e.value as string;
    else if (p === 33) delete r.inspection.answers[ITEMS[(e.value as number) % 19 || 0]?.id ?? '1'];
    else if (p === 34) r.enterprise.facts = e.value as Record<string, unknown>;
    else if (p === 35) r.history.events = e.value as unknown[];
    else if (p === 36) r.inspection.answers = e.value as Record<string, unknown>;
  }
}

/** What a decision may not be: a class given although an answer is missing or unknown. */
function consistent(record: unknown, o: Outcome): boolean {
  if (isError(o)) return typeof o.error.code === 'string' && /^FL5\d{3}$/.test(o.error.code) && typeof o.error.field === 'string' && o.error.field.length > 0 && o.error.message.length > 0;
  if (!o.inScope) return o.class === null;
  const answers = (record as { inspection: { answers: Record<string, unknown> } }).inspection.answers;
  const given = (v: unknown) => v !== undefined && v !== null && v !== '';
  // D11: no answer at all, with a previous class, is an adjustment without inspection.
  if (o.adjustmentOnly) return ITEMS.every((it) => !given(answers?.[it.id])) && ['AA', 'A', 'B', 'C'].includes(o.class ?? '') && o.answered === 0;
  for (const it of ITEMS) {
    const w = answers[it.id];
    // D8: item 14 settled as failing by the history needs no answer (a 不适用 is set aside too).
    if (it.id === '14' && o.failedItems.includes('14') && (!given(w) || (typeof w === 'string' && ['不适用', 'na', 'n/a'].includes(w.trim().toLowerCase())))) continue;
    if (typeof w !== 'string' || !['未发现问题', '发现问题', '符合', '不符合', 'pass', 'fail'].includes(w.trim().toLowerCase() === w.trim() ? w.trim() : w.trim().toLowerCase())) return false;
  }
  for (const k of Object.keys(answers)) if (!ITEMS.some((it) => it.id === k)) return false;
  return ['AA', 'A', 'B', 'C'].includes(o.class ?? '') && o.passed <= o.answered;
}

describe('evaluator under random and mutated records', () => {
  it('returns a decision or a field-naming error, never throws, never classes a bad record', () => {
    let tried = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
        tried++;
        const rec = apply(edits);
        const o = ev.evaluate(rec, { trace: tried % 2 === 0, today: 20_785 });
        return consistent(rec, o);
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS * 10 },
    );
    report('evaluator mutated records', tried);
    expect(tried).toBe(FUZZ_RUNS * 10);
  }, 60_000 + FUZZ_RUNS * 20);

  it('gives an error for any value at all as a record', () => {
    let tried = 0;
    fc.assert(
      fc.property(fc.anything(), (x) => {
        tried++;
        const o = ev.evaluate(x);
        return isError(o) && /^FL5\d{3}$/.test(o.error.code);
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS * 4 },
    );
    report('evaluator arbitrary values', tried);
    expect(tried).toBe(FUZZ_RUNS * 4);
  });
});
