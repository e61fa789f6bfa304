// Shared helpers of the compiler and runtime tests: inline rule files over the bundled
// national rules, diagnostics as 1-based ranges, national records, evaluation.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Program, nodeHost, type CompileResult, type FileHost } from '../../compiler/program.js';
import { loadEvaluator } from '../../compiler/codegen/load.js';
import type { Diagnostic, FixEdit } from '../../compiler/diagnostics/types.js';
import type { RuleSetIR } from '../../runtime/ir.js';
import type { Decision, EnterpriseRecord, Evaluator, EvaluateOptions, Outcome, RecordError } from '../../runtime/index.js';

/** The repository root (where package.json and rules/ are). */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** A directory that does not exist on disk: in-memory rule files live here. */
export const VDIR = resolve('/__fenlei_test_virtual__');
export const vpath = (name: string): string => resolve(VDIR, name);

/** Serves in-memory files; every other path (the national rules) comes from disk. */
export class MemoryHost implements FileHost {
  readonly files = new Map<string, string>();
  constructor(files: Record<string, string> = {}) {
    for (const [name, text] of Object.entries(files)) this.files.set(vpath(name), text);
  }
  read(path: string): { text: string } | { error: string } {
    const text = this.files.get(path);
    return text !== undefined ? { text } : nodeHost.read(path);
  }
}

/** The metadata block of a test province over the national rules: 6 lines, so the body starts on line 7. */
export const HEADER = `元数据:
  名称: 测试细则
  地区: 测试省
  版本: "1"
  生效日期: 2026-01-01
  基于: national
`;
export const BODY_LINE = 7;

/** A province file: HEADER followed by `body`. */
export const province = (body: string): string => HEADER + body;

/**
 * Compiles `text` as `name` (default p.yaml) in the virtual directory; `others` are further
 * in-memory files (bases of a chain). The national base is read from disk.
 */
export function compileText(text: string, others: Record<string, string> = {}, name = 'p.yaml'): CompileResult {
  const host = new MemoryHost({ ...others, [name]: text });
  return new Program(host, VDIR).compile(vpath(name));
}

/** Compiles a province body over the national rules. */
export const compileProvince = (body: string, others: Record<string, string> = {}): CompileResult => compileText(province(body), others);

/** The bundled national rules, compiled from disk with the repository as working directory. */
export function compileNational(): CompileResult {
  return new Program(nodeHost, REPO).compile('national');
}

