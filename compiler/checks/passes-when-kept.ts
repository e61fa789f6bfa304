import type { Check } from './check.js';
import { cases } from './fails-when-kept.js';

/**
 * D2′: a base item that limits itself by its wording (national items 2 and 17: 视为通过条件) limits
 * its parts alike. Sub-items and restatements inherit the condition (compiler/model/merge-items.ts);
 * one that writes its own and leaves out a case of the base's asks enterprises the national rules
 * let pass — stricter, so a warning, not an error (a looser one is left to `fenlei verify`).
 */
export const passesWhenKept: Check = {
  codes: ['FL3031'],
  run({ model, base, ast, reporter }) {
    for (const b of base.items) {
      if (!b.passesWhen) continue;
      const needed = cases(b.passesWhen.source.parsed.ast, model.events);
      for (const it of model.items) {
        if (it.refines !== b.id || !it.passesWhen || it.passesWhen.file !== ast.file) continue;
        const own = cases(it.passesWhen.source.parsed.ast, model.events);
        if ([...needed].every((c) => own.has(c))) continue;
        const l = it.passesWhen.source.loc;
        reporter.report('FL3031', { item: it.id, id: b.id, own: it.passesWhen.source.text, condition: b.passesWhen.source.text }, l.start, l.end);
      }
    }
  },
};
