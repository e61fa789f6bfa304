// A worker of the parallel CSV path of `fenlei eval`: gets pieces of a register as bytes
// (whole rows, with the number of their first row), decodes them, classifies every row and
// returns the output lines formatted and encoded exactly as the sequential path writes
// them, so the main thread only reads, checks ids and writes.
import { parentPort, workerData } from 'node:worker_threads';
import { loadEvaluator } from '../../compiler/codegen/load.js';
import { isError, type RuleSetIR } from '../../runtime/index.js';
import { CsvReader } from './csv.js';
import { decodeWhole, encodeText, type TextEncoding } from './encoding.js';
import type { ColumnMap } from './register-columns.js';
import { rowInput, type InputRecord } from './read-records.js';
import { formatError, formatOutcome, rowContext } from './write-outcomes.js';

export interface WorkerSetup {
  ir: RuleSetIR;
  cols: ColumnMap;
  format: 'csv' | 'jsonl';
  trace: boolean;
  today: number;
  errorsFile: boolean;
  /** Encoding of the register's bytes. */
  input: TextEncoding;
  /** Encoding of the output bytes (the writer's). */
  output: TextEncoding;
}

export interface Piece {
  seq: number;
  /** Whole rows of the register (a newline byte ends every row but maybe the last). */
  bytes: Uint8Array;
  firstRow: number;
  /** The last piece: a row without a final newline still counts. */
  last: boolean;
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
  errors: number;
  /** Empty rows before the piece's last record, and after it. */
  blank: number;
  tail: number;
}

export const CLASS_KEYS = ['AA', 'A', 'B', 'C', '不适用'] as const;

type Ev = ReturnType<typeof loadEvaluator>;
type Options = Omit<WorkerSetup, 'ir'>;

/** Classifies records and formats their lines: the work of one piece. */
export function classifyInputs(ev: Ev, setup: Options, inputs: readonly InputRecord[], seq: number, blank: number, tail = 0): PieceResult {
  const n = inputs.length;
  const lineEnds = new Uint32Array(n);
  const idEnds = new Uint32Array(n);
  const flags = new Uint8Array(n);
  const counts = [0, 0, 0, 0, 0];
  let text = '';
  let ids = '';
  let errorLines = '';
  let errors = 0;
  for (let i = 0; i < n; i++) {
    const input = inputs[i]!;
    const o = input.error ?? ev.evaluate(input.raw, { trace: setup.trace, today: setup.today, position: input.position });
    const ctx = rowContext(input.raw, input.position);
    text += formatOutcome(setup.format, o, ctx);
    lineEnds[i] = text.length;
    ids += o.id;
    idEnds[i] = ids.length;
    if (isError(o)) {
      errors++;
      flags[i] = 1;
      if (setup.errorsFile) errorLines += formatError(setup.format, o, ctx);
    } else counts[o.inScope ? CLASS_KEYS.indexOf(o.class!) : 4]!++;
  }
  const out = encodeText(text, setup.output);
  const errOut = encodeText(errorLines, setup.output);
  return { seq, out, lineEnds, errOut, ids, idEnds, errorFlags: flags, counts, errors, blank, tail };
}

/** A piece of a register (whole rows) → its result. */
export function classifyPiece(ev: Ev, setup: Options, piece: Piece): PieceResult {
  const reader = new CsvReader(piece.firstRow);
  const rows = reader.push(decodeWhole(piece.bytes, setup.input));
  if (piece.last) {
    const end = reader.end();
    if (end) rows.push(end);
  }
  const inputs: InputRecord[] = [];
  let blank = 0;
  let tail = 0;
  for (const r of rows) {
    if (r.cells.every((c) => c === '' || c.trim() === '')) tail++;
    else {
      blank += tail;
      tail = 0;
      inputs.push(rowInput(r.cells, r.row, setup.cols));
    }
  }
  return classifyInputs(ev, setup, inputs, piece.seq, blank, tail);
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
  const ev = loadEvaluator(setup.ir);
  const port = parentPort;
  port.on('message', (piece: Piece) => {
    const r = classifyPiece(ev, setup, piece);
    port.postMessage(r, transferList(r));
  });
}
