// The province's documents from the database (第十二条 备案报告, the region map, a draft's impact):
// the same figures as `fenlei report` and `fenlei compare`, counted by the same functions
// (tally, compareRecord) over stored decisions and inspections instead of a register file.
// Each function takes a scope (region codes, as a user's) and reads only enterprises inside it.
import { formatDiagnostic, loadEvaluator } from '../../compiler/index.js';
import { answersLines, compareHtml } from '../../cli/format/compare.js';
import { classKey, emptyCompare, modeKey, why, type CompareData, type SideAnswers } from '../../cli/format/compare-data.js';
import { emptyReport, mapLevel, MAX_LISTED, tally, type RegionRow, type ReportData, type TallyEntry } from '../../cli/format/report-data.js';
import { reportHtml } from '../../cli/format/report.js';
import { DEFAULT_C_THRESHOLDS, regionMap as regionMapSvg, regionName, shareColour, type RegionLevel } from '../../cli/format/regions.js';
import { todayText } from '../../cli/format/html.js';
import { compareRecord } from '../../cli/io/compare-eval.js';
import type { Assumption } from '../../cli/io/project-record.js';
import { dayNumber, type ClassName, type Decision, type Evaluator, type RuleSetIR } from '../../runtime/index.js';
import type { Queryable } from '../db/types.js';
import { bearingOf, type Bearing } from './bearing.js';
import { adjustmentRecord, historyField } from './classify.js';
import { ApiError, invalid } from './errors.js';
import { countedRows, wholeYears, type Period } from './report-rows.js';
import type { DerivedHistory } from './history.js';
import type { RuleBook, RuleVersionRow } from './rule-book.js';

export type { Period } from './report-rows.js';

/** The report's figures as JSON (regions as lists, not maps). */
export type ReportFigures = Omit<ReportData, 'cities' | 'counties'> & { cities: RegionRow[]; counties: RegionRow[] };

export interface Art12Report {
  scope: string[];
  period: Period;
  /** Whole calendar years: counted from the standings the database keeps per year (fast); otherwise found per enterprise. */
  wholeYears: boolean;
  /** Per rule version, how many of the counted decisions it made (D10). */
  versions: { region: string; version: string; name: string; decisions: number }[];
  /** As `fenlei report` counts them; `row` and `cList[].row` are the enterprise's id here. */
  data: ReportFigures;
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

const todayDay = () => dayNumber(new Date().toISOString().slice(0, 10));

function checkPeriod(p: Period): void {
  if (Number.isNaN(dayNumber(p.start)) || Number.isNaN(dayNumber(p.end))) throw invalid('期间的日期应为 YYYY-MM-DD', 'period dates must be YYYY-MM-DD');
  if (p.end < p.start) throw invalid('期间的结束日期早于开始日期', 'the period ends before it starts');
}

/** The rule versions of these ids, with their evaluators (cached by the rule book). */
async function evaluators(q: Queryable, rules: RuleBook, ids: number[]): Promise<Map<number, { row: RuleVersionRow; ev: Evaluator }>> {
  const rows = await q.query<RuleVersionRow>('SELECT id, region, version, name, effective, expires, yaml FROM rule_versions WHERE id = ANY($1::int[])', [[...new Set(ids)]]);
  const out = new Map<number, { row: RuleVersionRow; ev: Evaluator }>();
  for (const row of rows) out.set(row.id, { row, ev: await rules.evaluatorOf(q, row) });
  return out;
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
export async function art12Report(q: Queryable, rules: RuleBook, scope: string[], period: Period, o: { listed?: number } = {}): Promise<Art12Report> {
  checkPeriod(period);
  const rows = await countedRows(q, scope, period, Math.min(o.listed ?? MAX_LISTED, MAX_LISTED));
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
  return { scope, period, wholeYears: wholeYears(period) !== null, versions, data: { ...data, cities: sorted(data.cities), counties: sorted(data.counties) } };
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
  wholeYears: boolean;
  level: RegionLevel;
  thresholds: readonly [number, number, number];
  regions: RegionTile[];
  /** The schematic tile map of `fenlei report` (SVG). */
  svg: string;
}

/** The report's region map: regions by city (4 digits) or county (6), coloured by their share of C-class enterprises. */
export async function regionMap(q: Queryable, rules: RuleBook, scope: string[], period: Period, o: { level?: RegionLevel; thresholds?: readonly [number, number, number] } = {}): Promise<RegionMap> {
  // The map names no enterprise: counted in SQL alone.
  const r = await art12Report(q, rules, scope, period, { listed: 0 });
  const level = o.level ?? mapLevel(r.data.cities);
  const thresholds = o.thresholds ?? DEFAULT_C_THRESHOLDS;
  const rows = (level === 'city' ? r.data.cities : r.data.counties).filter((x) => x.key !== '');
  const regions = rows.map((x) => ({ code: x.key, name: regionName(x.key), total: x.total, byClass: x.byClass, outOfScope: x.outOfScope, errors: x.errors, cShare: x.total ? x.byClass.C / x.total : 0, colour: x.total ? shareColour(x.byClass.C / x.total, thresholds) : '#e9ecef' }));
  const svg = regionMapSvg(rows.map((x) => ({ key: x.key, total: x.total, c: x.byClass.C })), level, thresholds, `各${level === 'city' ? '市' : '县（区）'}C类企业占比`);
  return { scope, period, wholeYears: r.wholeYears, level, thresholds, regions, svg };
}

export interface CompareOptions {
  /** The province the draft is for (XX0000); its 基于 reads the stored national rules. */
  region: string;
  /** Answers for items the stored records lack (--assume). */
  assume?: Assumption;
  /** Movers listed at most (default 1000). */
  keep?: number;
}

interface SideJson {
  assumed: Record<string, number>;
  assumedRecords: number;
  missing: Record<string, number>;
}

export interface DraftComparison {
  scope: string[];
  draft: { name: string; region: string; version: string; effective: string };
  /** The rule versions that decided the stored inspections, with how many each. */
  against: { region: string; version: string; name: string; records: number }[];
  records: number;
  moved: number;
  up: number;
  down: number;
  modeChanged: number;
  classMatrix: Record<string, Record<string, number>>;
  modeMatrix: Record<string, Record<string, number>>;
  before: SideJson;
  after: SideJson;
  /** What had to be assumed or could not be decided, in sentences. */
  notes: string[];
  /** Who moves, with why on each side. */
  movers: { enterpriseId: number; id: string; name: string; before: { class: string; mode: string }; after: { class: string; mode: string }; whyBefore: string[]; whyAfter: string[] }[];
}

interface StoredInspection {
  enterprise_id: number;
  name: string;
  record: Record<string, unknown>;
  history: DerivedHistory;
  rule_version_id: number;
}

interface Counted {
  data: CompareData;
  draft: RuleSetIR['meta'];
  against: { row: RuleVersionRow; ir: RuleSetIR; records: number }[];
}

async function countComparison(q: Queryable, rules: RuleBook, scope: string[], draftYaml: string, o: CompareOptions): Promise<Counted> {
  const compiled = await rules.compile(q, o.region, 'draft', draftYaml);
  const diagnostics = compiled.diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.range.start.line + 1, message: d.message, messageEn: d.messageEn, text: formatDiagnostic(d) }));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !compiled.ir) throw new ApiError(422, 'checkFailed', `草案有 ${errors.length} 个错误，无法比较`, `the draft has ${errors.length} errors; nothing compared`, { diagnostics });
  const draft = loadEvaluator(compiled.ir);
  const rows = await q.query<StoredInspection>(
    `SELECT e.id AS enterprise_id, e.name, i.record, d.history, d.rule_version_id
       FROM enterprises e
       JOIN LATERAL (SELECT id, record FROM inspections i WHERE i.enterprise_id = e.id ORDER BY i.inspection_date DESC, i.id DESC LIMIT 1) i ON true
       JOIN decisions d ON d.inspection_id = i.id
      WHERE fenlei_in_scope(e.region, $1::text[]) ORDER BY e.region, e.name, e.id`,
    [scope],
  );
  const evs = await evaluators(q, rules, rows.map((r) => r.rule_version_id));
  const data = emptyCompare();
  const used = new Map<number, number>();
  const today = todayDay();
  for (const r of rows) {
    const against = evs.get(r.rule_version_id)!.ev;
    compareRecord(data, { draft, against }, { raw: { ...r.record, history: historyField(r.history) }, position: r.enterprise_id, name: r.name }, { today, assume: o.assume, keep: o.keep ?? 1000 });
    used.set(r.rule_version_id, (used.get(r.rule_version_id) ?? 0) + 1);
  }
  return { data, draft: compiled.ir.meta, against: [...used].map(([id, n]) => ({ row: evs.get(id)!.row, ir: evs.get(id)!.ev.ir, records: n })) };
}

