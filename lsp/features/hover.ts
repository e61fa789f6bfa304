// Hover: an item's text, answer pair, ★ and article (for a refinement also the national item it
// refines); a field's document; a function's, keyword's or built-in's document; a fact, group or
// event; and on a pass-ratio threshold the effective thresholds after merging onto the base.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { BUILTIN_SETS, BUILTIN_VALUES, KEYWORDS, findFunction } from '../../grammar/expr/vocabulary.js';
import type { ConditionModel, ItemModel } from '../../compiler/index.js';
import type { IrExpr } from '../../runtime/ir.js';
import { toOffset, toRange } from '../position.js';
import { expressionAt, symbolAt, tokenAt, tokenSpan } from '../symbols.js';
import { cursorContext, fieldOf } from '../yaml-context.js';
import type { Analysis } from '../workspace.js';
import { CLASSES_BEST_FIRST } from '../../runtime/index.js';

const PAIR: Record<ItemModel['pair'], string> = { problem: '发现问题/未发现问题', conform: '符合/不符合' };

export function hover(a: Analysis, pos: Position): Hover | null {
  if (!a.ast || !a.lines) return null;
  const offset = toOffset(a.lines, pos);
  const text = a.text;
  const at = (start: number, end: number, value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range: toRange(a.lines!, start, end) });

  const site = expressionAt(a.ast, offset);
  if (site) {
    const tok = tokenAt(site.expr, offset);
    if (tok) {
      const span = tokenSpan(site.expr, tok);
      const threshold = a.model ? thresholds(a, site.expr.loc.start) : undefined;
      if ((tok.kind === 'percent' || tok.kind === 'operator') && threshold) return at(span.start, span.end, threshold);
      if (tok.kind === 'function') {
        const f = findFunction(tok.text)!;
        const sig = `${f.zh}(${f.params.map((p) => `${p.zh}${p.optional ? '?' : ''}`).join(', ')})`;
        const sigEn = `${f.en}(${f.params.map((p) => `${p.en}${p.optional ? '?' : ''}`).join(', ')})`;
        return at(span.start, span.end, `**${sig}** · \`${sigEn}\`\n\n${f.doc}\n\n${f.docEn}${threshold ? `\n\n---\n\n${threshold}` : ''}`);
      }
      if (tok.kind === 'keyword') return at(span.start, span.end, keywordDoc(tok.text));
    }
  }

  const sym = symbolAt(a, offset);
  if (sym) {
    const value = symbolDoc(a, sym.kind, sym.name);
    if (value) return at(sym.start, sym.end, value);
  }

  // A key: its document from the field table.
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd);
  const km = /^( *(?:- +)*)([^\s:#'"{}[\],][^:#{}[\],]*?) *:(?=\s|$)/.exec(line);
  if (km) {
    const start = lineStart + km[1]!.length;
    const end = start + km[2]!.length;
    if (offset >= start && offset <= end) {
      const ctx = cursorContext(text, start);
      const f = fieldOf(ctx.kind, km[2]!);
      if (f) return at(start, end, `**${f.zh}** · \`${f.en}\`${f.required ? ' · 必填 required' : ''}\n\n${f.doc}\n\n${f.docEn}`);
    }
  }
  return null;
}

function keywordDoc(word: string): string {
  const w = word as never;
  if ((KEYWORDS.and as readonly string[]).includes(w)) return '**且** · `and`\n\n两边的条件都成立。\n\nBoth conditions hold.';
  if ((KEYWORDS.or as readonly string[]).includes(w)) return '**或** · `or`\n\n至少一边的条件成立。\n\nAt least one condition holds.';
  if ((KEYWORDS.not as readonly string[]).includes(w)) return '**非** · `not`\n\n条件不成立。\n\nThe condition does not hold.';
  return `**${word}**\n\n真假值。\n\nA truth value.`;
}

export function itemDoc(a: Analysis, it: ItemModel | undefined, id: string): string | undefined {
  const base = a.base;
  const item = it ?? a.model?.items.find((x) => x.id === id) ?? base?.items.find((x) => x.id === id);
  if (!item) return undefined;
  const lines = [`**第${item.id}项**${item.directive ? ' ★ C类指向型' : ''}`, '', item.text, '', `答案：${PAIR[item.pair]}${item.article ? ` · 依据：${item.article}` : ''}`];
  const refined = item.refines !== null && item.refines !== item.id ? base?.items.find((b) => b.id === item.refines) : undefined;
  if (refined) {
    lines.push('', '---', '', `细化 / refines **第${refined.id}项**${refined.directive ? ' ★' : ''}：${refined.text}`);
  }
  const subs = a.model?.items.filter((x) => x.refines === item.id && x.id !== item.id) ?? [];
  if (subs.length) lines.push('', '---', '', `本细则细化为 / refined into：${subs.map((s) => `第${s.id}项${s.directive ? '★' : ''}`).join('、')}`);
  return lines.join('\n');
}

function symbolDoc(a: Analysis, kind: string, name: string): string | undefined {
  const m = a.model;
  switch (kind) {
    case 'item': {
      const item = m?.items.find((x) => x.id === name);
      if (item) return itemDoc(a, item, name);
      // A refined base item (its sub-items replaced it in the merged rule set).
      const base = a.base?.items.find((x) => x.id === name);
      return base ? itemDoc(a, base, name) : undefined;
    }
    case 'group': {
      const g = m?.groups.get(name);
      if (!g) return undefined;
      const ids = g.items.map((i) => m!.items[i]!.id);
      return `**${name}** · 分组 / group（${ids.length}项）\n\n${ids.map((i) => `第${i}项`).join('、')}${g.description ? `\n\n${g.description}` : ''}`;
    }
    case 'fact': {
      const f = m?.facts.find((x) => x.name === name);
      if (!f) return undefined;
      const type = f.type === 'bool' ? '布尔' : f.type === 'number' ? '数值' : `枚举：${f.values.join('、')}`;
      const def = f.default === undefined ? '必须填写 / required' : `默认 ${String(f.default)}`;
      return `**${name}** · 企业信息 / fact（${type}，${def}）${f.description ? `\n\n${f.description}` : ''}`;
    }
    case 'event': {
      const e = m?.events.find((x) => x.name === name || x.en === name);
      if (!e) return undefined;
      return `**${e.name}**${e.en ? ` · \`${e.en}\`` : ''} · 事件类型 / event type${e.trigger ? ' · 降级情形 / downgrade trigger' : ''}${e.article ? `\n\n依据：${e.article}` : ''}${e.description ? `\n\n${e.description}` : ''}`;
    }
    case 'set': {
      const s = BUILTIN_SETS.find((x) => x.zh === name);
      return s ? `**${s.zh}** · \`${s.en}\` · 项目集合 / item set\n\n${s.doc}\n\n${s.docEn}` : undefined;
    }
    case 'value': {
      const v = BUILTIN_VALUES.find((x) => x.zh === name);
      return v ? `**${v.zh}** · \`${v.en}\`\n\n${v.doc}\n\n${v.docEn}` : undefined;
    }
    case 'function': {
      const f = findFunction(name);
      return f ? `**${f.zh}** · \`${f.en}\`\n\n${f.doc}\n\n${f.docEn}` : undefined;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- thresholds

interface Bound {
  op: string;
  n: number;
  d: number;
  set: number;
}

/** Does the condition compare a pass ratio with a percentage anywhere? */
function hasBound(e: IrExpr): boolean {
  if (e.k === 'and' || e.k === 'or') return e.xs.some(hasBound);
  if (e.k === 'not') return hasBound(e.x);
  return bound(e) !== undefined;
}

function bound(e: IrExpr): Bound | undefined {
  if (e.k !== 'cmp' || e.t !== 'ratio') return undefined;
  if (e.l.k === 'ratio' && e.r.k === 'pct') return { op: e.op, n: e.r.n, d: e.r.d, set: e.l.set };
  if (e.r.k === 'ratio' && e.l.k === 'pct') return { op: e.op, n: e.l.n, d: e.l.d, set: e.r.set };
  return undefined;
}


function conditionLine(c: ConditionModel, lines: (file: string, offset: number) => number): string {
  const where = `${c.from.file}:${lines(c.from.file, c.from.loc.start) + 1}`;
  return `\`${c.when.source.text}\`${c.name ? `（${c.name}）` : ''} — ${where}`;
}

/** The pass-ratio thresholds of every class, merged and in the base, when the hovered condition is one. */
function thresholds(a: Analysis, exprStart: number): string | undefined {
  const m = a.model!;
  const own = a.result.file;
  const mine = CLASSES_BEST_FIRST.flatMap((cls) => m.classification[cls]).find((c) => c.from.file === own && c.when.source.loc.start === exprStart);
  if (!mine || !hasBound(mine.when.ir)) return undefined;
  const lineOf = (file: string, offset: number): number => a.fileByName.get(file)?.lines.position(offset).line ?? 0;
  const rows: string[] = ['**合并后的通过率门槛 / effective thresholds**', ''];
  for (const cls of CLASSES_BEST_FIRST) {
    const conds = m.classification[cls].filter((c) => hasBound(c.when.ir));
    for (const c of conds) {
      const replaced = c.replaces ? `（替换 / replaces \`${c.replaces.when.source.text}\`）` : '';
      rows.push(`- ${cls}类：${conditionLine(c, lineOf)}${replaced}`);
    }
  }
  const base = a.base;
  if (base) {
    rows.push('', '**所依据规则 / base**', '');
    for (const cls of CLASSES_BEST_FIRST) for (const c of base.classification[cls].filter((x) => hasBound(x.when.ir))) rows.push(`- ${cls}类：\`${c.when.source.text}\``);
  }
  return rows.join('\n');
}
