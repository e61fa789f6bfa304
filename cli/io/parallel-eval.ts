// The parallel path of `fenlei eval` for large CSV registers: the main thread reads the file
// as bytes, cuts it into pieces of whole rows (where the sequential reader ends rows: csv-cut.ts), checks ids for duplicates
// and writes the results in order; worker threads decode, parse, classify, format and encode
// the rows. The output is byte for byte what the sequential path writes (test/cli checks it).
import { existsSync, openSync, readSync, closeSync, createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isVersioned, recordNotice, type Evaluator } from '../../runtime/index.js';
import { CsvReader } from './csv.js';
import { lastRowEnd } from './csv-cut.js';
import { ByteCheck, decodeWhole, DETECT_BYTES, detectEncoding, encodeText, encodingError, type TextEncoding } from './encoding.js';
import { IdSet } from './id-set.js';
import { TableReader, type InputRecord, type ReadStats } from './read-records.js';
import type { RegisterSchema } from './register-columns.js';
import { addWarningToLine, type OutcomeWriter } from './write-outcomes.js';
import { addHistoryCounts, noHistoryCounts, type HistoryCounts, type HistoryIndex } from './history.js';
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
  /** Last run's decisions (eval --history), applied by the workers. */
  history?: HistoryIndex;
  onProgress?: (records: number) => void;
}

export interface RunSummary {
  records: number;
  errors: number;
  counts: Map<string, number>;
  history: HistoryCounts;
}

/**
 * The worker module: its bundle dist/eval-worker.mjs (beside the CLI's bundle, or two folders up from
 * the unbundled dist/cli/io/), which starts from one file in about a third of the CPU time the
 * unbundled module and its hundreds of files take; else the unbundled one beside this module.
 * None from the TypeScript sources: the run is then sequential.
 */
function workerFile(): string | undefined {
  for (const rel of ['./eval-worker.mjs', '../../eval-worker.mjs', './eval-worker.js']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** The 1-based line (by LF) of a file offset, and the byte there (undefined at the end). */
function lineAt(path: string, offset: number): { line: number; byte: number | undefined } {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let line = 1;
    for (let pos = 0; pos < offset; ) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, offset - pos), pos);
      if (n <= 0) break;
      for (let i = buf.indexOf(10); i >= 0 && i < n; i = buf.indexOf(10, i + 1)) line++;
      pos += n;
    }
    const one = Buffer.alloc(1);
    return { line, byte: readSync(fd, one, 0, 1, offset) === 1 ? one[0] : undefined };
  } finally {
    closeSync(fd);
  }
}

