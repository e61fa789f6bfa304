// Where a register's rows end, found on its bytes, so the parallel path can cut it into
// pieces of whole rows without decoding it. The rules are CsvReader's (csv.ts), step for
// step: a quote opens a cell only at its start, a doubled quote stays inside, CR, LF and
// CRLF end a row, and a stray opening quote (past MAX_CELL_BREAKS line breaks, never
// closed, or closed with text after it in a cell that spans lines) ends its row at its first
// line break. A piece cut here and read on its own therefore gives exactly the rows, row
// numbers and errors the whole register gives read in one go. Works on UTF-8 and GB18030
// alike: quote, comma, CR and LF bytes are never part of a multi-byte character there.
import { MAX_CELL_BREAKS, NEED_MORE, RUNAWAY } from './csv.js';

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** Line breaks in b[from, to), counted as csv.ts counts them. */
function breaksIn(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c === LF || (c === CR && b[i + 1] !== LF)) n++;
  }
  return n;
}

/** closingQuote of csv.ts on bytes, for text that goes on past `b` (never final). */
function closingQuote(b: Buffer, i: number, max: number): number {
  const n = b.length;
  let j = i + 1;
  let breaks = 0;
  for (;;) {
    const k = b.indexOf(QUOTE, j);
    breaks += breaksIn(b, j, k < 0 ? n : k);
    if (breaks > max) return RUNAWAY;
    if (k < 0 || k + 1 >= n) return NEED_MORE;
    const c = b[k + 1];
    if (c === QUOTE) {
      j = k + 2;
      continue;
    }
    if (breaks > 0 && c !== COMMA && c !== CR && c !== LF) return RUNAWAY;
    return k;
  }
}

/** The offset after the row starting at `pos`, or -1 when more bytes are needed to tell. */
function rowEnd(b: Buffer, pos: number, max: number, next: { quote: number; cr: number }): number {
  const n = b.length;
  // Fast path (as CsvReader's): no quote before the LF, no CR but one right before it.
  const lf = b.indexOf(LF, pos);
  if (lf >= 0) {
    if (next.quote >= 0 && next.quote < pos) next.quote = b.indexOf(QUOTE, pos);
    if (next.cr >= 0 && next.cr < pos) next.cr = b.indexOf(CR, pos);
    if ((next.quote < 0 || next.quote > lf) && (next.cr < 0 || next.cr >= lf - 1)) return lf + 1;
  }
  let i = pos;
  for (;;) {
    if (b[i] === QUOTE) {
      const k = closingQuote(b, i, max);
      if (k === NEED_MORE) return -1;
      if (k === RUNAWAY) {
        // The row ends at the first line break after the stray quote.
        let e = i + 1;
        while (e < n && b[e] !== CR && b[e] !== LF) e++;
        return lineEnd(b, e);
      }
      i = k + 1;
    }
    while (i < n) {
      const c = b[i];
      if (c === COMMA || c === CR || c === LF) break;
      i++;
    }
    if (i >= n) return -1;
    if (b[i] === COMMA) {
      i++;
      if (i >= n) return -1;
      continue;
    }
    return lineEnd(b, i);
  }
}

/** After the CR, LF or CRLF at `i`; -1 for a CR at the very end (an LF may follow). */
function lineEnd(b: Buffer, i: number): number {
  if (i >= b.length) return -1;
  if (b[i] === LF) return i + 1;
  if (i + 1 >= b.length) return -1;
  return b[i + 1] === LF ? i + 2 : i + 1;
}

/**
 * Where the last complete row of `bytes` ends and how many rows end before it (-1 and 0
 * when none does). `bytes` must start where a row starts.
 */
export function lastRowEnd(bytes: Uint8Array, maxBreaks = MAX_CELL_BREAKS): { end: number; rows: number } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const next = { quote: b.indexOf(QUOTE), cr: b.indexOf(CR) };
  let rows = 0;
  let end = -1;
  for (let pos = 0; pos < b.length; ) {
    const e = rowEnd(b, pos, maxBreaks, next);
    if (e < 0) break;
    rows++;
    end = pos = e;
  }
  return { end, rows };
}
