// Public API of the verifier: prove that a province is never weaker than the national
// rules, or show the enterprise for which it is. See docs/verification.md.
export { verify, overlap } from './verify.js';
export { verificationDiagnostics } from './diagnostics.js';
export { resultText, counterexampleText } from './format.js';
export { counterexampleCase, counterexampleTest, type RuleTestCase } from './save-test.js';
export { plan, rootOf, isBaseRuleSet, type Pair } from './versions.js';
export { VERIFY_CODES, type VerifyCode } from './codes.js';
export { Cancelled } from './budget.js';
export type { SearchCache, VerificationResult, VerifyOptions, Counterexample, StricterFinding, Clause, ChecklistRow, VerifyProblem, VerifyStatus, WeakKind } from './types.js';
