// A draft's impact over the stored registers (`fenlei compare` from the database): each
// enterprise's latest inspection in a scope (region codes, as a user's), decided by the rule
// version that decided it and by the draft, counted by the CLI's own compareRecord.
import { formatDiagnostic, loadEvaluator } from '../../compiler/index.js';
import { answersLines, compareHtml } from '../../cli/format/compare.js';
import { classKey, emptyCompare, modeKey, why, type CompareData, type SideAnswers } from '../../cli/format/compare-data.js';
import { todayText } from '../../cli/format/html.js';
import { compareRecord } from '../../cli/io/compare-eval.js';
import type { Assumption } from '../../cli/io/project-record.js';
import type { RuleSetIR } from '../../runtime/index.js';
import type { Queryable } from '../db/types.js';
import { historyField } from './classify.js';
import { ApiError } from './errors.js';
import { evaluators, todayDay } from './evaluators.js';
import type { DerivedHistory } from './history.js';
import type { RuleBook, RuleVersionRow } from './rule-book.js';

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
