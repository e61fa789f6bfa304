// The verifier (never weaker than the national rules) runs in the background: debounced after each edit, cancelled by the
// next one, and its diagnostics published together with the front end's. The server only
// sees the small `Verifier` interface: by default the compiler's verifier
// (`verify(province, national, options)` and `verificationDiagnostics(result)`), or any module
// with the same two exports named in the initialisation options (the tests use a stand-in).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot, verify as compilerVerify, verificationDiagnostics as compilerDiagnostics, type CompileResult, type Diagnostic, type SearchCache } from '../compiler/index.js';
import type { WorkerData, WorkerFiles, WorkerRequest, WorkerResponse } from './verify-worker.js';

export interface VerifyRequest {
  uri: string;
  version: number;
  result: CompileResult;
}

export interface Verifier {
  /** The verifier's diagnostics for one analysed document; should stop early when `signal` aborts. */
  verify(request: VerifyRequest, signal: AbortSignal): Promise<Diagnostic[]>;
  /** Called at once after an edit, before the debounce: work that does not depend on it may start. */
  prepare?(request: VerifyRequest): void;
  dispose?(): void;
}

export interface VerifierModule {
  verify(province: CompileResult, national: CompileResult, options: { signal?: AbortSignal; cancelled?: () => boolean; timeLimitMs?: number; cache?: SearchCache }): unknown;
  verificationDiagnostics(result: never): Diagnostic[];
}

/** Time a run may take before the verifier answers "unknown". */
export const VERIFY_TIME_LIMIT_MS = 5000;

const COMPILER: VerifierModule = {
  verify: (province, national, options) => compilerVerify(province, national, { timeLimitMs: options.timeLimitMs ?? VERIFY_TIME_LIMIT_MS, cancelled: options.cancelled, cache: options.cache }),
  verificationDiagnostics: compilerDiagnostics as VerifierModule['verificationDiagnostics'],
};

/** The compiler's verifier, or the module at `modulePath` (undefined when it cannot be loaded). */
export async function loadModule(modulePath?: string): Promise<VerifierModule | undefined> {
  if (!modulePath) return COMPILER;
  try {
    const mod = (await import(pathToFileURL(modulePath).href)) as Partial<VerifierModule>;
    return typeof mod.verify === 'function' && typeof mod.verificationDiagnostics === 'function' ? (mod as VerifierModule) : undefined;
  } catch {
    return undefined;
  }
}

/** The files of a compiled rule set's chain with the texts it was compiled from. */
function chainFiles(result: CompileResult): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (let r: CompileResult | undefined = result; r; r = r.base) if (r.ast) out.push({ path: r.path, text: r.ast.text });
  return out;
}

/** How long a cancelled run may take to stop before its thread is ended instead. */
const STOP_MS = 2000;

/** Beyond twice the time limit, a run that has not answered is stopped (see verify()). */
const WATCHDOG_SLACK_MS = 10_000;

/**
 * The verifier on its own thread (lsp/verify-worker.ts), kept warm: one run at a time; cancelling
 * a run sets a flag shared with the thread, which the search polls, so the thread stops within
 * milliseconds and keeps what it compiled. A run that does not stop in STOP_MS ends the thread,
 * and the next run starts a new one.
 */
export class WorkerVerifier implements Verifier {
  private worker: { thread: Worker; cancelled: Int32Array } | undefined;
  private nextId = 1;
  /** Runs posted and not answered, with the thread each is on and its request (to move it to a new thread). */
  private readonly waiting = new Map<number, { worker: { thread: Worker; cancelled: Int32Array }; request: WorkerRequest; resolve: (d: Diagnostic[]) => void; reject: (e: Error) => void }>();
  private readonly stopping = new Map<number, NodeJS.Timeout>();

  constructor(
    private readonly script: string,
    private readonly cwd: string,
    private readonly module?: string,
    private readonly timeLimitMs = VERIFY_TIME_LIMIT_MS,
  ) {}

