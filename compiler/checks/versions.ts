import type { Check } from './check.js';

/**
 * The base a province was written against: a 基于版本 that is not the base's 版本 means the base
 * has been revised since (the province may no longer say what its drafters meant), and rules
 * cannot be in force before the rules they implement.
 */
export const versions: Check = {
  codes: ['FL2042', 'FL3017', 'FL3018'],
  run({ model, base, ast, reporter, at }) {
    const meta = ast.meta;
    // D10: the version in force on the inspection date decides, so a province must say when it is.
    if (!model.meta.effective && !meta?.keys.effective) {
      const loc = at(model.meta.from);
      reporter.report('FL2042', {}, loc.start, loc.end);
    }
    // YYYY-MM-DD texts compare as dates; a missing or malformed date has its own error.
    const date = /^\d{4}-\d{2}-\d{2}$/;
    if (date.test(model.meta.effective) && date.test(base.meta.effective) && model.meta.effective < base.meta.effective) {
      const loc = meta?.effective?.loc ?? at(model.meta.from);
      reporter.report('FL3018', { value: model.meta.effective, base: base.meta.effective, name: base.meta.name }, loc.start, loc.end);
    }
    const written = model.meta.baseVersion;
    if (written !== null && written !== base.meta.version) {
      const loc = meta?.baseVersion?.loc ?? at(model.meta.from);
      reporter.report('FL3017', { value: written, base: base.meta.version, name: base.meta.name }, loc.start, loc.end);
    }
  },
};
