// A worker of the parallel CSV path of `fenlei eval`: gets pieces of a register (whole
// rows, with the number of their first row), classifies every row and returns the output
// lines, formatted exactly as the sequential path formats them.
import { parentPort, workerData } from 'node:worker_threads';
import { loadEvaluator } from '../../compiler/codegen/load.js';
import { isError, type RuleSetIR } from '../../runtime/index.js';
import { CsvReader } from './csv.js';
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
}

export interface Piece {
  seq: number;
  text: string;
  firstRow: number;
  /** The last piece: a row without a final newline still counts. */
  last: boolean;
}

export interface PieceResult {
  seq: number;
  lines: string[];
  /** Error lines for the errors file, joined. */
  errorLines: string;
  ids: string[];
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

/** Classifies records and formats their lines: the work of one piece. */
export function classifyInputs(ev: Ev, setup: Omit<WorkerSetup, 'ir'>, inputs: readonly InputRecord[], seq: number, blank: number, tail = 0): PieceResult {
  const lines: string[] = [];
  const ids: string[] = [];
  const flags = new Uint8Array(inputs.length);
  const counts = [0, 0, 0, 0, 0];
  let errorLines = '';
  let errors = 0;
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    const o = input.error ?? ev.evaluate(input.raw, { trace: setup.trace, today: setup.today, position: input.position });
    const ctx = rowContext(input.raw, input.position);
    lines.push(formatOutcome(setup.format, o, ctx));
    ids.push(o.id);
    if (isError(o)) {
      errors++;
      flags[i] = 1;
      if (setup.errorsFile) errorLines += formatError(setup.format, o, ctx);
    } else counts[o.inScope ? CLASS_KEYS.indexOf(o.class!) : 4]!++;
  }
  return { seq, lines, errorLines, ids, errorFlags: flags, counts, errors, blank, tail };
}

/** A piece of CSV text (whole rows) → its result. */
export function classifyPiece(ev: Ev, setup: Omit<WorkerSetup, 'ir'>, piece: Piece): PieceResult {
  const reader = new CsvReader(piece.firstRow);
  const rows = reader.push(piece.text);
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

if (parentPort && (workerData as { fenleiEvalWorker?: boolean } | null)?.fenleiEvalWorker) {
  const setup = (workerData as { setup: WorkerSetup }).setup;
  const ev = loadEvaluator(setup.ir);
  const port = parentPort;
  port.on('message', (piece: Piece) => port.postMessage(classifyPiece(ev, setup, piece)));
}
