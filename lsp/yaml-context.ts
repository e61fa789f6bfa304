// Where the cursor is in the YAML, from the text alone (it is often mid-edit and not valid):
// the path of keys from the root to the mapping the cursor is in, whether a key or a value is
// being typed, and which field. Block style by indentation; one level of flow `{…}`/`[…]` on
// the cursor's line.
import { OBJECTS, type FieldSpec, type FieldType } from '../grammar/schema/fields.js';
import type { LineIndex } from '../compiler/index.js';

export type Seg = string | number;

export interface CursorContext {
  /** Keys (and 0 for a list element) from the root to the mapping that holds the cursor's key. */
  path: Seg[];
  /** The object kind of that mapping (see OBJECTS), if known. */
  kind?: string;
  /** 'key': a key is being typed; 'value': the value of `field`; 'item': an element of a list `field`. */
  at: 'key' | 'value' | 'item';
  /** The field whose value (or list element) is being typed. */
  field?: FieldSpec;
  /** Offset where the value (after any opening quote) starts, for 'value' and 'item'. */
  valueStart: number;
  /** The quote the value is written in, if any. */
  quote?: '"' | "'";
  /** The column a key at this place starts at. */
  column: number;
  /** Keys already written in the mapping (canonical zh and en). */
  siblings: string[];
  /** The line is a list element `- …` with nothing before the cursor but the dash (a new element). */
  freshElement: boolean;
}

interface LineInfo {
  indent: number;
  /** Column of the content after any `- ` markers. */
  content: number;
  dashes: number;
  /** `key:` at the content column, if any. */
  key?: string;
  /** The value after `key:` is empty (a block follows) or the line is only a key. */
  blockValue: boolean;
  blank: boolean;
}

