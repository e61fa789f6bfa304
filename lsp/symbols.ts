// What is at an offset, and where else the same thing occurs. Names come from the compiler:
// condition uses from the binder's references, definitions and id lists from the syntax trees
// of the document and its bases.
import type { Expression, Loc, RuleFileAst, Val } from '../compiler/index.js';
import type { ExprToken } from '../grammar/expr/index.js';
import type { Analysis, SourceFile } from './workspace.js';
import { CONDITION_ORDER } from '../runtime/index.js';

export type SymbolKind = 'item' | 'group' | 'fact' | 'event' | 'function' | 'value' | 'set';

export interface SymbolRef {
  kind: SymbolKind;
  name: string;
  /** File offsets of the occurrence under the cursor. */
  start: number;
  end: number;
}

export interface Occurrence {
  file: SourceFile;
  start: number;
  end: number;
  definition: boolean;
  /** How the name is written here: a YAML value (maybe quoted), `#id`, `第id项` or a bare name. */
  form: 'yaml' | 'hash' | 'di' | 'name';
}

export interface ExprSite {
  expr: Expression;
  /** 'na' for not-applicable conditions, 'check' for cross-checks and 视为不通过/通过条件, else the class the condition belongs to. */
  role: 'na' | 'check' | 'C' | 'AA' | 'A' | 'B';
  name?: string;
}

/** Every condition written in a file, with where it belongs. */
export function expressionsOf(ast: RuleFileAst): ExprSite[] {
  const out: ExprSite[] = [];
  for (const it of ast.items ?? []) if (it.notApplicableWhen) out.push({ expr: it.notApplicableWhen, role: 'na' });
  for (const it of ast.items ?? []) if (it.crossCheck) out.push({ expr: it.crossCheck, role: 'check' });
  // 视为不通过/通过条件 read no answers, like cross-checks (D8, D2′).
  for (const it of ast.items ?? []) for (const e of [it.failsWhen, it.passesWhen]) if (e) out.push({ expr: e, role: 'check' });
  for (const a of ast.adjust ?? []) if (a.notApplicableWhen) out.push({ expr: a.notApplicableWhen, role: 'na' });
  for (const cls of CONDITION_ORDER) {
    const rule = ast.classification?.[cls];
    for (const c of [...(rule?.anyOf ?? []), ...(rule?.allOf ?? [])]) {
      if ('parsed' in c) out.push({ expr: c, role: cls });
      else if (c.when) out.push({ expr: c.when, role: cls, name: c.name?.value });
    }
  }
  return out.sort((a, b) => a.expr.loc.start - b.expr.loc.start);
}

export function expressionAt(ast: RuleFileAst, offset: number): ExprSite | undefined {
  return expressionsOf(ast).find((s) => offset >= s.expr.loc.start && offset <= s.expr.loc.end);
}

/** File offsets of a token (its end just after its last character). */
export function tokenSpan(expr: Expression, t: { start: number; end: number }): Loc {
  const o = expr.offsets;
  return { start: o[t.start]!, end: t.end > t.start ? o[t.end - 1]! + 1 : o[t.start]! };
}

export function tokenAt(expr: Expression, fileOffset: number): ExprToken | undefined {
  for (const t of expr.parsed.tokens) {
    const s = tokenSpan(expr, t);
    if (fileOffset >= s.start && fileOffset <= s.end) return t;
  }
  return undefined;
}

const within = (l: Loc | undefined, offset: number): l is Loc => !!l && offset >= l.start && offset <= l.end;

/** Id values written in YAML: definitions, refinement targets, adjusted items, group members. */
export function idValues(ast: RuleFileAst): { id: Val<string>; role: 'definition' | 'refines' | 'adjust' | 'group' }[] {
  const out: { id: Val<string>; role: 'definition' | 'refines' | 'adjust' | 'group' }[] = [];
  for (const it of ast.items ?? []) {
    if (it.id) out.push({ id: it.id, role: 'definition' });
    if (it.refines) out.push({ id: it.refines, role: 'refines' });
  }
  for (const a of ast.adjust ?? []) if (a.item) out.push({ id: a.item, role: 'adjust' });
  for (const g of ast.groups ?? []) for (const id of g.items ?? []) out.push({ id, role: 'group' });
  return out;
}

