// Rule test cases written as data (docs/testing-rules.md): a record and the decision
// fields expected; a failing case lists each field with its expected and actual value.
import { dirname } from 'node:path';
import { isSeq, type Node } from 'yaml';
import { Program, displayName, readErrorText, resolveRuleSpec, nodeHost, type FileHost } from '../program.js';
import { loadEvaluator } from '../codegen/load.js';
import { loadYaml } from '../source/load-yaml.js';
import { LineIndex } from '../source/line-index.js';
import { Reporter, hasErrors, sortDiagnostics } from '../diagnostics/make.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { answerText, isError, type Evaluator, type Outcome } from '../../runtime/index.js';

export interface Difference {
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface CaseResult {
  name: string;
  file: string;
  line: number;
  ok: boolean;
  differences: Difference[];
  outcome?: Outcome;
  problem?: string;
}

export interface FileResult {
  file: string;
  rules: string;
  cases: CaseResult[];
  /** A problem with the test file or its rules, so no case could run. */
  problem?: string;
  diagnostics: Diagnostic[];
}

const KEY = (o: Record<string, unknown>, zh: string, en: string) => (zh in o ? o[zh] : o[en]);
/** The keys of a test file (docs/testing-rules.md), for the full-width colon check. */
const TEST_KEYS: ReadonlySet<string> = new Set(['规则', 'rules', '默认记录', 'defaults', '用例', 'cases', '名称', 'name', '其余项目', 'otherItems', '记录', 'record', '预期', 'expect']);

export function runTestFile(path: string, program = new Program(), host: FileHost = nodeHost): FileResult {
  const read = host.read(path);
  if ('error' in read) return { file: path, rules: '', cases: [], problem: `无法读取：${readErrorText(read)}`, diagnostics: [] };
  // The rule files' YAML front end: the same limits, full-width slips, duplicate keys (FL0003)
  // and syntax errors, each with its line and column.
  const lines = new LineIndex(read.text);
  const reporter = new Reporter(displayName(path), lines);
  const doc = loadYaml(read.text, reporter, undefined, TEST_KEYS);
  if (!doc || hasErrors(reporter.diagnostics)) {
    return { file: path, rules: '', cases: [], problem: '测试文件有 YAML 错误 / the test file has YAML errors', diagnostics: sortDiagnostics(reporter.diagnostics) };
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown> | null;
  if (!data || typeof data !== 'object') return { file: path, rules: '', cases: [], problem: '测试文件应为映射 / must be a mapping', diagnostics: [] };
  const rulesSpec = KEY(data, '规则', 'rules');
  if (typeof rulesSpec !== 'string') return { file: path, rules: '', cases: [], problem: '缺少“规则”（被测规则文件）/ missing rules', diagnostics: [] };
  const rules = resolveRuleSpec(rulesSpec, dirname(path));
  const compiled = program.compile(rules);
  if (!compiled.ok || !compiled.ir) return { file: path, rules, cases: [], problem: '被测规则有错误 / the rules have errors', diagnostics: compiled.diagnostics };
  const evaluator = loadEvaluator(compiled.ir);
  const defaults = (KEY(data, '默认记录', 'defaults') ?? {}) as Record<string, unknown>;
  const cases = KEY(data, '用例', 'cases');
  if (!Array.isArray(cases)) return { file: path, rules, cases: [], problem: '缺少“用例”列表 / missing cases', diagnostics: [] };
  const caseNodes = (() => {
    const c = (doc.contents as { get?: (k: string, keep: boolean) => unknown } | null)?.get?.('用例', true) ?? (doc.contents as { get?: (k: string, keep: boolean) => unknown } | null)?.get?.('cases', true);
    return isSeq(c) ? (c.items as Node[]) : [];
  })();
  const results = cases.map((c, i) => {
    const line = caseNodes[i]?.range ? lines.position(caseNodes[i]!.range![0]).line + 1 : 0;
    return runCase(c, i, line, path, evaluator, defaults);
  });
  return { file: path, rules, cases: results, diagnostics: compiled.diagnostics };
}

function runCase(c: unknown, i: number, line: number, file: string, evaluator: Evaluator, defaults: Record<string, unknown>): CaseResult {
  const name = typeof c === 'object' && c !== null ? String(KEY(c as Record<string, unknown>, '名称', 'name') ?? `用例 ${i + 1}`) : `用例 ${i + 1}`;
  const base = { name, file, line };
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return { ...base, ok: false, differences: [], problem: '用例应为映射 / a case must be a mapping' };
  const o = c as Record<string, unknown>;
  const expect = KEY(o, '预期', 'expect');
  if (typeof expect !== 'object' || expect === null) return { ...base, ok: false, differences: [], problem: '缺少“预期” / missing expect' };
  const record = deepMerge(defaults, (KEY(o, '记录', 'record') ?? {}) as Record<string, unknown>);
  const other = KEY(o, '其余项目', 'otherItems');
  if (other === '通过' || other === 'pass') fillPassing(record, evaluator, i + 1);
  const outcome = evaluator.evaluate(record, { trace: true, position: i + 1 });
  const differences = compare(expect as Record<string, unknown>, outcome);
  return { ...base, ok: differences.length === 0, differences, outcome };
}

/**
 * `其余项目: 通过`: each item without an answer is answered as passing, except those that do not
 * apply to this record (their not-applicable conditions read the record, never the answers), which
 * stay unanswered as an inspector leaves them. The evaluator says which: an answer it ignores
 * because the item does not apply is warning FL5102.
 */
function fillPassing(record: Record<string, unknown>, evaluator: Evaluator, position: number): void {
  const ins = (record.inspection ??= {}) as Record<string, unknown>;
  const answers = (ins.answers ??= {}) as Record<string, unknown>;
  const filled = evaluator.ir.items.filter((it) => !(it.id in answers));
  for (const it of filled) answers[it.id] = answerText(it.pair, true);
  const first = evaluator.evaluate(record, { position });
  if (isError(first)) return;
  const ignored = new Set((first.warnings ?? []).filter((w) => w.code === 'FL5102').map((w) => w.field.replace(/^inspection\.answers\./, '')));
  for (const it of filled) if (ignored.has(it.id)) delete answers[it.id];
}

function compare(expect: Record<string, unknown>, outcome: Outcome): Difference[] {
  const diffs: Difference[] = [];
  for (const [field, want] of Object.entries(expect)) {
    if (field === 'error') {
      if (!isError(outcome)) {
        diffs.push({ field: 'error', expected: want, actual: null });
        continue;
      }
      for (const [k, v] of Object.entries(want as Record<string, unknown>)) {
        const got = (outcome.error as unknown as Record<string, unknown>)[k];
        if (!equal(v, got)) diffs.push({ field: `error.${k}`, expected: v, actual: got });
      }
      continue;
    }
    if (isError(outcome)) {
      diffs.push({ field, expected: want, actual: `（错误 ${outcome.error.code} ${outcome.error.field}：${outcome.error.message}）` });
      continue;
    }
    let got = (outcome as unknown as Record<string, unknown>)[field];
    if (field === 'warnings') got = (outcome.warnings ?? []).map((w) => w.code);
    if (!equal(want, got)) diffs.push({ field, expected: want, actual: got });
  }
  return diffs;
}

/** Ids written as numbers in YAML (`[18, 19]`) match the string ids of a decision. */
function equal(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'string') return String(a) === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  return JSON.stringify(a) === JSON.stringify(b);
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...structuredClone(a) };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object' && !Array.isArray(prev) ? deepMerge(prev as Record<string, unknown>, v as Record<string, unknown>) : structuredClone(v);
  }
  return out;
}