/**
 * `fenlei compare` of a draft (YAML) against the stored registers: each enterprise's latest
 * inspection in the scope, with the history the system gave it, decided by the rule version
 * that decided it and by the draft — the same per-record function as the CLI.
 */
export async function compareDraft(q: Queryable, rules: RuleBook, scope: string[], draftYaml: string, o: CompareOptions): Promise<DraftComparison> {
  const { data, draft: m, against } = await countComparison(q, rules, scope, draftYaml, o);
  const side = (s: SideAnswers): SideJson => ({ assumed: Object.fromEntries(s.assumed), assumedRecords: s.assumedRecords, missing: Object.fromEntries(s.missing) });
  return {
    scope,
    draft: { name: m.name, region: m.region, version: m.version, effective: m.effective },
    against: against.map((a) => ({ region: a.row.region, version: a.row.version, name: a.row.name, records: a.records })),
    records: data.records,
    moved: data.moved,
    up: data.up,
    down: data.down,
    modeChanged: data.modeChanged,
    classMatrix: data.classMatrix,
    modeMatrix: data.modeMatrix,
    before: side(data.before),
    after: side(data.after),
    notes: answersLines(data, o.assume),
    movers: data.movers.map((x) => ({ enterpriseId: x.row, id: x.id, name: x.name, before: { class: classKey(x.before), mode: modeKey(x.before) }, after: { class: classKey(x.after), mode: modeKey(x.after) }, whyBefore: why(x.before), whyAfter: why(x.after) })),
  };
}

/** The same comparison as the printable page `fenlei compare` writes. */
export async function compareDraftHtml(q: Queryable, rules: RuleBook, scope: string[], draftYaml: string, o: CompareOptions): Promise<string> {
  const { data, draft, against } = await countComparison(q, rules, scope, draftYaml, o);
  const main = [...against].sort((a, b) => b.records - a.records)[0];
  const againstMeta = main?.ir.meta ?? { ...draft, name: '（无已存检查）', version: '—' };
  return compareHtml(data, { assume: o.assume, draft, draftFile: '草案（上传的规则文件）/ the uploaded draft', against: againstMeta, againstFile: against.map((a) => `${a.row.region} ${a.row.name} ${a.row.version}（${a.records} 户）`).join('、'), register: `信息系统数据库：${scope.join('、')} 各企业最近一次检查`, asOf: todayText(), generated: todayText() });
}
