// The province's documents from the database (第十二条 备案报告, the region map): the same
// figures as `fenlei report`, counted by the same function (tally) over stored decisions
// instead of a register file (a draft's impact is in compare.ts).
// Each function takes a scope (region codes, as a user's) and reads only enterprises inside it.
import { emptyReport, mapLevel, MAX_LISTED, tally, type RegionRow, type ReportData, type TallyEntry } from '../../cli/format/report-data.js';
import { reportHtml } from '../../cli/format/report.js';
import { DEFAULT_C_THRESHOLDS, regionMap as regionMapSvg, regionName, shareColour, type RegionLevel } from '../../cli/format/regions.js';
import { todayText } from '../../cli/format/html.js';
import { dayNumber, type ClassName, type Decision, type RuleSetIR } from '../../runtime/index.js';
import type { Queryable } from '../db/types.js';
import { bearingOf, type Bearing } from './bearing.js';
import { adjustmentRecord, historyField } from './classify.js';
import { invalid } from './errors.js';
import { evaluators, todayDay } from './evaluators.js';
import type { DerivedHistory } from './history.js';
import type { RuleBook, RuleVersionRow } from './rule-book.js';

/** A period of decisions, both days included (YYYY-MM-DD). */
export interface Period {
  start: string;
  end: string;
}

/** The report's figures as JSON (regions as lists, not maps). */
export type ReportFigures = Omit<ReportData, 'cities' | 'counties'> & { cities: RegionRow[]; counties: RegionRow[] };

export interface Art12Report {
  scope: string[];
  period: Period;
  /** Per rule version, how many of the counted decisions it made (D10). */
  versions: { region: string; version: string; name: string; decisions: number }[];
  /** As `fenlei report` counts them; `row` and `cList[].row` are the enterprise's id here. */
  data: ReportFigures;
}

/**
 * A decision the report names (enterprise and decision ids given), or a group of `n` alike
 * decisions of a region (ids null): small columns only, with the outcome's few fields and the
 * trace's condition steps that cReasons reads for a named decision.
 */
interface CountedRow {
  enterprise_id: number | null;
  name: string | null;
  region: string;
  decision_id: number | null;
  in_scope: boolean;
  class: ClassName | null;
  assessed_class: ClassName | null;
  mode: string | null;
  risk_level: string | null;
  rule_version_id: number;
  previous_class: string | null;
  held_by_cap: boolean;
  held_by_trigger: boolean;
  lowered_by_trigger: boolean;
  /** A named decision's (null when stored before 0008, or for a group). */
  bearing: Bearing | null;
  n: number;
  outcome: Pick<Decision, 'id' | 'directiveFailures' | 'passRatio' | 'answered' | 'passed'> | null;
  trace: Decision['trace'] | null;
}

/** A decision stored before its bearing was (migration 0008), with what reading the bearing needs. */
interface UnbornDecision {
  decision_id: number;
  enterprise_id: number;
  name: string;
  region: string;
  credit_code: string | null;
  products: unknown[];
  facts: Record<string, unknown>;
  decided_on: string;
  outcome: Omit<Decision, 'trace'>;
  history: DerivedHistory;
  rule_version_id: number;
  record: Record<string, unknown> | null;
}

function checkPeriod(p: Period): void {
  if (Number.isNaN(dayNumber(p.start)) || Number.isNaN(dayNumber(p.end))) throw invalid('期间的日期应为 YYYY-MM-DD', 'period dates must be YYYY-MM-DD');
  if (p.end < p.start) throw invalid('期间的结束日期早于开始日期', 'the period ends before it starts');
}

/** The record a stored decision was made from, with the history the system gave it. */
function decidedRecord(d: UnbornDecision): unknown {
  const ent = { name: d.name, region: d.region, products: d.products, facts: d.facts, credit_code: d.credit_code };
  const base = d.record ?? (adjustmentRecord(`event-decision-${d.decision_id}`, ent, d.decided_on, d.history) as Record<string, unknown>);
  return { ...base, history: historyField(d.history) };
}

/**
 * The bearing of decisions stored before 0008, read by the runtime from their records as when
 * they were written, and stored (once) so that the next report counts columns only.
 */
async function fillBearings(q: Queryable, rules: RuleBook, ids: number[]): Promise<Map<number, Bearing>> {
  const out = new Map<number, Bearing>();
  if (!ids.length) return out;
  const rows = await q.query<UnbornDecision>(
    `SELECT d.id AS decision_id, e.id AS enterprise_id, e.name, e.region, e.credit_code, e.products, e.facts, d.decided_on, d.outcome, d.history, d.rule_version_id, i.record
       FROM decisions d JOIN enterprises e ON e.id = d.enterprise_id LEFT JOIN inspections i ON i.id = d.inspection_id WHERE d.id = ANY($1::int[])`,
    [ids],
  );
  const evs = await evaluators(q, rules, rows.map((r) => r.rule_version_id));
  const today = todayDay();
  for (const d of rows) out.set(d.decision_id, bearingOf(evs.get(d.rule_version_id)!.ev, decidedRecord(d), { ...d.outcome, trace: [] }, d.history.previousClass, d.enterprise_id, today));
  const filled = [...out].map(([id, bearing]) => ({ id, bearing }));
  await q.query('UPDATE decisions d SET bearing = x.bearing FROM jsonb_to_recordset($1::jsonb) AS x(id int, bearing jsonb) WHERE d.id = x.id AND d.bearing IS NULL', [JSON.stringify(filled)]);
  return out;
}

