// Document symbols (the outline) and folding ranges.
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver';
import { OBJECTS } from '../../grammar/schema/fields.js';
import type { Loc, Obj, RuleFileAst } from '../../compiler/index.js';
import { toRange } from '../position.js';
import { CONDITION_ORDER } from '../../runtime/index.js';

const short = (s: string, n = 30): string => (s.length > n ? s.slice(0, n) + '…' : s);

/** The end of a block that starts at `start`: before the trailing blank and comment lines ahead of `limit`. */
function blockEnd(text: string, start: number, limit: number): number {
  let end = limit;
  for (;;) {
    const lineStart = text.lastIndexOf('\n', end - 2) + 1;
    if (lineStart <= start) break;
    const line = text.slice(lineStart, end).trim();
    if (line !== '' && !line.startsWith('#')) break;
    end = lineStart;
  }
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end;
}

export function documentSymbols(ast: RuleFileAst): DocumentSymbol[] {
  const text = ast.text;
  const lines = ast.lines;
  const keys = Object.entries(ast.keys).sort((a, b) => a[1].start - b[1].start);
  const spec = OBJECTS.ruleFile!;
  const sym = (name: string, detail: string | undefined, kind: SymbolKind, range: Loc, sel: Loc, children?: DocumentSymbol[]): DocumentSymbol => ({
    name,
    ...(detail ? { detail } : {}),
    kind,
    range: toRange(lines, range.start, range.end),
    selectionRange: toRange(lines, sel.start, sel.end),
    ...(children ? { children } : {}),
  });
  const objRange = (o: Obj): Loc => ({ start: o.loc.start, end: blockEnd(text, o.loc.start, o.loc.end) });
  return keys.map(([canon, kloc], i) => {
    const end = blockEnd(text, kloc.start, keys[i + 1]?.[1].start ?? text.length);
    const range = { start: kloc.start, end };
    const f = spec[canon]!;
    let children: DocumentSymbol[] | undefined;
    switch (canon) {
      case 'items':
        children = (ast.items ?? []).filter((it) => it.id).map((it) => sym(it.id!.value, `${it.directive?.value ? '★ ' : ''}${short(it.text?.value ?? '')}`, SymbolKind.EnumMember, objRange(it), it.id!.loc));
        break;
      case 'groups':
        children = (ast.groups ?? []).filter((g) => g.name).map((g) => sym(g.name!.value, (g.items ?? []).map((x) => x.value).join('、'), SymbolKind.Array, objRange(g), g.name!.loc));
        break;
      case 'facts':
        children = (ast.facts ?? []).filter((x) => x.name).map((x) => sym(x.name!.value, x.type?.value, SymbolKind.Variable, objRange(x), x.name!.loc));
        break;
      case 'events':
        children = (ast.events ?? []).filter((x) => x.name).map((x) => sym(x.name!.value, x.trigger?.value ? '降级情形' : undefined, SymbolKind.Event, objRange(x), x.name!.loc));
        break;
      case 'modes':
        children = (ast.modes ?? []).filter((x) => x.name).map((x) => sym(x.name!.value, `${(x.measures ?? []).length} 项措施`, SymbolKind.Enum, objRange(x), x.name!.loc));
        break;
      case 'catalogues':
        children = (ast.catalogues ?? []).map((x) => sym(x.value, '产品目录文件', SymbolKind.File, x.loc, x.loc));
        break;
      case 'classification': {
        const c = ast.classification;
        children = CONDITION_ORDER
          .filter((k) => c?.[k] && c.keys[k])
          .sort((x, y) => c!.keys[x]!.start - c!.keys[y]!.start)
          .map((k) => {
            const rule = c![k]!;
            const conds = [...(rule.anyOf ?? []), ...(rule.allOf ?? [])].map((cond) => {
              const expr = 'parsed' in cond ? cond : cond.when;
              const name = 'parsed' in cond ? cond.text : (cond.name?.value ?? cond.when?.text ?? '');
              const sel = 'parsed' in cond ? cond.loc : (cond.name?.loc ?? cond.loc);
              return sym(name || '条件', expr?.text, SymbolKind.Boolean, 'parsed' in cond ? cond.loc : objRange(cond), sel);
            });
            return sym(`${k}类`, undefined, SymbolKind.Class, { start: c!.keys[k]!.start, end: blockEnd(text, c!.keys[k]!.start, rule.loc.end) }, c!.keys[k]!, conds);
          });
        break;
      }
    }
    return sym(f.zh, f.en, SymbolKind.Namespace, range, kloc, children);
  });
}

/** Blocks by indentation (every section, item and nested mapping of more than one line) and comment runs. */
export function foldingRanges(text: string): FoldingRange[] {
  const all = text.split(/\r?\n/);
  const out: FoldingRange[] = [];
  const indentOf = (l: string): number => /^ */.exec(l)![0].length;
  const content = (l: string): boolean => l.trim() !== '' && !l.trim().startsWith('#');
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    if (!content(line)) continue;
    const ind = indentOf(line);
    let last = i;
    for (let j = i + 1; j < all.length; j++) {
      const l = all[j]!;
      if (!content(l)) continue;
      const ij = indentOf(l);
      const child = ij > ind || (ij === ind && /^ *- /.test(l) && !/^ *- /.test(line) && /:\s*$/.test(line));
      if (!child) break;
      last = j;
    }
    if (last > i) out.push({ startLine: i, endLine: last });
  }
  for (let i = 0; i < all.length; i++) {
    if (!all[i]!.trim().startsWith('#')) continue;
    let j = i;
    while (j + 1 < all.length && all[j + 1]!.trim().startsWith('#')) j++;
    if (j > i) out.push({ startLine: i, endLine: j, kind: FoldingRangeKind.Comment });
    i = j;
  }
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
