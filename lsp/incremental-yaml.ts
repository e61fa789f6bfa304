// Incremental YAML parsing for the editor. A keystroke inside one item of a 500-item file
// should not reparse the whole file (the yaml library takes ~70 ms for that on a slow core):
// when the edit lies inside one top-level entry, or inside one element of a top-level block
// list, only that entry or element is parsed again and spliced into the previous document,
// with the ranges after it shifted. The result is the same document a full parse gives
// (same values, node types and ranges; test/lsp/incremental-yaml.test.ts compares them on
// random edits); whenever that cannot be guaranteed cheaply, the whole text is parsed.
import { parseDocument, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { YAML_OPTIONS } from '../compiler/index.js';

interface Entry {
  text: string;
  doc: Document;
}

type Ranged = { range?: [number, number, number] | null };

export class IncrementalYaml {
  private readonly last = new Map<string, Entry>();
  /** How the last parses went (for tests and the benchmark). */
  readonly stats = { full: 0, incremental: 0, reused: 0 };

  /**
   * `splice: false` parses every changed text in full (a fallback, and for comparisons). The
   * splice matched a full parse on 80 seeds × 400 random edits of each example file.
   */
  constructor(private readonly splice = true) {}

  parse = (path: string, text: string): Document => {
    const prev = this.last.get(path);
    if (prev && prev.text === text) {
      this.stats.reused++;
      return prev.doc;
    }
    let doc = prev && this.splice ? reparse(prev, text) : undefined;
    if (doc) this.stats.incremental++;
    else {
      this.stats.full++;
      doc = parseDocument(text, YAML_OPTIONS);
    }
    this.last.set(path, { text, doc });
    return doc;
  };

  forget(path: string): void {
    this.last.delete(path);
  }
}

export function fullParse(text: string): Document {
  return parseDocument(text, YAML_OPTIONS);
}

const lineStart = (text: string, at: number): number => text.lastIndexOf('\n', at - 1) + 1;
/** The end of the line at `at`, its line break included. */
const lineEnd = (text: string, at: number): number => {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
};

/** The previous document with the changed entry or element parsed again, or undefined. */
function reparse(prev: Entry, text: string): Document | undefined {
  const doc = prev.doc;
  const old = prev.text;
  if (doc.errors.length || doc.warnings.length) return undefined;
  const root = doc.contents;
  if (!isMap(root) || root.flow || !root.range) return undefined;
  const edit = changedSpan(old, text);
  if (!spliceable(old, text, edit)) return undefined;
  const entry = changedEntry(root.items, old, edit);
  if (!entry) return undefined;
  // Inside one element of a block list? Then that element alone.
  const value = entry.pair.value as Node | null;
  if (isSeq(value) && !value.flow && value.items.length > 0) {
    const spliced = reparseElement(doc, value.items as (Node & Ranged)[], old, text, edit, entry);
    if (spliced !== 'entry') return spliced;
  }
  // Otherwise the whole top-level entry.
  return reparseEntry(doc, root.items, old, text, edit, entry);
}

/** The changed span: [from, oldTo) in the old text is [from, oldTo + delta) in the new one. */
interface Edit {
  from: number;
  oldTo: number;
  delta: number;
}

function changedSpan(old: string, text: string): Edit {
  const max = Math.min(old.length, text.length);
  let from = 0;
  // Whole chunks first (native string comparison), then characters.
  while (from + 1024 <= max && old.slice(from, from + 1024) === text.slice(from, from + 1024)) from += 1024;
  while (from < max && old.charCodeAt(from) === text.charCodeAt(from)) from++;
  let tail = 0;
  while (tail + 1024 <= max - from && old.slice(old.length - tail - 1024, old.length - tail) === text.slice(text.length - tail - 1024, text.length - tail)) tail += 1024;
  while (tail < max - from && old.charCodeAt(old.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
  const oldTo = old.length - tail;
  return { from, oldTo, delta: text.length - old.length };
}

/** Whether the edit is plain typing inside a line, where a snippet parse sees what a full parse would. */
function spliceable(old: string, text: string, { from, oldTo, delta }: Edit): boolean {
  // Only plain typing inside a line is spliced: line breaks and YAML indicators can change
  // the structure around the edit in ways a snippet parse does not see (a random-edit test
  // found such a case), and then a full parse is the only safe answer.
  // At the start of a line (indentation) nothing is spliced. At the start of a value or of a
  // flow element, even `>` or `!` changes what follows: spliced only when the value starts with
  // an ordinary character before and after the edit (typing over the first letter of a text).
  if (!plainEdit(old.slice(from, oldTo)) || !plainEdit(text.slice(from, oldTo + delta))) return false;
  const before = old.slice(lineStart(old, from), from);
  if (/^\s*$/.test(before)) return false;
  if (/[:\-[{,]\s*$/.test(before) && !(PLAIN_START.test(old[from] ?? '') && PLAIN_START.test(text[from] ?? ''))) return false;
  // Directives (%TAG) before the document would apply to a snippet differently.
  if (/^%/m.test(old)) return false;
  return true;
}

/** The top-level entry holding the change, its key at a line start and untouched; where the entry ends. */
interface ChangedEntry {
  at: number;
  pair: Pair;
  key: Node & Ranged;
  keyStart: number;
  nextKey: (Node & Ranged) | undefined;
  entryEnd: number;
}

function changedEntry(pairs: Pair[], old: string, { from, oldTo }: Edit): ChangedEntry | undefined {
  let at = -1;
  for (let i = 0; i < pairs.length; i++) {
    const key = pairs[i]!.key as Node | null;
    const start = (key as Ranged | null)?.range?.[0];
    if (start === undefined || start > from) break;
    at = i;
  }
  if (at < 0) return undefined;
  const pair = pairs[at]!;
  const key = pair.key as Node & Ranged;
  const keyStart = key.range![0];
  if (lineStart(old, keyStart) !== keyStart || from <= key.range![1]) return undefined;
  const nextKey = pairs[at + 1]?.key as (Node & Ranged) | undefined;
  const entryEnd = nextKey?.range ? lineStart(old, nextKey.range[0]) : old.length;
  if (nextKey?.range && lineStart(old, nextKey.range[0]) !== nextKey.range[0]) return undefined;
  if (oldTo > entryEnd || from >= entryEnd) return undefined;
  return { at, pair, key, keyStart, nextKey, entryEnd };
}

/** The changed element of a block list parsed again where it stands; 'entry' when the edit is not inside one element. */
function reparseElement(doc: Document, items: (Node & Ranged)[], old: string, text: string, { from, oldTo, delta }: Edit, { entryEnd }: ChangedEntry): Document | undefined | 'entry' {
  let j = -1;
  for (let i = 0; i < items.length; i++) {
    const s = items[i]!.range?.[0];
    if (s === undefined) return undefined;
    if (lineStart(old, s) <= from) j = i;
  }
  if (j >= 0) {
    const start = lineStart(old, items[j]!.range![0]);
    const dash = old.indexOf('-', start);
    const end = j + 1 < items.length ? lineStart(old, items[j + 1]!.range![0]) : entryEnd;
    if (dash >= 0 && /^ *$/.test(old.slice(start, dash)) && from > dash + 1 && oldTo <= end && from < end) {
      // The element is parsed where it stands: under a top-level key, followed by the next
      // element (or the next top-level key's line). A node's end offset (range[2]) runs over
      // the comments and indentation up to the next token, so the snippet must reach it.
      const next = j + 1 < items.length ? { start: items[j + 1]!.range![0], end: j + 2 < items.length ? lineStart(old, items[j + 2]!.range![0]) : entryEnd } : undefined;
      const tail = next ? old.slice(end, next.end) : old.slice(entryEnd, lineEnd(old, entryEnd));
      const head = 'k:\n';
      const at = head.length - start;
      const body = text.slice(start, end + delta);
      const node = parseSnippet(head + body + tail, (d) => {
        const c = d.contents;
        if (!isMap(c) || c.flow || c.items.length !== (!next && tail ? 2 : 1)) return undefined;
        const seq = c.items[0]!.value;
        if (!isSeq(seq) || seq.flow || seq.items.length !== (next ? 2 : 1) || seq.range?.[0] !== dash + at) return undefined;
        // The next element or key starts where it did: the edit did not move the boundary.
        const follower = next ? (seq.items[1] as Ranged).range?.[0] : ((c.items[1]?.key as Ranged | undefined)?.range?.[0] ?? head.length + body.length);
        if (follower !== (next ? next.start : entryEnd) + delta + at) return undefined;
        return seq.items[0] as Node;
      });
      if (!node || !safe(old.slice(start, end) + tail) || !safe(body)) return undefined;
      shift(node, -at, -1);
      shiftAll(doc, items[j]!, from, delta, items[j]!.range!, (node as Ranged).range!);
      items[j] = node as Node & Ranged;
      return doc;
    }
  }
  return 'entry';
}

/** The whole top-level entry parsed again, its key unchanged, followed by the next key's line as in the whole document. */
function reparseEntry(doc: Document, pairs: Pair[], old: string, text: string, { from, delta }: Edit, { at, pair, key, keyStart, nextKey, entryEnd }: ChangedEntry): Document | undefined {
  const oldKey = isScalar(key) ? key.value : undefined;
  if (typeof oldKey !== 'string' && typeof oldKey !== 'number') return undefined;
  // Followed by the next key's line, as in the whole document (see above).
  const keyTail = nextKey ? old.slice(entryEnd, lineEnd(old, entryEnd)) : '';
  const body = text.slice(keyStart, entryEnd + delta);
  const fresh = parseSnippet(body + keyTail, (d) => {
    const c = d.contents;
    if (!isMap(c) || c.flow || c.items.length !== (keyTail ? 2 : 1)) return undefined;
    const p = c.items[0]!;
    const k = p.key as Node & Ranged;
    if (!isPair(p) || !isScalar(k) || k.value !== oldKey || k.range?.[0] !== 0) return undefined;
    if (keyTail && (c.items[1]!.key as Ranged | null)?.range?.[0] !== body.length) return undefined;
    return p as unknown as Node;
  }) as unknown as typeof pair | undefined;
  if (!fresh || !safe(old.slice(keyStart, entryEnd) + keyTail) || !safe(body)) return undefined;
  shift(fresh.key as Node, keyStart, -1);
  if (fresh.value) shift(fresh.value as Node, keyStart, -1);
  const oldR = ((pair.value as Ranged | null)?.range ?? key.range)!;
  const newR = ((fresh.value as Ranged | null)?.range ?? (fresh.key as Ranged).range)!;
  shiftAll(doc, pair as unknown as Node, from, delta, oldR, newR);
  pairs[at] = fresh;
  return doc;
}

/** A character that starts a plain scalar and is no YAML indicator. */
const PLAIN_START = /^[^\s\-?:,[\]{}#&*!|>'"%@`]$/u;

function plainEdit(span: string): boolean {
  return !/[\r\n\t:#"'[\]{}&*|,]/.test(span);
}

/** Anchors and aliases tie parts of a document together: such snippets are parsed in full. */
function safe(snippet: string): boolean {
  return !/[&*]/.test(snippet);
}

function parseSnippet<T>(snippet: string, pick: (d: Document) => T | undefined): T | undefined {
  const d = parseDocument(snippet, YAML_OPTIONS);
  if (d.errors.length || d.warnings.length) return undefined;
  return pick(d);
}

/** Adds `by` to every range offset of `node`'s subtree that is at least `from` (all when from < 0). */
function shift(node: unknown, by: number, from: number): void {
  const stack: unknown[] = [node];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (isPair(n)) {
      stack.push(n.key, n.value);
      continue;
    }
    const r = (n as Ranged).range;
    if (r) for (let i = 0; i < 3; i++) if (r[i]! >= from) r[i] = r[i]! + by;
    if (isMap(n) || isSeq(n)) stack.push(...(n.items as unknown[]));
  }
}

/**
 * Moves the offsets of the rest of the document from the old text to the new: those before the
 * change stay, those after it move by `delta`, and an enclosing collection that ended where the
 * replaced node ended ends where the new one does.
 */
function shiftAll(doc: Document, skip: Node, from: number, delta: number, oldR: number[], newR: number[]): void {
  const move = (v: number): number => {
    if (v === oldR[2]) return newR[2]!;
    if (v === oldR[1]) return newR[1]!;
    if (v < from) return v;
    return v + delta;
  };
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object' || n === skip) continue;
    if (isPair(n)) {
      if ((n as unknown) === skip) continue;
      stack.push(n.key, n.value);
      continue;
    }
    const r = (n as Ranged).range;
    if (r) for (let i = 0; i < 3; i++) r[i] = move(r[i]!);
    if (isMap(n) || isSeq(n)) stack.push(...(n.items as unknown[]));
  }
  const dr = (doc as unknown as Ranged).range;
  if (dr) for (let i = 0; i < 3; i++) dr[i] = move(dr[i]!);
}
