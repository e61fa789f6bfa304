// One record of a comparison (fenlei compare): decided under the rules in force and under the
// draft, each side by its version in force on the inspection date (D10), the answers projected
// between the two sets of items, and counted. Shared by the CLI over a register file and by the
// information system over the stored registers.
import { isError, isVersioned, type Evaluator, type Outcome, type RecordError } from '../../runtime/index.js';
import { noteAnswers, tallyCompare, type CompareData } from '../format/compare-data.js';
import { projectRecord, type Assumption } from './project-record.js';

export interface CompareSides {
  draft: Evaluator;
  against: Evaluator;
}

export interface CompareInput {
  raw: unknown;
  position: number;
  /** The record could not be read (its row's problem): both sides are that error. */
  error?: RecordError;
  name: string;
}

/** The version of the rules in force for a record (D10), or the record's error. */
const versionFor = (ev: Evaluator, raw: unknown, position: number) => (isVersioned(ev) ? ev.pick(raw, position) : ev);

export function compareRecord(data: CompareData, sides: CompareSides, input: CompareInput, o: { today: number; assume?: Assumption; keep?: number }): void {
  const dv = versionFor(sides.draft, input.raw, input.position);
  const av = versionFor(sides.against, input.raw, input.position);
  const dItems = 'error' in dv ? sides.draft.ir : dv.ir;
  const aItems = 'error' in av ? sides.against.ir : av.ir;
  const pb = projectRecord(input.raw, aItems, dItems, o.assume);
  const pa = projectRecord(input.raw, dItems, aItems, o.assume);
  // Each side's record prepared once; decided again with a trace only if it moves.
  const side = (v: Evaluator | RecordError, record: unknown): ((trace: boolean) => Outcome) => {
    const err = input.error ?? ('error' in v ? v : undefined);
    if (err) return () => err;
    const ev = v as Evaluator;
    const p = ev.prepare(record, input.position, o.today);
    return (trace) => ('error' in p ? p : ev.decide(p, trace));
  };
  const runBefore = side(av, pb.record);
  const runAfter = side(dv, pa.record);
  let before = runBefore(false);
  let after = runAfter(false);
  if (!input.error) noteAnswers(data, pb.assumed, pa.assumed, before, after);
  const moved = isError(before) !== isError(after) || (!isError(before) && !isError(after) && (before.class !== after.class || before.mode !== after.mode || before.inScope !== after.inScope));
  // Only those who move are traced again (their reasons are shown).
  if (moved) {
    before = runBefore(true);
    after = runAfter(true);
  }
  tallyCompare(data, { row: input.position, id: after.id, name: input.name, before, after }, o.keep);
}
