// CSV (RFC 4180) read incrementally: quoted fields, doubled quotes, CRLF, newlines in quotes.

export class CsvReader {
  private field = '';
  private row: string[] = [];
  private quoted = false;
  private afterQuote = false;
  private pendingCr = false;
  /** 1-based line where the row being read starts. */
  private rowLine = 1;
  private line = 1;

  /** Feeds text; returns the complete rows with the line each started on. */
  push(text: string): { cells: string[]; line: number }[] {
    const out: { cells: string[]; line: number }[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === '\n') continue;
      }
      if (this.quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            this.field += '"';
            i++;
          } else if (i + 1 === text.length) {
            // Cannot see the next char yet: decide on the next push.
            this.quoted = false;
            this.afterQuote = true;
          } else {
            this.quoted = false;
            this.afterQuote = true;
          }
        } else {
          if (c === '\n') this.line++;
          this.field += c;
        }
        continue;
      }
      if (this.afterQuote && c === '"' && this.field !== '') {
        // A doubled quote split across chunks.
        this.field += '"';
        this.quoted = true;
        this.afterQuote = false;
        continue;
      }
      this.afterQuote = false;
      if (c === '"' && this.field === '') this.quoted = true;
      else if (c === ',') this.endField();
      else if (c === '\n' || c === '\r') {
        this.endField();
        out.push({ cells: this.row, line: this.rowLine });
        this.row = [];
        this.line++;
        this.rowLine = this.line;
        if (c === '\r') this.pendingCr = true;
      } else this.field += c;
    }
    return out;
  }

  /** The last row when the text does not end with a newline. */
  end(): { cells: string[]; line: number } | undefined {
    if (this.field === '' && this.row.length === 0) return undefined;
    this.endField();
    const r = { cells: this.row, line: this.rowLine };
    this.row = [];
    return r;
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = '';
  }
}

export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading = + - @ would be run as a formula by Excel: prefix a quote mark (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}
