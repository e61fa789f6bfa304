import type { Check } from './check.js';

/** Every base item is kept or refined, and there are not fewer items (remark (三)). */
export const itemsKept: Check = {
  codes: ['FL3001', 'FL3009'],
  run({ model, base, ast, reporter, at }) {
    const where = ast.keys.inheritItems ?? at(null);
    for (const b of base.items) {
      const covered = model.items.some((it) => it.id === b.id || it.refines === b.id);
      if (!covered) reporter.report('FL3001', { id: b.id }, where.start, where.end);
    }
    if (model.items.length < base.items.length) {
      const l = ast.keys.items ?? where;
      reporter.report('FL3009', { count: model.items.length, national: base.items.length }, l.start, l.end);
    }
  },
};
