// Offsets ↔ LSP positions. Both count UTF-16 code units, as the compiler's LineIndex does,
// so Chinese text needs no conversion; only positions past a line's end are clamped.
import type { Position, Range } from 'vscode-languageserver';
import type { LineIndex, Range as DiagRange } from '../compiler/index.js';

export function toPosition(lines: LineIndex, offset: number): Position {
  const p = lines.position(offset);
  return { line: p.line, character: p.column };
}

export function toRange(lines: LineIndex, start: number, end: number): Range {
  return { start: toPosition(lines, start), end: toPosition(lines, Math.max(start, end)) };
}

/** The offset of an LSP position; a character past the end of its line means the line's end. */
export function toOffset(lines: LineIndex, pos: Position): number {
  if (pos.line < 0) return 0;
  if (pos.line >= lines.lineCount) return lines.text.length;
  const start = lines.offset(pos.line, 0);
  let end = pos.line + 1 < lines.lineCount ? lines.offset(pos.line + 1, 0) : lines.text.length;
  const text = lines.text;
  if (end > start && text[end - 1] === '\n') end--;
  if (end > start && text[end - 1] === '\r') end--;
  return Math.min(start + Math.max(0, pos.character), end);
}

export function fromDiagnosticRange(r: DiagRange): Range {
  return { start: { line: r.start.line, character: r.start.column }, end: { line: r.end.line, character: r.end.column } };
}

export function contains(r: { start: number; end: number }, offset: number): boolean {
  return offset >= r.start && offset <= r.end;
}
