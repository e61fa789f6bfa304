// The figures of the 第十二条 filing report, counted one classified record at a time: per class,
// mode, risk level and region, changes since the previous class (第二十一条), the C-class list
// with reasons. No page here: the CLI's report (report.ts) and the information system's report
// over stored decisions (server/domain/reports.ts) both count with tally().
import { CLASSES_BEST_FIRST, isError, MODES_LIGHTEST_FIRST, RISK_LEVEL_NAMES, type ClassName, type Decision, type RuleSetIR } from '../../runtime/index.js';
import type { RegisterEntry } from '../io/register-eval.js';
import { regionKey } from './regions.js';

export const CLASSES: readonly ClassName[] = CLASSES_BEST_FIRST;
export const MODES = MODES_LIGHTEST_FIRST;
export const RISKS = RISK_LEVEL_NAMES;

export interface RegionRow {
  key: string;
  total: number;
  byClass: Record<ClassName, number>;
  outOfScope: number;
  errors: number;
}

export interface CEntry {
  row: number;
  id: string;
  name: string;
  region: string;
  riskLevel: string;
  assessedClass: string;
  previousClass: string | null;
  mode: string;
  reasons: string[];
}

export interface ReportData {
  records: number;
  decided: number;
  outOfScope: number;
  errors: number;
  byClass: Record<ClassName, number>;
  byMode: Record<string, number>;
  byRisk: Record<string, number>;
  cities: Map<string, RegionRow>;
  counties: Map<string, RegionRow>;
  changes: {
    first: number;
    up: number;
    same: number;
    down: number;
    heldByCap: number;
    loweredByTrigger: number;
    /** Previous class C, a trigger event, class C again: no downgrade, counted apart. */
    heldByTrigger: number;
    /** previous class (or 首次) → current class → count. */
    matrix: Record<string, Record<ClassName, number>>;
  };
  cList: CEntry[];
  /** Records that could not be classified, each with every problem of its row. */
  errorList: { row: number; id: string; name: string; problems: { code: string; field: string; column?: string; message: string }[] }[];
  /** Of the enterprises moved by a trigger, for the list in the report. */
  triggerList: { row: number; id: string; name: string; previousClass: string; class: string; triggers: string[] }[];
}

const zero = (): Record<ClassName, number> => ({ AA: 0, A: 0, B: 0, C: 0 });
const newRegion = (key: string): RegionRow => ({ key, total: 0, byClass: zero(), outOfScope: 0, errors: 0 });

/** Why an enterprise is in class C, in words, from its decision (with trace) and 第二十一条. */
export function cReasons(ir: RuleSetIR, e: RegisterEntry, d: Decision, descriptions?: Map<string, string>): string[] {
  const out: string[] = [];
  const itemText = new Map(ir.items.map((i) => [i.id, i.text]));
  for (const id of d.directiveFailures) out.push(`★第${id}项不通过：${shorten(itemText.get(id) ?? '', 36)}`);
  if (d.assessedClass === 'C') {
    // The C conditions that held, in the order the trace gives them.
    const steps = d.trace.filter((s) => s.step === 'condition');
    ir.classification.C.forEach((c, k) => {
      const s = steps[k];
      if (!s || !s.text.endsWith('—— 成立')) return;
      if (c.text.replace(/\s/g, '') === '任一不通过(指向型)' && d.directiveFailures.length) return;
      const desc = (c.name && descriptions?.get(c.name)) || '';
      out.push(`${c.name ? `${c.name}：` : ''}${c.text}${desc ? `（${desc}）` : ''}`);
    });
    if (out.length === 0 && d.directiveFailures.length === 0) out.push('不满足AA、A、B类的条件（通用规则备注（二））');
  }
  if (d.passRatio !== null && d.answered > 0) out.push(`通过率 ${(d.passRatio * 100).toFixed(2)}%（${d.passed}/${d.answered}）`);
  if (e.loweredByTrigger) out.push(`第二十一条：自上次评定以来出现降级情形（${e.triggers.join('、')}），由上次 ${e.previousClass} 类降级`);
  else if (e.heldByTrigger) out.push(`第二十一条：自上次评定以来出现降级情形（${e.triggers.join('、')}），保持上次 ${e.previousClass} 类，不上升`);
  return out;
}

