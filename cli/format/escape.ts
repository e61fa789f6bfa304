// Escaping for every place where text from rule files and registers lands in a printed
// document. One module, so that no writer escapes by hand:
//   esc        HTML element text and quoted attribute values, also inside inline SVG;
//   cssString  a CSS string literal (the running head and notice in the print margins).
// The documents carry no links, URLs or scripts (CSP default-src 'none'), so there is no
// URL context to escape for: a test asserts that no element has an href or src.

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

function text(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

/** Text for HTML element content and quoted attribute values (HTML and SVG). */
export function esc(v: unknown): string {
  return text(v).replace(/[&<>"'`]/g, (c) => HTML_ENTITIES[c]!);
}

/**
 * A double-quoted CSS string. Inside `<style>` the HTML parser ends the block at the first
 * `</style`, whatever CSS thinks: so `<` and `>` are escaped too, with everything that could end
 * the string (quotes, backslash, line breaks) and every control character, as CSS hex escapes.
 */
export function cssString(v: unknown): string {
  let out = '"';
  for (const ch of text(v)) {
    const c = ch.codePointAt(0)!;
    const unsafe = c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029 || ch === '"' || ch === "'" || ch === '\\' || ch === '<' || ch === '>' || ch === '&';
    // A hex escape ends at the space after it (CSS eats that one space).
    out += unsafe ? `\\${c.toString(16)} ` : ch;
  }
  return out + '"';
}
