// The fenlei language server: thin registration of the features in lsp/features over one
// Workspace (documents + the compiler's Program). Started by `fenlei lsp --stdio`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { packageRoot, type Diagnostic } from '../compiler/index.js';
import { Workspace } from './workspace.js';
import { VerifyScheduler, loadVerifier, type Verifier } from './verifier.js';
import { publishable } from './features/diagnostics.js';
import { complete, resolveCompletion } from './features/completion.js';
import { hover } from './features/hover.js';
import { definition, prepareRename, references, rename } from './features/navigation.js';
import { documentSymbols, foldingRanges } from './features/outline.js';
import { semanticTokens } from './features/semantic-tokens.js';
import { inlayHints } from './features/inlay-hints.js';
import { formatText, minimalEdit } from './features/formatting.js';
import { codeActions } from './features/code-actions.js';
import { SERVER_CAPABILITIES } from './capabilities.js';

/** Settings a client may pass as `initializationOptions` (all optional). */
export interface FenleiInitOptions {
  verifier?: {
    /** false turns the background verifier off. */
    enabled?: boolean;
    /** A module exporting verify() and verificationDiagnostics() (default: the compiler's). */
    module?: string;
    /** Debounce after the last edit, in milliseconds (default 60). */
    delayMs?: number;
    /** 'worker' (default): on its own thread; 'main': on the server's thread. */
    thread?: 'worker' | 'main';
    /** Time a run may take before it answers "unknown" (default 5000 ms). */
    timeLimitMs?: number;
  };
}

const VERSION = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let ws = new Workspace();
  let scheduler = new VerifyScheduler(undefined, 0, () => undefined, () => undefined);
  const verified = new Map<string, { version: number; diagnostics: Diagnostic[] }>();
  const pending = new Set<string>();
  let flushing = false;

  const publish = (uri: string): void => {
    const a = ws.analyze(uri);
    if (!a) return;
    const v = verified.get(uri);
    const extra = v && v.version === a.version ? v.diagnostics : [];
    void connection.sendDiagnostics({ uri, version: a.version, diagnostics: publishable(ws, a, extra) });
  };

  /** When each document was last edited (the verifier's delay counts from then). */
  const editedAt = new Map<string, number>();
  const validate = (uri: string, at = editedAt.get(uri)): void => {
    const a = ws.analyze(uri);
    if (!a) return;
    verified.delete(uri);
    publish(uri);
    scheduler.schedule(uri, a.version, at);
  };

  /** Validates the changed documents (once each, however many edits arrived) and those built on them. */
  const flush = (): void => {
    flushing = false;
    const uris = [...pending];
    pending.clear();
    const done = new Set<string>();
    for (const uri of uris) {
      if (!ws.document(uri) || done.has(uri)) continue;
      validate(uri);
      done.add(uri);
      for (const dep of ws.dependents(ws.pathOf(uri))) {
        if (done.has(dep)) continue;
        validate(dep, editedAt.get(uri));
        done.add(dep);
      }
    }
  };
  const schedule = (uri: string): void => {
    editedAt.set(uri, performance.now());
    pending.add(uri);
    if (!flushing) {
      flushing = true;
      setImmediate(flush);
    }
  };

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    let cwd = process.cwd();
    if (root?.startsWith('file:')) cwd = fileURLToPath(root);
    ws = new Workspace(cwd);
    const opts = (params.initializationOptions ?? {}) as FenleiInitOptions;
    let verifier: Verifier | undefined;
    if (opts.verifier?.enabled !== false) verifier = await loadVerifier(cwd, opts.verifier?.module, opts.verifier?.thread, opts.verifier?.timeLimitMs);
    scheduler = new VerifyScheduler(
      verifier,
      opts.verifier?.delayMs ?? 60,
      (uri, version, diagnostics) => {
        verified.set(uri, { version, diagnostics });
        publish(uri);
      },
      (uri) => {
        const doc = ws.document(uri);
        const a = doc ? ws.lastAnalysis(uri) : undefined;
        return a && doc && a.version === doc.version ? { uri, version: a.version, result: a.result } : undefined;
      },
    );
    return {
      capabilities: SERVER_CAPABILITIES,
      serverInfo: { name: 'fenlei', version: VERSION },
    };
  });

  documents.onDidChangeContent((e) => {
    ws.open(e.document);
    schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    const path = ws.pathOf(e.document.uri);
    const deps = ws.dependents(path);
    scheduler.cancel(e.document.uri);
    verified.delete(e.document.uri);
    editedAt.delete(e.document.uri);
    ws.close(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    for (const d of deps) schedule(d);
  });
  connection.onDidChangeWatchedFiles(() => {
    ws.invalidateDisk();
    for (const uri of ws.openUris()) schedule(uri);
  });

  const analysis = (uri: string) => ws.analyze(uri);
  const others = () => ws.openUris().flatMap((u) => ws.analyze(u) ?? []);

  connection.onCompletion((p) => {
    const doc = ws.document(p.textDocument.uri);
    return doc ? complete(analysis(p.textDocument.uri), doc.getText(), p.position) : null;
  });
  connection.onCompletionResolve(resolveCompletion);
  connection.onHover((p) => {
    const a = analysis(p.textDocument.uri);
    return a ? hover(a, p.position) : null;
  });
  connection.onDefinition((p) => {
    const a = analysis(p.textDocument.uri);
    return a ? definition(a, p.position) : [];
  });
  connection.onReferences((p) => {
    const a = analysis(p.textDocument.uri);
    return a ? references(a, p.position, p.context.includeDeclaration, others()) : [];
  });
  connection.onPrepareRename((p) => {
    const a = analysis(p.textDocument.uri);
    return a ? prepareRename(ws, a, p.position) : null;
  });
  connection.onRenameRequest((p) => {
    const a = analysis(p.textDocument.uri);
    return a ? rename(ws, a, p.position, p.newName, others()) : null;
  });
  connection.onDocumentSymbol((p) => {
    const a = analysis(p.textDocument.uri);
    return a?.ast ? documentSymbols(a.ast) : [];
  });
  connection.onFoldingRanges((p) => {
    const doc = ws.document(p.textDocument.uri);
    return doc ? foldingRanges(doc.getText()) : [];
  });
  connection.languages.semanticTokens.on((p) => {
    const a = analysis(p.textDocument.uri);
    return a ? semanticTokens(a) : { data: [] };
  });
  connection.languages.inlayHint.on((p) => {
    const a = analysis(p.textDocument.uri);
    return a ? inlayHints(a, p.range) : [];
  });
  connection.onDocumentFormatting(async (p) => {
    const doc = ws.document(p.textDocument.uri);
    if (!doc) return [];
    const before = doc.getText();
    const after = await formatText(before, { tabSize: p.options.tabSize });
    return after === undefined ? [] : minimalEdit(before, after);
  });
  connection.onCodeAction((p) => {
    const a = analysis(p.textDocument.uri);
    if (!a) return [];
    const v = verified.get(a.uri);
    return codeActions(ws, a, p.range, v && v.version === a.version ? v.diagnostics : [], p.context.only);
  });
  /** Counters for tests and the benchmark: how YAML was parsed and how the verifier ran. */
  connection.onRequest('fenlei/stats', () => ({ yaml: { ...ws.yaml.stats }, verifier: { ...scheduler.stats, enabled: scheduler.enabled } }));
  connection.onShutdown(() => scheduler.dispose());

  documents.listen(connection);
  connection.listen();
}
