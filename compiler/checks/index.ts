// The registry of national-minimum checks, run on every rule set that has a base.
import type { Reporter } from '../diagnostics/make.js';
import type { RuleSetModel } from '../model/types.js';
import type { Check, CheckContext } from './check.js';
import { itemsKept } from './items-kept.js';
import { directiveItems } from './directive-items.js';
import { thresholds } from './thresholds.js';
import { modes } from './modes.js';
import { review } from './review.js';
import { catalogue } from './catalogue.js';
import { notApplicable } from './not-applicable.js';
import { versions } from './versions.js';
import { failsWhenKept } from './fails-when-kept.js';
import { passesWhenKept } from './passes-when-kept.js';

export const CHECKS: readonly Check[] = [itemsKept, directiveItems, thresholds, modes, review, catalogue, notApplicable, versions, failsWhenKept, passesWhenKept];

export function runChecks(model: RuleSetModel, base: RuleSetModel, reporter: Reporter): void {
  const ast = model.files[model.files.length - 1]!;
  const metaLoc = ast.keys.meta ?? { start: 0, end: 0 };
  const ctx: CheckContext = {
    model,
    base,
    ast,
    reporter,
    at: (from) => (from && from.file === ast.file ? from.loc : metaLoc),
  };
  for (const c of CHECKS) c.run(ctx);
}
