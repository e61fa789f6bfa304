// The rule file as the front end sees it after parsing: canonical field names,
// values with their source offsets, conditions parsed into expression trees.
import type { ParsedExpr } from '../../grammar/expr/index.js';
import type { LineIndex } from '../source/line-index.js';
import type { ClassName, ModeName } from '../../runtime/classes.js';

export interface Loc {
  start: number;
  end: number;
}

export interface Val<T> {
  value: T;
  loc: Loc;
}

export interface Expression {
  text: string;
  loc: Loc;
  /** File offset of each expression offset (length text.length + 1). */
  offsets: number[];
  parsed: ParsedExpr;
}

/** Every object node: its own range and the range of each key written. */
export interface Obj {
  loc: Loc;
  keys: Record<string, Loc>;
}

export type { ClassName, ModeName };
export type RiskName = 'Ⅰ级' | 'Ⅱ级' | 'Ⅲ级';

export interface MetaAst extends Obj {
  name?: Val<string>;
  region?: Val<string>;
  version?: Val<string>;
  effective?: Val<string>;
  expires?: Val<string>;
  base?: Val<string>;
  baseVersion?: Val<string>;
  description?: Val<string>;
}

export interface ItemAst extends Obj {
  id?: Val<string>;
  text?: Val<string>;
  answers?: Val<string>;
  directive?: Val<boolean>;
  article?: Val<string>;
  methods?: Val<string>[];
  refines?: Val<string>;
  notApplicableWhen?: Expression;
  crossCheck?: Expression;
  verifyAssumption?: Val<string>;
  passesWhen?: Expression;
  failsWhen?: Expression;
}

export interface AdjustmentAst extends Obj {
  item?: Val<string>;
  directive?: Val<boolean>;
  notApplicableWhen?: Expression;
  verifyAssumption?: Val<string>;
}

export interface GroupAst extends Obj {
  name?: Val<string>;
  items?: Val<string>[];
  description?: Val<string>;
}

export interface FactAst extends Obj {
  name?: Val<string>;
  en?: Val<string>;
  type?: Val<string>;
  values?: Val<string>[];
  default?: Val<boolean | string | number>;
  description?: Val<string>;
}

export interface EventAst extends Obj {
  name?: Val<string>;
  en?: Val<string>;
  trigger?: Val<boolean>;
  article?: Val<string>;
  description?: Val<string>;
}

export interface ConditionAst extends Obj {
  name?: Val<string>;
  when?: Expression;
  article?: Val<string>;
  description?: Val<string>;
}

export interface ClassRuleAst extends Obj {
  anyOf?: (ConditionAst | Expression)[];
  allOf?: (ConditionAst | Expression)[];
}

export interface ClassificationAst extends Obj {
  C?: ClassRuleAst;
  AA?: ClassRuleAst;
  A?: ClassRuleAst;
  B?: ClassRuleAst;
}

export interface MeasureAst extends Obj {
  text?: Val<string>;
  article?: Val<string>;
}

export interface ModeAst extends Obj {
  name?: Val<ModeName>;
  measures?: MeasureAst[];
}

export type ClassModesAst = Obj & Partial<Record<ClassName, Val<ModeName>>>;

export interface RiskModesAst extends Obj {
  l1?: Val<string> | ClassModesAst;
  l2?: Val<string> | ClassModesAst;
  l3?: Val<string> | ClassModesAst;
}

export interface ReviewAst extends Obj {
  periodMonths?: Val<number>;
  maxRise?: Val<number>;
  triggerDrop?: Val<number>;
  firstCap?: Val<ClassName>;
}

export interface ScopeAst extends Obj {
  excluded?: Val<string>[];
  table?: Val<string>;
  /** The table file read and checked by the program (not part of the syntax). */
  loaded?: import('../source/scope-table.js').ScopeTable;
}

export interface ProductAst extends Obj {
  name?: Val<string>;
  level?: Val<RiskName>;
  category?: Val<string>;
}

export interface RuleFileAst extends Obj {
  file: string;
  text: string;
  lines: LineIndex;
  meta?: MetaAst;
  items?: ItemAst[];
  inheritItems?: Val<boolean>;
  adjust?: AdjustmentAst[];
  groups?: GroupAst[];
  facts?: FactAst[];
  events?: EventAst[];
  classification?: ClassificationAst;
  modes?: ModeAst[];
  classModes?: ClassModesAst;
  riskModes?: RiskModesAst;
  review?: ReviewAst;
  scope?: ScopeAst;
  /** Catalogue files (paths relative to this file). */
  catalogues?: Val<string>[];
  riskLevelRequired?: Val<boolean>;
}

export interface CatalogueMetaAst extends Obj {
  name?: Val<string>;
  region?: Val<string>;
  version?: Val<string>;
  effective?: Val<string>;
  expires?: Val<string>;
  illustrative?: Val<boolean>;
  description?: Val<string>;
}

/** A product catalogue file (第二十条): dated data kept apart from the rules (D6′). */
export interface CatalogueFileAst extends Obj {
  file: string;
  text: string;
  lines: LineIndex;
  meta?: CatalogueMetaAst;
  products?: ProductAst[];
}

export function isVal<T>(x: unknown): x is Val<T> {
  return typeof x === 'object' && x !== null && 'value' in x && 'loc' in x;
}
