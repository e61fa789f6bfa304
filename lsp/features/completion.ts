// Completions: YAML keys from the field table (the JSON Schema's source) with their documents,
// values by field (enums, national item ids for a refinement, item ids, classes, modes …) and,
// inside a condition, what the expression parser says may come next: functions and keywords in
// Chinese and English (snippets), items, facts, groups, events, classes, risks, windows.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver';
import { expressionCompletions } from '../../grammar/expr/index.js';
import { BUILTIN_SETS, BUILTIN_VALUES, FUNCTIONS, KEYWORDS, type FunctionSpec } from '../../grammar/expr/vocabulary.js';
import { OBJECTS, type FieldSpec, type FieldType } from '../../grammar/schema/fields.js';
import { LineIndex, type ItemModel } from '../../compiler/index.js';
import { toOffset, toRange } from '../position.js';
import { cursorContext, isExprField, type CursorContext } from '../yaml-context.js';
import type { Analysis } from '../workspace.js';
import { CLASSES_BEST_FIRST, MODES_LIGHTEST_FIRST, RISK_LEVEL_NAME, RISK_LEVEL_NAMES } from '../../runtime/index.js';

const md = (zh: string, en: string) => ({ kind: MarkupKind.Markdown, value: `${zh}\n\n${en}` });
const pad = (i: number): string => String(i).padStart(3, '0');
const short = (s: string, n = 40): string => (s.length > n ? s.slice(0, n) + '…' : s);

export function complete(a: Analysis | undefined, text: string, pos: Position): CompletionList {
  const lines = a && a.text === text && a.lines ? a.lines : new LineIndex(text);
  const offset = toOffset(lines, pos);
  const ctx = cursorContext(text, offset, lines);
  const items: CompletionItem[] = [];
  let incomplete = false;
  if (ctx.at === 'key') {
    if (ctx.field && isExprField(ctx.field)) {
      const e = expressionItems(a, text, ctx.valueStart, offset, lines);
      items.push(...e.items);
      incomplete = e.incomplete;
    }
    items.push(...keyItems(ctx, offset, lines));
  } else if (ctx.field && isExprField(ctx.field) && ctx.at === 'value') {
    const e = expressionItems(a, text, ctx.valueStart, offset, lines);
    items.push(...e.items);
    incomplete = e.incomplete;
  } else if (ctx.field) {
    items.push(...valueItems(a, ctx, text, offset, lines));
  }
  return { isIncomplete: incomplete, items };
}

// ---------------------------------------------------------------- keys

function keyItems(ctx: CursorContext, offset: number, lines: LineIndex): CompletionItem[] {
  const spec = ctx.kind ? OBJECTS[ctx.kind] : undefined;
  if (!spec) return [];
  const lineStart = lines.offset(lines.position(offset).line, 0);
  const typed = lines.text.slice(ctx.valueStart, offset);
  if (/[:：]/.test(typed)) return [];
  const range = toRange(lines, ctx.valueStart, offset);
  const indent = ' '.repeat(ctx.column);
  const flow = ctx.valueStart - lineStart !== ctx.column || lines.text.slice(lineStart, ctx.valueStart).includes('{');
  return Object.values(spec)
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => !ctx.siblings.includes(f.zh) && !ctx.siblings.includes(f.en))
    .map(({ f, i }) => ({
      label: f.zh,
      kind: CompletionItemKind.Property,
      detail: f.en === f.zh ? (f.required ? '必填 required' : undefined) : `${f.en}${f.required ? ' · 必填 required' : ''}`,
      documentation: md(f.doc, f.docEn),
      filterText: f.zh === f.en ? f.zh : `${f.zh} ${f.en}`,
      sortText: pad(i),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: flow ? `${f.zh}: $0` : keySnippet(f, indent) },
    }));
}

function keySnippet(f: FieldSpec, indent: string): string {
  const t = f.type;
  if (t.t === 'object' || (t.t === 'oneOf' && t.of.every((x) => x.t === 'object'))) return `${f.zh}:\n${indent}  $0`;
  if (t.t === 'array' && (t.of.t === 'object' || t.of.t === 'oneOf')) return `${f.zh}:\n${indent}  - $0`;
  if (t.t === 'array') return `${f.zh}: [$0]`;
  return `${f.zh}: $0`;
}

// ---------------------------------------------------------------- values

function enumOf(t: FieldType): readonly string[] {
  if (t.t === 'string' && t.enum) return t.enum;
  if (t.t === 'array') return enumOf(t.of);
  if (t.t === 'oneOf') return t.of.flatMap(enumOf);
  if (t.t === 'boolean') return ['true', 'false'];
  return [];
}

function itemDetail(it: Pick<ItemModel, 'directive' | 'text'>): string {
  return `${it.directive ? '★ ' : ''}${short(it.text)}`;
}

