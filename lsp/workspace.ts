// Open documents and their analyses. One Program (the compiler's front end) reads files
// through a host that serves open editor buffers first and the disk otherwise, so a province
// file and its base are resolved together whether the base is open or not. Analyses are
// cached per document version; YAML is reparsed incrementally between versions.
import { statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Program, displayName, nodeHost, packageRoot, LineIndex, type CompileResult, type FileHost, type Reference, type RuleSetModel, type RuleFileAst } from '../compiler/index.js';
import { IncrementalYaml } from './incremental-yaml.js';

/** One file of a rule set's chain (the document itself or one of its bases). */
export interface SourceFile {
  /** Display name, as diagnostics and origins name it. */
  file: string;
  path: string;
  uri: string;
  ast: RuleFileAst;
  lines: LineIndex;
}

export interface Analysis {
  uri: string;
  version: number;
  path: string;
  text: string;
  result: CompileResult;
  /** The document's own syntax tree (undefined when the YAML could not be read at all). */
  ast?: RuleFileAst;
  lines: LineIndex;
  /** The merged rule set and its base (undefined when not built). */
  model?: RuleSetModel;
  base?: RuleSetModel;
  /** Every name use in conditions, in every file of the chain (file offsets). */
  references: readonly Reference[];
  /** The chain from the document itself down to the national rules. */
  files: SourceFile[];
  fileByName: Map<string, SourceFile>;
  /**
   * Every other file the compile read (bases, catalogue files, scope tables) and its text then
   * (null when unreadable): the analysis is stale when one of them reads differently.
   */
  inputs: ReadonlyMap<string, string | null>;
}

/** Paths as map keys: Windows drive letters come in either case (VS Code sends `c:`, Node resolves `C:`). */
const key = (path: string): string => (process.platform === 'win32' ? path.replace(/^[A-Z]:/, (d) => d.toLowerCase()) : path);

interface DiskEntry {
  mtimeMs: number;
  size: number;
  text: { text: string } | { error: string };
}

export class Workspace {
  readonly yaml = new IncrementalYaml();
  readonly program: Program;
  private readonly docs = new Map<string, TextDocument>();
  private readonly pathToUri = new Map<string, string>();
  private readonly disk = new Map<string, DiskEntry>();
  private readonly analyses = new Map<string, Analysis>();
  readonly nationalPath: string;
  /** The files read by the compile under way (analyze), with what they read. */
  private reads: Map<string, string | null> | undefined;

  constructor(readonly cwd: string = process.cwd()) {
    const host: FileHost = { read: (path) => this.read(path) };
    this.program = new Program(host, cwd, { parseYaml: this.yaml.parse });
    this.nationalPath = join(packageRoot(), 'rules', 'national', 'national.yaml');
  }

  // ------------------------------------------------------------------ documents

  open(doc: TextDocument): void {
    this.docs.set(doc.uri, doc);
    this.pathToUri.set(key(this.pathOf(doc.uri)), doc.uri);
  }

  close(uri: string): void {
    this.docs.delete(uri);
    this.analyses.delete(uri);
    const path = this.pathOf(uri);
    this.pathToUri.delete(key(path));
    this.yaml.forget(path);
  }

  document(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  openUris(): string[] {
    return [...this.docs.keys()];
  }

  /** Forgets what was read from disk (a watched file changed). */
  invalidateDisk(): void {
    this.disk.clear();
  }

  pathOf(uri: string): string {
    if (uri.startsWith('file:')) {
      try {
        return fileURLToPath(uri);
      } catch {
        /* fall through */
      }
    }
    return join(this.cwd, '.fenlei-untitled', encodeURIComponent(uri) + '.yaml');
  }

  uriOf(path: string): string {
    return this.pathToUri.get(key(path)) ?? pathToFileURL(path).href;
  }

  isBundledNational(path: string): boolean {
    return key(resolve(path)) === key(resolve(this.nationalPath));
  }

  private read(path: string): { text: string } | { error: string } {
    const got = this.readNow(path);
    this.reads?.set(path, 'text' in got ? got.text : null);
    return got;
  }

  private readNow(path: string): { text: string } | { error: string } {
    const uri = this.pathToUri.get(key(path));
    const doc = uri ? this.docs.get(uri) : undefined;
    if (doc) return { text: doc.getText() };
    let st: { mtimeMs: number; size: number } | undefined;
    try {
      st = statSync(path);
    } catch {
      st = undefined;
    }
    const cached = this.disk.get(path);
    if (cached && st && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached.text;
    const text = nodeHost.read(path);
    if (st) this.disk.set(path, { mtimeMs: st.mtimeMs, size: st.size, text });
    return text;
  }

  // ------------------------------------------------------------------ analysis

  /** The analysis of an open document at its current version (compiled on demand, cached). */
  analyze(uri: string): Analysis | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    const cached = this.analyses.get(uri);
    if (cached && cached.version === doc.version && this.inputsUnchanged(cached)) return cached;
    const path = this.pathOf(uri);
    // compileText, not compile: the Program's cache would hand back a result built on an
    // earlier text of an open base; this cache is per version and checks its inputs itself.
    const reads = (this.reads = new Map());
    let result: CompileResult;
    try {
      result = this.program.compileText(path, displayName(path, this.cwd), doc.getText());
    } finally {
      this.reads = undefined;
    }
    reads.delete(path);
    const analysis = this.build(uri, doc.version, path, doc.getText(), result, reads);
    this.analyses.set(uri, analysis);
    return analysis;
  }

  /**
   * The files an analysis was built on still read the same: an open base, catalogue file or
   * scope table may have been edited, or one changed on disk.
   */
  private inputsUnchanged(a: Analysis): boolean {
    const same = (path: string, text: string | null): boolean => {
      const now = this.read(path);
      return 'text' in now ? now.text === text : text === null;
    };
    return a.files.slice(1).every((f) => same(f.path, f.ast.text)) && [...a.inputs].every(([path, text]) => same(path, text));
  }

  /** The last analysis, whatever its version (for requests that may use a slightly stale model). */
  lastAnalysis(uri: string): Analysis | undefined {
    return this.analyses.get(uri);
  }

  private build(uri: string, version: number, path: string, text: string, result: CompileResult, inputs: ReadonlyMap<string, string | null>): Analysis {
    const files: SourceFile[] = [];
    for (let r: CompileResult | undefined = result; r; r = r.base) {
      if (!r.ast) break;
      files.push({ file: r.file, path: r.path, uri: r === result ? uri : this.uriOf(r.path), ast: r.ast, lines: r.ast.lines });
    }
    const model = result.linked?.model;
    return {
      uri,
      version,
      path,
      text,
      result,
      ast: result.ast,
      lines: result.ast?.lines ?? new LineIndex(text),
      model,
      base: model?.base ?? undefined,
      references: result.linked?.scope.references ?? [],
      files,
      fileByName: new Map(files.map((f) => [f.file, f])),
      inputs,
    };
  }

  /** Open documents built on `path` (a base, catalogue file or scope table; not the document at `path` itself). */
  dependents(path: string): string[] {
    const out: string[] = [];
    for (const uri of this.docs.keys()) {
      const a = this.analyses.get(uri);
      if (a && key(a.path) !== key(path) && (a.files.some((f) => key(f.path) === key(path)) || [...a.inputs.keys()].some((p) => key(p) === key(path)))) out.push(uri);
    }
    return out;
  }

  pathOfDisplay(file: string): string {
    return isAbsolute(file) ? file : resolve(this.cwd, file);
  }
}
