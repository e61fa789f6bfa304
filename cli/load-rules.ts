// Compiles the rule set a command names and prints its diagnostics to standard error.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Program, formatDiagnostic, loadEvaluator, resolveRuleSpec, type CompileResult } from '../compiler/index.js';
import { UsageError } from './args.js';
import { versionedEvaluator, versionText, type Evaluator } from '../runtime/index.js';
import { stderr } from './io/std.js';

export interface Loaded {
  /** The rule set (with several versions: the latest). */
  result: CompileResult;
  evaluator?: Evaluator;
  /** Each version's compile result by its evaluator (one entry for a single file). */
  versions?: Map<Evaluator, CompileResult>;
}

/** The rule set, with the catalogue files given on the command line (`--catalogue`, 第二十条) added. */
export function loadRules(spec: string, program = new Program(), quiet = false, catalogues: readonly string[] = []): Loaded {
  const result = program.withCatalogues(program.compile(spec), catalogues);
  for (const d of result.diagnostics) {
    if (!quiet || d.severity === 'error') stderr().write(formatDiagnostic(d) + '\n');
  }
  if (!result.ok || !result.ir) return { result };
  const evaluator = loadEvaluator(result.ir);
  return { result, evaluator, versions: new Map([[evaluator, result]]) };
}

const isDirectory = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * The rule files of a folder of versions: its own .yaml files, not tests (*.test.yaml) and not
 * catalogue files (a top-level 产品 list); sub-folders (tests/, catalogues/) are not read.
 */
export function versionFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f) && !/\.test\.ya?ml$/i.test(f))
    .map((f) => join(dir, f))
    .filter((f) => !isDirectory(f) && !/^(产品|products)\s*:/m.test(readFileSync(f, 'utf8')))
    .sort();
}

/**
 * One rule file as today, or the versions of one province (D10): a folder of them, or several
 * files. Each record is then decided by the version in force on its inspection date.
 */
export function loadVersions(specs: readonly string[], program = new Program(), quiet = false, catalogues: readonly string[] = []): Loaded {
  const files = specs.flatMap((s) => (isDirectory(resolveRuleSpec(s)) ? versionFiles(resolveRuleSpec(s)) : [s]));
  if (specs.length === 1 && files.length === 1 && files[0] === specs[0]) return loadRules(specs[0]!, program, quiet, catalogues);
  if (files.length === 0) throw new UsageError(`文件夹 ${specs.join('、')} 中没有规则文件 / no rule files in the folder`);
  const loaded = files.map((f) => loadRules(f, program, quiet, catalogues));
  const failed = loaded.find((l) => !l.evaluator);
  if (failed) return { result: failed.result };
  const versions = new Map(loaded.map((l) => [l.evaluator!, l.result]));
  const evs = [...versions.keys()];
  const regions = [...new Set(evs.map((e) => e.ir.meta.region))];
  if (regions.length > 1) throw new UsageError(`同时给出的规则应是同一地区的不同版本，这里有：${regions.join('、')} / the rule files must be versions of one region`);
  const seen = new Map<string, string>();
  for (const [ev, r] of versions) {
    const other = seen.get(ev.ir.meta.version);
    if (other) throw new UsageError(`${other} 和 ${r.file} 的版本号都是“${ev.ir.meta.version}” / two files have the same version`);
    seen.set(ev.ir.meta.version, r.file);
  }
  const evaluator = versionedEvaluator(evs);
  const latest = versions.get(evaluator.versions[evaluator.versions.length - 1]!)!;
  if (!quiet) stderr().write(`规则版本 Versions：${evaluator.versions.map(versionText).join('、')}；按检查日期选用施行中的版本。\n`);
  return { result: latest, evaluator, versions };
}

export function summary(result: CompileResult): string {
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  return `${errors} 个错误，${warnings} 个警告`;
}
