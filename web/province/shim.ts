// TEMPORARY stand-in for h16's html template and layout until its branch lands.
import { esc } from '../../cli/format/escape.js';

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}
function part(v: unknown): string {
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return v.map(part).join('');
  if (v === null || v === undefined || v === false) return '';
  return esc(v);
}
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => (out += part(v) + strings[i + 1]!));
  return new Html(out);
}
