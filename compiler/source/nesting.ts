// A linear pre-scan of YAML nesting, run before the yaml library sees the text: the library
// has no depth option, and on a deeply nested document its parser spends time proportional to
// size × depth (58 s on 4 MiB) before its own stack gives out. The scan counts block levels by
// indentation and `- `/`? ` indicators, and flow levels by `[`/`{` outside quotes and comments.
// It is an upper bound of the real nesting for any file a person would write (continuation
// lines of a text indented deeper each time count as levels too): rule files nest 6–8 deep.

/** Where the nesting first exceeds `limit` (a character offset), or -1. */
// long: one pass over the characters with its few states (quote, flow depth, line start) in locals.
export function firstTooDeep(text: string, limit: number): number {
  const indents: number[] = [];
  let flow = 0;
  /** Inside a quoted scalar that spans lines: its quote character. */
  let quote = '';
  /** Inside a block scalar (`|`, `>`): lines indented deeper than this belong to it. */
  let blockScalarParent = -1;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && text[i] === ' ') i++;
    const indent = i - lineStart;
    const blank = i >= lineEnd || text[i] === '\r' || text[i] === '#';
    if (blockScalarParent >= 0 && (blank || indent > blockScalarParent)) {
      lineStart = lineEnd + 1;
      continue;
    }
    blockScalarParent = -1;
    let depth = 0;
    let valueStart = true;
    if (!quote && flow === 0 && !blank) {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      depth = indents.length;
      if (depth > limit) return i;
      // `- - x` and `? x`: each indicator opens a level on the same line.
      while (i + 1 < lineEnd && (text[i] === '-' || text[i] === '?') && (text[i + 1] === ' ' || text[i + 1] === '\r')) {
        if (++depth > limit) return i;
        i += 2;
        while (i < lineEnd && text[i] === ' ') i++;
      }
    }
    for (; i < lineEnd; i++) {
      const c = text[i]!;
      if (quote) {
        if (quote === '"' && c === '\\') i++;
        else if (c === quote) {
          if (quote === "'" && text[i + 1] === "'") i++;
          else quote = '';
        }
        continue;
      }
      if (c === '#' && (i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t')) break;
      if (c === ' ' || c === '\t') continue;
      if (valueStart || flow > 0) {
        if (c === '"' || c === "'") {
          quote = c;
          valueStart = false;
          continue;
        }
        if (c === '[' || c === '{') {
          flow++;
          if (depth + flow > limit) return i;
          continue;
        }
        // Anchors and tags before a value leave it a value start.
        if (valueStart && (c === '&' || c === '!')) {
          while (i + 1 < lineEnd && text[i + 1] !== ' ') i++;
          continue;
        }
      }
      if (flow > 0) {
        if (c === ']' || c === '}') flow--;
        else if (c === ',' || c === ':') valueStart = true;
        continue;
      }
      if (c === ':' && (text[i + 1] === ' ' || i + 1 >= lineEnd || text[i + 1] === '\r')) {
        valueStart = true;
        continue;
      }
      if (valueStart && (c === '|' || c === '>')) {
        blockScalarParent = indent;
        break;
      }
      valueStart = false;
    }
    lineStart = lineEnd + 1;
  }
  return -1;
}
