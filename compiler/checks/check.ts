// One structural check of the national minimum (remark (三)): a small unit with its codes.
import type { Reporter } from '../diagnostics/make.js';
import type { RuleSetModel, Origin } from '../model/types.js';
import type { RuleFileAst, Loc } from '../syntax/ast.js';
import type { Code } from '../diagnostics/codes.js';

export interface CheckContext {
  model: RuleSetModel;
  base: RuleSetModel;
  /** The file being checked (the last in model.files). */
  ast: RuleFileAst;
  reporter: Reporter;
  /** Where to report something that came from `from`: there if it is in this file, else at the metadata. */
  at(from: Origin | null | undefined): Loc;
}

export interface Check {
  /** Every code the check may report (a test holds it to them). */
  codes: readonly Code[];
  run(ctx: CheckContext): void;
}
