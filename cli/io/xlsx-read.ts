// Rows of an Excel workbook (.xlsx), streamed with exceljs's WorkbookReader (its XML decoded
// across chunk boundaries: xlsx-utf8.ts): one sheet
// (the one named 登记表, else the first visible sheet that is not instructions or lists),
// every cell as the text an inspector sees: formulas by their cached result, Excel dates
// as YYYY-MM-DD, numbers (ids, codes) without exponent or grouping, merged cells filled
// from their top-left cell.
//
// The parts exceljs needs (workbook, shared strings, styles, the one sheet) are read from the
// zip by their place in it (xlsx-index.ts), not by exceljs's streaming unzip: that one stops
// early at random when the zip's end is reached while parts still wait in a paused stream
// (exceljs 4.4 iterate-stream with unzipper's Parse), and the workbook then read as having no
// sheet names or no rows — most often with several sheets.
import type ExcelJS from 'exceljs';
import { readXlsxIndex, type MergedRange, type SheetInfo } from './xlsx-index.js';
import { utf8WorkbookReader } from './xlsx-utf8.js';

export interface SheetRow {
  cells: string[];
  /** 1-based row number as Excel shows it. */
  row: number;
}

/** Sheets of our own templates and of reports that are never the register. */
const NOT_REGISTER = /^(填写说明|说明|选项|下拉选项|instructions|lists|错误|errors)/i;

export function chooseSheet(sheets: readonly SheetInfo[], wanted?: string): SheetInfo | undefined {
  if (wanted !== undefined) return sheets.find((s) => s.name === wanted);
  return sheets.find((s) => s.name === '登记表') ?? sheets.find((s) => s.state === 'visible' && !NOT_REGISTER.test(s.name)) ?? sheets[0];
}

const DAY_MS = 86_400_000;

/** Date formats (y, m, d, h, s outside quotes and brackets), as exceljs decides. */
function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhs]/i.test(f) && !/^General$/i.test(f);
}

function dateText(d: Date): string {
  const t = d.getTime();
  if (Number.isNaN(t)) return '';
  // exceljs builds dates from the serial at UTC midnight; a time part only rounds.
  return new Date(Math.round(t / 60_000) * 60_000).toISOString().slice(0, 10);
}

function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

/** The text of one cell value, as exceljs gives it. */
export function cellText(v: unknown, numFmt?: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return isDateFormat(numFmt) ? dateText(new Date(Math.round((v - 25569) * DAY_MS))) : numberText(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return dateText(v);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; formula?: string; sharedFormula?: string; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text ?? '').join('');
    if ('result' in o || o.formula !== undefined || o.sharedFormula !== undefined) return cellText(o.result, numFmt);
    if (o.error !== undefined) return o.error;
    if (o.text !== undefined) return cellText(o.text, numFmt);
  }
  return String(v);
}

export interface XlsxReadOptions {
  sheet?: string;
  /** Called with the number of bytes read from the file so far. */
  onBytes?: (bytes: number) => void;
}

export class SheetNotFound extends Error {}

/** Rows of the register sheet, in order; rows Excel does not store are not yielded. */
export async function* xlsxRows(path: string, options: XlsxReadOptions = {}): AsyncGenerator<SheetRow> {
  const index = await readXlsxIndex(path);
  const sheet = chooseSheet(index.sheets, options.sheet);
  if (!sheet) throw new SheetNotFound(options.sheet ? `工作簿中没有名为“${options.sheet}”的工作表（有：${index.sheets.map((s) => s.name).join('、')}）` : '工作簿中没有工作表');
  const merges = await index.merges(sheet);
  const fill = new MergeFill(merges);
  const { default: Excel } = await import('exceljs');
  const Reader = utf8WorkbookReader(Excel.stream.xlsx.WorkbookReader);
  const reader = new Reader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' }) as unknown as PartReader;
  const opened: NodeJS.ReadableStream[] = [];
  const part = (name: string, onBytes?: (bytes: number) => void) => {
    const s = index.part(name, onBytes);
    if (s) opened.push(s);
    return s;
  };
  try {
    // What the sheet's cells refer to: the date system (workbook), shared strings, number formats (styles).
    const book = part('xl/workbook.xml');
    if (book) await reader._parseWorkbook(book);
    const strings = part('xl/sharedStrings.xml');
    if (strings) for await (const _ of reader._parseSharedStrings(strings));
    const styles = part('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);
    const rows = part(sheet.path, options.onBytes);
    if (!rows) return;
    for (const { value: ws } of reader._parseWorksheet(rows, sheet.path)) {
      for await (const row of ws) {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          cells[col - 1] = cellText(cell.value, cell.numFmt);
        });
        for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
        fill.apply(row.number, cells);
        yield { cells, row: row.number };
      }
    }
  } finally {
    for (const s of opened) (s as NodeJS.ReadableStream & { destroy(): void }).destroy();
  }
}

/** The part readers of exceljs 4's WorkbookReader (checked to exist by xlsx-utf8.ts), fed the parts directly. */
interface PartReader {
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncIterable<unknown>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Iterable<{ value: AsyncIterable<ExcelJS.Row> }>;
}

/** Fills every cell of a merged range with the value of its top-left cell, row by row. */
class MergeFill {
  /** Ranges by top row, ascending; `next` is the first not yet started. */
  private readonly ranges: MergedRange[];
  private next = 0;
  private active: { range: MergedRange; value: string }[] = [];

  constructor(ranges: readonly MergedRange[]) {
    this.ranges = ranges.filter((r) => r.top !== r.bottom || r.left !== r.right).sort((a, b) => a.top - b.top);
  }

  apply(rowNumber: number, cells: string[]): void {
    if (this.next >= this.ranges.length && this.active.length === 0) return;
    this.active = this.active.filter((a) => a.range.bottom >= rowNumber);
    while (this.next < this.ranges.length && this.ranges[this.next]!.top <= rowNumber) {
      const r = this.ranges[this.next++]!;
      // A range whose top row Excel did not store has an empty value.
      if (r.bottom >= rowNumber) this.active.push({ range: r, value: r.top === rowNumber ? (cells[r.left - 1] ?? '') : '' });
    }
    for (const { range, value } of this.active) {
      for (let c = range.left; c <= range.right; c++) {
        if (c === range.left && rowNumber === range.top) continue;
        while (cells.length < c) cells.push('');
        cells[c - 1] = value;
      }
    }
  }
}