  private start(): { thread: Worker; cancelled: Int32Array } {
    const shared = new SharedArrayBuffer(4);
    const w = new Worker(this.script, { workerData: { cancelled: shared } satisfies WorkerData });
    w.on('message', (m: WorkerResponse) => {
      const t = this.stopping.get(m.id);
      if (t) clearTimeout(t);
      this.stopping.delete(m.id);
      const p = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (!p) return;
      if ('error' in m) p.reject(new Error(m.error));
      else if ('cancelled' in m) p.resolve([]);
      else p.resolve(m.diagnostics);
    });
    // A thread that ends fails only the runs it had (an ended, cancelled thread has none left).
    const fail = (e: Error): void => {
      if (this.worker?.thread === w) this.worker = undefined;
      for (const [id, p] of this.waiting) {
        if (p.worker.thread !== w) continue;
        this.waiting.delete(id);
        p.reject(e);
      }
    };
    w.on('error', fail);
    w.on('exit', () => fail(new Error('verifier thread ended')));
    w.unref();
    return { thread: w, cancelled: new Int32Array(shared) };
  }

  private files(req: VerifyRequest): WorkerFiles {
    return { cwd: this.cwd, path: req.result.path, files: chainFiles(req.result) };
  }

  prepare(req: VerifyRequest): void {
    // While a run is still going or stopping, compiles would queue up behind it: the run's own compile suffices.
    if (!req.result.base || !req.result.ok || this.waiting.size || this.stopping.size) return;
    this.worker ??= this.start();
    this.worker.thread.postMessage({ kind: 'compile', ...this.files(req) } satisfies WorkerRequest);
  }

  verify(req: VerifyRequest, signal: AbortSignal): Promise<Diagnostic[]> {
    if (!req.result.base) return Promise.resolve([]);
    this.worker ??= this.start();
    const id = this.nextId++;
    const request: WorkerRequest = { kind: 'verify', id, module: this.module, timeLimitMs: this.timeLimitMs, ...this.files(req) };
    return new Promise<Diagnostic[]>((resolve, reject) => {
      // The verifier ends itself at its time limit; a module that does not is stopped here (with
      // room for starting the thread and compiling), so that no run holds a core for long.
      const watchdog = setTimeout(() => {
        const p = this.waiting.get(id);
        if (!p) return;
        this.waiting.delete(id);
        if (this.worker === p.worker) this.worker = undefined;
        void p.worker.thread.terminate();
        resolve([]);
      }, 2 * this.timeLimitMs + WATCHDOG_SLACK_MS).unref();
      this.waiting.set(id, {
        worker: this.worker!,
        request,
        resolve: (d) => (clearTimeout(watchdog), resolve(d)),
        reject: (e) => (clearTimeout(watchdog), reject(e)),
      });
      signal.addEventListener('abort', () => {
        const p = this.waiting.get(id);
        if (!p) return;
        this.waiting.delete(id);
        clearTimeout(watchdog);
        const w = p.worker;
        Atomics.store(w.cancelled, 0, Math.max(Atomics.load(w.cancelled, 0), id));
        w.thread.postMessage({ kind: 'cancel', id } satisfies WorkerRequest);
        this.stopping.set(id, setTimeout(() => this.endStuck(id, w), STOP_MS).unref());
        resolve([]);
      });
      this.worker!.thread.postMessage(request);
    });
  }

  /**
   * A cancelled run that did not stop in STOP_MS (a long compile cannot be interrupted): its
   * thread is ended. Runs posted to that thread after it are not lost: they move to a new thread.
   */
  private endStuck(id: number, w: { thread: Worker; cancelled: Int32Array }): void {
    this.stopping.delete(id);
    if (this.worker === w) this.worker = undefined;
    const queued = [...this.waiting.values()].filter((p) => p.worker === w);
    void w.thread.terminate();
    if (!queued.length) return;
    this.worker ??= this.start();
    for (const p of queued) {
      p.worker = this.worker;
      this.worker.thread.postMessage(p.request);
    }
  }

  dispose(): void {
    for (const t of this.stopping.values()) clearTimeout(t);
    this.stopping.clear();
    void this.worker?.thread.terminate();
    this.worker = undefined;
  }
}