const KEY_RE = /^([^\s:#'"{}[\],-][^:#{}[\],]*?|"[^"]*"|'[^']*')[ \t]*:(?=\s|$)/;

function lineInfo(line: string): LineInfo {
  const m = /^( *)((?:- +)*)/.exec(line)!;
  const indent = m[1]!.length;
  const content = m[0].length;
  const rest = line.slice(content);
  const blank = rest.trim() === '' || rest.trimStart().startsWith('#');
  const k = KEY_RE.exec(rest);
  const key = k ? k[1]!.replace(/^["']|["']$/g, '').trim() : undefined;
  const after = k ? rest.slice(k[0].length).trim() : '';
  return { indent, content, dashes: m[2]!.length ? m[2]!.split('-').length - 1 : 0, key, blockValue: !!k && (after === '' || after.startsWith('#') || /^[|>]/.test(after)), blank };
}

/** The object kind reached by a path of keys and list markers. */
export function kindAt(path: readonly Seg[]): { kind?: string; type?: FieldType; field?: FieldSpec } {
  let kind: string | undefined = 'ruleFile';
  let type: FieldType | undefined;
  let field: FieldSpec | undefined;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (type?.t !== 'array') return {};
      type = type.of;
    } else {
      const spec: Record<string, FieldSpec> | undefined = kind ? OBJECTS[kind] : undefined;
      field = spec ? Object.values(spec).find((f) => f.zh === seg || f.en === seg) : undefined;
      if (!field) return {};
      type = field.type;
    }
    kind = objectKind(type);
  }
  return { kind, type, field };
}

export function objectKind(t: FieldType | undefined): string | undefined {
  if (!t) return undefined;
  if (t.t === 'object') return t.of;
  if (t.t === 'oneOf') return t.of.map(objectKind).find((k) => k !== undefined);
  if (t.t === 'array') return undefined;
  return undefined;
}

export function fieldOf(kind: string | undefined, key: string): FieldSpec | undefined {
  const spec = kind ? OBJECTS[kind] : undefined;
  return spec ? Object.values(spec).find((f) => f.zh === key || f.en === key) : undefined;
}

/** The path to the mapping whose keys sit at `column`, found by scanning lines upward from `lineNo`. */
function containerPath(lines: Lines, lineNo: number, column: number, inElement: boolean): Seg[] {
  const path: Seg[] = [];
  let c = column;
  let seq = inElement;
  if (seq) {
    path.push(0);
    c = lineInfo(lines.line(lineNo)).indent;
  }
  for (let l = lineNo - 1; l >= 0 && (c > 0 || seq); l--) {
    // Most lines are deeper than the mapping looked for: skip them without parsing.
    const lead = lines.lead(l);
    if (lead.spaces > c || (lead.spaces === c && (lead.dash || !seq))) continue;
    const info = lineInfo(lines.line(l));
    if (info.blank) continue;
    if (info.dashes > 0) {
      if (!seq && info.content === c) {
        // The first key of the mapping is on the element's line: the mapping is a list element.
        path.push(0);
        c = info.indent;
        seq = true;
        continue;
      }
      if (info.content < c && info.key && info.blockValue) {
        path.push(info.key, 0);
        c = info.indent;
        seq = true;
        continue;
      }
      continue;
    }
    if (info.content < c || (seq && info.content === c)) {
      if (!info.key) return path.reverse();
      path.push(info.key);
      c = info.content;
      seq = false;
    }
  }
  return path.reverse();
}

/** Keys at `column` in the same mapping as line `lineNo`. */
function siblingKeys(lines: Lines, lineNo: number, column: number): string[] {
  const keys: string[] = [];
  const scan = (from: number, step: 1 | -1): void => {
    for (let l = from; l >= 0 && l < lines.count; l += step) {
      const info = lineInfo(lines.line(l));
      if (info.blank) continue;
      if (info.content === column && info.key) keys.push(info.key);
      if (info.content === column && info.dashes > 0) return; // the element starts here (upward) or the next one (downward)
      if (info.content < column || (info.dashes > 0 && info.indent < column && info.content !== column)) return;
    }
  };
  scan(lineNo - 1, -1);
  const own = lineInfo(lines.line(lineNo));
  if (own.dashes === 0) scan(lineNo + 1, 1);
  else {
    // The element begins on this line: only later lines of the same element count.
    for (let l = lineNo + 1; l < lines.count; l++) {
      const info = lineInfo(lines.line(l));
      if (info.blank) continue;
      if (info.content !== column || info.dashes > 0) break;
      if (info.key) keys.push(info.key);
    }
  }
  return keys;
}

/** Lines of a text read lazily by number (a 2,000-line file is not split on every keystroke). */
interface Lines {
  line(l: number): string;
  /** Leading spaces of line l, and whether a `-` follows them (without reading the line). */
  lead(l: number): { spaces: number; dash: boolean };
  count: number;
}

function leadAt(text: string, start: number): { spaces: number; dash: boolean } {
  let i = start;
  while (text.charCodeAt(i) === 32) i++;
  return { spaces: i - start, dash: text[i] === '-' && (text[i + 1] === ' ' || text[i + 1] === '\n' || i + 1 === text.length) };
}

function linesOf(text: string): Lines {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    count: starts.length,
    lead: (l) => leadAt(text, starts[l]!),
    line(l) {
      const s = starts[l]!;
      const e = l + 1 < starts.length ? starts[l + 1]! - 1 : text.length;
      return text.slice(s, e).replace(/\r$/, '');
    },
  };
}

/** Lines from a LineIndex of the same text (no scan of the text). */
function linesFromIndex(index: LineIndex): Lines {
  const text = index.text;
  return {
    count: index.lineCount,
    lead: (l) => leadAt(text, index.offset(l, 0)),
    line(l) {
      const s = index.offset(l, 0);
      const e = l + 1 < index.lineCount ? index.offset(l + 1, 0) - 1 : text.length;
      return text.slice(s, Math.max(s, e)).replace(/\r$/, '');
    },
  };
}

/** The cursor's context; `index` (a LineIndex of `text`) saves scanning the text for lines. */
export function cursorContext(text: string, offset: number, index?: LineIndex): CursorContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const usable = index && index.text === text;
  const lines = usable ? linesFromIndex(index) : linesOf(text);
  let lineNo = 0;
  if (usable) lineNo = index.position(lineStart).line;
  else for (let i = text.indexOf('\n'); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) lineNo++;
  const before = text.slice(lineStart, offset);
  const m = /^( *)((?:- +)*)/.exec(before)!;
  const column = m[0].length;
  const inElement = m[2]!.length > 0;
  const rest = before.slice(column);
  const path = containerPath(lines, lineNo, column, inElement);
  const { kind } = kindAt(path);
  const siblings = siblingKeys(lines, lineNo, column);
  const base = { path, kind, column, siblings, freshElement: inElement && rest.trim() === '' };

  // Flow collections on this line: the innermost open `{` or `[` before the cursor.
  const flow = openFlow(rest);
  const k = flow && flow.at === 0 ? null : KEY_RE.exec(rest);
  const key = k ? k[1]!.replace(/^["']|["']$/g, '').trim() : undefined;
  const listPath = inElement ? path.slice(0, -1) : path;
  const list = inElement ? kindAt(listPath) : undefined;
  if (flow?.char === '{') {
    const sub = key !== undefined ? objectKindOfField(fieldOf(kind, key)) : kind;
    const subPath = key !== undefined ? [...path, key] : path;
    const inner = rest.slice(flow.at + 1);
    const lead = inner.length - inner.trimStart().length;
    const ik = KEY_RE.exec(inner.trimStart());
    const col = column + flow.at + 1 + lead;
    if (!ik) return { ...base, path: subPath, kind: sub, at: 'key', siblings: [], valueStart: lineStart + col, column: col };
    return { ...base, path: subPath, kind: sub, at: 'value', field: fieldOf(sub, ik[1]!.trim()), ...valueStartOf(before, lineStart, col + ik[0].length) };
  }
  if (flow?.char === '[') {
    const field = key !== undefined ? fieldOf(kind, key) : list?.field;
    return { ...base, at: 'item', field, ...valueStartOf(before, lineStart, column + flow.at + 1) };
  }
  if (key !== undefined) return { ...base, at: 'value', field: fieldOf(kind, key), ...valueStartOf(before, lineStart, column + k![0].length) };
  if (list?.field && list.type?.t === 'array') {
    const of = list.type.of;
    // An element of a scalar list written in block style (`- "3"` under 项目 of a group).
    if (of.t !== 'object' && of.t !== 'oneOf') {
      return { ...base, path: listPath.slice(0, -1), kind: kindAt(listPath.slice(0, -1)).kind, at: 'item', field: list.field, ...valueStartOf(before, lineStart, column) };
    }
    // A condition list element may be a bare condition or a condition mapping: both are offered.
    if (isConditionList(list.field)) return { ...base, at: 'key', field: list.field, ...valueStartOf(before, lineStart, column) };
  }
  return { ...base, at: 'key', valueStart: lineStart + column };
}

function valueStartOf(before: string, lineStart: number, col: number): { valueStart: number; quote?: '"' | "'" } {
  let i = col;
  while (before[i] === ' ') i++;
  const q = before[i];
  if (q === '"' || q === "'") return { valueStart: lineStart + i + 1, quote: q };
  return { valueStart: lineStart + i };
}

/** The innermost flow collection still open at the end of `s`, and where its current element starts (after `{`, `[` or `,`). */
function openFlow(s: string): { char: '{' | '['; at: number } | undefined {
  const stack: { char: '{' | '['; at: number }[] = [];
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') stack.push({ char: c, at: i });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',' && stack.length) stack[stack.length - 1]!.at = i;
  }
  return stack[stack.length - 1];
}

function objectKindOfField(f: FieldSpec | undefined): string | undefined {
  if (!f) return undefined;
  if (f.type.t === 'array') return objectKind(f.type.of);
  return objectKind(f.type);
}

export function isConditionList(f: FieldSpec): boolean {
  return f.type.t === 'array' && f.type.of.t === 'oneOf' && f.type.of.of.some((x) => x.t === 'expr');
}

/** Does this field hold a condition (alone or as a list element)? */
export function isExprField(f: FieldSpec | undefined): boolean {
  if (!f) return false;
  if (f.type.t === 'expr') return true;
  return isConditionList(f);
}
