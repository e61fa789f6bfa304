// The one home of applying fixes: the editor's "fix all" and `fenlei check --fix` both take the
// safe fixes the diagnostics carry (each fix is data on its diagnostic, never a second copy).
import type { Diagnostic, FixEdit } from './types.js';

export interface Chosen {
  diagnostic: Diagnostic;
  title: string;
  edits: FixEdit[];
}

/**
 * The first safe fix of each diagnostic of `file`, skipping any whose edits touch a chosen one's
 * (two fixes of the same characters: the first wins, the next run of check sees what is left).
 */
export function safeFixes(diagnostics: readonly Diagnostic[], file: string): Chosen[] {
  const chosen: Chosen[] = [];
  const taken: FixEdit[] = [];
  const clash = (e: FixEdit) => taken.some((x) => (x.start < e.end && e.start < x.end) || (x.start === e.start && x.end === e.end));
  for (const d of diagnostics) {
    if (d.file !== file) continue;
    const fix = d.fixes?.find((f) => f.safe && f.edits.length > 0 && !f.edits.some(clash));
    if (!fix) continue;
    chosen.push({ diagnostic: d, title: fix.title, edits: fix.edits });
    taken.push(...fix.edits);
  }
  return chosen;
}

/** The text with the edits made (they must not overlap; offsets are into the original text). */
export function applyEdits(text: string, edits: readonly FixEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}
