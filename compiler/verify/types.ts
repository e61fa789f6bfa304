// The verifier's result as data: what the CLI prints, what the language server shows.
import type { ClassName, Decision, EnterpriseRecord, ModeName } from '../../runtime/index.js';
import type { Range } from '../diagnostics/types.js';

export interface VerifyOptions {
  /** Wall-clock budget; when it runs out the answer is "unknown" (default 10 s). */
  timeLimitMs?: number;
  /** Largest number of aggregate item states per context before giving up with "unknown". */
  maxStates?: number;
  /** Collect the "stricter" report (default true). */
  stricter?: boolean;
  /**
   * How the record contexts are enumerated: per condition (the default), or 'exhaustive', the
   * product of every fact, product and event option — the earlier search, kept so that the
   * benchmark can compare the two on the same files.
   */
  strategy?: 'conditions' | 'exhaustive';
  /** Polled during the search; true stops it with `Cancelled` (the language server's next edit). */
  cancelled?: () => boolean;
  /**
   * The last search, reused while the rule sets differ only in what the search does not read
   * (texts, articles, clause locations): the language server re-verifies after editing an item's
   * text without searching again. Replay, counterexample and locations are always redone.
   */
  cache?: SearchCache;
}

/** Holds one search (see VerifyOptions.cache); create it empty. */
export interface SearchCache {
  key?: string;
  out?: unknown;
}

/** A rule set as the result names it. */
export interface RuleSetRef {
  file: string;
  name: string;
  region: string;
  version: string;
  effective: string;
  expires: string | null;
}

/** What a responsible clause is: a missing ★, a not-applicable condition, the added passing items (dilution), a class condition, Art. 21 settings, an event type, a mode, the scope. */
export type CauseKind = 'star' | 'notApplicable' | 'dilution' | 'condition' | 'review' | 'event' | 'catalogue' | 'mode' | 'scope';

/**
 * What repairing the clause alone does to the counterexample: the province is no longer weaker
 * (fixes), it is less weaker (narrows), it is needed with the other clauses (jointly), nothing.
 */
export type CauseEffect = 'fixes' | 'narrows' | 'jointly' | 'none';

export interface Clause {
  file: string;
  /** 1-based line. */
  line: number;
  /** Offsets in `file`, and the same as an editor range. */
  start: number;
  end: number;
  range: Range;
  what: string;
  whatEn: string;
  kind?: CauseKind;
  /** Absent when the clause's repair is not modelled (it may still be involved). */
  effect?: CauseEffect;
  /** The provincial outcome for the counterexample with this clause repaired (when it changes). */
  after?: { class: ClassName | null; mode: ModeName | null };
}

export interface ChecklistRow {
  id: string;
  text: string;
  directive: boolean;
  origin: 'national' | 'refined' | 'supplementary' | 'nationalOnly';
  /** The national item it stands for, if any. */
  nationalId: string | null;
  /** Answer in the provincial record ('' when the province has no such item). */
  answer: string;
  /** Answer of the national item in the national record (on the row of its first sub-item). */
  nationalAnswer: string;
}

export type WeakKind = 'class' | 'mode' | 'scope';

export interface Counterexample {
  kind: WeakKind;
  /** The enterprise record in the interchange format, for the provincial rules. */
  record: EnterpriseRecord;
  /** The same situation seen nationally (docs/interpretation.md). */
  nationalRecord: EnterpriseRecord;
  province: Decision;
  national: Decision;
  failedItems: number;
  events: number;
  /**
   * Whether it is the simplest weakness (fewest failed items, then events): false when the time
   * limit ended the search after this one was found (the reason says so).
   */
  minimal: boolean;
  checklist: ChecklistRow[];
  /** The province's clauses involved, ranked by what correcting each alone does (compiler/verify/causes.ts). */
  clauses: Clause[];
  /** The least strict pass-ratio thresholds that remove the weakness (none when thresholds cannot). */
  suggestions?: ThresholdSuggestion[];
  /** One line in Chinese and in English: what is weaker. */
  summary: string;
  summaryEn: string;
}

export interface StricterFinding {
  text: string;
  textEn: string;
  /** How many abstract situations fall in this group. */
  situations: number;
  national: { class: ClassName | null; mode: ModeName | null };
  province: { class: ClassName | null; mode: ModeName | null };
  record: EnterpriseRecord;
}

export interface VerifyProblem {
  code: 'FL4004' | 'FL4006' | 'FL4008' | 'FL4099';
  detail: string;
  detailEn: string;
  file: string;
  start: number;
  end: number;
  range: Range;
}

export interface Assumption {
  item: string;
  nationalId: string | null;
  text: string;
  file: string;
  line: number;
  range: Range;
}

export type VerifyStatus = 'notWeaker' | 'weaker' | 'unknown' | 'error';

export interface VerificationResult {
  status: VerifyStatus;
  province: RuleSetRef;
  national: RuleSetRef;
  /** Where a diagnostic about the province as a whole goes (its 元数据 key). */
  anchor: { file: string; range: Range };
  /** The interval both are in force: [from, to). */
  interval: { from: string; to: string | null };
  counterexample?: Counterexample;
  stricter: StricterFinding[];
  /**
   * The assumptions the province states (验证假设, D2′): when the item is not applicable, the
   * national item it stands for is ticked as passing. A proof holds only under them.
   */
  assumptions: Assumption[];
  /** The stricter findings are not all there (the time limit came first). */
  stricterIncomplete?: boolean;
  problems: VerifyProblem[];
  /** Why the answer is unknown, or why a counterexample may not be the simplest. */
  reason?: { zh: string; en: string };
  stats: {
    /** Abstract situations decided (context × reachable pair of assessed classes). */
    situations: number;
    /** Record contexts prepared (products, facts, history). */
    contexts: number;
    /** Item-count subproblems solved (distinct not-applicable and condition inputs). */
    itemProblems: number;
    /** Aggregate item states visited by the dynamic programme. */
    states: number;
    ms: number;
  };
}

/** A pass-ratio threshold raised just enough: the least strict value for which the weakness goes away. */
export interface ThresholdSuggestion {
  cls: ClassName;
  /** The condition's name (通过率, 通过率下限, …). */
  name: string;
  /** The condition as written now, and as suggested. */
  current: string;
  condition: string;
  /** The suggested percentage, as written in a rule file (65.22%). */
  value: string;
  /** What the suggested threshold allows at the counterexample's number of answered items. */
  answered: number;
  allowed: string;
  /** Whether the province writes this condition (else it is inherited and the province adds a replacement). */
  own: boolean;
  /** The percentage in the province's file (own), or where a diagnostic about it goes. */
  file: string;
  start: number;
  end: number;
  range: Range;
  /** The suggestion applied, `fenlei verify` proved the rules not weaker (false: it found another weakness or ran out of time; `note` says). */
  verified: boolean;
  note?: { zh: string; en: string };
  /** What to write: the condition changed in place (own), or a replacement added to the province's class. */
  write: { zh: string; en: string };
  /** The sentence shown (“B类门槛至少为 65.22%（不通过不超过 7 项）”), in Chinese and English. */
  zh: string;
  en: string;
}
