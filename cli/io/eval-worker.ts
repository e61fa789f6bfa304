// A worker of the parallel CSV path of `fenlei eval`: gets pieces of a register as bytes
// (whole rows, with the number of their first row), decodes them, classifies every row and
// returns the output lines formatted and encoded exactly as the sequential path writes
// them, so the main thread only reads, checks ids and writes.
import { parentPort, workerData } from 'node:worker_threads';
import { loadEvaluator } from '../../compiler/index.js';
import { CLASSES_BEST_FIRST, isError, versionedEvaluator, type Evaluator, type RuleSetIR } from '../../runtime/index.js';
import { noHistoryCounts, type HistoryCounts, type HistoryIndex } from './history.js';
import { rowOutcome } from './row-outcome.js';
import { CsvReader, type CsvRow } from './csv.js';
import { decodePiece, encodeText, type EncodingProblem, type TextEncoding } from './encoding.js';
import type { ColumnMap } from './register-columns.js';
import { rowInput, type InputRecord } from './read-records.js';
import { formatError, formatOutcome, rowContext } from './write-outcomes.js';

export interface WorkerSetup {
  ir: RuleSetIR;
  /** Several versions of the rules (D10): each worker compiles each once; a record uses the one in force. */
  versions?: RuleSetIR[];
  cols: ColumnMap;
  /** The register's header row (to name a column in an error). */
  headers: string[];
  format: 'csv' | 'jsonl';
  trace: boolean;
  today: number;
  errorsFile: boolean;
  /** Encoding of the register's bytes, and whether it was detected (not given). */
  input: TextEncoding;
  detected: boolean;
  /** Encoding of the output bytes (the writer's). */
  output: TextEncoding;
  /** Last run's decisions (eval --history). */
  history?: HistoryIndex;
}

export interface Piece {
  seq: number;
  /** Whole rows of the register, cut where the sequential reader ends a row (csv-cut.ts). */
  bytes: Uint8Array;
  firstRow: number;
}

export interface PieceResult {
  seq: number;
  /** The output lines, encoded. */
  out: Uint8Array;
  /** Per line: where it ends in the decoded text of `out` (UTF-16 units), to add a warning later. */
  lineEnds: Uint32Array;
  /** The error lines for the errors file, encoded. */
  errOut: Uint8Array;
  /** The records' ids, concatenated, and where each ends. */
  ids: string;
  idEnds: Uint32Array;
  /** Per line: 1 when it is an error. */
  errorFlags: Uint8Array;
  /** Decisions per class AA, A, B, C, then out of scope. */
  counts: number[];
  /** How the rows met the history (eval --history). */
  history: HistoryCounts;
  errors: number;
  /** Empty rows before the piece's last record, and after it. */
  blank: number;
  tail: number;
  /** The piece's bytes are not all of the encoding (then nothing else is filled in). */
  problem?: EncodingProblem;
}

export const CLASS_KEYS = [...CLASSES_BEST_FIRST, '不适用'] as const;

type Ev = Evaluator;
type Options = Omit<WorkerSetup, 'ir' | 'versions'>;

/** The output of one piece, built record by record. */
class PieceOutput {
  private text = '';
  private ids = '';
  private errorLines = '';
  private readonly lineEnds: number[] = [];
  private readonly idEnds: number[] = [];
  private readonly flags: number[] = [];
  private readonly counts = [0, 0, 0, 0, 0];
  private errors = 0;
  private readonly history = noHistoryCounts();

  constructor(
    private readonly ev: Ev,
    private readonly setup: Options,
  ) {}

  add(input: InputRecord): void {
    const { ev, setup } = this;
    const history = setup.history ? { index: setup.history, counts: this.history } : undefined;
    const o = rowOutcome(ev, input, { trace: setup.trace, today: setup.today, position: input.position, history });
    const ctx = rowContext(input.raw, input.position);
    this.text += formatOutcome(setup.format, o, ctx);
    this.lineEnds.push(this.text.length);
    this.ids += o.id;
    this.idEnds.push(this.ids.length);
    if (isError(o)) {
      this.errors++;
      this.flags.push(1);
      if (setup.errorsFile) this.errorLines += formatError(setup.format, o, ctx);
    } else {
      this.flags.push(0);
      this.counts[o.inScope ? CLASS_KEYS.indexOf(o.class!) : 4]!++;
    }
  }

  result(seq: number, blank: number, tail: number): PieceResult {
    const { output } = this.setup;
    return {
      seq,
      out: encodeText(this.text, output),
      lineEnds: Uint32Array.from(this.lineEnds),
      errOut: encodeText(this.errorLines, output),
      ids: this.ids,
      idEnds: Uint32Array.from(this.idEnds),
      errorFlags: Uint8Array.from(this.flags),
      counts: this.counts,
      history: this.history,
      errors: this.errors,
      blank,
      tail,
    };
  }
}

/** Classifies records and formats their lines: the work of one piece. */
export function classifyInputs(ev: Ev, setup: Options, inputs: readonly InputRecord[], seq: number, blank: number, tail = 0): PieceResult {
  const out = new PieceOutput(ev, setup);
  for (const input of inputs) out.add(input);
  return out.result(seq, blank, tail);
}

/** Text is parsed this much at a time, so that only a few rows are alive at once (young GC stays cheap). */
const PARSE_CHARS = 1 << 14;

/** A piece of a register (whole rows) → its result. */
export function classifyPiece(ev: Ev, setup: Options, piece: Piece): PieceResult {
  const decoded = decodePiece(piece.bytes, setup.input, setup.detected);
  if ('problem' in decoded) return { ...new PieceOutput(ev, setup).result(piece.seq, 0, 0), problem: decoded.problem };
  const { text } = decoded;
  const reader = new CsvReader(piece.firstRow);
  const out = new PieceOutput(ev, setup);
  let blank = 0;
  let tail = 0;
  const take = (rows: CsvRow[]) => {
    for (const r of rows) {
      if (r.unclosed === undefined && r.cells.every((c) => c === '' || c.trim() === '')) tail++;
      else {
        blank += tail;
        tail = 0;
        out.add(rowInput(r.cells, r.row, setup.cols, r.unclosed, setup.headers));
      }
    }
  };
  for (let at = 0; at < text.length; at += PARSE_CHARS) take(reader.push(text.slice(at, at + PARSE_CHARS)));
  // The piece ends where a row ends: what is left is read as the end of the text (a last row
  // without a newline, or a row whose stray quote only more text would have shown).
  take(reader.end());
  return out.result(piece.seq, blank, tail);
}

/** The buffers of a result, moved to the main thread rather than copied. */
export function transferList(r: PieceResult): ArrayBuffer[] {
  const list = new Set<ArrayBuffer>();
  for (const a of [r.out, r.lineEnds, r.errOut, r.idEnds, r.errorFlags]) {
    // A small Buffer may share Node's pool with others: those are copied.
    if (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer) list.add(a.buffer);
  }
  return [...list];
}

if (parentPort && (workerData as { fenleiEvalWorker?: boolean } | null)?.fenleiEvalWorker) {
  const setup = (workerData as { setup: WorkerSetup }).setup;
  const ev = setup.versions ? versionedEvaluator(setup.versions.map(loadEvaluator)) : loadEvaluator(setup.ir);
  const port = parentPort;
  port.on('message', (piece: Piece) => {
    const r = classifyPiece(ev, setup, piece);
    port.postMessage(r, transferList(r));
  });
}