/** The symbol under the cursor in the analysed document. */
export function symbolAt(a: Analysis, offset: number): SymbolRef | undefined {
  const ast = a.ast;
  if (!ast) return undefined;
  const own = a.result.file;
  for (const r of a.references) {
    if (r.file === own && offset >= r.start && offset <= r.end) return { kind: r.kind, name: r.name, start: r.start, end: r.end };
  }
  for (const v of idValues(ast)) {
    if (!within(v.id.loc, offset)) continue;
    // A group list may name another group.
    if (v.role === 'group' && !a.model?.items.some((i) => i.id === v.id.value || i.refines === v.id.value || i.nationalId === v.id.value) && a.model?.groups.has(v.id.value)) {
      return { kind: 'group', name: v.id.value, ...v.id.loc };
    }
    return { kind: 'item', name: v.id.value, ...v.id.loc };
  }
  for (const g of ast.groups ?? []) if (g.name && within(g.name.loc, offset)) return { kind: 'group', name: g.name.value, ...g.name.loc };
  for (const f of ast.facts ?? []) if (f.name && within(f.name.loc, offset)) return { kind: 'fact', name: f.name.value, ...f.name.loc };
  for (const e of ast.events ?? []) if (e.name && within(e.name.loc, offset)) return { kind: 'event', name: e.name.value, ...e.name.loc };
  return undefined;
}

/** The event's canonical name (conditions may use its English name). */
function eventName(a: Analysis, name: string): string {
  return a.model?.events.find((e) => e.name === name || e.en === name)?.name ?? name;
}

/** Every occurrence of a symbol in the document and its bases, definition first. */
export function occurrences(a: Analysis, sym: Pick<SymbolRef, 'kind' | 'name'>): Occurrence[] {
  const out: Occurrence[] = [];
  const name = sym.kind === 'event' ? eventName(a, sym.name) : sym.name;
  const same = (n: string): boolean => (sym.kind === 'event' ? eventName(a, n) === name : n === name);
  const files = [...a.files].reverse(); // national first: definitions are looked up there last
  for (const f of files) {
    const ast = f.ast;
    if (sym.kind === 'item') {
      for (const v of idValues(ast)) if (v.id.value === name) out.push({ file: f, ...v.id.loc, definition: v.role === 'definition', form: 'yaml' });
    }
    if (sym.kind === 'group') {
      for (const g of ast.groups ?? []) {
        if (g.name?.value === name) out.push({ file: f, ...g.name.loc, definition: true, form: 'yaml' });
        for (const id of g.items ?? []) if (id.value === name) out.push({ file: f, ...id.loc, definition: false, form: 'yaml' });
      }
    }
    if (sym.kind === 'fact') for (const x of ast.facts ?? []) if (x.name?.value === name) out.push({ file: f, ...x.name.loc, definition: true, form: 'yaml' });
    if (sym.kind === 'event') for (const x of ast.events ?? []) if (x.name?.value === name) out.push({ file: f, ...x.name.loc, definition: true, form: 'yaml' });
    for (const r of a.references) {
      if (r.file !== f.file || r.kind !== sym.kind || !same(r.name)) continue;
      const text = f.ast.text;
      const form = sym.kind !== 'item' ? 'name' : text[r.start] === '#' || text[r.start] === '＃' ? 'hash' : 'di';
      out.push({ file: f, start: r.start, end: r.end, definition: false, form });
    }
  }
  // A file's own definition wins over its base's (the document's first).
  const seen = new Set<string>();
  const unique = out.filter((o) => {
    const k = `${o.file.file}\u0000${o.start}\u0000${o.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const order = new Map(a.files.map((f, i) => [f.file, i]));
  return unique.sort((x, y) => Number(y.definition) - Number(x.definition) || order.get(x.file.file)! - order.get(y.file.file)! || x.start - y.start);
}

/** Where a symbol is defined: the nearest file of the chain that defines it. */
export function definitionOf(a: Analysis, sym: Pick<SymbolRef, 'kind' | 'name'>): Occurrence | undefined {
  return occurrences(a, sym).find((o) => o.definition);
}

/** The id's characters inside an occurrence (without quotes, `#` or 第…项). */
export function innerRange(o: Occurrence): Loc {
  const text = o.file.ast.text;
  if (o.form === 'hash') return { start: o.start + 1, end: o.end };
  if (o.form === 'di') return { start: o.start + 1, end: o.end - 1 };
  if (o.form === 'yaml' && (text[o.start] === '"' || text[o.start] === "'")) return { start: o.start + 1, end: o.end - 1 };
  return { start: o.start, end: o.end };
}
