// The parallel path of `fenlei eval` for large CSV registers: the main thread reads and
// decodes the file, cuts it into pieces of whole rows (quotes respected) and writes the
// results in order; worker threads parse, classify and format the rows. The output is
// byte for byte what the sequential path writes (test/cli checks it).
import { existsSync, openSync, readSync, closeSync, createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RECORD_CODES, type Evaluator } from '../../runtime/index.js';
import { CsvReader } from './csv.js';
import { detectEncoding, makeDecoder, type TextEncoding } from './encoding.js';
import { TableReader, type InputRecord, type ReadStats } from './read-records.js';
import type { RegisterSchema } from './register-columns.js';
import { addWarningToLine, type OutcomeWriter } from './write-outcomes.js';
import { CLASS_KEYS, classifyInputs, type Piece, type PieceResult, type WorkerSetup } from './eval-worker.js';

export interface ParallelRun {
  path: string;
  encoding?: TextEncoding;
  schema: RegisterSchema;
  evaluator: Evaluator;
  format: 'csv' | 'jsonl';
  trace: boolean;
  today: number;
  jobs: number;
  /** Bytes per piece (default 1 MiB). */
  pieceBytes?: number;
  writer: OutcomeWriter;
  stats: ReadStats;
  onProgress?: (records: number) => void;
}

export interface RunSummary {
  records: number;
  errors: number;
  counts: Map<string, number>;
}

/** The compiled worker module, beside this module or (from the bundle) under dist/cli/io/. */
function workerFile(): string | undefined {
  for (const rel of ['./eval-worker.js', './cli/io/eval-worker.js']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return undefined;
}

/**
 * Where the last complete row of `text` ends (after its newline), honouring quotes, and how
 * many rows end before it. -1 when no row is complete.
 */
export function lastRowEnd(text: string): { end: number; rows: number } {
  if (text.indexOf('"') < 0) {
    const end = text.lastIndexOf('\n');
    if (end < 0) return { end: -1, rows: 0 };
    let rows = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i <= end; i = text.indexOf('\n', i + 1)) rows++;
    return { end: end + 1, rows };
  }
  let quoted = false;
  let rows = 0;
  let end = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) {
      rows++;
      end = i + 1;
    }
  }
  return { end, rows };
}

/**
 * Runs the register through worker threads; undefined (nothing read, nothing written) when
 * the register does not suit it: no worker module, no header in the first piece, or lines
 * that do not end in LF.
 */
export async function evalCsvParallel(run: ParallelRun): Promise<RunSummary | undefined> {
  const file = workerFile();
  if (!file) return undefined;
  const pieceBytes = run.pieceBytes ?? 1 << 20;
  const { stats } = run;

  // The first piece is read here: it must hold the header (and any title rows above it).
  const fd = openSync(run.path, 'r');
  const first = Buffer.alloc(pieceBytes);
  const firstLen = readSync(fd, first, 0, pieceBytes, 0);
  closeSync(fd);
  const head = first.subarray(0, firstLen);
  const encoding = run.encoding ?? detectEncoding(head);
  const decoder = makeDecoder(encoding);
  let text = decoder.write(head);
  const cut = lastRowEnd(text);
  if (cut.end < 0) return undefined;
  const table = new TableReader(run.schema, stats);
  const headInputs: InputRecord[] = [];
  for (const r of new CsvReader().push(text.slice(0, cut.end))) headInputs.push(...table.push(r));
  if (!table.cols) return undefined;
  stats.encoding = encoding;
  stats.bytesRead = firstLen;
  let nextRow = cut.rows + 1;
  text = text.slice(cut.end);

  const setup: WorkerSetup = { ir: run.evaluator.ir, cols: table.cols, format: run.format, trace: run.trace, today: run.today, errorsFile: run.writer.errorsPath !== undefined };
  const summary: RunSummary = { records: 0, errors: 0, counts: new Map() };
  let pendingBlank = 0;
  const seen = new Set<string>();

  const deliver = async (r: PieceResult) => {
    for (let i = 0; i < r.ids.length; i++) {
      const id = r.ids[i]!;
      if (seen.has(id)) {
        if (!r.errorFlags[i]) r.lines[i] = addWarningToLine(run.format, r.lines[i]!, { code: 'FL5108', field: 'id', message: RECORD_CODES.FL5108.zh({ value: id }) });
      } else seen.add(id.length >= 13 ? Buffer.from(id).toString() : id);
    }
    summary.records += r.ids.length;
    summary.errors += r.errors;
    r.counts.forEach((n, i) => {
      if (n) summary.counts.set(CLASS_KEYS[i]!, (summary.counts.get(CLASS_KEYS[i]!) ?? 0) + n);
    });
    if (r.ids.length) {
      stats.skippedBlank += pendingBlank + r.blank;
      pendingBlank = r.tail;
    } else pendingBlank += r.blank + r.tail;
    await run.writer.writeFormatted(r.lines.join(''), r.errorLines, r.errors);
    run.onProgress?.(summary.records);
  };

  // The rows of the first piece after the header are classified here, as piece 0
  // (their empty rows are already counted by the table reader).
  await deliver(classifyInputs(run.evaluator, setup, headInputs, 0, 0, 0));
  pendingBlank = table.pendingBlank;

  const workers = Array.from({ length: Math.max(1, run.jobs) }, () => new Worker(file, { workerData: { fenleiEvalWorker: true, setup }, resourceLimits: { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: 192 } }));
  const pending = new Map<number, PieceResult>();
  const waiters = new Map<number, { res: (r: PieceResult) => void; rej: (e: Error) => void }>();
  let failure: Error | undefined;
  const fail = (e: Error) => {
    failure ??= e;
    for (const w of waiters.values()) w.rej(failure);
    waiters.clear();
  };
  for (const w of workers) {
    w.on('message', (r: PieceResult) => {
      const waiter = waiters.get(r.seq);
      if (waiter) {
        waiters.delete(r.seq);
        waiter.res(r);
      } else pending.set(r.seq, r);
    });
    w.on('error', fail);
    w.on('exit', (code) => {
      if (code !== 0) fail(new Error(`eval worker exited with code ${code}`));
    });
  }
  const result = (seq: number) =>
    new Promise<PieceResult>((res, rej) => {
      const got = pending.get(seq);
      if (got) {
        pending.delete(seq);
        res(got);
      } else if (failure) rej(failure);
      else waiters.set(seq, { res, rej });
    });

  let sent = 1;
  let done = 1;
  const maxInFlight = workers.length * 2;
  const send = async (piece: Omit<Piece, 'seq'>) => {
    while (sent - done >= maxInFlight) {
      await deliver(await result(done));
      done++;
    }
    workers[sent % workers.length]!.postMessage({ ...piece, seq: sent });
    sent++;
  };

  try {
    const stream = createReadStream(run.path, { start: firstLen, highWaterMark: pieceBytes });
    for await (const chunk of stream) {
      stats.bytesRead = (stats.bytesRead ?? 0) + (chunk as Buffer).length;
      text += decoder.write(chunk as Buffer);
      const c = lastRowEnd(text);
      if (c.end < 0) continue;
      await send({ text: text.slice(0, c.end), firstRow: nextRow, last: false });
      nextRow += c.rows;
      text = text.slice(c.end);
    }
    text += decoder.end();
    if (text !== '') await send({ text, firstRow: nextRow, last: true });
    while (done < sent) {
      await deliver(await result(done));
      done++;
    }
  } finally {
    for (const w of workers) w.removeAllListeners('exit');
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return summary;
}

