// The national rules in json-rules-engine (v7), written the way a team picking that library
// would: a flat facts object computed from the plain record, then rules with priorities in
// stages — assessed class (通用规则备注（二）), 第二十一条 cap, final class, mode (第十八条)
// with the Level Ⅰ shift (第二十条). Each rule's event sets one fact; the first rule (by
// priority) to set a fact wins, so priorities carry the "C first, then AA, A, B" order.
// Computing the facts is part of the timed cost, as it would be for such a team.
import { Engine, type Almanac, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { catalogueProducts, CLASS_BY_RANK as CLASSES, classRank, dayNumber, MODE_BY_RANK as MODES, shiftBack, type ClassName, type EnterpriseRecord, type ModeName, type RuleSetIR } from '../runtime/index.js';

export interface JreFacts {
  inScope: boolean;
  directiveFailed: boolean;
  passed: number;
  answered: number;
  failed: number;
  /** passed / answered, 1 when nothing is answered. */
  ratio: number;
  /** 1 Ⅰ级, 2 Ⅱ级, 3 Ⅲ级. */
  riskLevel: number;
  /** C 0 … AA 3, −1 at a first classification. */
  prevRank: number;
  periodic: boolean;
  /** An Art. 21 trigger event since the previous review. */
  triggered: boolean;
}

export interface JreDecision {
  class: ClassName | null;
  mode: ModeName | null;
}

const PASS_WORDS = new Set(['未发现问题', '符合']);
const RISK: Record<string, number> = { Ⅰ级: 1, Ⅱ级: 2, Ⅲ级: 3 };

type Cond = { fact: string; operator: string; value: unknown };
const is = (fact: string, value: unknown): Cond => ({ fact, operator: 'equal', value });
const atLeast = (fact: string, value: number): Cond => ({ fact, operator: 'greaterThanInclusive', value });
const below = (fact: string, value: number): Cond => ({ fact, operator: 'lessThan', value });

function rule(name: string, priority: number, all: Cond[], fact: string, value: unknown): RuleProperties {
  return { name, priority, conditions: { all } as TopLevelCondition, event: { type: 'set', params: { fact, value } } };
}

/**
 * The rules, highest priority first. Rules that exclude each other (one per previous class,
 * one per class) share a priority: the engine evaluates a priority level in parallel and
 * levels one after another, so fewer levels mean fewer sequential steps per run.
 */
function nationalRules(): RuleProperties[] {
  const rules: RuleProperties[] = [
    // 第二条
    rule('out of scope', 200, [is('inScope', false)], 'classRank', null),
    // 通用规则备注（二）, D1: C first, then AA, A, B.
    rule('C: ★ item fails', 100, [is('directiveFailed', true)], 'assessedRank', 0),
    rule('C: ratio < 60%', 99, [below('ratio', 0.6)], 'assessedRank', 0),
    rule('AA: all pass', 98, [is('failed', 0)], 'assessedRank', 3),
    rule('A: ratio >= 90%', 97, [atLeast('ratio', 0.9)], 'assessedRank', 2),
    rule('B: ratio >= 60%', 96, [atLeast('ratio', 0.6)], 'assessedRank', 1),
    // 第二十一条 (D4): the highest class allowed this time.
    rule('first classification: no cap', 90, [below('prevRank', 0)], 'capRank', 3),
  ];
  for (let k = 3; k >= 0; k--) rules.push(rule(`trigger since ${CLASSES[k]}: one below`, 89, [is('triggered', true), is('prevRank', k)], 'capRank', Math.max(0, k - 1)));
  for (let k = 3; k >= 0; k--) rules.push(rule(`periodic after ${CLASSES[k]}: one up at most`, 88, [is('periodic', true), is('prevRank', k)], 'capRank', Math.min(3, k + 1)));
  for (let k = 3; k >= 0; k--) rules.push(rule(`between reviews after ${CLASSES[k]}: no rise`, 87, [is('prevRank', k)], 'capRank', k));
  // Final class = min(assessed, cap): the highest k both reach.
  let pr = 70;
  for (let k = 3; k >= 0; k--) rules.push(rule(`class ${CLASSES[k]}`, pr--, [atLeast('assessedRank', k), atLeast('capRank', k)], 'classRank', k));
  // 第二十条 Level Ⅰ one step stricter, before 第十八条's mode by class.
  for (let k = 3; k >= 0; k--) rules.push(rule(`Level Ⅰ, ${CLASSES[k]}: ${MODES[Math.max(0, k - 1)]}`, 60, [is('riskLevel', 1), is('classRank', k)], 'mode', MODES[Math.max(0, k - 1)]));
  for (let k = 3; k >= 0; k--) rules.push(rule(`${CLASSES[k]}: ${MODES[k]}`, 59, [is('classRank', k)], 'mode', MODES[k]));
  return rules;
}

export class JsonRulesEngineNational {
  readonly engine: Engine;
  readonly ruleCount: number;
  readonly levelCount: number;
  private readonly itemIds: string[];
  private readonly directive: Set<string>;
  private readonly catalogue: Map<string, number>;
  private readonly excluded: Set<string>;
  private readonly triggers: Set<string>;

  /** The IR supplies only data tables (item list, catalogue, event names), not the rules. */
  constructor(ir: RuleSetIR) {
    this.itemIds = ir.items.map((it) => it.id);
    this.directive = new Set(ir.items.filter((it) => it.directive).map((it) => it.id));
    const products = catalogueProducts(ir);
    this.catalogue = new Map(products.map((p) => [p.name, p.level]));
    this.excluded = new Set([...ir.excluded, ...products.filter((p) => p.category !== null && ir.excluded.includes(p.category)).map((p) => p.name)]);
    this.triggers = new Set(ir.events.filter((e) => e.trigger).flatMap((e) => (e.en ? [e.name, e.en] : [e.name])));
    const rules = nationalRules();
    this.ruleCount = rules.length;
    this.levelCount = new Set(rules.map((r) => r.priority)).size;
    this.engine = new Engine(rules, { allowUndefinedFacts: true });
    // json-rules-engine awaits its event handlers (its typings say void).
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    this.engine.on<{ fact: string; value: unknown }>('set', async ({ fact, value }, almanac: Almanac) => {
      if ((await almanac.factValue(fact)) === undefined) almanac.addFact(fact, value);
    });
  }

  facts(rec: EnterpriseRecord): JreFacts {
    const answers = rec.inspection.answers;
    let passed = 0;
    let answered = 0;
    let directiveFailed = false;
    for (const id of this.itemIds) {
      const ok = PASS_WORDS.has(answers[id]!);
      answered++;
      if (ok) passed++;
      else if (this.directive.has(id)) directiveFailed = true;
    }
    const products = rec.enterprise.products ?? [];
    let riskLevel = 3;
    let covered = 0;
    for (const p of products) {
      if (this.excluded.has(p)) continue;
      covered++;
      riskLevel = Math.min(riskLevel, this.catalogue.get(p) ?? 3);
    }
    const declared = rec.inspection.riskLevel === undefined ? undefined : RISK[String(rec.inspection.riskLevel)];
    if (declared !== undefined && declared < riskLevel) riskLevel = declared;
    const h = rec.history;
    const prevRank = h?.previousClass ? classRank(h.previousClass) : -1;
    let triggered = false;
    if (prevRank >= 0 && h?.events?.length) {
      const day = dayNumber(rec.inspection.date);
      const from = h.previousReviewDate ? dayNumber(h.previousReviewDate) : shiftBack(day, 12, 'month');
      for (const e of h.events) {
        if (!this.triggers.has(e.type)) continue;
        const d = dayNumber(e.date);
        if (d > from && d <= day) triggered = true;
      }
    }
    return {
      inScope: products.length === 0 || covered > 0,
      directiveFailed,
      passed,
      answered,
      failed: answered - passed,
      ratio: answered === 0 ? 1 : passed / answered,
      riskLevel,
      prevRank,
      periodic: rec.inspection.form === undefined || rec.inspection.form === '定期监督检查',
      triggered,
    };
  }

  async decide(rec: EnterpriseRecord): Promise<JreDecision> {
    const { almanac } = await this.engine.run(this.facts(rec) as unknown as Record<string, unknown>);
    const rank = await almanac.factValue<number | null | undefined>('classRank');
    const mode = await almanac.factValue<ModeName | undefined>('mode');
    return { class: rank === null || rank === undefined ? null : CLASSES[rank]!, mode: mode ?? null };
  }
}
