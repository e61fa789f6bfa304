// Maps offsets in a YAML scalar's value to offsets in the file, so that a
// diagnostic inside a condition points at the right character even when the
// scalar is quoted, escaped or folded over several lines.

const WS = new Set([' ', '\t', '\n', '\r']);
const ESCAPE_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

export function alignOffsets(value: string, source: string, start: number, end: number, type: string): number[] {
  if (type === 'QUOTE_DOUBLE') return alignDoubleQuoted(value, source, start, end);
  const out = new Array<number>(value.length + 1);
  let j = start;
  if (type === 'QUOTE_SINGLE') j++;
  else if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') j = source.indexOf('\n', start) + 1 || end;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    let k = j;
    // Skip what the value does not contain: quote doubling, indentation, line breaks.
    while (k < end && source[k] !== ch && !(WS.has(ch) && WS.has(source[k]!))) k++;
    if (k >= end) {
      out[i] = Math.min(j, end);
      continue;
    }
    out[i] = k;
    j = k + 1;
    if (type === 'QUOTE_SINGLE' && ch === "'" && source[j] === "'") j++;
    if (WS.has(ch)) while (j < end && WS.has(source[j]!) && !WS.has(value[i + 1] ?? '')) j++;
  }
  out[value.length] = Math.min(j, end);
  return out;
}

/** Walks the source of a double-quoted scalar, decoding escapes and folded line breaks. */
function alignDoubleQuoted(value: string, source: string, start: number, end: number): number[] {
  const out = new Array<number>(value.length + 1).fill(Math.max(start, end - 1));
  let j = start + 1;
  const close = end - 1;
  let i = 0;
  while (i < value.length && j < close) {
    const c = source[j]!;
    if (c === '\\') {
      const e = source[j + 1] ?? '';
      if (e === '\n' || e === '\r') {
        // An escaped line break joins the lines: it stands for nothing.
        j += 2;
        while (j < close && WS.has(source[j]!)) j++;
        continue;
      }
      const len = ESCAPE_LENGTH[e];
      const width = len === undefined ? 2 : 2 + len;
      const decoded = len === undefined ? 1 : String.fromCodePoint(parseInt(source.slice(j + 2, j + width), 16) || 0).length;
      // `\"` points at the quote itself; `\u4e0d` at its backslash.
      for (let k = 0; k < decoded && i < value.length; k++) out[i++] = len === undefined ? j + 1 : j;
      j += width;
    } else if ((c === ' ' || c === '\t') && /^[ \t]*[\r\n]/.test(source.slice(j, Math.min(close, j + 200)))) {
      // Trailing spaces before a line break are dropped by the fold.
      while (source[j] === ' ' || source[j] === '\t') j++;
    } else if (c === '\n' || c === '\r') {
      // A line break folds to a space (or to newlines when lines are empty).
      const from = j;
      while (j < close && WS.has(source[j]!)) j++;
      while (i < value.length && (value[i] === ' ' || value[i] === '\n')) out[i++] = from;
    } else {
      out[i++] = j++;
    }
  }
  out[value.length] = Math.min(j, close);
  return out;
}
