import type { Check } from './check.js';

/** A not-applicable condition on a national item can only be judged by the verifier (D2). */
export const notApplicable: Check = {
  codes: ['FL3010'],
  run({ model, ast, reporter }) {
    for (const it of model.items) {
      const na = it.notApplicableWhen;
      if (!na || it.origin === 'supplementary' || na.file !== ast.file) continue;
      reporter.report('FL3010', { id: it.id }, na.source.loc.start, na.source.loc.end);
    }
  },
};
