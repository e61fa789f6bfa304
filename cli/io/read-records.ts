// Records from JSON, JSON Lines, CSV (UTF-8 or GB18030) or Excel (.xlsx), streamed in input
// order. Every record that cannot be read still yields an entry (an error), so nothing is lost.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Transform } from 'node:stream';
import { extname } from 'node:path';
import { recordError, type RecordError } from '../../runtime/index.js';
import { CsvReader } from './csv.js';
import { looksLikeHeader, mapColumns, TooManyColumns, type ColumnMap, type RegisterSchema } from './register-columns.js';
import { rowToRecord } from './csv-record.js';
import { DETECT_BYTES, detectEncoding, EncodingError, makeDecoder, type Decoder, type TextEncoding } from './encoding.js';
import { SheetNotFound, xlsxRows } from './xlsx-read.js';
import { XlsxFormatError } from './xlsx-index.js';
import { stdin, stdinIsProcess } from './std.js';

export type InputFormat = 'json' | 'jsonl' | 'csv' | 'xlsx';

export interface InputRecord {
  /** 1-based record number (JSON), line number (JSON Lines), or row number as Excel shows it (CSV, xlsx). */
  position: number;
  raw?: unknown;
  /** Why the record cannot be judged as read (a register cell that is not what its column says); `raw` may still hold the rest of the row. */
  error?: RecordError;
  /** Register rows: the register's columns, to name the column of each problem. */
  cols?: ColumnMap;
}

export interface ReadStats {
  /** Empty rows (or lines) skipped between records. */
  skippedBlank: number;
  /** Header cells that are no column of the rule set (reported once). */
  extraColumns: string[];
  /** Items of the rule set that have no column in the register. */
  missingItems?: string[];
  /** Rows above the header (a title, a merged heading) that were skipped. */
  titleRows?: number;
  /** Row number of the header row (CSV, xlsx). */
  headerRow?: number;
  /** Encoding the CSV was read in. */
  encoding?: TextEncoding;
  /** Sheet the register was read from (xlsx). */
  sheet?: string;
  /** Bytes of the input read so far, and its size (0 when unknown: standard input). */
  bytesRead?: number;
  bytesTotal?: number;
}

export interface ReadOptions {
  /** CSV encoding; detected from the first bytes when not given. */
  encoding?: TextEncoding;
  /** xlsx sheet name; by default 登记表 or the first visible sheet. */
  sheet?: string;
}

export function detectFormat(path: string, given?: string): InputFormat {
  if (given === 'json' || given === 'jsonl' || given === 'csv' || given === 'xlsx') return given;
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return 'json';
}

export class InputError extends Error {}

/** A pass-through stream that reports how many bytes went by (for the progress bar). */
export function byteCounter(onBytes: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
}