/** `a` then `b` in a buffer of their own (so it can be moved to a worker). */
function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(new ArrayBuffer(a.length + b.length));
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Adds the duplicate-id warning to lines `dups` of a piece's output. */
function withWarnings(r: PieceResult, dups: number[], format: 'csv' | 'jsonl', encoding: TextEncoding): Uint8Array {
  const text = decodeWhole(r.out, encoding);
  let out = '';
  let from = 0;
  for (const i of dups) {
    const start = i === 0 ? 0 : r.lineEnds[i - 1]!;
    const end = r.lineEnds[i]!;
    const id = r.ids.slice(i === 0 ? 0 : r.idEnds[i - 1]!, r.idEnds[i]!);
    out += text.slice(from, start) + addWarningToLine(format, text.slice(start, end), recordNotice('FL5108', 'id', { value: id }));
    from = end;
  }
  return encodeText(out + text.slice(from), encoding);
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
  const first = readFirstPiece(run, pieceBytes);
  if (!first) return undefined;
  const { encoding, firstLen, cut, table, headInputs } = first;
  stats.encoding = encoding;
  stats.bytesRead = firstLen;

  const output = run.writer.byteEncoding;
  const setup = workerSetup(run, first);
  const summary: RunSummary = { records: 0, errors: 0, counts: new Map(), history: noHistoryCounts() };
  let pendingBlank = 0;
  const seen = new IdSet();

  // Where each piece starts in the file (to place an encoding problem a worker found).
  const pieceStart = new Map<number, number>();
  let nextByte = cut.end;
  const deliver = async (r: PieceResult) => {
    if (r.problem) {
      const at = pieceStart.get(r.seq)! + r.problem.at;
      const { line, byte } = lineAt(run.path, at);
      throw encodingError(encoding, r.problem.kind, line, at, byte);
    }
    pieceStart.delete(r.seq);
    const n = r.idEnds.length;
    const dups = repeatedIds(seen, r);
    addPiece(summary, r);
    if (n) {
      stats.skippedBlank += pendingBlank + r.blank;
      pendingBlank = r.tail;
    } else pendingBlank += r.blank + r.tail;
    await run.writer.writeEncoded(dups ? withWarnings(r, dups, run.format, output) : r.out, r.errOut, r.errors);
    run.onProgress?.(summary.records);
  };

  // The rows of the first piece after the header are classified here, as piece 0
  // (their empty rows are already counted by the table reader).
  await deliver(classifyInputs(run.evaluator, setup, headInputs, 0, 0, 0));
  pendingBlank = table.pendingBlank;

  const pool = new WorkerPool(file, setup, run.jobs);
  let sent = 1;
  let done = 1;
  const maxInFlight = pool.size * 2;
  const send = async (piece: Omit<Piece, 'seq'>) => {
    while (sent - done >= maxInFlight) {
      await deliver(await pool.result(done));
      done++;
    }
    pieceStart.set(sent, nextByte);
    nextByte += piece.bytes.length;
    pool.post({ ...piece, seq: sent });
    sent++;
  };

  try {
    for await (const piece of laterPieces(run, first, pieceBytes)) await send(piece);
    while (done < sent) {
      await deliver(await pool.result(done));
      done++;
    }
  } finally {
    await pool.close();
  }
  return summary;
}

/** The register after the first piece, cut into pieces of whole rows as it is read (the last may end without a line break). */
async function* laterPieces(run: ParallelRun, first: NonNullable<ReturnType<typeof readFirstPiece>>, pieceBytes: number): AsyncGenerator<Omit<Piece, 'seq'>> {
  let nextRow = first.cut.rows + 1;
  let carry: Uint8Array = first.head.subarray(first.cut.end);
  const stream = createReadStream(run.path, { start: first.firstLen, highWaterMark: pieceBytes });
  for await (const chunk of stream) {
    run.stats.bytesRead = (run.stats.bytesRead ?? 0) + (chunk as Buffer).length;
    const bytes = joined(carry, chunk as Buffer);
    const c = lastRowEnd(bytes);
    if (c.end < 0) {
      carry = bytes;
      continue;
    }
    // A copy: the piece's bytes move to a worker thread.
    carry = bytes.slice(c.end);
    yield { bytes: bytes.subarray(0, c.end), firstRow: nextRow };
    nextRow += c.rows;
  }
  if (carry.length) yield { bytes: joined(carry, new Uint8Array(0)), firstRow: nextRow };
}

/** What every worker is given once: the rules, the register's columns, the formats in and out. */
function workerSetup(run: ParallelRun, first: NonNullable<ReturnType<typeof readFirstPiece>>): WorkerSetup {
  const versions = isVersioned(run.evaluator) ? run.evaluator.versions.map((v) => v.ir) : undefined;
  return {
    ir: run.evaluator.ir,
    versions,
    cols: first.cols,
    headers: first.table.headers,
    format: run.format,
    trace: run.trace,
    today: run.today,
    errorsFile: run.writer.errorsPath !== undefined,
    input: first.encoding,
    detected: first.detected,
    output: run.writer.byteEncoding,
    history: run.history,
  };
}

/** The decisions of a piece whose id was seen before (FL5108), in file order; undefined when none. */
function repeatedIds(seen: IdSet, r: PieceResult): number[] | undefined {
  let dups: number[] | undefined;
  for (let i = 0, from = 0; i < r.idEnds.length; from = r.idEnds[i]!, i++) {
    if (!seen.add(r.ids.slice(from, r.idEnds[i]!)) && !r.errorFlags[i]) (dups ??= []).push(i);
  }
  return dups;
}

