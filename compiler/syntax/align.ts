// Maps offsets in a YAML scalar's value to offsets in the file, so that a
// diagnostic inside a condition points at the right character even when the
// scalar is quoted, escaped or folded over several lines.

const WS = new Set([' ', '\t', '\n', '\r']);

export function alignOffsets(value: string, source: string, start: number, end: number, type: string): number[] {
  const out = new Array<number>(value.length + 1);
  let j = start;
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') j++;
  else if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') j = source.indexOf('\n', start) + 1 || end;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    let k = j;
    // Skip what the value does not contain: escapes, quote doubling, indentation, line breaks.
    while (k < end && source[k] !== ch && !(WS.has(ch) && WS.has(source[k]!))) k++;
    if (k >= end) {
      out[i] = Math.min(j, end);
      continue;
    }
    out[i] = k;
    j = k + 1;
    if (WS.has(ch)) while (j < end && WS.has(source[j]!) && !WS.has(value[i + 1] ?? '')) j++;
  }
  out[value.length] = Math.min(j, end);
  return out;
}