function valueItems(a: Analysis | undefined, ctx: CursorContext, text: string, offset: number, lines: LineIndex): CompletionItem[] {
  const f = ctx.field!;
  const typed = text.slice(ctx.valueStart, offset);
  const range = toRange(lines, ctx.valueStart, offset);
  const quoted = (s: string): string => (ctx.quote ? s : JSON.stringify(s));
  const out: CompletionItem[] = [];
  const push = (label: string, kind: CompletionItemKind, detail?: string, newText = label, doc?: string): void => {
    out.push({ label, kind, detail, sortText: pad(out.length), textEdit: { range, newText }, ...(doc ? { documentation: { kind: MarkupKind.Markdown, value: doc } } : {}) });
  };
  if (/["']$/.test(typed) && !ctx.quote) return [];
  const kind = ctx.kind;
  // Ids: a refinement or adjustment names a base item; a group names items or other groups.
  if ((kind === 'item' && f.en === 'refines') || (kind === 'adjustment' && f.en === 'item')) {
    for (const it of a?.base?.items ?? []) push(it.id, CompletionItemKind.Reference, itemDetail(it), quoted(it.id), `${it.text}\n\n${it.article}`);
    return out;
  }
  if (kind === 'group' && f.en === 'items') {
    for (const it of a?.model?.items ?? []) push(it.id, CompletionItemKind.Reference, itemDetail(it), quoted(it.id), it.text);
    const refined = new Set((a?.model?.items ?? []).flatMap((i) => (i.refines ? [i.refines] : [])));
    for (const it of a?.base?.items ?? []) if (refined.has(it.id)) push(it.id, CompletionItemKind.Reference, `细化为子项目 / refined · ${short(it.text, 30)}`, quoted(it.id), it.text);
    for (const [name, g] of a?.model?.groups ?? []) push(name, CompletionItemKind.Module, `分组 · ${g.items.length}项`, quoted(name));
    return out;
  }
  if (kind === 'event' && f.en === 'name') {
    for (const e of a?.base?.events ?? []) push(e.name, CompletionItemKind.Event, e.trigger ? '降级情形 / downgrade trigger' : '事件类型 / event type');
    return out;
  }
  if (kind === 'fact' && f.en === 'default') {
    const name = /名称: *(.+)/.exec(text.slice(text.lastIndexOf('- ', offset), offset))?.[1]?.trim();
    const fact = a?.model?.facts.find((x) => x.name === name);
    const values = fact?.type === 'enum' ? fact.values : fact?.type === 'number' ? [] : ['true', 'false'];
    for (const v of values) push(v, CompletionItemKind.Value);
    return out;
  }
  const MODE = new Set<string>(MODES_LIGHTEST_FIRST);
  const CLASS = new Set<string>(CLASSES_BEST_FIRST);
  const RISK = new Set<string>(RISK_LEVEL_NAMES);
  for (const v of enumOf(f.type)) {
    const k = MODE.has(v) || CLASS.has(v) || RISK.has(v) ? CompletionItemKind.EnumMember : CompletionItemKind.Value;
    push(v, k);
  }
  return out;
}

// ---------------------------------------------------------------- conditions

const WORD_CHAR = /[\p{L}\p{N}_·★.#＃-]/u;

function wordStart(value: string): number {
  let i = value.length;
  while (i > 0 && WORD_CHAR.test(value[i - 1]!)) i--;
  // 且 / 或 (also 并且 / 而且) never belong to a name; a leading 非 is the keyword.
  const w = value.slice(i);
  const cut = Math.max(w.lastIndexOf('且'), w.lastIndexOf('或'));
  if (cut >= 0) i += cut + 1;
  if (value[i] === '非' && i < value.length - 1) i++;
  // `-` and `.` only continue an item id after `#`.
  const rest = value.slice(i);
  if (!/^[#＃]/.test(rest)) {
    const m = /[.-][^.-]*$/.exec(rest);
    if (m) i += m.index + 1;
  }
  return i;
}

function signature(f: FunctionSpec, lang: 'zh' | 'en'): string {
  return `${f[lang]}(${f.params.map((p) => `${p[lang]}${p.optional ? '?' : ''}`).join(', ')})`;
}

/** At most this many item ids are offered at once (a province may have hundreds): the list is marked incomplete and filtered by what is typed. */
export const MAX_ITEM_COMPLETIONS = 60;

type Model = NonNullable<Analysis['model']>;

/** The completions of an expression, in order, all replacing the word being typed. */
class Completions {
  readonly out: CompletionItem[] = [];
  incomplete = false;
  constructor(
    private readonly range: ReturnType<typeof toRange>,
    /** What is typed of the word so far. */
    readonly typed: string,
  ) {}

  add(item: Omit<CompletionItem, 'textEdit' | 'sortText'> & { newText?: string; snippet?: boolean }): void {
    this.out.push({
      label: item.label,
      kind: item.kind,
      detail: item.detail,
      documentation: item.documentation,
      filterText: item.filterText,
      sortText: pad(this.out.length),
      textEdit: { range: this.range, newText: item.newText ?? item.label },
      insertTextFormat: item.snippet ? InsertTextFormat.Snippet : undefined,
      data: item.data,
    });
  }

  /** Item ids matching what is typed (after # or 第), at most MAX_ITEM_COMPLETIONS of them. */
  addItems(model: Model | undefined): void {
    const typed = this.typed.replace(/^[#＃第]/, '');
    const matching = (model?.items ?? []).filter((it) => it.id.startsWith(typed));
    if (matching.length > MAX_ITEM_COMPLETIONS) this.incomplete = true;
    for (const it of matching.slice(0, MAX_ITEM_COMPLETIONS)) this.add({ label: `#${it.id}`, kind: CompletionItemKind.Reference, detail: itemDetail(it), filterText: `#${it.id}` });
  }
}

function expressionItems(a: Analysis | undefined, text: string, valueStart: number, offset: number, lines: LineIndex): { items: CompletionItem[]; incomplete: boolean } {
  const value = text.slice(valueStart, offset);
  const ws = wordStart(value);
  const before = value.slice(0, ws);
  const c = new Completions(toRange(lines, valueStart + ws, offset), value.slice(ws));
  const model = a?.model;
  if (!argumentItems(c, before, model)) {
    const next = new Set(expressionCompletions(before));
    if (next.has('Identifier')) identifierItems(c, model);
    tokenItems(c, next, model);
  }
  return { items: c.out, incomplete: c.incomplete };
}

/** Inside a function's parentheses: what that argument takes (products, events, sets and items, windows); false elsewhere. */
function argumentItems(c: Completions, before: string, model: Model | undefined): boolean {
  const add = c.add.bind(c);
  const call = /(次数|发生|count|occurred)\s*\(\s*$/.exec(before);
  const secondArg = /(次数|发生|count|occurred)\s*\([^(),]*,\s*$/.exec(before);
  const product = /(产品包含|hasProduct)\s*\(\s*$/.exec(before);
  if (product) {
    for (const p of catalogueProductsOf(model)) add({ label: p.name, kind: CompletionItemKind.Value, detail: RISK_LEVEL_NAME[p.level], newText: JSON.stringify(p.name) });
    return true;
  }
  if (call) {
    for (const e of model?.events ?? []) add({ label: e.name, kind: CompletionItemKind.Event, detail: e.en ? `${e.en} · ${e.trigger ? '降级情形' : '事件类型'}` : e.trigger ? '降级情形' : '事件类型', documentation: e.description || undefined });
    return true;
  }
  const setArg = /(通过数|不通过数|作答数|通过率|全部通过|任一不通过|passed|failed|answered|ratio|allPass|anyFail)\s*\(\s*$/.test(before);
  const itemArg = /(通过|不通过|不适用|passes|fails|notApplicable)\s*\(\s*$/.test(before) && !setArg;
  if (setArg || itemArg) {
    if (setArg) {
      for (const s of BUILTIN_SETS) add({ label: s.zh, kind: CompletionItemKind.Constant, detail: `项目集合 / item set · ${s.en}`, documentation: md(s.doc, s.docEn) });
      for (const [name, g] of model?.groups ?? []) add({ label: name, kind: CompletionItemKind.Module, detail: `分组 / group · ${g.items.length}项`, documentation: g.description || undefined });
    }
    c.addItems(model);
    return true;
  }
  if (secondArg) {
    add({ label: '近3年', kind: CompletionItemKind.Snippet, detail: '时间窗口 / window', newText: '近${1:3}年', snippet: true });
    add({ label: '近6个月', kind: CompletionItemKind.Snippet, detail: '时间窗口 / window', newText: '近${1:6}个月', snippet: true });
    add({ label: '自上次评定', kind: CompletionItemKind.Snippet, detail: '时间窗口 / window' });
    add({ label: 'within 3 years', kind: CompletionItemKind.Snippet, detail: '时间窗口 / window', newText: 'within ${1:3} years', snippet: true });
    add({ label: 'since review', kind: CompletionItemKind.Snippet, detail: '时间窗口 / window' });
    return true;
  }
  return false;
}

/** Where a name may stand: functions, facts, groups, events, item sets and built-in values. */
function identifierItems(c: Completions, model: Model | undefined): void {
  const add = c.add.bind(c);
  for (const f of FUNCTIONS) {
    for (const lang of ['zh', 'en'] as const) {
      const required = f.params.filter((p) => !p.optional);
      const snippet = required.length > 0 ? `${f[lang]}(${f.params.map((p, i) => `\${${i + 1}:${p[lang]}}`).join(', ')})` : undefined;
      add({
        label: f[lang],
        kind: CompletionItemKind.Function,
        detail: `${signature(f, lang)} · ${lang === 'zh' ? f.en : f.zh}`,
        data: { doc: `fn:${f.zh}` },
        ...(snippet ? { newText: snippet, snippet: true } : {}),
      });
    }
  }
  for (const f of model?.facts ?? []) add({ label: f.name, kind: CompletionItemKind.Variable, detail: `企业信息 / fact · ${f.type === 'bool' ? '布尔' : f.type === 'number' ? '数值' : '枚举'}`, documentation: f.description || undefined });
  for (const [name, g] of model?.groups ?? []) add({ label: name, kind: CompletionItemKind.Module, detail: `分组 / group · ${g.items.length}项`, documentation: g.description || undefined });
  for (const e of model?.events ?? []) add({ label: e.name, kind: CompletionItemKind.Event, detail: `事件类型 / event${e.trigger ? ' · 降级情形' : ''}`, documentation: e.description || undefined });
  for (const s of BUILTIN_SETS) for (const n of [s.zh, s.en]) add({ label: n, kind: CompletionItemKind.Constant, detail: `项目集合 / item set · ${n === s.zh ? s.en : s.zh}`, data: { doc: `set:${s.zh}` } });
  for (const v of BUILTIN_VALUES) for (const n of [v.zh, v.en]) add({ label: n, kind: CompletionItemKind.Variable, detail: `内置值 / built-in · ${n === v.zh ? v.en : v.zh}`, data: { doc: `value:${v.zh}` } });
}

/** The keywords, class and risk level names and operators the grammar accepts next, and item ids. */
function tokenItems(c: Completions, next: Set<string>, model: Model | undefined): void {
  const add = c.add.bind(c);
  if (next.has('Item')) c.addItems(model);
  if (next.has('Not')) {
    add({ label: '非', kind: CompletionItemKind.Keyword, detail: 'not' });
    add({ label: 'not', kind: CompletionItemKind.Keyword, detail: '非', newText: 'not ' });
  }
  for (const [tok, zh, en] of [['And', '且', 'and'], ['Or', '或', 'or']] as const) {
    if (!next.has(tok)) continue;
    add({ label: zh, kind: CompletionItemKind.Keyword, detail: en, newText: `${zh} ` });
    add({ label: en, kind: CompletionItemKind.Keyword, detail: zh, newText: `${en} ` });
  }
  if (next.has('True')) for (const w of [KEYWORDS.true[1], 'true']) add({ label: w, kind: CompletionItemKind.Keyword, detail: '真 / true' });
  if (next.has('False')) for (const w of [KEYWORDS.false[1], 'false']) add({ label: w, kind: CompletionItemKind.Keyword, detail: '假 / false' });
  if (next.has('Class')) for (const cls of CLASSES_BEST_FIRST) add({ label: cls, kind: CompletionItemKind.EnumMember, detail: '类别 / class' });
  if (next.has('Risk')) for (const r of RISK_LEVEL_NAMES) add({ label: r, kind: CompletionItemKind.EnumMember, detail: '风险等级 / risk level' });
  for (const [tok, op] of [['Ge', '>='], ['Gt', '>'], ['Le', '<='], ['Lt', '<'], ['Eq', '='], ['Ne', '!=']] as const) {
    if (next.has(tok)) add({ label: op, kind: CompletionItemKind.Operator, newText: `${op} ` });
  }
}

/** Documents of built-in completions, filled in when the editor shows an item (completionItem/resolve). */
export function resolveCompletion(item: CompletionItem): CompletionItem {
  const key = (item.data as { doc?: string } | undefined)?.doc;
  if (!key || item.documentation) return item;
  const [kind, name] = key.split(':') as [string, string];
  const f = kind === 'fn' ? FUNCTIONS.find((x) => x.zh === name) : undefined;
  const s = kind === 'set' ? BUILTIN_SETS.find((x) => x.zh === name) : undefined;
  const v = kind === 'value' ? BUILTIN_VALUES.find((x) => x.zh === name) : undefined;
  const doc = f ?? s ?? v;
  return doc ? { ...item, documentation: md(doc.doc, doc.docEn) } : item;
}

/** The products of the rule set's catalogue files (every version), for 产品包含(…). */
function catalogueProductsOf(model: { catalogues: { products: Map<string, { name: string; level: number }> }[] } | undefined): { name: string; level: number }[] {
  const out = new Map<string, { name: string; level: number }>();
  for (const c of model?.catalogues ?? []) for (const p of c.products.values()) if (!out.has(p.name)) out.set(p.name, p);
  return [...out.values()];
}
