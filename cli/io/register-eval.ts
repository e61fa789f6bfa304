// A register classified for the documents built over it (filing report, comparison):
// each record's decision together with what the register says about the enterprise
// (row, name, region, previous class) and how 第二十一条 bore on it.
import { CLASS_BY_RANK, isError, isVersioned, review, triggerEvents, type Evaluator, type Outcome, type Prepared, type RuleSetIR } from '../../runtime/index.js';
import { registerSchema } from './register-columns.js';
import { readRecords, type InputFormat, type ReadOptions, type ReadStats } from './read-records.js';
import { rowOutcome, withColumns } from './row-outcome.js';

export interface RegisterEntry {
  row: number;
  id: string;
  name: string;
  region: string;
  /** Previous class from the register (null at a first classification). */
  previousClass: string | null;
  outcome: Outcome;
  /** 第二十一条 trigger events since the previous review (names, ×n when several). */
  triggers: string[];
  /** The class was held below the assessed class by “不允许越级上升” (or the first-classification cap). */
  heldByCap: boolean;
  /** A trigger event lowered the class below the previous class (应当作降级处理): a real downgrade. */
  loweredByTrigger: boolean;
  /** A trigger event kept the class from rising above the previous class, or at it (C stays C): no downgrade, but the trigger bore on it. */
  heldByTrigger: boolean;
}

export interface RegisterOptions extends ReadOptions {
  today: number;
  trace?: boolean;
  /** Trace the C-class decisions only (the report gives their reasons). */
  traceC?: boolean;
  stats?: ReadStats;
}

export async function* evaluateRegister(path: string, format: InputFormat, ev: Evaluator, opts: RegisterOptions): AsyncGenerator<RegisterEntry> {
  const stats = opts.stats ?? { skippedBlank: 0, extraColumns: [] };
  const schema = registerSchema(isVersioned(ev) ? ev.versions.map((v) => v.ir) : [ev.ir]);
  for await (const input of readRecords(path, format, schema, stats, opts)) {
    const raw = input.raw as { id?: unknown; enterprise?: { name?: unknown; region?: unknown }; history?: { previousClass?: unknown } } | undefined;
    const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
    const base = { row: input.position, name: str(raw?.enterprise?.name), region: str(raw?.enterprise?.region) };
    const none = { triggers: [], heldByCap: false, loweredByTrigger: false, heldByTrigger: false };
    if (input.error) {
      // Every problem of the row, as `eval` reports it.
      const outcome = rowOutcome(ev, input, { today: opts.today, position: input.position });
      yield { ...base, id: outcome.id, previousClass: null, outcome, ...none };
      continue;
    }
    // Several versions (D10): the version in force on the inspection date decides, and its rules count the triggers.
    const version = isVersioned(ev) ? ev.pick(input.raw, input.position) : ev;
    const p = 'error' in version ? version : version.prepare(input.raw, input.position, opts.today);
    if ('error' in p) {
      yield { ...base, id: p.id, previousClass: str(raw?.history?.previousClass) || null, outcome: input.cols ? withColumns(p, input.cols) : p, ...none };
      continue;
    }
    const v = version as Evaluator;
    let outcome = v.decide(p, opts.trace ?? false);
    if (opts.traceC && !opts.trace && !isError(outcome) && outcome.class === 'C') outcome = v.decide(p, true);
    yield { ...base, id: p.id, outcome, ...reviewBearing(v.ir, p, outcome) };
  }
}

/**
 * How 第二十一条 bore on one decided record: its previous class, the trigger events since the
 * previous review, and whether the class was capped, lowered or held by them. The runtime's own
 * rule (review, triggerEvents), not a copy of it; shared by the register documents and by the
 * information system's report over stored decisions.
 */
export function reviewBearing(ir: RuleSetIR, p: Prepared, outcome: Outcome): Pick<RegisterEntry, 'previousClass' | 'triggers' | 'heldByCap' | 'loweredByTrigger' | 'heldByTrigger'> {
  const triggers = triggerEvents(ir, p);
  const adj = !isError(outcome) && outcome.inScope && outcome.assessedClass ? review(ir.review, p, CLASS_BY_RANK.indexOf(outcome.assessedClass), triggers.length > 0) : undefined;
  const heldByCap = adj?.capped ?? false;
  // 因降级情形降级 only where the class fell below the previous one (C → C with a trigger did not fall).
  const loweredByTrigger = (adj?.lowered ?? false) && adj!.rank < p.prev;
  const heldByTrigger = (adj?.lowered ?? false) && !loweredByTrigger;
  return { previousClass: p.prev >= 0 ? CLASS_BY_RANK[p.prev]! : null, triggers, heldByCap, loweredByTrigger, heldByTrigger };
}
