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

/** What the handlers share: the workspace and the verifier's scheduler (both replaced at initialize) and the verifier's last diagnostics per document. */
interface ServerState {
  ws: Workspace;
  scheduler: VerifyScheduler;
  verified: Map<string, { version: number; diagnostics: Diagnostic[] }>;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const state: ServerState = { ws: new Workspace(), scheduler: new VerifyScheduler(undefined, 0, () => undefined, () => undefined), verified: new Map() };
  const checks = new DiagnosticsLoop(connection, state);
  connection.onInitialize((params) => initialize(params, state, checks));
  followDocuments(connection, documents, state, checks);
  answerRequests(connection, state);
  /** Counters for tests and the benchmark: how YAML was parsed and how the verifier ran. */
  connection.onRequest('fenlei/stats', () => ({ yaml: { ...state.ws.yaml.stats }, verifier: { ...state.scheduler.stats, enabled: state.scheduler.enabled } }));
  connection.onShutdown(() => state.scheduler.dispose());
  documents.listen(connection);
  connection.listen();
}

/**
 * The diagnostics of open documents: the front end's at once after an edit (gathered, so a burst
 * of edits is checked once), the verifier's when its run for that version ends.
 */
class DiagnosticsLoop {
  private readonly pending = new Set<string>();
  private flushing = false;
  /** When each document was last edited (the verifier's delay counts from then). */
  private readonly editedAt = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly state: ServerState,
  ) {}

  publish(uri: string): void {
    const { ws, verified } = this.state;
    const a = ws.analyze(uri);
    if (!a) return;
    const v = verified.get(uri);
    const extra = v && v.version === a.version ? v.diagnostics : [];
    void this.connection.sendDiagnostics({ uri, version: a.version, diagnostics: publishable(ws, a, extra) });
  }

  /** A document changed: it and the documents built on it are checked again once the current burst of messages is read. */
  schedule(uri: string): void {
    this.editedAt.set(uri, performance.now());
    this.pending.add(uri);
    if (!this.flushing) {
      this.flushing = true;
      setImmediate(() => this.flush());
    }
  }

  /** A document closed: nothing of it is kept, its diagnostics are cleared. */
  forget(uri: string): void {
    this.state.scheduler.cancel(uri);
    this.state.verified.delete(uri);
    this.editedAt.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private validate(uri: string, at = this.editedAt.get(uri)): void {
    const a = this.state.ws.analyze(uri);
    if (!a) return;
    this.state.verified.delete(uri);
    this.publish(uri);
    this.state.scheduler.schedule(uri, a.version, at);
  }

  /** Validates the changed documents (once each, however many edits arrived) and those built on them. */
  private flush(): void {
    const { ws } = this.state;
    this.flushing = false;
    const uris = [...this.pending];
    this.pending.clear();
    const done = new Set<string>();
    for (const uri of uris) {
      if (!ws.document(uri) || done.has(uri)) continue;
      this.validate(uri);
      done.add(uri);
      for (const dep of ws.dependents(ws.pathOf(uri))) {
        if (done.has(dep)) continue;
        this.validate(dep, this.editedAt.get(uri));
        done.add(dep);
      }
    }
  }
}

/** The workspace folder, the verifier the client asked for (or none), and what the server can do. */
async function initialize(params: InitializeParams, state: ServerState, checks: DiagnosticsLoop): Promise<InitializeResult> {
  const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
  let cwd = process.cwd();
  if (root?.startsWith('file:')) cwd = fileURLToPath(root);
  state.ws = new Workspace(cwd);
  const opts = (params.initializationOptions ?? {}) as FenleiInitOptions;
  let verifier: Verifier | undefined;
  if (opts.verifier?.enabled !== false) verifier = await loadVerifier(cwd, opts.verifier?.module, opts.verifier?.thread, opts.verifier?.timeLimitMs);
  state.scheduler = new VerifyScheduler(
    verifier,
    opts.verifier?.delayMs ?? 60,
    (uri, version, diagnostics) => {
      state.verified.set(uri, { version, diagnostics });
      checks.publish(uri);
    },
    (uri) => {
      const doc = state.ws.document(uri);
      const a = doc ? state.ws.lastAnalysis(uri) : undefined;
      return a && doc && a.version === doc.version ? { uri, version: a.version, result: a.result } : undefined;
    },
  );
  return {
    capabilities: SERVER_CAPABILITIES,
    serverInfo: { name: 'fenlei', version: VERSION },
  };
}

/** Opened, edited and closed documents, and files changed on disk, start a new check. */
function followDocuments(connection: Connection, documents: TextDocuments<TextDocument>, state: ServerState, checks: DiagnosticsLoop): void {
  documents.onDidChangeContent((e) => {
    state.ws.open(e.document);
    checks.schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    const deps = state.ws.dependents(state.ws.pathOf(e.document.uri));
    checks.forget(e.document.uri);
    state.ws.close(e.document.uri);
    for (const d of deps) checks.schedule(d);
  });
  connection.onDidChangeWatchedFiles(() => {
    state.ws.invalidateDisk();
    for (const uri of state.ws.openUris()) checks.schedule(uri);
  });
}

/** The editor's requests, each answered by its feature in lsp/features over the document's last analysis. */
function answerRequests(connection: Connection, state: ServerState): void {
  const analysis = (uri: string) => state.ws.analyze(uri);
  const others = () => state.ws.openUris().flatMap((u) => state.ws.analyze(u) ?? []);

  connection.onCompletion((p) => {
    const doc = state.ws.document(p.textDocument.uri);
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
    return a ? prepareRename(state.ws, a, p.position) : null;
  });
  connection.onRenameRequest((p) => {
    const a = analysis(p.textDocument.uri);
    return a ? rename(state.ws, a, p.position, p.newName, others()) : null;
  });
  connection.onDocumentSymbol((p) => {
    const a = analysis(p.textDocument.uri);
    return a?.ast ? documentSymbols(a.ast) : [];
  });
  connection.onFoldingRanges((p) => {
    const doc = state.ws.document(p.textDocument.uri);
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
    const doc = state.ws.document(p.textDocument.uri);
    if (!doc) return [];
    const before = doc.getText();
    const after = await formatText(before, { tabSize: p.options.tabSize });
    return after === undefined ? [] : minimalEdit(before, after);
  });
  connection.onCodeAction((p) => {
    const a = analysis(p.textDocument.uri);
    if (!a) return [];
    const v = state.verified.get(a.uri);
    return codeActions(state.ws, a, p.range, v && v.version === a.version ? v.diagnostics : [], p.context.only);
  });
}
