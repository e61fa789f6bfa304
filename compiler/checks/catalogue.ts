import type { Check } from './check.js';

/** Triggers stay triggers (第二十一条) and no product's risk level is lowered (第二十条). */
export const catalogue: Check = {
  name: 'catalogue',
  codes: ['FL3007', 'FL3008'],
  run({ model, base, ast, reporter, at }) {
    for (const e of model.events) {
      if (!e.trigger && base.events.some((b) => b.name === e.name && b.trigger)) {
        const node = ast.events?.find((x) => x.name?.value === e.name);
        const l = node?.trigger?.loc ?? at(e.from);
        reporter.report('FL3007', { name: e.name }, l.start, l.end);
      }
    }
    for (const p of model.products.values()) {
      const b = base.products.get(p.name);
      if (b && p.level > b.level) {
        const node = ast.products?.find((x) => x.name?.value === p.name);
        const l = node?.level?.loc ?? at(p.from);
        const name = (lv: number) => ['', 'Ⅰ级', 'Ⅱ级', 'Ⅲ级'][lv]!;
        reporter.report('FL3008', { name: p.name, level: name(p.level), national: name(b.level) }, l.start, l.end);
      }
    }
  },
};