/** Whether an exception says the input cannot be read (a usage error, exit 2), not a bug. */
export function isInputProblem(e: unknown): e is Error {
  return e instanceof InputError || e instanceof TooManyColumns || e instanceof EncodingError || e instanceof SheetNotFound || e instanceof XlsxFormatError || (e as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/** How many non-empty rows at the top may come before the header (titles, merged headings). */
const HEADER_SEARCH_ROWS = 10;

export async function* readRecords(
  path: string,
  format: InputFormat,
  schema: readonly string[] | RegisterSchema,
  stats: ReadStats = { skippedBlank: 0, extraColumns: [] },
  options: ReadOptions = {},
): AsyncGenerator<InputRecord> {
  const sch: RegisterSchema = Array.isArray(schema) ? { itemIds: schema as readonly string[] } : (schema as RegisterSchema);
  if (path !== '-') {
    try {
      const st = statSync(path);
      // A device or FIFO never ends (`/dev/zero`); `-` is the way to read a stream.
      if (!st.isFile()) throw new InputError(`记录文件不是普通文件（设备、管道或目录）：${path}；从标准输入读取请用 - / not a regular file; use - for standard input`);
      stats.bytesTotal = st.size;
    } catch (e) {
      if (e instanceof InputError) throw e;
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError(`找不到记录文件：${path} / file not found`);
      throw e;
    }
  } else stats.bytesTotal = 0;
  stats.bytesRead = 0;
  const input = (): NodeJS.ReadableStream => {
    const s = path === '-' ? stdin() : createReadStream(path, { highWaterMark: 1 << 20 });
    return s.pipe(byteCounter((n) => (stats.bytesRead! += n)));
  };
  if (format === 'json') {
    const bytes = path !== '-' ? readFileSync(path) : stdinIsProcess() ? readFileSync(0) : await readAll(stdin());
    stats.bytesRead = bytes.length;
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      yield { position: 1, error: recordError('#1', 'FL5001', '(文件)', { detail: (e as Error).message }) };
      return;
    }
    const list = Array.isArray(value) ? value : [value];
    for (let i = 0; i < list.length; i++) yield { position: i + 1, raw: list[i] };
    return;
  }
  if (format === 'jsonl') {
    let line = 0;
    for await (const text of createInterface({ input: input(), crlfDelay: Infinity })) {
      line++;
      const t = line === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (t.trim() === '') {
        stats.skippedBlank++;
        continue;
      }
      try {
        yield { position: line, raw: JSON.parse(t) };
      } catch (e) {
        yield { position: line, error: recordError(`#${line}`, 'FL5001', `(第${line}行)`, { detail: (e as Error).message }) };
      }
    }
    return;
  }
  if (format === 'xlsx') {
    if (path === '-') throw new InputError('Excel 工作簿不能从标准输入读取，请给出文件路径。 An xlsx workbook cannot be read from standard input.');
    const rows = xlsxRows(path, { sheet: options.sheet, onBytes: (b) => (stats.bytesRead = b) });
    yield* tableRecords(rows, sch, stats);
    return;
  }
  yield* tableRecords(csvRows(input(), stats, options.encoding), sch, stats);
}

/** The rows of a table file (CSV or xlsx) as they are, for files that are no register (a previous run's decisions). */
export function tableRows(path: string, format: 'csv' | 'xlsx', options: ReadOptions = {}): AsyncIterable<TableRow> {
  const stats: ReadStats = { skippedBlank: 0, extraColumns: [] };
  if (format === 'xlsx') return xlsxRows(path, { sheet: options.sheet });
  return csvRows(createReadStream(path, { highWaterMark: 1 << 20 }), stats, options.encoding);
}

async function* csvRows(stream: NodeJS.ReadableStream, stats: ReadStats, given: TextEncoding | undefined): AsyncGenerator<TableRow> {

  const reader = new CsvReader();
  let decoder: Decoder | undefined;
  // The encoding is detected from the first DETECT_BYTES, however the input comes in chunks.
  let head: Buffer[] | undefined = [];
  let headBytes = 0;
  const start = () => {
    const bytes = Buffer.concat(head!);
    head = undefined;
    stats.encoding = given ?? detectEncoding(bytes);
    decoder = makeDecoder(stats.encoding, given === undefined);
    return decoder.write(bytes);
  };
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    if (head) {
      head.push(bytes);
      headBytes += bytes.length;
      if (headBytes >= DETECT_BYTES) yield* reader.push(start());
      continue;
    }
    yield* reader.push(decoder!.write(bytes));
  }
  if (head && headBytes > 0) yield* reader.push(start());
  if (decoder) yield* reader.push(decoder.end());
  yield* reader.end();
}

/** A row of a table (CSV or sheet); `unclosed`: the cell whose opening quote never closed (CSV). */
export interface TableRow {
  cells: string[];
  row: number;
  unclosed?: number;
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c === undefined || c.trim() === '');

/** Excel's letters for a 0-based column index: 0 → A, 26 → AA. */
function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A data row → its record, or the error that says why it cannot be one. `unclosed`: the
 * cell whose stray opening quote ended the row early (FL5025); `headers`: the header row.
 */
