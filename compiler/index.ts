// Public API of the compiler: the CLI, the language server and the information system use the
// compiler only through this file (an import rule in eslint.config.js holds them to it).
export { Program, nodeHost, packageRoot, nationalRulesPath, resolveRuleSpec, displayName, type CompileResult, type FileHost } from './program.js';
export { generateModule, generateBody } from './codegen/generate.js';
export { loadEvaluator } from './codegen/load.js';
export { formatDiagnostic, hasErrors, Reporter, sortDiagnostics } from './diagnostics/make.js';
export { applyEdits, safeFixes } from './diagnostics/fixes.js';
export { CODES, type Code } from './diagnostics/codes.js';
export type { Diagnostic, Range, Position, Fix, FixEdit } from './diagnostics/types.js';
export type { RuleSetModel, ItemModel, ConditionModel } from './model/types.js';
export type { Expression, Loc, Obj, RuleFileAst, Val } from './syntax/ast.js';
export { normalize } from './syntax/normalize.js';
export type { Reference } from './bind/scope.js';
export { LineIndex } from './source/line-index.js';
export { LIMITS, YAML_OPTIONS, loadYaml, withinLimits } from './source/load-yaml.js';
export { readRegularFile } from './source/read-file.js';
export { readCatalogue, NATIONAL_REGION } from './catalogue/read.js';
export { findTestFiles } from './testing/find-tests.js';
export { runTestFile, type FileResult } from './testing/run-tests.js';
export { answerFromParts, knownEvents, knownFacts } from './records/seen-nationally.js';
// The verifier (docs/verification.md).
export { verify, verificationDiagnostics, resultText, counterexampleCase, counterexampleTest, plan, rootOf, isBaseRuleSet, Cancelled, type SearchCache, type VerificationResult } from './verify/index.js';
export { failuresAllowed, failuresWords } from './checks/ratio-bound.js';
