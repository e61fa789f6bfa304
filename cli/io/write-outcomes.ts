// Decisions and errors out, as JSON Lines, CSV (UTF-8 with BOM, or GB18030) or an Excel
// workbook, to standard output or to a file that appears only when complete (AtomicFile:
// written beside it, every write checked, then renamed). Errors also go to their own sheet (xlsx) or file (CSV, JSONL)
// with the register's row number, the field and the message.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { extname } from 'node:path';
import type ExcelJS from 'exceljs';
import { isError, MODES_LIGHTEST_FIRST, type Notice, type Outcome, type RecordError } from '../../runtime/index.js';
import { CsvReader, csvLine } from './csv.js';
import { encodeText, type TextEncoding } from './encoding.js';
import { AtomicFile } from './atomic-file.js';
import { STDOUT } from './output-paths.js';
import { stdout } from './std.js';

export type OutputFormat = 'jsonl' | 'csv' | 'xlsx';

export function outputFormat(given: string | undefined, path: string | undefined): OutputFormat | undefined {
  if (given !== undefined) return given === 'jsonl' || given === 'csv' || given === 'xlsx' ? given : given === 'json' ? 'jsonl' : undefined;
  const ext = path ? extname(path).toLowerCase() : '';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv') return 'csv';
  return 'jsonl';
}

/** What the register says about the record beside the decision: where it was and whose it is. */
export interface RowContext {
  row?: number;
  name?: string;
  creditCode?: string;
  region?: string;
  /** Inspection date as the register gives it (next year's 上次评定日期, see eval --history). */
  date?: string;
}

/** Context of a raw record read from a register: the columns that say whose it is, kept on error rows too. */
export function rowContext(raw: unknown, row: number): RowContext {
  const r = raw as { enterprise?: { name?: unknown; region?: unknown; creditCode?: unknown }; inspection?: { date?: unknown } } | undefined;
  const e = r?.enterprise;
  const s = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
  return { row, name: s(e?.name), creditCode: s(e?.creditCode), region: s(e?.region), date: s(r?.inspection?.date) };
}

/** The columns that say whose a row is, first in both the decisions and the errors file. */
const WHOSE_COLUMNS = [
  { key: 'row', zh: '行号', width: 7 },
  { key: 'id', zh: '编号', width: 14 },
  { key: 'name', zh: '企业名称', width: 28 },
  { key: 'creditCode', zh: '统一社会信用代码', width: 20 },
  { key: 'region', zh: '行政区划代码', width: 12 },
] as const;

/** The cells of WHOSE_COLUMNS for a record. */
const whoseCells = (id: string, ctx: RowContext): (string | number)[] => [ctx.row ?? '', id, ctx.name ?? '', ctx.creditCode ?? '', ctx.region ?? ''];

/** Columns of the decisions sheet / CSV: Chinese header, then the English key. */
export const OUTPUT_COLUMNS = [
  ...WHOSE_COLUMNS,
  { key: 'date', zh: '检查日期', width: 11 },
  { key: 'inScope', zh: '适用本办法', width: 9 },
  { key: 'assessedClass', zh: '评定类别', width: 9 },
  { key: 'class', zh: '类别', width: 7 },
  { key: 'mode', zh: '监管方式', width: 10 },
  { key: 'riskLevel', zh: '风险等级', width: 9 },
  { key: 'passed', zh: '通过项数', width: 9 },
  { key: 'answered', zh: '作答项数', width: 9 },
  { key: 'passRatio', zh: '通过率', width: 9 },
  { key: 'failedItems', zh: '不通过项目', width: 16 },
  { key: 'directiveFailures', zh: '指向型不通过项目', width: 16 },
  { key: 'warnings', zh: '提示', width: 40 },
  { key: 'errorCode', zh: '错误代码', width: 9 },
  { key: 'errorField', zh: '错误字段', width: 22 },
  { key: 'errorMessage', zh: '错误说明', width: 40 },
] as const;

