// Drives the real server process over stdio with a JSON-RPC client, as an editor does.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node.js';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const uriOf = (path: string): string => pathToFileURL(resolve(REPO, path)).href;

export interface Published {
  version?: number;
  diagnostics: Diagnostic[];
}

export class LspClient {
  readonly conn: ProtocolConnection;
  private readonly proc: ChildProcess;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  /** Every publishDiagnostics, in order, per document. */
  readonly published = new Map<string, Published[]>();
  private waiters: { uri: string; pred: (p: Published) => boolean; resolve: (p: Published) => void; reject: (e: Error) => void }[] = [];
  stderr = '';
  initResult?: InitializeResult;

  constructor(args: string[] = []) {
    this.proc = spawn(process.execPath, [resolve(REPO, 'bin/fenlei.js'), 'lsp', '--stdio', ...args], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.proc.on('exit', (code) => {
      for (const w of this.waiters) w.reject(new Error(`server exited (${String(code)}): ${this.stderr}`));
      this.waiters = [];
    });
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const entry: Published = { version: p.version, diagnostics: p.diagnostics };
      const list = this.published.get(p.uri) ?? [];
      list.push(entry);
      this.published.set(p.uri, list);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || !w.pred(entry)) return true;
        w.resolve(entry);
        return false;
      });
    });
    this.conn.onRequest('workspace/configuration', () => []);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.listen();
  }

  async initialize(initializationOptions: unknown = {}): Promise<InitializeResult> {
    this.initResult = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(REPO).href,
      capabilities: {
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, completion: { completionItem: { snippetSupport: true } } },
        workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
      },
      initializationOptions,
    });
    await this.conn.sendNotification('initialized', {});
    return this.initResult;
  }

  /** Opens a document; resolves with its first diagnostics. */
  open(uri: string, text: string): Promise<Published> {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    const p = this.nextDiagnostics(uri, 1);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'fenlei', version: 1, text } });
    return p;
  }

  /** Closes a document (its diagnostics are cleared and its background verification cancelled). */
  async closeDocument(uri: string): Promise<void> {
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The server process's exit code (null while it runs). */
  get exitCode(): number | null {
    return this.proc.exitCode;
  }

  text(uri: string): string {
    return this.texts.get(uri)!;
  }

  version(uri: string): number {
    return this.versions.get(uri)!;
  }

  /** Applies incremental changes (the client keeps its copy of the text in step); resolves when sent. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = this.versions.get(uri)! + 1;
    this.versions.set(uri, version);
    let text = this.texts.get(uri)!;
    for (const c of changes) {
      if ('range' in c) {
        const start = offsetAt(text, c.range.start);
        const end = offsetAt(text, c.range.end);
        text = text.slice(0, start) + c.text + text.slice(end);
      } else text = c.text;
    }
    this.texts.set(uri, text);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Replaces the first occurrence of `find` (after `from`, if given) with `by`, incrementally. */
  async replace(uri: string, find: string, by: string, from?: string): Promise<number> {
    const text = this.texts.get(uri)!;
    const start = text.indexOf(find, from ? text.indexOf(from) : 0);
    if (start < 0) throw new Error(`not found: ${find}`);
    return this.change(uri, [{ range: { start: positionAt(text, start), end: positionAt(text, start + find.length) }, text: by }]);
  }

  nextDiagnostics(uri: string, version?: number, pred: (p: Published) => boolean = () => true): Promise<Published> {
    return new Promise((resolve, reject) => this.waiters.push({ uri, pred: (p) => (version === undefined || p.version === version) && pred(p), resolve, reject }));
  }

  /** Resolves once the server's standard error satisfies `pred` (fails if the server exits first). */
  stderrUntil(pred: (stderr: string) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const look = () => {
        if (!pred(this.stderr)) return;
        this.proc.stderr!.off('data', look);
        this.proc.off('exit', gone);
        resolve();
      };
      const gone = (code: number | null) => reject(new Error(`server exited (${String(code)}): ${this.stderr}`));
      // Listeners run after the constructor's, which appends to this.stderr first.
      this.proc.stderr!.on('data', look);
      this.proc.once('exit', gone);
      look();
    });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  /** The position of the `nth` occurrence of `find` in the document (plus `delta` characters). */
  pos(uri: string, find: string, delta = 0, nth = 1): { line: number; character: number } {
    const text = this.texts.get(uri)!;
    let at = -1;
    for (let i = 0; i < nth; i++) {
      at = text.indexOf(find, at + 1);
      if (at < 0) throw new Error(`not found: ${find}`);
    }
    return positionAt(text, at + delta);
  }

  async close(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    await new Promise<void>((r) => {
      if (this.proc.exitCode !== null) return r();
      const t = setTimeout(() => {
        this.proc.kill();
        r();
      }, 2000);
      this.proc.on('exit', () => {
        clearTimeout(t);
        r();
      });
    });
    this.conn.dispose();
  }
}

export function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function offsetAt(text: string, p: { line: number; character: number }): number {
  let at = 0;
  for (let l = 0; l < p.line; l++) at = text.indexOf('\n', at) + 1;
  return at + p.character;
}

/** Applies LSP text edits to a text. */
export function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const withOffsets = edits.map((e) => ({ s: offsetAt(text, e.range.start), e: offsetAt(text, e.range.end), t: e.newText }));
  let out = text;
  for (const e of withOffsets.sort((a, b) => b.s - a.s)) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}
