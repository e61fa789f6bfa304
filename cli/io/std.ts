// The standard streams of one CLI run. `fenlei` as a process writes to process.stdout and
// process.stderr; `run(argv, streams)` in another program (the tests) gives its own, and each run
// sees only its own even when runs overlap (the streams follow the run's async calls).
import { AsyncLocalStorage } from 'node:async_hooks';

/** What a command writes to: a stream (write, 'drain'), and for the progress bar whether it is a terminal. */
export type OutStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export interface StdStreams {
  stdout: OutStream;
  stderr: OutStream;
  /** Standard input (`-` as the register); the process's by default. */
  stdin?: NodeJS.ReadableStream;
}

const current = new AsyncLocalStorage<StdStreams>();

/** Runs `f` with these streams as the standard ones of everything it calls. */
export function withStreams<T>(streams: StdStreams, f: () => T): T {
  return current.run(streams, f);
}

export function stdout(): OutStream {
  return current.getStore()?.stdout ?? process.stdout;
}

export function stderr(): OutStream {
  return current.getStore()?.stderr ?? process.stderr;
}

export function stdin(): NodeJS.ReadableStream {
  return current.getStore()?.stdin ?? process.stdin;
}

/** Whether standard input is the process's own (file descriptor 0 may then be read directly). */
export function stdinIsProcess(): boolean {
  return stdin() === process.stdin;
}
