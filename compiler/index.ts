// Public API of the compiler.
export { Program, nodeHost, packageRoot, nationalRulesPath, resolveRuleSpec, displayName, type CompileResult, type FileHost } from './program.js';
export { generateModule, generateBody } from './codegen/generate.js';
export { loadEvaluator } from './codegen/load.js';
export { formatDiagnostic, hasErrors } from './diagnostics/make.js';
export { CODES, type Code } from './diagnostics/codes.js';
export type { Diagnostic, Range, Position, Fix } from './diagnostics/types.js';
export type { RuleSetModel } from './model/types.js';
export { answerFromParts, knownEvents, knownFacts } from './records/seen-nationally.js';