export function rowInput(cells: readonly string[], row: number, cols: ColumnMap, unclosed?: number, headers?: readonly string[]): InputRecord {
  const idCell = () => {
    const c = cols.fixed.id !== undefined ? cells[cols.fixed.id]?.trim() : undefined;
    return c ? c : `#${row}`;
  };
  if (unclosed !== undefined) {
    const column = columnLetters(unclosed);
    const header = headers?.[unclosed]?.trim() ?? '';
    return { position: row, error: recordError(idCell(), 'FL5025', `(${column}列${header ? ` ${header}` : ''})`, { column, header: header || column }) };
  }
  const out = rowToRecord(cells, cols);
  if (out.problems) {
    const id = idCell();
    const errors = out.problems.map((p) => ({ code: 'FL5003', field: p.field, message: p.message, messageEn: p.messageEn }));
    const error: RecordError = errors.length > 1 ? { id, error: errors[0]!, errors } : { id, error: errors[0]! };
    // The rest of the row is kept: it names the enterprise and is checked too.
    return { position: row, raw: out.record, error, cols };
  }
  return { position: row, raw: out.record, cols };
}

/**
 * Rows of a table (CSV or sheet) → records: finds the header (title rows above it are
 * skipped), skips and counts empty rows, one record or one error per data row.
 */
export class TableReader {
  cols: ColumnMap | undefined;
  /** The header row's cells (to name a column in an error). */
  headers: string[] = [];
  private readonly waiting: TableRow[] = [];
  private lastRow = 0;
  /** Empty rows since the last record: counted only when another record follows (trailing ones are not rows of the register). */
  pendingBlank = 0;

  constructor(
    private readonly schema: RegisterSchema,
    private readonly stats: ReadStats,
  ) {
    stats.titleRows = 0;
  }

  private setHeader(h: TableRow): void {
    this.cols = mapColumns(h.cells, this.schema);
    this.headers = h.cells;
    this.stats.extraColumns = this.cols.extra;
    this.stats.missingItems = this.cols.missingItems;
    this.stats.headerRow = h.row;
    this.lastRow = h.row;
  }

  private data(r: TableRow, out: InputRecord[]): void {
    // Rows Excel does not store between two records are empty rows too.
    if (r.row > this.lastRow + 1) this.pendingBlank += r.row - this.lastRow - 1;
    this.lastRow = r.row;
    if (isBlank(r.cells) && r.unclosed === undefined) this.pendingBlank++;
    else {
      this.stats.skippedBlank += this.pendingBlank;
      this.pendingBlank = 0;
      out.push(rowInput(r.cells, r.row, this.cols!, r.unclosed, this.headers));
    }
  }

  push(r: TableRow): InputRecord[] {
    const out: InputRecord[] = [];
    if (this.cols) {
      this.data(r, out);
      return out;
    }
    if (isBlank(r.cells)) return out;
    if (looksLikeHeader(r.cells, this.schema)) {
      this.stats.titleRows = this.waiting.length;
      this.setHeader(r);
      this.waiting.length = 0;
      return out;
    }
    this.waiting.push(r);
    if (this.waiting.length >= HEADER_SEARCH_ROWS) this.fallback(out);
    return out;
  }

  /** No row looks like a header: the first one is, as in a plain CSV. */
  private fallback(out: InputRecord[]): void {
    this.setHeader(this.waiting[0]!);
    for (const w of this.waiting.slice(1)) this.data(w, out);
    this.waiting.length = 0;
  }

  end(): InputRecord[] {
    const out: InputRecord[] = [];
    if (!this.cols && this.waiting.length) this.fallback(out);
    return out;
  }
}

async function* tableRecords(rows: AsyncIterable<TableRow>, schema: RegisterSchema, stats: ReadStats): AsyncGenerator<InputRecord> {
  const t = new TableReader(schema, stats);
  for await (const r of rows) {
    const out = t.push(r);
    if (out.length === 1) yield out[0]!;
    else if (out.length) yield* out;
  }
  yield* t.end();
}

/** All of a stream (standard input given to an in-process run). */
async function readAll(s: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks);
}
