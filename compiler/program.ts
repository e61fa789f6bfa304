// The one front end: parse → shape → normalise → link (merge onto the base) →
// national-minimum checks → IR. The CLI, the compiler and the language server all use it.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from './diagnostics/types.js';
import { Reporter, hasErrors } from './diagnostics/make.js';
import { LineIndex } from './source/line-index.js';
import { LIMITS, loadYaml, type ParseYaml } from './source/load-yaml.js';
import { readRegularFile } from './source/read-file.js';
import { checkShape } from './source/check-shape.js';
import { normalize } from './syntax/normalize.js';
import type { RuleFileAst } from './syntax/ast.js';
import { buildModel, type Linked } from './model/build.js';
import { runChecks } from './checks/index.js';
import { checkCatalogues } from './checks/catalogue.js';
import { readCatalogue, type ReadCatalogue } from './catalogue/read.js';
import { lower } from './ir/lower.js';
import { loadScopeTable } from './source/scope-table.js';
import type { RuleSetIR } from '../runtime/ir.js';

export interface FileHost {
  /** The file's text, or a reason it cannot be read (`INVALID_UTF8`, `NOT_REGULAR`, `TOO_LARGE` have codes of their own). */
  read(path: string): { text: string } | { error: string; size?: number };
}

/** A read error in words, for messages that quote the reason. */
export function readErrorText(read: { error: string; size?: number }): string {
  if (read.error === 'INVALID_UTF8') return '不是 UTF-8 编码';
  if (read.error === 'NOT_REGULAR') return '不是普通文件（设备、管道或目录）';
  if (read.error === 'TOO_LARGE') return `文件过大（${read.size ?? 0} 字节，上限 ${LIMITS.maxFileBytes} 字节）`;
  return read.error;
}

export const nodeHost: FileHost = {
  read(path) {
    const r = readRegularFile(path, LIMITS.maxFileBytes);
    if ('problem' in r) {
      if (r.problem === 'too-large') return { error: 'TOO_LARGE', size: r.size };
      if (r.problem === 'other') return { error: r.message };
      return { error: r.problem === 'not-found' ? '文件不存在' : 'NOT_REGULAR' };
    }
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(r.bytes) };
    } catch {
      return { error: 'INVALID_UTF8' };
    }
  },
};

/** The package root, found from this module whether it runs from source or dist. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'rules', 'national'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('fenlei package root not found');
}

export function nationalRulesPath(): string {
  return join(packageRoot(), 'rules', 'national', 'national.yaml');
}

/** `national` names the bundled national rules; anything else is a path. */
export function resolveRuleSpec(spec: string, from = process.cwd()): string {
  if (spec === 'national' || spec === '国家') return nationalRulesPath();
  return isAbsolute(spec) ? spec : resolve(from, spec);
}

export function displayName(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : path;
}

export interface CompileResult {
  path: string;
  file: string;
  ast?: RuleFileAst;
  linked?: Linked;
  ir?: RuleSetIR;
  base?: CompileResult;
  /** Diagnostics of this file and of its base files (as they bear on this rule set). */
  diagnostics: Diagnostic[];
  ok: boolean;
}

export interface ProgramOptions {
  /** Parses a file's YAML (default: the whole text with YAML_OPTIONS); the language server reparses incrementally. */
  parseYaml?: (path: string, text: string) => ReturnType<ParseYaml>;
}

export class Program {
  private readonly cache = new Map<string, { text: string; result: CompileResult }>();
  /** The text each result was compiled from: a base may have been recompiled since. */
  private readonly builtFrom = new WeakMap<CompileResult, string>();
  /** The other files each result read (scope table, catalogues) and what they held then: an edit to one makes it stale. */
  private readonly readAlong = new WeakMap<CompileResult, FileRead[]>();
  /** Catalogue files by path: each version is read once however many rule sets use it. */
  private readonly catalogueCache = new Map<string, { text: string; result: ReadCatalogue }>();

  constructor(
    private readonly host: FileHost = nodeHost,
    private readonly cwd = process.cwd(),
    private readonly options: ProgramOptions = {},
  ) {}

  compile(path: string, stack: string[] = []): CompileResult {
    const abs = resolveRuleSpec(path, this.cwd);
    const file = displayName(abs, this.cwd);
    const read = this.host.read(abs);
    if ('error' in read) {
      const r = new Reporter(file, new LineIndex(''));
      if (read.error === 'INVALID_UTF8') r.report('FL0010', {}, 0, 0);
      else if (read.error === 'NOT_REGULAR') r.report('FL0011', {}, 0, 0);
      else if (read.error === 'TOO_LARGE') r.report('FL0005', { size: read.size ?? 0, limit: LIMITS.maxFileBytes }, 0, 0);
      else r.report('FL0001', { reason: read.error }, 0, 0);
      return { path: abs, file, diagnostics: r.diagnostics, ok: false };
    }
    const cached = this.cache.get(abs);
    if (cached && cached.text === read.text && this.depsFresh(cached.result)) return cached.result;
    const result = this.compileText(abs, file, read.text, stack);
    this.cache.set(abs, { text: read.text, result });
    this.builtFrom.set(result, read.text);
    return result;
  }

  /**
   * The rule set with more catalogue files (`--catalogue`): the same rules, the catalogues
   * checked together and lowered again. Diagnostics of the files come back with the result.
   */
  withCatalogues(result: CompileResult, paths: readonly string[]): CompileResult {
    if (!result.linked || paths.length === 0) return result;
    const linked: Linked = { ...result.linked, model: { ...result.linked.model, catalogues: [...result.linked.model.catalogues] } };
    const own = new Reporter('(--catalogue)', new LineIndex(''));
    const extra = this.addCatalogues(linked, paths.map((p) => ({ path: resolve(this.cwd, p), ref: p })), own);
    const diagnostics = dedupe([...result.diagnostics, ...own.diagnostics, ...extra]);
    const ok = !hasErrors(diagnostics);
    return { ...result, linked, diagnostics, ok, ir: ok ? lower(linked) : undefined };
  }

