// The item id a misspelt reference most likely meant: `l2` (a letter l for the digit 1), `#31`
// (written as in a condition), `１２` (full-width digits), `12.` or `第12项`, or one character off.
// Used in the messages of FL2002, FL2004 and FL2017 and as their quick fix (not applied by --fix:
// it is a guess).
import { editDistance } from '../source/check-shape.js';
import type { Fix } from '../diagnostics/types.js';
import type { Reporter } from '../diagnostics/make.js';
import { asciiValue } from '../diagnostics/full-width-values.js';

/** The id as the drafter probably meant it: ASCII digits, no `#`/`第…项` wrapper, no trailing dot. */
function normalizeId(written: string): string {
  let s = written.trim().replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  s = s.replace(/^[#＃]\s*/, '').replace(/^第\s*(.+?)\s*项$/, '$1').replace(/[.。、]+$/, '');
  // Letters that look like digits, where the rest is digits and dots: l2 → 12, 1O → 10.
  if (/^[0-9.lIoO|]+$/.test(s) && /[0-9]/.test(s)) s = s.replace(/[lI|]/g, '1').replace(/[oO]/g, '0');
  return s;
}

/** The nearest existing id, when one is clearly meant; undefined when none or several are as near. */
export function nearestId(written: string, ids: Iterable<string>): string | undefined {
  const all = [...new Set(ids)];
  const norm = normalizeId(written);
  if (norm !== written && all.includes(norm)) return norm;
  // Letters that look like digits beside other characters (补l → 补1), when that names an id.
  const digits = norm.replace(/[lI|]/g, '1').replace(/[oO]/g, '0');
  if (digits !== norm && all.includes(digits)) return digits;
  // A sub-item written without its dot: 31 for 3.1.
  const dotted = all.filter((id) => id.includes('.') && id.replace(/\./g, '') === norm);
  if (dotted.length === 1) return dotted[0];
  let best: string | undefined;
  let score = Infinity;
  let tie = false;
  for (const id of all) {
    const d = editDistance(norm, id);
    if (d < score) [best, score, tie] = [id, d, false];
    else if (d === score) tie = true;
  }
  // One character off, and only for ids long enough that one character leaves most of them.
  return best !== undefined && !tie && score === 1 && norm.length >= 2 && best.length >= 2 ? best : undefined;
}

/**
 * The quick fix putting `id` where `text.slice(start, end)` was written: quoted in YAML (an
 * unquoted 12 would be a number), or in the condition's own form (`#12`, `第12项`).
 */
export function idFix(text: string, start: number, end: number, id: string): Fix {
  const written = text.slice(start, end);
  const newText = written.startsWith('#') || written.startsWith('＃') ? `#${id}` : /^第.*项$/.test(written) ? `第${id}项` : JSON.stringify(id);
  // Full-width digits only: a mechanical repair, as safe as any full-width fix.
  const safe = asciiValue(written) === newText;
  return { title: `改为“${id}” (did you mean '${id}'?)`, edits: [{ start, end, newText }], ...(safe ? { safe } : {}) };
}

/** Reports an id that names no item, with the nearest id in the message and as a quick fix. */
export function reportUnknownId(reporter: Reporter, code: 'FL2002' | 'FL2004' | 'FL2017', id: string, ids: Iterable<string>, start: number, end: number): void {
  const hint = nearestId(id, ids);
  reporter.report(code, { id, hint: hint ?? '' }, start, end, hint ? { fixes: [idFix(reporter.lines.text, start, end, hint)] } : {});
}
