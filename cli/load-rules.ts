// Compiles the rule set a command names and prints its diagnostics to standard error.
import { Program, formatDiagnostic, loadEvaluator, type CompileResult } from '../compiler/index.js';
import type { Evaluator } from '../runtime/index.js';

export interface Loaded {
  result: CompileResult;
  evaluator?: Evaluator;
}

/** The rule set, with the catalogue files given on the command line (`--catalogue`, 第二十条) added. */
export function loadRules(spec: string, program = new Program(), quiet = false, catalogues: readonly string[] = []): Loaded {
  const result = program.withCatalogues(program.compile(spec), catalogues);
  for (const d of result.diagnostics) {
    if (!quiet || d.severity === 'error') process.stderr.write(formatDiagnostic(d) + '\n');
  }
  if (!result.ok || !result.ir) return { result };
  return { result, evaluator: loadEvaluator(result.ir) };
}

export function summary(result: CompileResult): string {
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  return `${errors} 个错误，${warnings} 个警告`;
}
