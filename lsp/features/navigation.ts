// Go to definition, find references and rename, across the document and its bases (the national
// rules included, whether open or not).
import { ResponseError, ErrorCodes, type Location, type Position, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { toOffset, toRange } from '../position.js';
import { definitionOf, innerRange, occurrences, symbolAt, type Occurrence } from '../symbols.js';
import type { Analysis, Workspace } from '../workspace.js';

const ID_RE = /^[\p{L}\p{N}._-]+$/u;

const location = (o: Occurrence): Location => ({ uri: o.file.uri, range: toRange(o.file.lines, o.start, o.end) });

export function definition(a: Analysis, pos: Position): Location[] {
  if (!a.lines || !a.ast) return [];
  const offset = toOffset(a.lines, pos);
  // `基于: national` leads to the base file.
  const base = a.ast.meta?.base;
  if (base && offset >= base.loc.start && offset <= base.loc.end && a.files[1]) {
    return [{ uri: a.files[1].uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
  }
  const sym = symbolAt(a, offset);
  if (!sym) return [];
  const def = definitionOf(a, sym);
  return def ? [location(def)] : [];
}

export function references(a: Analysis, pos: Position, includeDeclaration: boolean, others: Analysis[]): Location[] {
  if (!a.lines) return [];
  const sym = symbolAt(a, toOffset(a.lines, pos));
  if (!sym) return [];
  const def = definitionOf(a, sym);
  const out = new Map<string, Location>();
  const add = (o: Occurrence): void => {
    if (o.definition && !includeDeclaration) return;
    const loc = location(o);
    out.set(`${loc.uri}\u0000${loc.range.start.line}:${loc.range.start.character}`, loc);
  };
  for (const o of occurrences(a, sym)) add(o);
  // Other open documents built on the file that defines the symbol use it too.
  if (def) {
    for (const other of others) {
      if (other.uri === a.uri || !other.files.some((f) => f.path === def.file.path)) continue;
      const theirs = definitionOf(other, sym);
      if (theirs?.file.path !== def.file.path || theirs.start !== def.start) continue;
      for (const o of occurrences(other, sym)) add(o);
    }
  }
  return [...out.values()];
}

export function prepareRename(ws: Workspace, a: Analysis, pos: Position): { range: Range; placeholder: string } | null {
  if (!a.lines) return null;
  const sym = symbolAt(a, toOffset(a.lines, pos));
  if (!sym || sym.kind !== 'item') throw new ResponseError(ErrorCodes.InvalidRequest, '只能重命名项目编号 / only item ids can be renamed');
  const def = definitionOf(a, sym);
  if (!def) throw new ResponseError(ErrorCodes.InvalidRequest, `项目“${sym.name}”没有定义 / item '${sym.name}' is not defined`);
  if (ws.isBundledNational(def.file.path)) {
    throw new ResponseError(ErrorCodes.InvalidRequest, `第${sym.name}项是国家规则的项目，编号不能修改 / national item ids cannot be renamed`);
  }
  const here = occurrences(a, sym).find((o) => o.file.file === a.result.file && o.start <= sym.start && sym.end <= o.end);
  const inner = here ? innerRange(here) : { start: sym.start, end: sym.end };
  return { range: toRange(a.lines, inner.start, inner.end), placeholder: sym.name };
}

export function rename(ws: Workspace, a: Analysis, pos: Position, newName: string, others: Analysis[]): WorkspaceEdit {
  prepareRename(ws, a, pos);
  const sym = symbolAt(a, toOffset(a.lines!, pos))!;
  if (!ID_RE.test(newName)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `项目编号“${newName}”只能由字母、数字、汉字、“.”“-”“_”组成 / invalid item id`);
  }
  if (newName !== sym.name && a.model?.items.some((i) => i.id === newName)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `项目编号“${newName}”已存在 / item id '${newName}' already exists`);
  }
  const def = definitionOf(a, sym)!;
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  const plainId = /^[A-Za-z0-9.-]+$/.test(newName);
  const edit = (o: Occurrence): void => {
    const key = `${o.file.uri}\u0000${o.start}`;
    if (seen.has(key)) return;
    seen.add(key);
    const text = o.file.ast.text;
    let start = o.start;
    let end = o.end;
    let newText = newName;
    if (o.form === 'di' && !plainId) newText = `#${newName}`; // 第…项 takes only ASCII ids
    else if (o.form === 'yaml' && text[o.start] !== '"' && text[o.start] !== "'" && /^[\d.]+$/.test(newName)) newText = JSON.stringify(newName); // keep ids text
    else ({ start, end } = innerRange(o));
    (changes[o.file.uri] ??= []).push({ range: toRange(o.file.lines, start, end), newText });
  };
  // Everything that names the item: in this chain from the defining file up, and in open documents built on it.
  for (const o of occurrences(a, sym)) if (a.files.findIndex((f) => f.path === o.file.path) <= a.files.findIndex((f) => f.path === def.file.path)) edit(o);
  for (const other of others) {
    if (other.uri === a.uri || !other.files.some((f) => f.path === def.file.path)) continue;
    const theirs = definitionOf(other, sym);
    if (theirs?.file.path !== def.file.path) continue;
    for (const o of occurrences(other, sym)) if (other.files.findIndex((f) => f.path === o.file.path) <= other.files.findIndex((f) => f.path === def.file.path)) edit(o);
  }
  for (const list of Object.values(changes)) list.sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
  return { changes };
}
