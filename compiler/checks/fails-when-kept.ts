import type { Expr } from '../../grammar/expr/ast.js';
import { printExpression } from '../../grammar/expr/printer.js';
import { findEventLevel } from '../../grammar/expr/vocabulary.js';
import type { RuleSetModel } from '../model/types.js';
import type { Check } from './check.js';

/** The cases of a condition: the operands of a top-level 或, each in one canonical spelling (English event and level names read as Chinese). */
export function cases(ast: Expr, events: RuleSetModel['events']): Set<string> {
  const zh = (name: string) => findEventLevel(name)?.zh ?? events.find((e) => e.en === name)?.name ?? name;
  const canon = (e: Expr): Expr => {
    if (e.kind === 'name') return { ...e, name: zh(e.name) };
    if (e.kind === 'call') return { ...e, args: e.args.map(canon) };
    if (e.kind === 'compare' || e.kind === 'arith') return { ...e, left: canon(e.left), right: canon(e.right) };
    if (e.kind === 'not' || e.kind === 'neg') return { ...e, operand: canon(e.operand) };
    if (e.kind === 'or' || e.kind === 'and') return { ...e, operands: e.operands.map(canon) };
    return e;
  };
  return new Set((ast.kind === 'or' ? ast.operands : [ast]).map((e) => printExpression(canon(e), 'en')));
}

/**
 * A base item's 视为不通过条件 is kept (第十一条, D8): an item that keeps, restates or refines it must
 * fail in at least every case the base names — some such item carries a 视为不通过条件 with each of
 * the base's cases among its own (it may add more). Anything looser is left to `fenlei verify`.
 */
export const failsWhenKept: Check = {
  codes: ['FL3019'],
  run({ model, base, ast, reporter, at }) {
    for (const b of base.items) {
      if (!b.failsWhen) continue;
      const standIns = model.items.filter((it) => it.id === b.id || it.refines === b.id);
      if (standIns.length === 0) continue; // a dropped item is FL3001's
      const needed = cases(b.failsWhen.source.parsed.ast, model.events);
      const kept = standIns.some((it) => {
        if (!it.failsWhen) return false;
        const own = cases(it.failsWhen.source.parsed.ast, model.events);
        return [...needed].every((c) => own.has(c));
      });
      if (kept) continue;
      const own = standIns.find((it) => it.from.file === ast.file) ?? standIns[0]!;
      const node = ast.items?.find((a) => a.id?.value === own.id);
      const l = node?.failsWhen?.loc ?? node?.id?.loc ?? at(own.from);
      reporter.report('FL3019', { id: b.id, condition: b.failsWhen.source.text, items: standIns.map((i) => i.id).join('、') }, l.start, l.end);
    }
  },
};
