// CSV (RFC 4180) read incrementally: quoted fields, doubled quotes, CRLF, newlines in quotes.
// Unquoted fields (nearly all of a register) are sliced, not built character by character.
// A quote that opens a cell but never properly closes (a stray " typed at the start of a
// name) would swallow the rest of the register: such a cell ends its row at its first line
// break and the row is reported (FL5025); the rows after it are read as usual. The parallel
// path cuts registers into pieces by the same rules, on bytes (csv-cut.ts).

export interface CsvRow {
  cells: string[];
  /** 1-based text line where the row starts. */
  line: number;
  /** 1-based row number, as Excel shows it when it opens the file (the header is row 1). */
  row: number;
  /** 0-based index of the cell whose opening quote never closed (the row ends at the line break after it). */
  unclosed?: number;
}

/**
 * A quoted cell may hold at most this many line breaks. Past it, or when the closing quote
 * never comes, or when a cell that spans lines closes with text after its quote (`"…\n…"x`),
 * the opening quote is taken as a stray one (FL5025).
 */
export const MAX_CELL_BREAKS = 100;

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** What a quoted cell starting at `i` comes to: its closing quote, more text needed, or a runaway. */
export const NEED_MORE = -1;
export const RUNAWAY = -2;

/** Line breaks in s[from, to): LF, or CR not followed by LF (a CR at the end of the text counts). */
function breaksIn(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

/**
 * The closing quote of the quoted cell opened at `i` (its index), NEED_MORE when the text
 * ends before this can be told, or RUNAWAY (see MAX_CELL_BREAKS). csv-cut.ts does the same on bytes.
 */
function closingQuote(s: string, i: number, final: boolean, max: number): number {
  const n = s.length;
  let j = i + 1;
  let breaks = 0;
  for (;;) {
    const k = s.indexOf('"', j);
    breaks += breaksIn(s, j, k < 0 ? n : k);
    if (breaks > max) return RUNAWAY;
    if (k < 0) return final ? RUNAWAY : NEED_MORE;
    if (k + 1 >= n) return final ? k : NEED_MORE;
    const c = s.charCodeAt(k + 1);
    if (c === QUOTE) {
      j = k + 2;
      continue;
    }
    if (breaks > 0 && c !== COMMA && c !== CR && c !== LF) return RUNAWAY;
    return k;
  }
}

export class CsvReader {
  /** Text of a row not yet complete. */
  private carry = '';
  private skipLf = false;
  private line: number;
  private row: number;

  /** `firstRow`: the row number of the first row fed (for a piece cut from the middle of a file). */
  constructor(
    firstRow = 1,
    private readonly maxBreaks = MAX_CELL_BREAKS,
  ) {
    this.line = firstRow;
    this.row = firstRow - 1;
  }

  /** Feeds text; returns the rows completed by it. */
  push(text: string): CsvRow[] {
    const out: CsvRow[] = [];
    let s = this.carry + text;
    if (this.skipLf && s.length > 0) {
      this.skipLf = false;
      if (s.charCodeAt(0) === LF) s = s.slice(1);
    }
    let pos = 0;
    for (;;) {
      const end = this.parseRow(s, pos, false, out);
      if (end < 0) break;
      pos = end;
    }
    this.carry = s.slice(pos);
    return out;
  }

  /** The rows left when the text ends (the last one without a newline, or after a stray quote). */
  end(): CsvRow[] {
    const s = this.carry;
    this.carry = '';
    const out: CsvRow[] = [];
    for (let pos = 0; pos < s.length; ) pos = this.parseRow(s, pos, true, out);
    return out;
  }

  /** Parses one row starting at `pos`; returns the offset after it, or -1 when the row is incomplete. */
  private parseRow(s: string, pos: number, final: boolean, out: CsvRow[]): number {
    const n = s.length;
    if (pos >= n) return -1;
    // Fast path: a row without quotes, ended by LF (or CRLF), is split natively.
    const lf = s.indexOf('\n', pos);
    if (lf >= 0) {
      let line = s.slice(pos, lf);
      if (line.indexOf('"') < 0) {
        const cr = line.indexOf('\r');
        if (cr < 0 || cr === line.length - 1) {
          if (cr >= 0) line = line.slice(0, cr);
          this.emit(line.split(','), 0, out);
          return lf + 1;
        }
      }
    }
    const cells: string[] = [];
    let i = pos;
    let newlines = 0;
    for (;;) {
      let field: string;
      if (s.charCodeAt(i) === QUOTE) {
        const k = closingQuote(s, i, final, this.maxBreaks);
        if (k === NEED_MORE) return -1;
        if (k === RUNAWAY) return this.runaway(s, i, final, cells, newlines, out);
        field = s.slice(i + 1, k);
        if (field.indexOf('"') >= 0) field = field.replace(/""/g, '"');
        newlines += count(s, i + 1, k);
        i = k + 1;
        // Text after the closing quote and before the delimiter is kept (as Excel does).
        let e = i;
        while (e < n) {
          const c = s.charCodeAt(e);
          if (c === COMMA || c === CR || c === LF) break;
          e++;
        }
        if (e > i) field += s.slice(i, e);
        i = e;
      } else {
        let e = i;
        while (e < n) {
          const c = s.charCodeAt(e);
          if (c === COMMA || c === CR || c === LF) break;
          e++;
        }
        field = s.slice(i, e);
        i = e;
      }
      cells.push(field);
      if (i >= n) {
        if (!final) return -1;
        this.emit(cells, newlines, out);
        return n;
      }
      const c = s.charCodeAt(i);
      if (c === COMMA) {
        i++;
        if (i >= n) {
          if (!final) return -1;
          cells.push('');
          this.emit(cells, newlines, out);
          return n;
        }
        continue;
      }
      return this.rowEnd(s, i, final, cells, newlines, out);
    }
  }

  /** The row ends at the CR or LF at `i`; returns the offset after it. */
  private rowEnd(s: string, i: number, final: boolean, cells: string[], newlines: number, out: CsvRow[], unclosed?: number): number {
    if (s.charCodeAt(i) === CR) {
      if (i + 1 < s.length) {
        if (s.charCodeAt(i + 1) === LF) i++;
      } else if (!final) {
        this.skipLf = true;
      }
    }
    this.emit(cells, newlines, out, unclosed);
    return i + 1;
  }

  /** A stray opening quote at `i`: the cell and its row end at the first line break after it. */
  private runaway(s: string, i: number, final: boolean, cells: string[], newlines: number, out: CsvRow[]): number {
    let e = i + 1;
    while (e < s.length) {
      const c = s.charCodeAt(e);
      if (c === CR || c === LF) break;
      e++;
    }
    cells.push(s.slice(i + 1, e));
    if (e >= s.length) {
      this.emit(cells, newlines, out, cells.length - 1);
      return e;
    }
    return this.rowEnd(s, e, final, cells, newlines, out, cells.length - 1);
  }

  private emit(cells: string[], newlines: number, out: CsvRow[], unclosed?: number): void {
    this.row++;
    out.push(unclosed === undefined ? { cells, line: this.line, row: this.row } : { cells, line: this.line, row: this.row, unclosed });
    this.line += newlines + 1;
  }
}

function count(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(v: unknown): string {
  if (typeof v === 'number') return String(v);
  const s = v === null || v === undefined ? '' : String(v);
  if (s === '') return s;
  // A leading = + - @ would be run as a formula by Excel: prefix a quote mark (CSV injection).
  const c = s.charCodeAt(0);
  const safe = (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) && !/^-?\d/.test(s) ? `'${s}` : s;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}
