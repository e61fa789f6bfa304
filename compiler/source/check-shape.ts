// Stage 2: the document's shape against the JSON Schema (ajv), reported on the
// offending YAML node with Chinese messages.
import type { ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { validate as precompiled, validateCatalogue as precompiledCatalogue } from '../../grammar/schema/validator.generated.js';
import { OBJECTS, type FieldSpec, type FieldType } from '../../grammar/schema/fields.js';
import type { Reporter } from '../diagnostics/make.js';
import { LIMITS } from './load-yaml.js';

interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
/** Compiled ahead of time from the field table (grammar/schema/write-validator.ts). */
const validate = (root: Root): Validator => (root === 'catalogueFile' ? precompiledCatalogue : precompiled) as Validator;

/** The kind of file: a rule file or a product catalogue file (第二十条), both from the field table. */
export type Root = 'ruleFile' | 'catalogueFile';

type Seg = string | number;

/** 'fatal' when nothing further can be read from the file (not a mapping, alias bomb). */
export function checkShape(doc: Document, reporter: Reporter, root: Root = 'ruleFile'): 'ok' | 'errors' | 'fatal' {
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: LIMITS.maxAliases });
  } catch {
    reporter.report('FL0004', {}, 0, 0);
    return 'fatal';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const r = (doc.contents as Node | null)?.range;
    reporter.report('FL0009', {}, r?.[0] ?? 0, r?.[1] ?? 0);
    return 'fatal';
  }
  const v = validate(root);
  if (v(value)) return 'ok';
  const errors = (v.errors ?? []).map((e) => ({ e, path: parsePointer(e.instancePath) }));
  const deepest = new Set(errors.map((x) => x.path.join('\u0000')));
  const seen = new Set<string>();
  for (const { e, path } of errors) {
    const key = path.join('\u0000');
    const hasDeeper = [...deepest].some((p) => p.length > key.length && p.startsWith(key + '\u0000'));
    const field = fieldAt(path, root);
    const name = field?.zh ?? String(path[path.length - 1] ?? '');
    if (e.keyword === 'additionalProperties') {
      const prop = String((e.params as { additionalProperty: string }).additionalProperty);
      const kr = keyRange(doc, path, prop);
      reporter.report('FL0101', { key: prop, hint: suggestKey(path, prop, root) ?? '' }, kr[0], kr[1]);
    } else if (e.keyword === 'required') {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      const spec = objectSpecAt(path, root);
      const f = spec && Object.values(spec).find((x) => x.zh === missing || x.en === missing);
      const dedupe = `req${key}\u0000${f?.zh ?? missing}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      const r = keyOrNodeRange(doc, path);
      reporter.report('FL0102', { key: f?.zh ?? missing, en: f?.en ?? missing }, r[0], r[1]);
    } else if (e.keyword === 'anyOf' && e.schemaPath.includes('/allOf/')) {
      // The "Chinese or English key is required" wrapper: its `required` errors say it all.
      continue;
    } else if (!hasDeeper && !seen.has(`val${key}`)) {
      seen.add(`val${key}`);
      const r = nodeRange(doc, path);
      reportValue(e, field, name, reporter, r, sourceText(reporter.lines.text, r));
    }
  }
  return 'errors';
}

function sourceText(text: string, r: [number, number]): string {
  return text.slice(r[0], r[1]).trim().replace(/^["']|["']$/g, '');
}

function reportValue(e: ErrorObject, field: FieldSpec | undefined, name: string, reporter: Reporter, r: [number, number], text: string): void {
  const t = field?.type;
  if (t?.t === 'string' && t.enum && (e.keyword === 'enum' || e.keyword === 'anyOf' || e.keyword === 'type')) {
    reporter.report('FL0104', { key: name, allowed: t.enum.join('、') }, r[0], r[1]);
  } else if (e.keyword === 'minimum' || e.keyword === 'maximum') {
    reporter.report('FL0107', { key: name, detail: `${e.keyword === 'minimum' ? '最小' : '最大'} ${String((e.params as { limit: number }).limit)}` }, r[0], r[1]);
  } else if (e.keyword === 'pattern' && t?.t === 'date') {
    reporter.report('FL0106', { value: text }, r[0], r[1]);
  } else if (e.keyword === 'pattern') {
    reporter.report('FL0108', { key: name }, r[0], r[1]);
  } else {
    const [zh, en] = t ? describe(t) : ['其他类型', 'another type'];
    reporter.report('FL0103', { key: name, expected: zh, expectedEn: en }, r[0], r[1]);
  }
}

export function describe(t: FieldType): [string, string] {
  switch (t.t) {
    case 'string': return t.enum ? [`以下之一：${t.enum.join('、')}`, `one of ${t.enum.join(', ')}`] : ['文本', 'text'];
    case 'id': return ['编号（文本）', 'an id'];
    case 'date': return ['日期（YYYY-MM-DD）', 'a date (YYYY-MM-DD)'];
    case 'boolean': return ['是/否（true/false）', 'true or false'];
    case 'integer': return ['整数', 'an integer'];
    case 'expr': return ['条件表达式（文本）', 'a condition (text)'];
    case 'array': return ['列表（每行以“- ”开头）', 'a list'];
    case 'object': return ['映射（键: 值）', 'a mapping'];
    case 'map': return ['映射（键: 值）', 'a mapping'];
    case 'oneOf': {
      const parts = t.of.map(describe);
      return [parts.map((p) => p[0]).join('或'), parts.map((p) => p[1]).join(' or ')];
    }
  }
}

function parsePointer(p: string): Seg[] {
  if (!p) return [];
  return p.slice(1).split('/').map((s) => {
    const u = s.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(u) ? Number(u) : u;
  });
}

/** The field spec reached by a data path, following the field table. */
export function fieldAt(path: readonly Seg[], root: Root = 'ruleFile'): FieldSpec | undefined {
  let kind: string | undefined = root;
  let type: FieldType | undefined;
  let field: FieldSpec | undefined;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (type?.t !== 'array') return undefined;
      type = type.of;
    } else {
      const spec: Record<string, FieldSpec> | undefined = kind ? OBJECTS[kind] : undefined;
      field = spec && Object.values(spec).find((f) => f.zh === seg || f.en === seg);
      if (!field) return undefined;
      type = field.type;
    }
    kind = objectKind(type);
  }
  return field;
}

function objectKind(t: FieldType | undefined): string | undefined {
  if (!t) return undefined;
  if (t.t === 'object') return t.of;
  if (t.t === 'oneOf') return t.of.map(objectKind).find((k) => k !== undefined);
  return undefined;
}

function objectSpecAt(path: readonly Seg[], root: Root): Record<string, FieldSpec> | undefined {
  if (path.length === 0) return OBJECTS[root];
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const f = fieldAt(path.slice(0, -1), root);
    const t = f?.type;
    const k = t?.t === 'array' ? objectKind(t.of) : undefined;
    return k ? OBJECTS[k] : undefined;
  }
  const k = objectKind(fieldAt(path, root)?.type);
  return k ? OBJECTS[k] : undefined;
}

function suggestKey(path: readonly Seg[], prop: string, root: Root): string | undefined {
  const spec = objectSpecAt(path, root);
  if (!spec) return undefined;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const f of Object.values(spec)) {
    for (const cand of [f.zh, f.en]) {
      const d = editDistance(prop.toLowerCase(), cand.toLowerCase());
      if (d < bestScore) {
        bestScore = d;
        best = f.zh;
      }
    }
  }
  return bestScore <= Math.max(1, Math.floor(prop.length / 3)) ? best : undefined;
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

function child(node: unknown, seg: Seg): { key?: Node; value?: Node } | undefined {
  if (isSeq(node) && typeof seg === 'number') return { value: node.items[seg] as Node };
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(seg)) {
        return { key: pair.key as Node, value: (pair.value ?? undefined) as Node | undefined };
      }
    }
  }
  return undefined;
}

function walk(doc: Document, path: readonly Seg[]): { key?: Node; value?: Node } {
  let cur: { key?: Node; value?: Node } = { value: doc.contents as Node };
  for (const seg of path) {
    const next = child(cur.value, seg);
    if (!next) return cur;
    cur = next;
  }
  return cur;
}

function rangeOf(n: Node | undefined): [number, number] {
  const r = n?.range;
  return r ? [r[0], r[1]] : [0, 0];
}

function nodeRange(doc: Document, path: readonly Seg[]): [number, number] {
  const w = walk(doc, path);
  return rangeOf(w.value ?? w.key);
}

function keyOrNodeRange(doc: Document, path: readonly Seg[]): [number, number] {
  const w = walk(doc, path);
  if (w.key) return rangeOf(w.key);
  // A whole list element: point at its first key rather than the whole block.
  const first = isMap(w.value) ? w.value.items[0] : undefined;
  return isPair(first) ? rangeOf(first.key as Node) : rangeOf(w.value);
}

function keyRange(doc: Document, path: readonly Seg[], prop: string): [number, number] {
  const w = walk(doc, [...path, prop]);
  return rangeOf(w.key ?? w.value);
}
