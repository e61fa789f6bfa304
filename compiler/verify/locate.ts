// Offsets in rule files → editor ranges, for diagnostics about the rules being verified.
import type { Range } from '../diagnostics/types.js';
import type { CompileResult } from '../program.js';
import { LineIndex } from '../source/line-index.js';

export type Locate = (file: string, start: number, end: number) => Range;

export function locator(...results: CompileResult[]): Locate {
  const lines = new Map<string, LineIndex>();
  for (const r of results) {
    for (const f of r.linked?.model.files ?? []) if (!lines.has(f.file)) lines.set(f.file, f.lines);
    if (r.ast && !lines.has(r.file)) lines.set(r.file, r.ast.lines);
  }
  const empty = new LineIndex('');
  return (file, start, end) => (lines.get(file) ?? empty).range(start, end);
}