/** The errors file: one line per problem (a row with three problems has three lines), with the register's identifying columns on each. */
export const ERROR_COLUMNS = [
  ...WHOSE_COLUMNS,
  { key: 'column', zh: '登记表列', width: 14 },
  { key: 'field', zh: '字段', width: 24 },
  { key: 'code', zh: '错误代码', width: 9 },
  { key: 'message', zh: '说明', width: 50 },
  { key: 'messageEn', zh: '说明（英文）', width: 50 },
] as const;

export const columnHeader = (c: { key: string; zh: string }) => `${c.zh} ${c.key}`;

/** A sheet's columns (xlsx): the header as in CSV, the key, the width. */
export const sheetColumns = (columns: readonly { key: string; zh: string; width: number }[]) => columns.map((c) => ({ header: columnHeader(c), key: c.key, width: c.width }));

const yesNo = (b: boolean) => (b ? '是' : '否');

/** One output row, values typed (numbers stay numbers): the same in CSV and xlsx. */
export function outcomeCells(o: Outcome, ctx: RowContext = {}): (string | number)[] {
  const head = [...whoseCells(o.id, ctx), ctx.date ?? ''];
  if (isError(o)) {
    // Every problem of the row, one a line in each of the three cells.
    const list = o.errors ?? [o.error];
    const field = (n: Notice) => (n.column !== undefined ? `${n.column}（${n.field}）` : n.field);
    return [...head, '', '', '', '', '', '', '', '', '', '', '', list.map((n) => n.code).join('\n'), list.map(field).join('\n'), list.map((n) => n.message).join('\n')];
  }
  return [
    ...head,
    yesNo(o.inScope),
    o.assessedClass ?? '',
    o.class ?? '',
    o.mode ?? '',
    o.riskLevel ?? '',
    o.passed,
    o.answered,
    o.passRatio ?? '',
    o.failedItems.join('、'),
    o.directiveFailures.join('、'),
    (o.warnings ?? []).map((w) => `${w.code} ${w.field}：${w.message}`).join('\n'),
    '',
    '',
    '',
  ];
}

/** The lines of the errors file for one record: one per problem. */
export function errorCells(o: RecordError, ctx: RowContext = {}): (string | number)[][] {
  return (o.errors ?? [o.error]).map((n) => [...whoseCells(o.id, ctx), n.column ?? '', n.field, n.code, n.message, n.messageEn ?? '']);
}

/** One output line (CSV or JSON Lines) for a decision or error. */
export function formatOutcome(format: 'csv' | 'jsonl', o: Outcome, ctx: RowContext): string {
  return format === 'csv' ? csvLine(outcomeCells(o, ctx)) : JSON.stringify(o) + '\n';
}

/** One line of the errors file. */
export function formatError(format: 'csv' | 'jsonl', o: RecordError, ctx: RowContext): string {
  if (format === 'csv') return errorCells(o, ctx).map(csvLine).join('');
  return (o.errors ?? [o.error])
    .map((n) => JSON.stringify({ row: ctx.row ?? null, id: o.id, name: ctx.name ?? null, creditCode: ctx.creditCode ?? null, region: ctx.region ?? null, column: n.column ?? null, field: n.field, code: n.code, message: n.message, messageEn: n.messageEn }) + '\n')
    .join('');
}

const WARNINGS_COLUMN = OUTPUT_COLUMNS.findIndex((c) => c.key === 'warnings');

/** A warning added to a decision already formatted (a duplicate id found after the fact). */
export function addWarningToLine(format: 'csv' | 'jsonl', line: string, w: Notice): string {
  if (format === 'jsonl') {
    const o = JSON.parse(line) as Outcome;
    if (!isError(o)) o.warnings = [...(o.warnings ?? []), w];
    return JSON.stringify(o) + '\n';
  }
  // Our own line: a cell may hold any number of line breaks.
  const r = new CsvReader(1, Infinity);
  const cells = r.push(line)[0]?.cells ?? r.end()[0]?.cells ?? [];
  const prev = cells[WARNINGS_COLUMN] ?? '';
  const text = `${w.code} ${w.field}：${w.message}`;
  cells[WARNINGS_COLUMN] = prev ? `${prev}\n${text}` : text;
  return csvLine(cells);
}