/**
 * 第十二条's filing report over the database: every enterprise in the scope with a decision in
 * the period, counted once by its latest decision there (as a filing holds them), with
 * 第二十一条's bearing (capped, lowered, held) as the runtime read it when the decision was written.
 */
export async function art12Report(q: Queryable, rules: RuleBook, scope: string[], period: Period, o: { lists?: boolean } = {}): Promise<Art12Report> {
  checkPeriod(period);
  // Counted in SQL by region, outcome and bearing; apart, one by one, the decisions a list of the
  // report names (the first MAX_LISTED of class C, and of those a trigger lowered, in the report's
  // order) and those stored before 0008 without a bearing. tally() counts both (report-data.ts).
  const rows = await q.query<CountedRow>(
    `WITH latest AS (
       SELECT e.id AS enterprise_id, e.name, e.region, d.id AS decision_id, d.in_scope, d.class, d.assessed_class, d.mode, d.risk_level, d.rule_version_id,
              d.bearing IS NULL AS unborn, d.bearing ->> 'previousClass' AS previous_class, coalesce((d.bearing ->> 'heldByCap')::boolean, false) AS held_by_cap,
              coalesce((d.bearing ->> 'heldByTrigger')::boolean, false) AS held_by_trigger, coalesce((d.bearing ->> 'loweredByTrigger')::boolean, false) AS lowered_by_trigger
         FROM enterprises e
         JOIN LATERAL (SELECT d.id, d.in_scope, d.class, d.assessed_class, d.mode, d.risk_level, d.rule_version_id, d.bearing FROM decisions d
                        WHERE d.enterprise_id = e.id AND d.decided_on BETWEEN $2::date AND $3::date ORDER BY d.decided_on DESC, d.id DESC LIMIT 1) d ON true
        WHERE fenlei_in_scope(e.region, $1::text[])
     ), marked AS (
       -- Running counts in the report's order (the order the enterprises are read in: no sort).
       SELECT l.*, l.unborn OR (l.class = 'C' AND count(*) FILTER (WHERE l.class = 'C') OVER w <= $4) OR (l.lowered_by_trigger AND count(*) FILTER (WHERE l.lowered_by_trigger) OVER w <= $4) AS listed
         FROM latest l WINDOW w AS (ORDER BY l.region, l.name, l.enterprise_id ROWS UNBOUNDED PRECEDING)
     ), grouped AS (
       SELECT CASE WHEN listed THEN enterprise_id END AS enterprise_id, CASE WHEN listed THEN name END AS name, region, CASE WHEN listed THEN decision_id END AS decision_id,
              in_scope, class, assessed_class, mode, risk_level, rule_version_id, previous_class, held_by_cap, held_by_trigger, lowered_by_trigger, count(*)::int AS n
         FROM marked GROUP BY 1, 2, 3, 4, in_scope, class, assessed_class, mode, risk_level, rule_version_id, previous_class, held_by_cap, held_by_trigger, lowered_by_trigger
     )
     SELECT g.*, d.bearing,
            CASE WHEN d.id IS NOT NULL THEN jsonb_build_object('id', d.outcome -> 'id', 'directiveFailures', d.outcome -> 'directiveFailures', 'passRatio', d.outcome -> 'passRatio', 'answered', d.outcome -> 'answered', 'passed', d.outcome -> 'passed') END AS outcome,
            CASE WHEN d.class = 'C' THEN jsonb_path_query_array(d.trace, '$[*] ? (@.step == "condition")') END AS trace
       FROM grouped g LEFT JOIN decisions d ON d.id = g.decision_id
      ORDER BY g.region, g.name, g.enterprise_id`,
    [scope, period.start, period.end, o.lists === false ? 0 : MAX_LISTED],
  );
  const filled = await fillBearings(q, rules, rows.filter((r) => r.decision_id !== null && r.bearing === null).map((r) => r.decision_id!));
  const evs = await evaluators(q, rules, rows.map((r) => r.rule_version_id));
  const data = emptyReport();
  const used = new Map<number, number>();
  // The named decisions first, in the report's order, then the groups (which no list takes).
  for (const d of [...rows.filter((r) => r.decision_id !== null), ...rows.filter((r) => r.decision_id === null)]) {
    const { ev } = evs.get(d.rule_version_id)!;
    const outcome = { id: '', directiveFailures: [], passRatio: null, answered: 0, passed: 0, ...d.outcome, inScope: d.in_scope, class: d.class, assessedClass: d.assessed_class, mode: d.mode, riskLevel: d.risk_level, trace: d.trace ?? [] } as unknown as Decision;
    const bearing: Bearing = d.decision_id === null
      ? { previousClass: d.previous_class, triggers: [], heldByCap: d.held_by_cap, heldByTrigger: d.held_by_trigger, loweredByTrigger: d.lowered_by_trigger }
      : (d.bearing ?? filled.get(d.decision_id)!);
    const entry: TallyEntry = { row: d.enterprise_id ?? 0, id: outcome.id, name: d.name ?? '', region: d.region, outcome, ...bearing, ...(d.decision_id === null ? { count: d.n } : {}) };
    tally(data, ev.ir, entry);
    used.set(d.rule_version_id, (used.get(d.rule_version_id) ?? 0) + d.n);
  }
  const versions = [...used].map(([id, n]) => ({ region: evs.get(id)!.row.region, version: evs.get(id)!.row.version, name: evs.get(id)!.row.name, decisions: n })).sort((a, b) => a.region.localeCompare(b.region) || a.version.localeCompare(b.version));
  const sorted = (m: Map<string, RegionRow>) => [...m.values()].sort((a, b) => a.key.localeCompare(b.key));
  return { scope, period, versions, data: { ...data, cities: sorted(data.cities), counties: sorted(data.counties) } };
}

