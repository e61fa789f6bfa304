// The item list of a rule set: the base's items with the province's refinements
// in place of the items they refine, then the supplementary items (remark (三)).
import { reportUnknownId } from './nearest-id.js';
import type { Reporter } from '../diagnostics/make.js';
import type { ItemAst, RuleFileAst } from '../syntax/ast.js';
import type { ItemModel, RuleSetModel } from './types.js';

const ID_RE = /^[\p{L}\p{N}._-]+$/u;

export interface PendingNa {
  item: number;
  ast: NonNullable<ItemAst['notApplicableWhen']>;
  file: string;
}

/**
 * Names an object already has (`__proto__`, `constructor`, `toString`, …) and `prototype`: as a
 * register column, an answer key or a fact key such a name reads or sets the object's own machinery.
 */
const RESERVED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
export const isReservedName = (name: string): boolean => RESERVED.has(name);

export function mergeItems(ast: RuleFileAst, base: RuleSetModel | null, reporter: Reporter): { items: ItemModel[]; naConditions: PendingNa[] } {
  const { fresh, seen, ownNa } = ownItems(ast, base, reporter);
  if (!base) return { items: fresh, naConditions: [] };
  const baseById = new Map(base.items.map((i) => [i.id, i]));
  const inherit = ast.inheritItems?.value ?? true;
  const subsOf = refinedItems(fresh, seen, baseById, inherit, reporter);
  const items: ItemModel[] = [];
  if (inherit) {
    for (const b of base.items) {
      const subs = subsOf.get(b.id);
      if (subs) items.push(...subs);
      else items.push({ ...b });
    }
    items.push(...fresh.filter((f) => f.refines === null && !baseById.has(f.id)));
  } else {
    items.push(...fresh.filter((f) => f.refines === null || subsOf.has(f.refines)));
  }
  const index = new Map(items.map((it, i) => [it.id, i]));
  const naConditions = ownNa.filter((n) => index.has(n.id)).map((n) => ({ item: index.get(n.id)!, ast: n.ast, file: ast.file }));
  return { items, naConditions };
}

/** The file's own items, checked one by one (reserved, malformed and repeated ids), not yet placed among the base's. */
function ownItems(ast: RuleFileAst, base: RuleSetModel | null, reporter: Reporter): { fresh: ItemModel[]; seen: Map<string, ItemAst>; ownNa: { id: string; ast: NonNullable<ItemAst['notApplicableWhen']> }[] } {
  const own = (ast.items ?? []).filter((i) => i.id && i.text);
  const seen = new Map<string, ItemAst>();
  const fresh: ItemModel[] = [];
  const ownNa: { id: string; ast: NonNullable<ItemAst['notApplicableWhen']> }[] = [];
  for (const it of own) {
    const id = it.id!.value;
    if (isReservedName(id)) {
      reporter.report('FL2051', { name: id }, it.id!.loc.start, it.id!.loc.end);
      continue;
    }
    if (!ID_RE.test(id)) reporter.report('FL2021', { id }, it.id!.loc.start, it.id!.loc.end);
    if (seen.has(id)) {
      reporter.report('FL2001', { id }, it.id!.loc.start, it.id!.loc.end, {
        related: [{ file: ast.file, range: reporter.lines.range(seen.get(id)!.id!.loc.start, seen.get(id)!.id!.loc.end), message: '首次定义 / first defined here' }],
      });
      continue;
    }
    seen.set(id, it);
    const refines = it.refines?.value ?? null;
    if (refines !== null && !base) reporter.report('FL2003', {}, it.refines!.loc.start, it.refines!.loc.end);
    if (it.notApplicableWhen && !base) reporter.report('FL2018', {}, it.notApplicableWhen.loc.start, it.notApplicableWhen.loc.end);
    if (it.notApplicableWhen && base) ownNa.push({ id, ast: it.notApplicableWhen });
    fresh.push({
      id,
      text: it.text!.value,
      pair: it.answers?.value === '符合/不符合' ? 'conform' : 'problem',
      directive: it.directive?.value ?? false,
      article: it.article?.value ?? '',
      methods: (it.methods ?? []).map((m) => m.value),
      origin: base ? (refines !== null ? 'refined' : 'supplementary') : 'national',
      nationalId: base ? null : id,
      refines: base ? refines : null,
      ...(it.verifyAssumption ? { verifyAssumption: { text: it.verifyAssumption.value, from: { file: ast.file, loc: it.verifyAssumption.loc } } } : {}),
      from: { file: ast.file, loc: it.loc },
    });
  }
  return { fresh, seen, ownNa };
}

/**
 * The base items each own item refines (or, in a complete checklist, restates under its id): the
 * refinements take the base item's national id, origin and conditions; base id → its sub-items.
 */
function refinedItems(fresh: ItemModel[], seen: Map<string, ItemAst>, baseById: Map<string, ItemModel>, inherit: boolean, reporter: Reporter): Map<string, ItemModel[]> {
  const subsOf = new Map<string, ItemModel[]>();
  for (const f of fresh) {
    const astItem = seen.get(f.id)!;
    if (f.refines !== null) {
      const target = baseById.get(f.refines);
      if (!target) {
        reportUnknownId(reporter, 'FL2002', f.refines, baseById.keys(), astItem.refines!.loc.start, astItem.refines!.loc.end);
        continue;
      }
      f.nationalId = target.nationalId;
      f.origin = target.origin === 'supplementary' ? 'supplementary' : 'refined';
      // D2′: a part of an item that limits itself by its wording (national items 2 and 17) is limited
      // alike: each sub-item keeps the 视为通过条件 unless it writes its own (FL3031 if that drops a case).
      if (target.passesWhen) f.passesWhen = target.passesWhen;
      subsOf.set(target.id, [...(subsOf.get(target.id) ?? []), f]);
    } else if (baseById.has(f.id)) {
      if (inherit) {
        reporter.report('FL2025', { id: f.id }, astItem.id!.loc.start, astItem.id!.loc.end);
        continue;
      }
      // A complete checklist restates the base item under its own id.
      const b = baseById.get(f.id)!;
      f.origin = b.origin;
      f.nationalId = b.nationalId;
      f.refines = b.id;
      // The restated item keeps the base item's 视为不通过/通过条件 unless it writes its own (D8, D2′).
      if (b.failsWhen) f.failsWhen = b.failsWhen;
      if (b.passesWhen) f.passesWhen = b.passesWhen;
      subsOf.set(b.id, [...(subsOf.get(b.id) ?? []), f]);
    }
  }
  return subsOf;
}
