// The verifier's thread. The verifier is CPU-bound and synchronous; run here, it never delays
// completions or diagnostics on the server's thread, and the next edit cancels it by ending the
// thread. The worker compiles the rule set itself from the texts it is sent (incrementally,
// like the server), so nothing but plain data crosses between the threads.
import { parentPort } from 'node:worker_threads';
import { Program, nodeHost, type CompileResult } from '../compiler/program.js';
import type { Diagnostic } from '../compiler/diagnostics/types.js';
import { IncrementalYaml } from './incremental-yaml.js';
import { loadModule, type VerifierModule } from './verifier.js';

export interface WorkerRequest {
  id: number;
  cwd: string;
  path: string;
  /** Texts of the files of the chain as the editor has them (open documents may differ from disk). */
  files: { path: string; text: string }[];
  module?: string;
}

export type WorkerResponse = { id: number; diagnostics: Diagnostic[] } | { id: number; error: string };

const yaml = new IncrementalYaml();
const programs = new Map<string, { program: Program; texts: Map<string, string> }>();
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

parentPort?.on('message', (req: WorkerRequest) => {
  void (async () => {
    try {
      mod ??= loadModule(req.module);
      const m = await mod;
      if (!m) return parentPort!.postMessage({ id: req.id, diagnostics: [] } satisfies WorkerResponse);
      const { program, texts } = programFor(req.cwd);
      texts.clear();
      for (const f of req.files) texts.set(f.path, f.text);
      const result: CompileResult = program.compile(req.path);
      let national = result;
      while (national.base) national = national.base;
      if (national === result || !result.ok) return parentPort!.postMessage({ id: req.id, diagnostics: [] } satisfies WorkerResponse);
      const r = await m.verify(result, national, {});
      parentPort!.postMessage({ id: req.id, diagnostics: m.verificationDiagnostics(r as never) } satisfies WorkerResponse);
    } catch (e) {
      parentPort!.postMessage({ id: req.id, error: String((e as Error).stack ?? e) } satisfies WorkerResponse);
    }
  })();
});
