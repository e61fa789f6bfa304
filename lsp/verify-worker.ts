// The verifier's thread. The verifier is CPU-bound and synchronous; run here, it never delays
// completions or diagnostics on the server's thread. The thread stays warm between runs: it
// compiles the rule set itself from the texts it is sent (incrementally, like the server, and
// ahead of time while the server waits out the debounce), so nothing but plain data crosses
// between the threads. The next edit cancels a run through a shared flag the search polls
// (and a message, for a verifier module that awaits).
import { parentPort, workerData } from 'node:worker_threads';
import { Program, nodeHost, Cancelled, type CompileResult, type Diagnostic, type SearchCache } from '../compiler/index.js';
import { IncrementalYaml } from './incremental-yaml.js';
import { loadModule, VERIFY_TIME_LIMIT_MS, type VerifierModule } from './verifier.js';

export interface WorkerFiles {
  cwd: string;
  path: string;
  /** Texts of the files of the chain as the editor has them (open documents may differ from disk). */
  files: { path: string; text: string }[];
}

export type WorkerRequest =
  | ({ kind: 'verify'; id: number; module?: string; timeLimitMs?: number } & WorkerFiles)
  /** Compile now, so that the verify request that follows the debounce finds it done. */
  | ({ kind: 'compile' } & WorkerFiles)
  | { kind: 'cancel'; id: number };

export type WorkerResponse = { id: number; diagnostics: Diagnostic[] } | { id: number; error: string } | { id: number; cancelled: true };

/** workerData: a SharedArrayBuffer of one Int32, the highest cancelled run id. */
export interface WorkerData {
  cancelled: SharedArrayBuffer;
}

const flag = new Int32Array((workerData as WorkerData | undefined)?.cancelled ?? new SharedArrayBuffer(4));
const yaml = new IncrementalYaml();
const programs = new Map<string, { program: Program; texts: Map<string, string> }>();
const controllers = new Map<number, AbortController>();
/** The last search: an edit of an item's text is verified again without searching (see VerifyOptions.cache). */
const cache: SearchCache = {};
let mod: Promise<VerifierModule | undefined> | undefined;

function programFor(cwd: string): { program: Program; texts: Map<string, string> } {
  let p = programs.get(cwd);
  if (!p) {
    const texts = new Map<string, string>();
    const program = new Program({ read: (path) => (texts.has(path) ? { text: texts.get(path)! } : nodeHost.read(path)) }, cwd, { parseYaml: yaml.parse });
    p = { program, texts };
    programs.set(cwd, p);
  }
  return p;
}

/** The Program caches by text: compiling the same texts again is a lookup. */
function compile(req: WorkerFiles): CompileResult {
  const { program, texts } = programFor(req.cwd);
  texts.clear();
  for (const f of req.files) texts.set(f.path, f.text);
  return program.compile(req.path);
}

parentPort?.on('message', (req: WorkerRequest) => {
  if (req.kind === 'cancel') return controllers.get(req.id)?.abort();
  if (req.kind === 'compile') {
    try {
      compile(req);
    } catch {
      /* the verify request reports it */
    }
    return;
  }
  void (async () => {
    const id = req.id;
    const controller = new AbortController();
    controllers.set(id, controller);
    const cancelled = (): boolean => controller.signal.aborted || Atomics.load(flag, 0) >= id;
    const reply = (m: WorkerResponse): void => parentPort!.postMessage(m);
    try {
      mod ??= loadModule(req.module);
      const m = await mod;
      if (cancelled()) return reply({ id, cancelled: true });
      if (!m) return reply({ id, diagnostics: [] });
      const result = compile(req);
      let national = result;
      while (national.base) national = national.base;
      if (national === result || !result.ok) return reply({ id, diagnostics: [] });
      if (cancelled()) return reply({ id, cancelled: true });
      const r = await m.verify(result, national, { signal: controller.signal, cancelled, timeLimitMs: req.timeLimitMs ?? VERIFY_TIME_LIMIT_MS, cache });
      if (cancelled()) return reply({ id, cancelled: true });
      reply({ id, diagnostics: m.verificationDiagnostics(r as never) });
    } catch (e) {
      if (e instanceof Cancelled || cancelled()) return reply({ id, cancelled: true });
      reply({ id, error: String((e as Error).stack ?? e) });
    } finally {
      controllers.delete(id);
    }
  })();
});