  /** Reads the catalogue files into the model; their diagnostics, and those of the catalogues together. */
  private addCatalogues(linked: Linked, refs: readonly CatalogueRef[], own: Reporter, along: FileRead[] = []): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const ref of refs) {
      const file = displayName(ref.path, this.cwd);
      const read = this.readTracked(ref.path, along);
      if ('error' in read) {
        const reason = readErrorText(read);
        if (ref.at) own.report('FL2040', { path: ref.ref, reason }, ref.at.start, ref.at.end);
        else out.push(new Reporter(file, new LineIndex('')).report('FL2040', { path: ref.ref, reason }, 0, 0));
        continue;
      }
      let cached = this.catalogueCache.get(ref.path);
      if (!cached || cached.text !== read.text) this.catalogueCache.set(ref.path, (cached = { text: read.text, result: readCatalogue(file, read.text) }));
      out.push(...cached.result.diagnostics);
      const model = cached.result.model;
      if (model && !linked.model.catalogues.includes(model)) linked.model.catalogues.push(model);
    }
    if (refs.length) out.push(...checkCatalogues(linked.model.catalogues));
    return out;
  }

  private fresh(r: CompileResult): boolean {
    const read = this.host.read(r.path);
    return 'text' in read && this.builtFrom.get(r) === read.text && this.depsFresh(r);
  }

  /** The files a result read along (scope table, catalogues) and its bases are unchanged. */
  private depsFresh(r: CompileResult): boolean {
    if (!(this.readAlong.get(r) ?? []).every((f) => readText(this.host.read(f.path)) === f.text)) return false;
    return !r.base || this.fresh(r.base);
  }

  /** Reads a file a rule set depends on, noting what it held. */
  private readTracked(path: string, along: FileRead[]): ReturnType<FileHost['read']> {
    const read = this.host.read(path);
    along.push({ path, text: readText(read) });
    return read;
  }

  /** Compiles text that may not be on disk (an editor buffer). */
  compileText(abs: string, file: string, text: string, stack: string[] = []): CompileResult {
    const along: FileRead[] = [];
    const result = this.compileTextReading(abs, file, text, stack, along);
    this.readAlong.set(result, along);
    return result;
  }

  private compileTextReading(abs: string, file: string, text: string, stack: string[], along: FileRead[]): CompileResult {
    const lines = new LineIndex(text);
    const reporters = new Map<string, Reporter>();
    const own = new Reporter(file, lines);
    reporters.set(file, own);
    const parseYaml = this.options.parseYaml;
    const doc = parseYaml ? loadYaml(text, own, (t) => parseYaml(abs, t)) : loadYaml(text, own);
    if (!doc) return { path: abs, file, diagnostics: own.diagnostics, ok: false };
    if (checkShape(doc, own) === 'fatal') return { path: abs, file, diagnostics: own.diagnostics, ok: false };
    const ast = normalize(doc, file, text, own);
    if (ast.scope?.table) {
      const loaded = loadScopeTable(ast.scope.table, abs, (p) => this.readTracked(p, along), own);
      if (loaded) ast.scope.loaded = loaded;
    }

    let base: CompileResult | undefined;
    const baseSpec = ast.meta?.base;
    if (baseSpec) {
      const basePath = resolveRuleSpec(baseSpec.value, dirname(abs));
      if (stack.includes(basePath) || basePath === abs || stack.length > 8) {
        own.report('FL2014', { base: baseSpec.value }, baseSpec.loc.start, baseSpec.loc.end);
      } else {
        base = this.compile(basePath, [...stack, abs]);
        if (!base.linked) own.report('FL2014', { base: baseSpec.value }, baseSpec.loc.start, baseSpec.loc.end);
      }
    }
    const baseModel = base?.linked?.model ?? null;
    for (const f of baseModel?.files ?? []) if (!reporters.has(f.file)) reporters.set(f.file, new Reporter(f.file, f.lines));
    const reporterFor = (f: string) => reporters.get(f) ?? own;
    const linked = buildModel(ast, baseModel, reporterFor);
    const catalogueDiagnostics = this.addCatalogues(linked, (ast.catalogues ?? []).map((ref) => ({ path: resolve(dirname(abs), ref.value), ref: ref.value, at: ref.loc })), own, along);
    if (baseModel) runChecks(linked.model, baseModel, own);

    const diagnostics = dedupe([...(base?.diagnostics ?? []), ...[...reporters.values()].flatMap((r) => r.diagnostics), ...catalogueDiagnostics]);
    const ok = !hasErrors(diagnostics);
    const ir = ok ? lower(linked) : undefined;
    return { path: abs, file, ast, linked, ir, base, diagnostics, ok };
  }
}

/** A file read along with a rule file, and its text then (undefined: it could not be read). */
interface FileRead {
  path: string;
  text: string | undefined;
}

function readText(read: ReturnType<FileHost['read']>): string | undefined {
  return 'text' in read ? read.text : undefined;
}

/** A reference to a catalogue file: from a rule file's 产品目录 (with its place) or from `--catalogue`. */
export interface CatalogueRef {
  path: string;
  /** As written, for messages. */
  ref: string;
  at?: { start: number; end: number };
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.file}\u0000${d.code}\u0000${d.range.start.offset}\u0000${d.range.end.offset}\u0000${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
