// Escaping is the security boundary of the pages: every value put into `html`…`` is escaped
// (the printable documents' one escaper, cli/format/escape.ts), unless it is already Html —
// made by `html` itself or, for trusted fragments only (our own renderers), by `raw()`.
// Links are built with `href()`, which takes only paths of this server.
import { esc } from '../cli/format/escape.js';

const HTML = Symbol('fenlei.html');

/** A piece of HTML that is safe to put into a page as it is. */
export interface Html {
  readonly [HTML]: true;
  readonly text: string;
}

const make = (text: string): Html => ({ [HTML]: true, text });

export const isHtml = (v: unknown): v is Html => typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[HTML] === true;

/** A value put into a template: escaped text, Html as it is, lists one after another, nothing for null/undefined/false. */
export type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function part(v: Value): string {
  if (v === null || v === undefined || v === false || v === true) return '';
  if (isHtml(v)) return v.text;
  if (Array.isArray(v)) return (v as readonly Value[]).map(part).join('');
  return esc(v);
}

/** The tagged template: `html\`<p>${name}</p>\``. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += part(values[i]!) + strings[i + 1]!;
  return make(out);
}

/** Trusted HTML (our own renderers, e.g. the inspection form of `fenlei doc`), never user input. */
export const raw = (text: string): Html => make(text);

/** Html joined with a separator. */
export function join(parts: readonly Html[], sep: Html | string = ''): Html {
  return make(parts.map((p) => p.text).join(isHtml(sep) ? sep.text : esc(sep)));
}

/**
 * A link target on this server: a path starting with one "/" and a query built from the given
 * values (each encoded). Anything else (javascript:, //host, data:) is refused loudly.
 */
export function href(path: string, query: Record<string, string | number | undefined | null> = {}): Html {
  if (!/^\/(?![/\\])[^\s"'<>`]*$/.test(path)) throw new Error(`not a path of this server: ${path}`);
  const q = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return make(esc(q ? `${path}${path.includes('?') ? '&' : '?'}${q}` : path));
}
