// The public interchange formats: an enterprise record in, a decision or an error out.
// Field names are public; docs/records.md and grammar/record.schema.json describe them.
import type { ClassName, ModeName } from './ir.js';

export interface EnterpriseRecord {
  id: string;
  enterprise: {
    name: string;
    creditCode?: string;
    region?: string;
    products?: string[];
    facts?: Record<string, unknown>;
  };
  inspection: {
    date: string;
    form?: string;
    riskLevel?: string | number;
    answers: Record<string, string>;
  };
  history?: {
    previousClass?: string | null;
    previousReviewDate?: string | null;
    events?: { type: string; date: string }[];
  };
}

export interface TraceStep {
  step: 'scope' | 'answers' | 'directive' | 'ratio' | 'condition' | 'class' | 'review' | 'mode' | 'catalogue' | 'risk' | 'measures';
  /** 第N条, 通用规则备注（二） … */
  article: string;
  /** The rule-file clause that produced the step, as file:line. */
  clause: string;
  text: string;
}

export interface Notice {
  code: string;
  field: string;
  message: string;
  messageEn?: string;
}

export interface Decision {
  id: string;
  inScope: boolean;
  assessedClass: ClassName | null;
  class: ClassName | null;
  mode: ModeName | null;
  riskLevel: 'Ⅰ级' | 'Ⅱ级' | 'Ⅲ级' | null;
  passed: number;
  answered: number;
  passRatio: number | null;
  failedItems: string[];
  directiveFailures: string[];
  measures: string[];
  /** The 版本 of the rule set that decided (D10: the version in force on the inspection date). */
  rulesVersion: string;
  /** The catalogue versions in force on the inspection date (第二十条; D6′); empty when none. */
  catalogues: readonly { name: string; region: string; version: string }[];
  trace: TraceStep[];
  warnings?: Notice[];
}

export interface RecordError {
  id: string;
  error: Notice & { messageEn: string };
}

export type Outcome = Decision | RecordError;

export function isError(o: Outcome): o is RecordError {
  return 'error' in o;
}