/** A diagnostic reduced to its code and 1-based start/end line and column (UTF-16 columns). */
export interface Spot {
  code: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export function spot(d: Diagnostic): Spot {
  return { code: d.code, line: d.range.start.line + 1, col: d.range.start.column + 1, endLine: d.range.end.line + 1, endCol: d.range.end.column + 1 };
}

/** `code@line:col-endLine:endCol` builder for expectations. */
export const at = (code: string, line: number, col: number, endLine: number, endCol: number): Spot => ({ code, line, col, endLine, endCol });

export function spots(r: CompileResult | readonly Diagnostic[], code?: string): Spot[] {
  const ds = Array.isArray(r) ? (r as readonly Diagnostic[]) : (r as CompileResult).diagnostics;
  return ds.filter((d) => code === undefined || d.code === code).map(spot);
}

export const codes = (r: CompileResult): string[] => r.diagnostics.map((d) => d.code);

/** Applies non-overlapping edits to `text` (last first, so offsets stay valid). */
export function applyEdits(text: string, edits: readonly FixEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The text of `line` (1-based) of `text`. */
export function lineOf(text: string, line: number): string {
  return text.split(/\r\n|\n|\r/)[line - 1] ?? '';
}

// ---------------------------------------------------------------------------------------------
// National records.

export const NATIONAL_IDS = Array.from({ length: 19 }, (_, i) => String(i + 1));
export const DIRECTIVE_IDS = ['1', '2', '12', '14', '15', '16', '17'];
/** Items answered 符合/不符合; the others 未发现问题/发现问题. */
export const CONFORM_IDS = ['8', '13', '14', '17', '18', '19'];
export const ORDINARY_IDS = NATIONAL_IDS.filter((id) => !DIRECTIVE_IDS.includes(id));

export function answerWord(id: string, pass: boolean, conform = CONFORM_IDS.includes(id)): string {
  if (conform) return pass ? '符合' : '不符合';
  return pass ? '未发现问题' : '发现问题';
}

export interface RecordOptions {
  id?: string;
  products?: string[];
  date?: string;
  form?: string;
  riskLevel?: string;
  creditCode?: string;
  history?: EnterpriseRecord['history'];
  facts?: Record<string, unknown>;
}

/** Answers for `ids`: every item passes except `failures`. */
export function answersFor(ids: readonly string[], failures: readonly string[] = [], conform: readonly string[] = CONFORM_IDS): Record<string, string> {
  const unknown = failures.filter((f) => !ids.includes(f));
  if (unknown.length) throw new Error(`not items of the rule set: ${unknown.join(', ')}`);
  return Object.fromEntries(ids.map((id) => [id, answerWord(id, !failures.includes(id), conform.includes(id))]));
}

/** A record for rules with items `ids`: all pass except `failures`; a textile maker (Ⅲ级) inspected periodically. */
export function recordFor(ids: readonly string[], failures: readonly string[] = [], o: RecordOptions = {}): EnterpriseRecord {
  const rec: EnterpriseRecord = {
    id: o.id ?? 'r1',
    enterprise: { name: '测试企业有限公司', products: o.products ?? ['纺织服装'] },
    inspection: { date: o.date ?? '2026-03-01', form: o.form ?? '定期监督检查', answers: answersFor(ids, failures) },
  };
  if (o.creditCode !== undefined) rec.enterprise.creditCode = o.creditCode;
  if (o.facts !== undefined) rec.enterprise.facts = o.facts;
  if (o.riskLevel !== undefined) rec.inspection.riskLevel = o.riskLevel;
  if (o.history !== undefined) rec.history = o.history;
  return rec;
}

/** A national record: all 19 items pass except `failures`. */
export const nationalRecord = (failures: readonly string[] = [], o: RecordOptions = {}): EnterpriseRecord => recordFor(NATIONAL_IDS, failures, o);

// ---------------------------------------------------------------------------------------------
// Evaluation.

export function irOf(r: CompileResult): RuleSetIR {
  if (!r.ir) throw new Error(`no IR: ${r.diagnostics.map((d) => `${d.file}:${d.range.start.line + 1}:${d.range.start.column + 1} ${d.code} ${d.message}`).join('\n')}`);
  return r.ir;
}

/** The example provinces' illustrative national catalogue (第二十条; D6′): the national rules list no products. */
export const ILLUSTRATIVE_CATALOGUE = join(REPO, 'rules', 'examples', 'catalogues', 'national-illustrative.yaml');

/**
 * The evaluator of a rule set as a county would run it: a rule set without catalogue files of
 * its own is given the illustrative catalogue, so that product names have risk levels
 * (纺织服装 Ⅲ级, 水泥 Ⅱ级, 电线电缆 Ⅰ级). `loadEvaluator(irOf(r))` evaluates it without one.
 */
export const evaluatorOf = (r: CompileResult): Evaluator => loadEvaluator(irOf(withIllustrativeCatalogue(r)));

export function withIllustrativeCatalogue(r: CompileResult): CompileResult {
  return r.linked?.model.catalogues.length ? r : new Program(nodeHost, REPO).withCatalogues(r, [ILLUSTRATIVE_CATALOGUE]);
}

let national: Evaluator | undefined;
export function nationalEvaluator(): Evaluator {
  national ??= evaluatorOf(compileNational());
  return national;
}

export function decision(o: Outcome): Decision {
  if ('error' in o) throw new Error(`expected a decision, got ${o.error.code} ${o.error.field}: ${o.error.message}`);
  return o;
}

export function recordError(o: Outcome): RecordError['error'] {
  if (!('error' in o)) throw new Error(`expected a record error, got class ${String(o.class)}`);
  return o.error;
}

/** Evaluates with the national rules and returns the decision (throws on a record error). */
export const decideNational = (rec: unknown, options: EvaluateOptions = {}): Decision => decision(nationalEvaluator().evaluate(rec, options));

/** The fields of a decision the tests compare (no trace, measures as a count). */
export function summary(d: Decision) {
  return {
    inScope: d.inScope,
    class: d.class,
    assessedClass: d.assessedClass,
    mode: d.mode,
    riskLevel: d.riskLevel,
    passed: d.passed,
    answered: d.answered,
    passRatio: d.passRatio,
    failedItems: d.failedItems,
    directiveFailures: d.directiveFailures,
    measures: d.measures.length,
  };
}

export const warningCodes = (d: Decision): string[] => (d.warnings ?? []).map((w) => w.code);
