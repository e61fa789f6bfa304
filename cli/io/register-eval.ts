// A register classified for the documents built over it (filing report, comparison):
// each record's decision together with what the register says about the enterprise
// (row, name, region, previous class) and how 第二十一条 bore on it.
import { CLASS_BY_RANK, isError, isVersioned, review, triggerEvents, type Evaluator, type Outcome } from '../../runtime/index.js';
import { registerSchema } from './register-columns.js';
import { readRecords, type InputFormat, type ReadOptions, type ReadStats } from './read-records.js';

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
  /** A trigger event lowered the class (应当作降级处理). */
  loweredByTrigger: boolean;
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
    if (input.error) {
      yield { ...base, id: input.error.id, previousClass: null, outcome: input.error, triggers: [], heldByCap: false, loweredByTrigger: false };
      continue;
    }
    // Several versions (D10): the version in force on the inspection date decides, and its rules count the triggers.
    const version = isVersioned(ev) ? ev.pick(input.raw, input.position) : ev;
    const p = 'error' in version ? version : version.prepare(input.raw, input.position, opts.today);
    if ('error' in p) {
      yield { ...base, id: p.id, previousClass: str(raw?.history?.previousClass) || null, outcome: p, triggers: [], heldByCap: false, loweredByTrigger: false };
      continue;
    }
    const v = version as Evaluator;
    let outcome = v.decide(p, opts.trace ?? false);
    if (opts.traceC && !opts.trace && !isError(outcome) && outcome.class === 'C') outcome = v.decide(p, true);
    const triggers = triggerEvents(v.ir, p);
    // How 第二十一条 bore on the class: the runtime's own rule, not a copy of it.
    const adj = !isError(outcome) && outcome.inScope && outcome.assessedClass ? review(v.ir.review, p, CLASS_BY_RANK.indexOf(outcome.assessedClass), triggers.length > 0) : undefined;
    const heldByCap = adj?.capped ?? false;
    const loweredByTrigger = adj?.lowered ?? false;
    yield { ...base, id: p.id, previousClass: p.prev >= 0 ? CLASS_BY_RANK[p.prev]! : null, outcome, triggers, heldByCap, loweredByTrigger };
  }
}
