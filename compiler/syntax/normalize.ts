// Stage 3: YAML nodes → rule file syntax tree with canonical (English) field names.
// Driven by the field table, so every field is read the same way everywhere.
import { isMap, isPair, isScalar, isSeq, Scalar, type Document, type Node } from 'yaml';
import { parseExpression } from '../../grammar/expr/index.js';
import { NUMBER_MAX } from '../../grammar/expr/literals.js';
import { OBJECTS, MODE_EN, MODE_NAMES, fieldKey, type FieldType } from '../../grammar/schema/fields.js';
import type { Reporter } from '../diagnostics/make.js';
import type { CatalogueFileAst, Expression, Loc, RuleFileAst, Val } from './ast.js';
import { alignOffsets } from './align.js';
import { dayNumber } from '../../runtime/dates.js';

const ALIASES = new Map<string, string>(Object.entries({
  problem: '发现问题/未发现问题',
  conform: '符合/不符合',
  boolean: '布尔',
  number: '数值',
  enum: '枚举',
  stricter: '下调一级',
  unchanged: '不调整',
  ...Object.fromEntries(MODE_EN.map((en, i) => [en, MODE_NAMES[i]!])),
}));

interface Ctx {
  text: string;
  reporter: Reporter;
}

function loc(n: Node | null | undefined): Loc {
  const r = n?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

export function normalize(doc: Document, file: string, text: string, reporter: Reporter): RuleFileAst {
  const ctx: Ctx = { text, reporter };
  const root = readObject(doc.contents as Node, 'ruleFile', ctx) ?? { loc: { start: 0, end: 0 }, keys: {} };
  return { ...root, file, text, lines: reporter.lines } as RuleFileAst;
}

/** A product catalogue file (第二十条), read with the same field table. */
export function normalizeCatalogue(doc: Document, file: string, text: string, reporter: Reporter): CatalogueFileAst {
  const ctx: Ctx = { text, reporter };
  const root = readObject(doc.contents as Node, 'catalogueFile', ctx) ?? { loc: { start: 0, end: 0 }, keys: {} };
  return { ...root, file, text, lines: reporter.lines } as CatalogueFileAst;
}

type Out = Record<string, unknown> & { loc: Loc; keys: Record<string, Loc>; spelled: Record<string, string> };

function readObject(node: Node | null | undefined, kind: string, ctx: Ctx): Out | undefined {
  if (!isMap(node)) return undefined;
  const spec = OBJECTS[kind]!;
  const out = { loc: loc(node), keys: Object.create(null) as Record<string, Loc> } as Out;
  // Which spelling (zh or en) each field was written with; not part of the tree.
  Object.defineProperty(out, 'spelled', { value: Object.create(null) as Record<string, string>, enumerable: false });
  for (const pair of node.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const keyName = String(pair.key.value);
    const canon = fieldKey(kind, keyName);
    if (canon === undefined) continue; // reported by the schema check
    const f = spec[canon]!;
    const kloc = loc(pair.key as Node);
    if (canon in out.keys) {
      // The same spelling twice is YAML's duplicate key (FL0003); only zh + en is this clash.
      if (out.spelled[canon] !== keyName) ctx.reporter.report('FL0105', { zh: f.zh, en: f.en }, kloc.start, kloc.end);
      continue;
    }
    out.spelled[canon] = keyName;
    out.keys[canon] = kloc;
    const v = readValue(pair.value as Node | null, f.type, ctx, f.zh);
    if (v !== undefined) out[canon] = v;
  }
  return out;
}

function readValue(node: Node | null | undefined, t: FieldType, ctx: Ctx, key: string): unknown {
  switch (t.t) {
    case 'string':
    case 'date': {
      if (!isScalar(node) || typeof node.value !== 'string') return undefined;
      const v = ALIASES.get(node.value) ?? node.value;
      if (t.t === 'date' && Number.isNaN(dayNumber(v))) {
        if (/^\d{4}-\d{2}-\d{2}$/.test(v)) ctx.reporter.report('FL0106', { value: v }, loc(node).start, loc(node).end);
        return undefined;
      }
      // A value outside the enum was reported by the shape check; leave the field out.
      if (t.t === 'string' && t.enum && !t.enum.includes(v) && !t.enum.includes(node.value)) return undefined;
      return val(v, node);
    }
    case 'id':
      return readId(node, ctx, key);
    case 'boolean': {
      if (!isScalar(node)) return undefined;
      if (typeof node.value === 'boolean') return val(node.value, node);
      if (node.value === '是' || node.value === '否') return val(node.value === '是', node);
      return undefined;
    }
    case 'integer':
      // YAML reads 1e400 as Infinity, which the schema check takes for an integer.
      if (isScalar(node) && typeof node.value === 'number' && !Number.isFinite(node.value)) {
        const source = ctx.text.slice(loc(node).start, loc(node).end);
        ctx.reporter.report('FL2050', { value: source, range: `-${NUMBER_MAX} 到 ${NUMBER_MAX}`, rangeEn: `-${NUMBER_MAX} to ${NUMBER_MAX}` }, loc(node).start, loc(node).end);
        return undefined;
      }
      return isScalar(node) && Number.isInteger(node.value) ? val(node.value as number, node) : undefined;
    case 'expr':
      return readExpr(node, ctx);
    case 'array':
      if (!isSeq(node)) return undefined;
      return node.items.map((n) => readValue(n as Node, t.of, ctx, key)).filter((x) => x !== undefined);
    case 'object':
      return readObject(node, t.of, ctx);
    case 'map':
      return undefined;
    case 'oneOf': {
      for (const alt of t.of) {
        const v = readValue(node, alt, ctx, key);
        if (v !== undefined) return v;
      }
      return undefined;
    }
  }
}

function val<T>(value: T, node: Node): Val<T> {
  return { value, loc: loc(node) };
}

/** Ids are text: `6.10` must not become 6.1, so numbers are read from their source. */
function readId(node: Node | null | undefined, ctx: Ctx, key: string): Val<string> | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'string') return val(node.value, node);
  if (typeof node.value === 'number') {
    const l = loc(node);
    const source = ctx.text.slice(l.start, l.end).trim();
    if (!/^\d+$/.test(source)) ctx.reporter.report('FL2026', { key, value: String(node.value), text: source }, l.start, l.end);
    return { value: source, loc: l };
  }
  return undefined;
}

