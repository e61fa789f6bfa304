// Formatting: prettier's YAML printer lays the file out (comments kept), then every condition
// is printed by our own printer from its syntax tree (prettier does not look inside strings).
// Conditions with syntax errors are left as written. Formatting twice changes nothing.
import * as prettier from 'prettier/standalone';
import * as yamlPlugin from 'prettier/plugins/yaml';
import { parseDocument } from 'yaml';
import type { TextEdit } from 'vscode-languageserver';
import { printExpression, type PrintLang } from '../../grammar/expr/index.js';
import { Reporter, LineIndex, loadYaml, withinLimits, normalize, type Expression } from '../../compiler/index.js';
import { expressionsOf } from '../symbols.js';
import { toRange } from '../position.js';

export interface FormatOptions {
  tabSize?: number;
}

/** The language a condition is written in: English when its keywords and functions all are. */
function languageOf(e: Expression): PrintLang {
  const words = e.parsed.tokens.filter((t) => t.kind === 'keyword' || t.kind === 'function');
  return words.length > 0 && words.every((t) => /^[A-Za-z]+$/.test(t.text)) ? 'en' : 'zh';
}

/** A plain YAML scalar that reads back as exactly `s`. */
export function plainSafe(s: string): boolean {
  if (s === '' || s !== s.trim() || /[\n\r]/.test(s)) return false;
  const d = parseDocument(`k: ${s}\n`);
  return d.errors.length === 0 && (d.get('k') as unknown) === s;
}

export function scalarText(source: string, value: string): string | undefined {
  const q = source[0];
  if (q === '|' || q === '>') return undefined;
  if (q === "'") return `'${value.replace(/'/g, "''")}'`;
  if (q !== '"' && plainSafe(value)) return value;
  return JSON.stringify(value);
}

/** Conditions printed canonically; the text otherwise unchanged. */
export function printConditions(text: string): string {
  const reporter = new Reporter('format', new LineIndex(text));
  const doc = loadYaml(text, reporter);
  if (!doc || doc.errors.length) return text;
  const ast = normalize(doc, 'format', text, reporter);
  const edits: { start: number; end: number; newText: string }[] = [];
  for (const site of expressionsOf(ast)) {
    const e = site.expr;
    if (e.parsed.errors.length || e.parsed.ast.kind === 'error') continue;
    const printed = printExpression(e.parsed.ast, languageOf(e));
    if (printed === e.text) continue;
    const source = text.slice(e.loc.start, e.loc.end);
    const replacement = scalarText(source, printed);
    if (replacement !== undefined && replacement !== source) edits.push({ start: e.loc.start, end: e.loc.end, newText: replacement });
  }
  let out = text;
  for (const ed of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, ed.start) + ed.newText + out.slice(ed.end);
  return out;
}

export async function formatText(text: string, options: FormatOptions = {}): Promise<string | undefined> {
  const layout = async (t: string): Promise<string> => prettier.format(t, { parser: 'yaml', plugins: [yamlPlugin], tabWidth: options.tabSize ?? 2 });
  // Prettier's parser has no limits of its own: a file the front end refuses is left as it is.
  if (!withinLimits(text)) return undefined;
  let out: string;
  try {
    out = printConditions(await layout(text));
    // A changed condition may change the layout (quotes, line length): settle both.
    for (let i = 0; i < 2; i++) {
      const again = printConditions(await layout(out));
      if (again === out) break;
      out = again;
    }
  } catch {
    return undefined; // prettier refuses text it cannot parse; the diagnostics say why
  }
  return out;
}

/** One edit replacing the changed middle of the document (or none). */
export function minimalEdit(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let s = 0;
  while (s < before.length && s < after.length && before[s] === after[s]) s++;
  let e = 0;
  while (e < before.length - s && e < after.length - s && before[before.length - 1 - e] === after[after.length - 1 - e]) e++;
  const lines = new LineIndex(before);
  return [{ range: toRange(lines, s, before.length - e), newText: after.slice(s, after.length - e) }];
}