/** A piece's records, errors, classes and history matches added to the run's. */
function addPiece(summary: RunSummary, r: PieceResult): void {
  summary.records += r.idEnds.length;
  summary.errors += r.errors;
  addHistoryCounts(summary.history, r.history);
  r.counts.forEach((k, i) => {
    if (k) summary.counts.set(CLASS_KEYS[i]!, (summary.counts.get(CLASS_KEYS[i]!) ?? 0) + k);
  });
}

/**
 * The first piece, read on this thread: it must hold the header (and any title rows above it);
 * its rows after the header are decided here. The encoding is detected from the same bytes as
 * on the sequential path (DETECT_BYTES). Undefined when no row ends in it or it has no header.
 */
function readFirstPiece(run: ParallelRun, pieceBytes: number) {
  const fd = openSync(run.path, 'r');
  const first = Buffer.alloc(Math.max(pieceBytes, DETECT_BYTES));
  const readLen = readSync(fd, first, 0, first.length, 0);
  closeSync(fd);
  const encoding = run.encoding ?? detectEncoding(first.subarray(0, Math.min(readLen, DETECT_BYTES)));
  const firstLen = Math.min(readLen, pieceBytes);
  const head = first.subarray(0, firstLen);
  const cut = lastRowEnd(head);
  if (cut.end < 0) return undefined;
  // The first piece is checked here, the others by the workers as they decode them (decodePiece),
  // and the first problem in file order is reported, as the sequential decoder reports it.
  const detected = run.encoding === undefined;
  const check = new ByteCheck(encoding, detected);
  check.push(head.subarray(0, cut.end));
  check.end();
  const table = new TableReader(run.schema, run.stats);
  const headInputs: InputRecord[] = [];
  const headReader = new CsvReader();
  for (const r of headReader.push(decodeWhole(head.subarray(0, cut.end), encoding).replace(/^\uFEFF/, ''))) headInputs.push(...table.push(r));
  for (const r of headReader.end()) headInputs.push(...table.push(r));
  if (!table.cols) return undefined;
  return { encoding, detected, firstLen, head, cut, table, cols: table.cols, headInputs };
}

/**
 * The worker threads: pieces go out round-robin, results come back in any order and are
 * handed out by sequence number; the first failure of any worker fails every wait.
 */
class WorkerPool {
  private readonly workers: Worker[];
  private readonly arrived = new Map<number, PieceResult>();
  private readonly waiters = new Map<number, { res: (r: PieceResult) => void; rej: (e: Error) => void }>();
  private failure: Error | undefined;

  constructor(file: string, setup: WorkerSetup, jobs: number) {
    // A worker's live data is one piece (~1 MiB of rows) at a time: a small heap is enough, and
    // keeps the process under its memory target (300 MB for a million rows).
    this.workers = Array.from({ length: Math.max(1, jobs) }, () => new Worker(file, { workerData: { fenleiEvalWorker: true, setup }, resourceLimits: { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: 96 } }));
    for (const w of this.workers) {
      w.on('message', (r: PieceResult) => {
        const waiter = this.waiters.get(r.seq);
        if (waiter) {
          this.waiters.delete(r.seq);
          waiter.res(r);
        } else this.arrived.set(r.seq, r);
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`eval worker exited with code ${code}`));
      });
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Sends a piece to its worker; its bytes move to that thread. */
  post(piece: Piece): void {
    this.workers[piece.seq % this.workers.length]!.postMessage(piece, [piece.bytes.buffer as ArrayBuffer]);
  }

  result(seq: number): Promise<PieceResult> {
    return new Promise<PieceResult>((res, rej) => {
      const got = this.arrived.get(seq);
      if (got) {
        this.arrived.delete(seq);
        res(got);
      } else if (this.failure) rej(this.failure);
      else this.waiters.set(seq, { res, rej });
    });
  }

  async close(): Promise<void> {
    for (const w of this.workers) w.removeAllListeners('exit');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiters.values()) w.rej(this.failure);
    this.waiters.clear();
  }
}