/** Where the errors go when the decisions go to `path`: 结果.csv → 结果.errors.csv. */
export function defaultErrorsPath(path: string, format: OutputFormat): string {
  const ext = extname(path);
  const base = ext ? path.slice(0, -ext.length) : path;
  return `${base}.errors.${format === 'jsonl' ? 'jsonl' : 'csv'}`;
}

/** The errors file of CSV and JSON Lines output: the one asked for, else beside `path`; none for xlsx (a sheet) or when null. */
export function errorsFileOf(format: OutputFormat, path: string | undefined, errorsPath: string | null | undefined): string | undefined {
  if (format === 'xlsx' || errorsPath === null) return undefined;
  return errorsPath ?? (path ? defaultErrorsPath(path, format) : undefined);
}

export interface VersionMeasures {
  version: string;
  measures: Record<string, { text: string; article: string }[]>;
}

export interface WriterOptions {
  /** CSV encoding: UTF-8 with BOM (default, Excel opens it) or GB18030. */
  encoding?: TextEncoding;
  /** Errors file for CSV and JSONL output; by default beside `path`; null for none. */
  errorsPath?: string | null;
  /**
   * xlsx: the measures of each mode, for a 监管措施 sheet (they follow the mode, D7, so rows only name
   * the mode), one entry per rule version in use (D10): rows name their version, so the sheet does too.
   */
  measures?: readonly VersionMeasures[];
}

/** Standard output where a file is expected (--errors -). */
class StdoutFile {
  async write(bytes: string | Uint8Array): Promise<void> {
    if (!stdout().write(bytes)) await new Promise<void>((res) => stdout().once('drain', () => res()));
  }
  async commit(): Promise<void> {}
  abort(): void {}
}

export class OutcomeWriter {
  private buffer = '';
  private errBuffer = '';
  private file: AtomicFile | undefined;
  private errFile: AtomicFile | StdoutFile | undefined;
  private readonly encoding: TextEncoding;
  private book: ExcelJS.stream.xlsx.WorkbookWriter | undefined;
  private sheet: ExcelJS.Worksheet | undefined;
  /** xlsx: error rows wait here (a temporary file) until the decisions sheet is done. */
  private spool: AtomicFile | undefined;
  private closed = false;
  private readonly measures: WriterOptions['measures'];
  readonly errorsPath: string | undefined;
  /** Whether the errors file was asked for (kept even when there are no errors). */
  private readonly errorsAsked: boolean;
  errorCount = 0;

  constructor(
    readonly format: OutputFormat,
    path: string | undefined,
    options: WriterOptions = {},
  ) {
    this.encoding = options.encoding ?? 'utf-8';
    this.measures = options.measures;
    this.errorsAsked = typeof options.errorsPath === 'string';
    if (format === 'xlsx' && !path) throw new Error('xlsx output needs a file');
    this.errorsPath = errorsFileOf(format, path, options.errorsPath);
    // Opened now, so that abort() can remove them at once (also from a signal handler).
    try {
      this.file = path ? new AtomicFile(path) : undefined;
      this.errFile = this.errorsPath === STDOUT ? new StdoutFile() : this.errorsPath ? new AtomicFile(this.errorsPath) : undefined;
      if (format === 'xlsx') this.spool = new AtomicFile(`${path}.errors`);
    } catch (e) {
      this.abort();
      throw e;
    }
    if (format === 'csv') {
      // UTF-8 CSV starts with a BOM, so that Excel reads it as UTF-8.
      const bom = this.encoding === 'utf-8' ? '\uFEFF' : '';
      this.buffer = bom + csvLine(OUTPUT_COLUMNS.map(columnHeader));
      if (this.errFile) this.errBuffer = bom + csvLine(ERROR_COLUMNS.map(columnHeader));
    }
  }

  /** exceljs is loaded only for xlsx output (it is slow to load). */
  private async openBook(): Promise<void> {
    const { default: Excel } = await import('exceljs');
    {
      this.book = new Excel.stream.xlsx.WorkbookWriter({ stream: this.file!.stream(), useStyles: true, useSharedStrings: false });
      this.sheet = this.book.addWorksheet('判定结果', { views: [{ state: 'frozen', ySplit: 1 }] });
      this.sheet.columns = sheetColumns(OUTPUT_COLUMNS);
      const ratio = this.sheet.getColumn('passRatio');
      ratio.numFmt = '0.00%';
      this.sheet.getRow(1).font = { bold: true };
    }
  }

