// The figures of a draft's impact (fenlei compare), counted one record at a time: transition
// matrices of classes and modes, who moves and why. No page here: the CLI (compare.ts) and the
// information system's comparison over stored registers (server/domain/reports.ts) count alike.
import { isError, type Outcome } from '../../runtime/index.js';

export const CLASS_KEYS = ['AA', 'A', 'B', 'C', '不适用', '错误'] as const;
export const MODE_KEYS = ['信用监管', '责任监管', '常态监管', '加严监管', '不适用', '错误'] as const;

export function classKey(o: Outcome): string {
  if (isError(o)) return '错误';
  return o.inScope && o.class ? o.class : '不适用';
}
export function modeKey(o: Outcome): string {
  if (isError(o)) return '错误';
  return o.inScope && o.mode ? o.mode : '不适用';
}

/** Why a decision came out as it did, in a few short phrases (from its trace). */
export function why(o: Outcome): string[] {
  if (isError(o)) return [`无法判定：${o.error.code} ${o.error.field}：${o.error.message}`];
  if (!o.inScope) return ['不适用本办法（第二条）'];
  const out: string[] = [];
  out.push(`通过 ${o.passed}/${o.answered}（${o.passRatio === null ? '—' : (o.passRatio * 100).toFixed(2) + '%'}）`);
  if (o.failedItems.length) out.push(`不通过：${o.failedItems.join('、')}`);
  if (o.directiveFailures.length) out.push(`★不通过：${o.directiveFailures.join('、')}`);
  const order = ['C', 'AA', 'A', 'B'];
  const assessed = o.assessedClass ?? '';
  const rankOf = (c: string) => ['C', 'B', 'A', 'AA'].indexOf(c);
  for (const s of o.trace) {
    if (s.step !== 'condition') continue;
    const m = /^(AA|A|B|C)类/.exec(s.text);
    if (!m) continue;
    const cls = m[1]!;
    const holds = s.text.endsWith('—— 成立');
    const cond = s.text.replace(/^(AA|A|B|C)类（[^）]*）/, '').replace(/\s*——\s*(不成立|成立)$/, '');
    if (cls === assessed && holds) out.push(`${cls}类${cond}成立`);
    else if (cls !== 'C' && !holds && rankOf(cls) > rankOf(assessed) && order.includes(cls)) out.push(`${cls}类${cond}不成立`);
  }
  for (const s of o.trace) {
    if (s.step === 'review' && /调整为|降为|保持上次类别|最高为/.test(s.text)) out.push(s.text);
    if (s.step === 'risk' && s.text.includes('调整为')) out.push(s.text);
  }
  return out;
}

export interface Mover {
  row: number;
  id: string;
  name: string;
  before: Outcome;
  after: Outcome;
}

/** Answers the register did not have, on one side of the comparison. */
export interface SideAnswers {
  /** Item id → records whose answer was assumed (--assume). */
  assumed: Map<string, number>;
  /** Records with at least one assumed answer. */
  assumedRecords: number;
  /** Item id → records left without an answer (an error: FL5005). */
  missing: Map<string, number>;
}

export interface CompareData {
  records: number;
  before: SideAnswers;
  after: SideAnswers;
  classMatrix: Record<string, Record<string, number>>;
  modeMatrix: Record<string, Record<string, number>>;
  movers: Mover[];
  moved: number;
  up: number;
  down: number;
  modeChanged: number;
}

export function emptyCompare(): CompareData {
  const m = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, Object.fromEntries(keys.map((j) => [j, 0]))]));
  const side = (): SideAnswers => ({ assumed: new Map(), assumedRecords: 0, missing: new Map() });
  return { records: 0, before: side(), after: side(), classMatrix: m(CLASS_KEYS), modeMatrix: m(MODE_KEYS), movers: [], moved: 0, up: 0, down: 0, modeChanged: 0 };
}

export const RANK: Record<string, number> = { C: 0, B: 1, A: 2, AA: 3 };

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** Notes the answers assumed for a record, and the one it lacks (FL5005), on each side. */
export function noteAnswers(data: CompareData, assumedBefore: string[], assumedAfter: string[], before: Outcome, after: Outcome): void {
  for (const [side, assumed, o] of [[data.before, assumedBefore, before], [data.after, assumedAfter, after]] as const) {
    for (const id of assumed) bump(side.assumed, id);
    if (assumed.length) side.assumedRecords++;
    if (isError(o) && o.error.code === 'FL5005') bump(side.missing, o.error.field.replace(/^inspection\.answers\./, ''));
  }
}

export function tallyCompare(data: CompareData, m: Mover, keep = 10_000): void {
  data.records++;
  const a = classKey(m.before);
  const b = classKey(m.after);
  data.classMatrix[a]![b]!++;
  const ma = modeKey(m.before);
  const mb = modeKey(m.after);
  data.modeMatrix[ma]![mb]!++;
  if (a !== b || ma !== mb) {
    if (a !== b) data.moved++;
    if (ma !== mb) data.modeChanged++;
    if (a in RANK && b in RANK) {
      if (RANK[b]! > RANK[a]!) data.up++;
      else if (RANK[b]! < RANK[a]!) data.down++;
    }
    if (data.movers.length < keep) data.movers.push(m);
  }
}