function shorten(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

export function emptyReport(): ReportData {
  const matrix: ReportData['changes']['matrix'] = {};
  for (const k of [...CLASSES, '首次评定']) matrix[k] = zero();
  return {
    records: 0,
    decided: 0,
    outOfScope: 0,
    errors: 0,
    byClass: zero(),
    byMode: Object.fromEntries(MODES.map((m) => [m, 0])),
    byRisk: Object.fromEntries(RISKS.map((r) => [r, 0])),
    cities: new Map(),
    counties: new Map(),
    changes: { first: 0, up: 0, same: 0, down: 0, heldByCap: 0, loweredByTrigger: 0, heldByTrigger: 0, matrix },
    cList: [],
    errorList: [],
    triggerList: [],
  };
}

/** Records named at most in each of the report's lists (C class, errors, moved by a trigger). */
export const MAX_LISTED = 5000;

/**
 * A record to count, or a group of `count` alike records (same region, outcome and bearing) as the
 * information system counts them in SQL. A group adds to every figure and to no list: the lists
 * name records one by one, so whoever groups keeps apart the records a list would name (the first
 * MAX_LISTED of each list, in the report's order) and counts them before any group.
 */
export type TallyEntry = RegisterEntry & { count?: number };

/** Adds one classified record (or a group of alike ones) to the report's figures. */
export function tally(data: ReportData, ir: RuleSetIR, e: TallyEntry, descriptions?: Map<string, string>): void {
  const n = e.count ?? 1;
  const listed = e.count === undefined;
  data.records += n;
  const city = regionKey(e.region, 'city');
  const county = regionKey(e.region, 'county');
  const rc = data.cities.get(city) ?? newRegion(city);
  data.cities.set(city, rc);
  const rk = data.counties.get(county) ?? newRegion(county);
  data.counties.set(county, rk);
  const o = e.outcome;
  if (isError(o)) {
    data.errors += n;
    rc.errors += n;
    rk.errors += n;
    if (listed && data.errorList.length < MAX_LISTED) data.errorList.push({ row: e.row, id: o.id, name: e.name, problems: (o.errors ?? [o.error]).map((p) => ({ code: p.code, field: p.field, column: p.column, message: p.message })) });
    return;
  }
  if (!o.inScope || !o.class) {
    data.outOfScope += n;
    rc.outOfScope += n;
    rk.outOfScope += n;
    return;
  }
  data.decided += n;
  data.byClass[o.class] += n;
  if (o.mode) data.byMode[o.mode] = (data.byMode[o.mode] ?? 0) + n;
  if (o.riskLevel) data.byRisk[o.riskLevel] = (data.byRisk[o.riskLevel] ?? 0) + n;
  for (const r of [rc, rk]) {
    r.total += n;
    r.byClass[o.class] += n;
  }
  const ch = data.changes;
  const rank = CLASSES.length - 1 - CLASSES.indexOf(o.class);
  if (e.previousClass === null) {
    ch.first += n;
    ch.matrix['首次评定']![o.class] += n;
  } else {
    const prev = CLASSES.length - 1 - CLASSES.indexOf(e.previousClass as ClassName);
    if (rank > prev) ch.up += n;
    else if (rank < prev) ch.down += n;
    else ch.same += n;
    ch.matrix[e.previousClass]![o.class] += n;
  }
  if (e.heldByCap) ch.heldByCap += n;
  if (e.heldByTrigger) ch.heldByTrigger += n;
  if (e.loweredByTrigger) {
    ch.loweredByTrigger += n;
    if (listed && data.triggerList.length < MAX_LISTED) data.triggerList.push({ row: e.row, id: o.id, name: e.name, previousClass: e.previousClass ?? '', class: o.class, triggers: e.triggers });
  }
  if (listed && o.class === 'C' && data.cList.length < MAX_LISTED) {
    data.cList.push({ row: e.row, id: o.id, name: e.name, region: e.region, riskLevel: o.riskLevel ?? '', assessedClass: o.assessedClass ?? '', previousClass: e.previousClass, mode: o.mode ?? '', reasons: cReasons(ir, e, o, descriptions) });
  }
}

/** The map's level when none is asked for: by city when the records span two cities or more, else by county. */
export function mapLevel(cities: Iterable<RegionRow>): 'city' | 'county' {
  return [...cities].filter((r) => r.key !== '').length >= 2 ? 'city' : 'county';
}