/**
 * The worker script: the package's bundle (dist/verify-worker.mjs, one file, quick to start), else the
 * unbundled build's or the VS Code extension's (dist/lsp/verify-worker.js).
 */
function workerScript(): string | undefined {
  try {
    const root = packageRoot();
    return [join(root, 'dist', 'verify-worker.mjs'), join(root, 'dist', 'lsp', 'verify-worker.js')].find((p) => existsSync(p));
  } catch {
    return undefined;
  }
}

/**
 * The verifier: on its own thread when the worker script is built, else on the server's thread.
 * Undefined when the module named cannot be loaded.
 */
export async function loadVerifier(cwd: string, modulePath?: string, thread: 'worker' | 'main' = 'worker', timeLimitMs = VERIFY_TIME_LIMIT_MS): Promise<Verifier | undefined> {
  const mod = await loadModule(modulePath);
  if (!mod) return undefined;
  const script = thread === 'worker' ? workerScript() : undefined;
  if (script) return new WorkerVerifier(script, cwd, modulePath, timeLimitMs);
  const cache: SearchCache = {};
  return {
    async verify(req, signal) {
      // The rule set is compared with the root of its chain: the national rules.
      let national = req.result;
      while (national.base) national = national.base;
      if (national === req.result || !req.result.ok) return [];
      // Let pending messages (the next edit) through first: it may cancel this run.
      await new Promise((resolve) => setImmediate(resolve));
      if (signal.aborted) return [];
      const result = await mod.verify(req.result, national, { signal, cancelled: () => signal.aborted, timeLimitMs, cache });
      if (signal.aborted) return [];
      return mod.verificationDiagnostics(result as never);
    },
  };
}

interface Pending {
  version: number;
  timer?: NodeJS.Timeout;
  controller: AbortController;
}

/**
 * One background verification per document at a time: `schedule` (after an edit) cancels the
 * pending or running one and starts a new one after `delayMs`; results of a cancelled run are
 * dropped, so only the latest version's are ever published.
 */
export class VerifyScheduler {
  private readonly pending = new Map<string, Pending>();
  /** Runs started and runs whose results were published (for tests and the benchmark). */
  readonly stats = { started: 0, published: 0, cancelled: 0 };

  constructor(
    private readonly verifier: Verifier | undefined,
    private readonly delayMs: number,
    private readonly publish: (uri: string, version: number, diagnostics: Diagnostic[]) => void,
    private readonly current: (uri: string) => VerifyRequest | undefined,
  ) {}

  get enabled(): boolean {
    return this.verifier !== undefined;
  }

  /** `editedAt` (performance.now()): the delay counts from the edit, not from the end of its analysis. */
  schedule(uri: string, version: number, editedAt = performance.now()): void {
    if (!this.verifier) return;
    this.cancel(uri);
    const controller = new AbortController();
    const p: Pending = { version, controller };
    const req = this.current(uri);
    if (req && req.version === version) this.verifier.prepare?.(req);
    p.timer = setTimeout(() => void this.run(uri, p), Math.max(0, this.delayMs - (performance.now() - editedAt)));
    this.pending.set(uri, p);
  }

  cancel(uri: string): void {
    const p = this.pending.get(uri);
    if (!p) return;
    if (p.timer) clearTimeout(p.timer);
    if (!p.controller.signal.aborted) {
      p.controller.abort();
      this.stats.cancelled++;
    }
    this.pending.delete(uri);
  }

  private async run(uri: string, p: Pending): Promise<void> {
    p.timer = undefined;
    const req = this.current(uri);
    if (!req || req.version !== p.version || p.controller.signal.aborted) return;
    this.stats.started++;
    let diagnostics: Diagnostic[];
    try {
      diagnostics = await this.verifier!.verify(req, p.controller.signal);
    } catch {
      diagnostics = [];
    }
    if (p.controller.signal.aborted || this.pending.get(uri) !== p) return;
    this.pending.delete(uri);
    if (this.current(uri)?.version !== p.version) return;
    this.stats.published++;
    this.publish(uri, p.version, diagnostics);
  }

  dispose(): void {
    for (const uri of [...this.pending.keys()]) this.cancel(uri);
    this.verifier?.dispose?.();
  }
}
