// The merged rule set: a provincial file laid over its base, names resolved.
// Everything downstream (checks, IR, verifier, language server) reads this.
import type { CatalogueFileAst, ClassName, Expression, Loc, ModeName, RuleFileAst } from '../syntax/ast.js';
import type { CatalogueHeading, IrExpr, ItemHeading, ReviewRule, RiskLevel, RuleSetHeading } from '../../runtime/ir.js';

// The verifier's search still reads the mode rank from here; its home is runtime/classes.ts.
export { MODE_RANK } from '../../runtime/classes.js';
export type { ItemOrigin, RiskLevel } from '../../runtime/ir.js';

/** Where a piece of the rules came from: cited in traces as file:line. */
export interface Origin {
  file: string;
  loc: Loc;
}

export interface ItemModel extends ItemHeading {
  /** The item of the base rule set this item refines (for provinces over provinces). */
  refines: string | null;
  notApplicableWhen?: BoundExpr;
  /** What the record should satisfy when this item is answered as passing (warning FL5112). */
  crossCheck?: BoundExpr;
  /**
   * 验证假设: the province states that when this item is not applicable, the national item it
   * stands for is ticked as passing (D2′); the verifier relies on it and lists it.
   */
  verifyAssumption?: { text: string; from: Origin };
  /** 视为通过条件 (D2′): when it holds the item passes whatever was written. */
  passesWhen?: BoundExpr;
  /** 视为不通过条件 (D8): when it holds the item fails whatever was written; checked before passesWhen. */
  failsWhen?: BoundExpr;
  from: Origin;
}

/** An expression with the file it was written in, bound to this rule set. */
export interface BoundExpr {
  source: Expression;
  file: string;
  ir: IrExpr;
}

export interface ConditionModel {
  name: string | null;
  when: BoundExpr;
  article: string;
  description: string;
  from: Origin;
  /** True when this condition replaced a base condition of the same name. */
  replaces: ConditionModel | null;
}

export interface FactModel {
  name: string;
  en: string | null;
  type: 'bool' | 'number' | 'enum';
  values: string[];
  default: boolean | number | string | undefined;
  description: string;
  from: Origin;
}

export interface EventModel {
  name: string;
  en: string | null;
  trigger: boolean;
  article: string;
  description: string;
  from: Origin;
}

export interface MeasureModel {
  text: string;
  article: string;
  from: Origin;
}

export interface ProductModel {
  name: string;
  level: RiskLevel;
  category: string | null;
  from: Origin;
}

/** A product catalogue file (第二十条; D6′): dated data kept apart from the rules. */
export interface CatalogueModel extends CatalogueHeading {
  file: string;
  description: string;
  products: Map<string, ProductModel>;
  from: Origin;
  /** The file as read (its lines and the nodes diagnostics point at). */
  ast: CatalogueFileAst;
}

/** 第二十条: a level either shifts the class modes one step stricter, leaves them, or names modes per class. */
export interface RiskRule {
  kind: 'stricter' | 'unchanged';
  from: Origin | null;
  /** Modes named per class; classes not named follow `kind`. */
  explicit: Partial<Record<ClassName, { mode: ModeName; from: Origin }>>;
}

export interface RuleSetModel {
  /** Files from the base up to this one; the last is the rule set's own file. */
  files: RuleFileAst[];
  meta: RuleSetHeading & { description: string; from: Origin };
  base: RuleSetModel | null;
  items: ItemModel[];
  groups: Map<string, { items: number[]; description: string; from: Origin }>;
  facts: FactModel[];
  events: EventModel[];
  classification: Record<ClassName, ConditionModel[]>;
  modes: Record<ModeName, { measures: MeasureModel[]; from: Origin | null }>;
  classModes: Record<ClassName, { mode: ModeName; from: Origin | null }>;
  riskModes: Record<RiskLevel, Record<ClassName, { mode: ModeName; from: Origin | null }>>;
  /** How each risk level's modes are written, so a province inherits the rule, not its result. */
  riskRules: Record<RiskLevel, RiskRule>;
  review: ReviewRule & { from: Origin | null };
  excluded: { name: string; from: Origin }[];
  /** 第二条 scope table (D9): names per excluded category with the source of the list; the base's first. */
  scopeTable: { category: string; source: string; names: string[]; file: string; from: Origin }[];
  /** Catalogue files of the base, then this file's (all versions; the record's date chooses). */
  catalogues: CatalogueModel[];
  /** Whether an undetermined composite risk level is a record error (FL5020) rather than a warning. */
  riskLevelRequired: { value: boolean; from: Origin | null };
}