  async write(o: Outcome, ctx: RowContext = {}): Promise<void> {
    if (this.format === 'xlsx') {
      if (!this.book) await this.openBook();
      const cells = outcomeCells(o, ctx);
      const row = this.sheet!.addRow(cells);
      if (isError(o)) {
        row.font = { color: { argb: 'FFC00000' } };
        this.errorCount++;
        for (const cells of errorCells(o, ctx)) await this.spool!.write(JSON.stringify(cells) + '\n');
      }
      row.commit();
      return;
    }
    this.buffer += formatOutcome(this.format, o, ctx);
    if (isError(o)) {
      this.errorCount++;
      if (this.errFile) this.errBuffer += formatError(this.format, o, ctx);
    }
    if (this.buffer.length > 1 << 16) await this.flush();
  }

  /** The encoding of the bytes this writer writes (CSV may be GB18030; JSON Lines is UTF-8). */
  get byteEncoding(): TextEncoding {
    return this.format === 'csv' ? this.encoding : 'utf-8';
  }

  /** Lines formatted and encoded elsewhere (by the parallel workers), in order. CSV and JSON Lines only. */
  async writeEncoded(lines: Uint8Array, errorLines: Uint8Array, errors: number): Promise<void> {
    await this.flush();
    this.errorCount += errors;
    await this.put(lines);
    if (this.errFile && errorLines.length) await this.errFile.write(errorLines);
  }

  private async put(bytes: string | Uint8Array): Promise<void> {
    if (this.file) await this.file.write(bytes);
    else if (!stdout().write(bytes)) await new Promise<void>((res) => stdout().once('drain', () => res()));
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (chunk) await this.put(encodeText(chunk, this.byteEncoding));
    if (this.errFile && this.errBuffer) {
      const e = this.errBuffer;
      this.errBuffer = '';
      await this.errFile.write(encodeText(e, this.byteEncoding));
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.format === 'xlsx') {
      if (!this.book) await this.openBook();
      this.sheet!.commit();
      const es = this.book!.addWorksheet('错误', { views: [{ state: 'frozen', ySplit: 1 }] });
      es.columns = sheetColumns(ERROR_COLUMNS);
      es.getRow(1).font = { bold: true };
      for await (const line of createInterface({ input: createReadStream(this.spool!.temp), crlfDelay: Infinity })) {
        if (line) es.addRow(JSON.parse(line) as unknown[]).commit();
      }
      es.commit();
      if (this.measures) {
        const ms = this.book!.addWorksheet('监管措施');
        // One version: the sheet as before; several: a first column says which version's measures a row is.
        const several = this.measures.length > 1;
        ms.columns = [...(several ? [{ header: '规则版本 rules version', width: 14 }] : []), { header: '监管方式 mode', width: 12 }, { header: '序号', width: 6 }, { header: '监管措施 measure', width: 80 }, { header: '依据 article', width: 24 }];
        ms.getRow(1).font = { bold: true };
        for (const v of this.measures) {
          for (const mode of MODES_LIGHTEST_FIRST) (v.measures[mode] ?? []).forEach((m, i) => ms.addRow([...(several ? [v.version] : []), mode, i + 1, m.text, m.article]).commit());
        }
        ms.commit();
      }
      await this.book!.commit();
      this.spool!.abort();
      await this.file!.commit();
      return;
    }
    await this.flush();
    // The decisions first: they hold the error rows too.
    if (this.file) await this.file.commit();
    if (this.errFile) {
      if (this.errorCount > 0 || this.errorsAsked) await this.errFile.commit();
      else this.errFile.abort();
    }
  }

  /** Interrupted: leave no half-written file behind. */
  abort(): void {
    this.closed = true;
    this.file?.abort();
    this.errFile?.abort();
    this.spool?.abort();
  }
}
