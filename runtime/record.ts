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
    /** Product → declared category: an excluded category of 第二条, or 工业产品 (in scope) (D9). */
    productCategories?: Record<string, string>;
    facts?: Record<string, unknown>;
    /** The form's header fields, recorded only (住所/生产地址, 法人代表, 生产许可证书, 强制性认证证书). */
    address?: string;
    legalRepresentative?: string;
    productionLicenceNo?: string;
    cccCertificateNo?: string;
  };
  inspection: {
    date: string;
    form?: string;
    riskLevel?: string | number;
    /** Empty (or absent in a record) with a previous class: an adjustment without an inspection (D11). */
    answers: Record<string, string>;
  };
  history?: {
    previousClass?: string | null;
    previousReviewDate?: string | null;
    /** level: the sampling level of a 抽查不合格 (国家/省级/市级/县级 or national/provincial/municipal/county). */
    events?: { type: string; date: string; level?: string }[];
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
  /** The register column the field was read from, as its header says (`★1`, `上次类别`); register rows only. */
  column?: string;
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
  /** Present (true) when the record had no inspection answers: the previous class adjusted by 第二十一条 only (D11). */
  adjustmentOnly?: boolean;
  warnings?: Notice[];
}

export interface RecordError {
  id: string;
  /** The first problem of the record. */
  error: Notice & { messageEn: string };
  /** Every problem of the record, the first included, when there are several (in the order of the record's fields, then of the checklist). */
  errors?: (Notice & { messageEn: string })[];
}

export type Outcome = Decision | RecordError;

export function isError(o: Outcome): o is RecordError {
  return 'error' in o;
}