function readExpr(node: Node | null | undefined, ctx: Ctx): Expression | undefined {
  if (!isScalar(node)) return undefined;
  const l = loc(node);
  let text: string;
  let offsets: number[];
  if (typeof node.value === 'string') {
    text = node.value;
    offsets = alignOffsets(text, ctx.text, l.start, l.end, node.type ?? Scalar.PLAIN);
  } else if (typeof node.value === 'number' || typeof node.value === 'boolean') {
    text = ctx.text.slice(l.start, l.end);
    offsets = Array.from({ length: text.length + 1 }, (_, i) => l.start + i);
  } else {
    return undefined;
  }
  let parsed = parseExpression(text);
  if (parsed.errors.length && node.type === Scalar.PLAIN) parsed = commentCut(ctx, l, parsed);
  return { text, loc: l, offsets, parsed };
}

/**
 * In `条件: 全部通过([#3, #4])` YAML reads ` #4])` as a comment, so the condition is cut short.
 * Say so once, offer to quote it, and keep the cut-off text's syntax errors out of the way.
 */
function commentCut(ctx: Ctx, l: Loc, parsed: ReturnType<typeof parseExpression>): ReturnType<typeof parseExpression> {
  const rest = /^[ \t]+#[^\r\n]*/.exec(ctx.text.slice(l.end));
  if (!rest) return parsed;
  const end = l.end + rest[0].length;
  const whole = ctx.text.slice(l.start, end).trimEnd();
  ctx.reporter.report('FL0109', {}, l.start, end, {
    fixes: [{ title: '给整个条件加上引号 (quote the condition)', edits: [{ start: l.start, end: l.start + whole.length, newText: JSON.stringify(whole) }], safe: true }],
  });
  return { ...parsed, errors: [] };
}
