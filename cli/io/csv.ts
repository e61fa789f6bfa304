// CSV (RFC 4180) read incrementally: quoted fields, doubled quotes, CRLF, newlines in quotes.
// Unquoted fields (nearly all of a register) are sliced, not built character by character.

export interface CsvRow {
  cells: string[];
  /** 1-based text line where the row starts. */
  line: number;
  /** 1-based row number, as Excel shows it when it opens the file (the header is row 1). */
  row: number;
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

export class CsvReader {
  /** Text of a row not yet complete. */
  private carry = '';
  private skipLf = false;
  private line: number;
  private row: number;

  /** `firstRow`: the row number of the first row fed (for a piece cut from the middle of a file). */
  constructor(firstRow = 1) {
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

  /** The last row when the text does not end with a newline. */
  end(): CsvRow | undefined {
    const s = this.carry;
    this.carry = '';
    if (s === '') return undefined;
    const out: CsvRow[] = [];
    this.parseRow(s, 0, true, out);
    return out[0];
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
        field = '';
        let j = i + 1;
        for (;;) {
          const k = s.indexOf('"', j);
          if (k < 0) {
            if (!final) return -1;
            // Unterminated quote at the end of the file: take the rest as the field.
            field += s.slice(j);
            newlines += count(s, j, n);
            i = n;
            break;
          }
          if (k + 1 >= n && !final) return -1;
          newlines += count(s, j, k);
          if (s.charCodeAt(k + 1) === QUOTE) {
            field += s.slice(j, k + 1);
            j = k + 2;
            continue;
          }
          field += s.slice(j, k);
          i = k + 1;
          break;
        }
        // Text after the closing quote and before the delimiter is kept (as Excel does).
        let k = i;
        while (k < n) {
          const c = s.charCodeAt(k);
          if (c === COMMA || c === CR || c === LF) break;
          k++;
        }
        if (k > i) field += s.slice(i, k);
        i = k;
      } else {
        let k = i;
        while (k < n) {
          const c = s.charCodeAt(k);
          if (c === COMMA || c === CR || c === LF) break;
          k++;
        }
        field = s.slice(i, k);
        i = k;
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
      // End of the row.
      if (c === CR) {
        if (i + 1 < n) {
          if (s.charCodeAt(i + 1) === LF) i++;
        } else if (!final) {
          this.skipLf = true;
        }
      }
      this.emit(cells, newlines, out);
      return i + 1;
    }
  }

  private emit(cells: string[], newlines: number, out: CsvRow[]): void {
    this.row++;
    out.push({ cells, line: this.line, row: this.row });
    this.line += newlines + 1;
  }
}

function count(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** What a spreadsheet may take as the start of a formula: = + - @, tab, CR, and their full-width forms ＝ ＋ － ＠. */
const FORMULA_START = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d, 0xff1d, 0xff0b, 0xff0d, 0xff20]);
/** A plain decimal number, which a spreadsheet reads as that number and nothing else. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Whether a spreadsheet opening the file could evaluate the cell (CSV injection): it starts
 * like a formula and is not a plain number. `-1+cmd|' /C calc'!A0` starts with a digit after
 * the sign, but a spreadsheet still evaluates it.
 */
export function formulaLike(s: string): boolean {
  return FORMULA_START.has(s.charCodeAt(0)) && !PLAIN_NUMBER.test(s);
}

export function csvCell(v: unknown): string {
  if (typeof v === 'number') return String(v);
  const s = v === null || v === undefined ? '' : String(v);
  if (s === '') return s;
  // A quote mark in front makes the spreadsheet show the text instead of running it.
  const safe = formulaLike(s) ? `'${s}` : s;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}
