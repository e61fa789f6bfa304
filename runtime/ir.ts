// The compiled form of a rule set (IR): plain JSON, the contract between the
// compiler and the runtime. The runtime never loads the compiler.

import type { ClassName, ModeName } from './classes.js';

export type { ClassName, ModeName };

export type IrExpr =
  | { k: 'or' | 'and'; xs: IrExpr[] }
  | { k: 'not'; x: IrExpr }
  /** t says how to compare: ratios exactly by cross-multiplying, classes and risks by rank. */
  | { k: 'cmp'; op: '<' | '<=' | '>' | '>=' | '=' | '!='; t: 'ratio' | 'num' | 'class' | 'risk' | 'bool' | 'str'; l: IrExpr; r: IrExpr }
  | { k: 'arith'; op: '+' | '-' | '*' | '/'; l: IrExpr; r: IrExpr }
  | { k: 'num'; v: number }
  | { k: 'pct'; n: number; d: number }
  | { k: 'bool'; v: boolean }
  | { k: 'str'; v: string }
  /** Class as rank: C 0, B 1, A 2, AA 3. */
  | { k: 'class'; v: number }
  /** Risk as rank: Ⅲ级 0, Ⅱ级 1, Ⅰ级 2 (higher is riskier). */
  | { k: 'risk'; v: number }
  | { k: 'passed' | 'failed' | 'answered' | 'ratio' | 'allPass' | 'anyFail'; set: number }
  | { k: 'na'; set: number }
  /** lv: the sampling levels counted, as bits (国家 1, 省级 2, 市级 4, 县级 8); absent counts every event. */
  | { k: 'events'; e: number; w: number; lv?: number }
  | { k: 'fact'; i: number }
  | { k: 'riskLevel' }
  | { k: 'prevClass' }
  | { k: 'first' }
  | { k: 'product'; v: string };

/** Where an item comes from: the national list, a province's refinement of it, or a province's own. */
export type ItemOrigin = 'national' | 'refined' | 'supplementary';

/** What a checklist item is, the same in the compiler's model and in the IR. */
export interface ItemHeading {
  id: string;
  text: string;
  pair: 'problem' | 'conform';
  directive: boolean;
  article: string;
  methods: string[];
  origin: ItemOrigin;
  /** The national item this item is or refines; null for supplementary items. */
  nationalId: string | null;
}

export interface IrItem extends ItemHeading {
  na: IrExpr | null;
  /** 验证假设: when not applicable, the national item counts as passing in verification (D2′); absent in older IR. */
  assume?: { text: string; src: string } | null;
  /** What the record should satisfy when the item is answered as passing (warning FL5112); absent in older IR. */
  check?: { when: IrExpr; text: string } | null;
  /** 视为不通过条件: when it holds the item fails whatever was written (D8); absent in older IR. */
  failsWhen?: { when: IrExpr; text: string; src: string } | null;
  /** 视为通过条件: when it holds the item passes whatever was written (D2′); absent in older IR. */
  passesWhen?: { when: IrExpr; text: string; src: string } | null;
  src: string;
}

export interface IrCondition {
  name: string | null;
  text: string;
  when: IrExpr;
  article: string;
  src: string;
}

export interface IrWindow {
  amount: number;
  unit: 'year' | 'month' | 'day' | 'review';
}

/** A rule set's metadata (元数据), the same in the compiler's model and in the IR. */
export interface RuleSetHeading {
  name: string;
  region: string;
  version: string;
  effective: string;
  expires: string | null;
  base: string | null;
  baseVersion: string | null;
}

/** 第二十一条 dynamic adjustment, the same in the compiler's model and in the IR. */
export interface ReviewRule {
  periodMonths: number;
  maxRise: number;
  triggerDrop: number;
  firstCap: ClassName | null;
}

export interface RuleSetIR {
  format: 'fenlei-ir/1';
  meta: RuleSetHeading & { src: string };
  items: IrItem[];
  /** The item list's clause (file:line of the 项目 key that last changed it). */
  itemsSrc: string;
  /** Item sets as bit masks, 32 items a word; sets[0] is every item, sets[1] the ★ items. */
  sets: number[][];
  words: number;
  windows: IrWindow[];
  /** en: the English name a record may use instead (absent in older IR). */
  facts: { name: string; en?: string | null; type: 'bool' | 'number' | 'enum'; values: string[]; default: boolean | number | string | null }[];
  events: { name: string; en: string | null; trigger: boolean; article: string }[];
  classification: Record<ClassName, IrCondition[]>;
  classModes: Record<ClassName, ModeName>;
  /** Index 0: Ⅰ级, 1: Ⅱ级, 2: Ⅲ级. */
  riskModes: Record<ClassName, ModeName>[];
  /** Clauses of the class → mode entries and of each level's rule, per class. */
  modeSrc: { classModes: Record<ClassName, string>; riskModes: Record<ClassName, string>[] };
  measures: Record<ModeName, { text: string; article: string; src: string }[]>;
  review: ReviewRule & { src: string };
  excluded: string[];
  scopeSrc: string;
  /** 第二条 scope table (D9): product names per excluded category, with the source of each list (absent in older IR). */
  scopeTable?: { category: string; source: string; names: string[] }[];
  /** Every version of every catalogue file the rule set uses (第二十条; D6′): the inspection date chooses. */
  catalogues: IrCatalogue[];
  /** Whether an undetermined composite risk level is a record error (FL5020) rather than a warning (FL5120). */
  riskLevelRequired: boolean;
}

/** 第二十条: a product's risk level, Ⅰ级 1 to Ⅲ级 3 (the catalogue's numbering). */
export type RiskLevel = 1 | 2 | 3;

/** One version of a product catalogue (its metadata), the same in the compiler's model and in the IR. */
export interface CatalogueHeading {
  name: string;
  region: string;
  /** 地区 全国: the national catalogue; otherwise a region's Level Ⅰ/Ⅱ additions. */
  national: boolean;
  version: string;
  effective: string;
  expires: string | null;
  illustrative: boolean;
}

/** One version of a product catalogue: the national one (地区 全国) or a region's Level Ⅰ/Ⅱ additions. */
export interface IrCatalogue extends CatalogueHeading {
  /** file:line of its metadata. */
  src: string;
  products: { name: string; level: RiskLevel; category: string | null }[];
}