/** The rules the report's heading names: those that made most of its decisions (the national ones when none). */
async function headingRules(q: Queryable, rules: RuleBook, r: Art12Report): Promise<RuleSetIR> {
  const top = [...r.versions].sort((a, b) => b.decisions - a.decisions)[0];
  const [row] = await q.query<RuleVersionRow>(
    top ? 'SELECT id, region, version, name, effective, expires, yaml FROM rule_versions WHERE region = $1 AND version = $2' : "SELECT id, region, version, name, effective, expires, yaml FROM rule_versions WHERE region = '000000' ORDER BY effective DESC NULLS LAST, id DESC LIMIT 1",
    top ? [top.region, top.version] : [],
  );
  return (await rules.evaluatorOf(q, row!)).ir;
}

/** The same report as the printable page `fenlei report` writes (A4, 第十三条 on every page). */
export async function art12ReportHtml(q: Queryable, rules: RuleBook, r: Art12Report, o: { level?: RegionLevel; thresholds?: readonly [number, number, number] } = {}): Promise<string> {
  const ir = await headingRules(q, rules, r);
  const data: ReportData = { ...r.data, cities: new Map(r.data.cities.map((x) => [x.key, x])), counties: new Map(r.data.counties.map((x) => [x.key, x])) };
  return reportHtml(data, {
    rules: ir.meta,
    modes: ir,
    rulesFile: '信息系统中发布的规则版本 / rule versions published in the information system',
    versions: r.versions.map((v) => `${v.region} ${v.name} ${v.version}：${v.decisions} 户`),
    register: `信息系统数据库：${r.scope.join('、')}，${r.period.start} 至 ${r.period.end} 的判定`,
    asOf: r.period.end,
    generated: todayText(),
    stats: { skippedBlank: 0, extraColumns: [] },
    thresholds: o.thresholds,
    level: o.level,
  });
}

export interface RegionTile {
  /** 4 digits (city) or 6 (county). */
  code: string;
  name: string;
  total: number;
  byClass: Record<ClassName, number>;
  outOfScope: number;
  errors: number;
  /** C-class share of the classified enterprises (0 when none). */
  cShare: number;
  colour: string;
}

export interface RegionMap {
  scope: string[];
  period: Period;
  level: RegionLevel;
  thresholds: readonly [number, number, number];
  regions: RegionTile[];
  /** The schematic tile map of `fenlei report` (SVG). */
  svg: string;
}

/** The report's region map: regions by city (4 digits) or county (6), coloured by their share of C-class enterprises. */
export async function regionMap(q: Queryable, rules: RuleBook, scope: string[], period: Period, o: { level?: RegionLevel; thresholds?: readonly [number, number, number] } = {}): Promise<RegionMap> {
  // The map names no enterprise: counted in SQL alone.
  const r = await art12Report(q, rules, scope, period, { lists: false });
  const level = o.level ?? mapLevel(r.data.cities);
  const thresholds = o.thresholds ?? DEFAULT_C_THRESHOLDS;
  const rows = (level === 'city' ? r.data.cities : r.data.counties).filter((x) => x.key !== '');
  const regions = rows.map((x) => ({ code: x.key, name: regionName(x.key), total: x.total, byClass: x.byClass, outOfScope: x.outOfScope, errors: x.errors, cShare: x.total ? x.byClass.C / x.total : 0, colour: x.total ? shareColour(x.byClass.C / x.total, thresholds) : '#e9ecef' }));
  const svg = regionMapSvg(rows.map((x) => ({ key: x.key, total: x.total, c: x.byClass.C })), level, thresholds, `各${level === 'city' ? '市' : '县（区）'}C类企业占比`);
  return { scope, period, level, thresholds, regions, svg };
}
