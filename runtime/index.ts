// The runtime library: all a generated evaluator module needs (not the compiler).
export { defineEvaluator, type Evaluator, type EvaluateOptions } from './evaluator.js';
export { versionedEvaluator, isVersioned, versionText, type VersionedEvaluator } from './versions.js';
export { pc, countEvents, countEventsAt, bitIndices } from './bits.js';
export { prepare, indexRules, recordError, recordErrors, recordId, type Prepared, type RuleIndex, type RecordProblem } from './prepare.js';
export { riskLevelOf, RISK_LEVEL_NAME, RISK_LEVEL_NAMES, RISK_LEVEL_GLOSS } from './risk-levels.js';
export { decide, review, triggerEvents, forcedItems, settledPass, type Forced, type Generated, type ReviewOutcome } from './decide.js';
export { CLASS_BY_RANK, CLASS_RANK, CLASSES_BEST_FIRST, CONDITION_ORDER, MODE_BY_RANK, MODE_RANK, MODES_LIGHTEST_FIRST, MODE_ARTICLE, classRank } from './classes.js';
export { dayNumber, dateText, shiftBack } from './dates.js';
export { catalogueEpochs, catalogueProducts, catalogueText, stretchAt, type CatalogueUse, type CatalogueEpoch } from './catalogues.js';
export { readAnswer, answerText, PASS, FAIL, NOT_APPLICABLE } from './answers.js';
export { creditCodeValid, withCheckDigit } from './credit-code.js';
export { RECORD_CODES, recordNotice, type RecordCode } from './record-errors.js';
export { isError, type EnterpriseRecord, type Decision, type RecordError, type Outcome, type TraceStep, type Notice } from './record.js';
export type { RuleSetIR, IrExpr, IrItem, IrCondition, IrCatalogue, ClassName, ModeName } from './ir.js';
