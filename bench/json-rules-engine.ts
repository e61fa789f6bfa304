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
  /** No answers, with a previous class (D11). */
  adjustmentOnly: boolean;
}

export interface JreDecision {
  class: ClassName | null;
  mode: ModeName | null;
}

const PASS_WORDS = new Set(['未发现问题', '符合']);
const PROVINCIAL_OR_ABOVE = new Set(['国家', '省级', 'national', 'provincial']);
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
  ];
  // D11: no answers: the previous class stands as assessed (a trigger then lowers it below).
  for (let k = 3; k >= 0; k--) rules.push(rule(`adjustment without inspection after ${CLASSES[k]}`, 101, [is('adjustmentOnly', true), is('prevRank', k)], 'assessedRank', k));
  rules.push(
    // 通用规则备注（二）, D1: C first, then AA, A, B.
    rule('C: ★ item fails', 100, [is('directiveFailed', true)], 'assessedRank', 0),
    rule('C: ratio < 60%', 99, [below('ratio', 0.6)], 'assessedRank', 0),
    rule('AA: all pass', 98, [is('failed', 0)], 'assessedRank', 3),
    rule('A: ratio >= 90%', 97, [atLeast('ratio', 0.9)], 'assessedRank', 2),
    rule('B: ratio >= 60%', 96, [atLeast('ratio', 0.6)], 'assessedRank', 1),
    // 第二十一条 (D4): the highest class allowed this time.
    rule('first classification: no cap', 90, [below('prevRank', 0)], 'capRank', 3),
  );
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
  /** Event type names (Chinese or English) → the Chinese name item 14 reads. */
  private readonly eventName: Map<string, string>;

  /** The IR supplies only data tables (item list, catalogue, event names), not the rules. */
  constructor(ir: RuleSetIR) {
    this.itemIds = ir.items.map((it) => it.id);
    this.directive = new Set(ir.items.filter((it) => it.directive).map((it) => it.id));
    const products = catalogueProducts(ir);
    this.catalogue = new Map(products.map((p) => [p.name, p.level]));
    // 第二条 by category (D9): the category itself, the scope table's names of it, the catalogue's products of it.
    const scopeNames = (ir.scopeTable ?? []).filter((c) => ir.excluded.includes(c.category)).flatMap((c) => c.names);
    this.excluded = new Set([...ir.excluded, ...scopeNames, ...products.filter((p) => p.category !== null && ir.excluded.includes(p.category)).map((p) => p.name)]);
    this.triggers = new Set(ir.events.filter((e) => e.trigger).flatMap((e) => (e.en ? [e.name, e.en] : [e.name])));
    this.eventName = new Map(ir.events.flatMap((e) => (e.en ? [[e.name, e.name], [e.en, e.name]] : [[e.name, e.name]])));
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
    const h = rec.history;
    const day = dayNumber(rec.inspection.date);
    const prevRank = h?.previousClass ? classRank(h.previousClass) : -1;
    const prevDay = h?.previousReviewDate ? dayNumber(h.previousReviewDate) : undefined;
    // Items the rules settle whatever was written (D8, D2′): 2 and 17 pass for an enterprise
    // without licensing, 14 fails by the last three years' history (第十一条).
    const facts = rec.enterprise.facts ?? {};
    const flag = (zh: string, en: string) => (facts[zh] ?? facts[en] ?? true) !== false;
    const settled: Record<string, boolean> = {};
    if (!flag('涉及行政许可', 'licensedProducts')) settled['2'] = true;
    if (!flag('持有生产许可证', 'productionLicence')) settled['17'] = true;
    if (this.item14Fails(h?.events ?? [], day)) settled['14'] = false;
    let passed = 0;
    let answered = 0;
    let directiveFailed = false;
    let anyAnswer = false;
    for (const id of this.itemIds) {
      if (answers[id] !== undefined && answers[id] !== '') anyAnswer = true;
      const ok = settled[id] ?? PASS_WORDS.has(answers[id]!);
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
    let triggered = false;
    if (prevRank >= 0 && h?.events?.length) {
      const from = prevDay ?? shiftBack(day, 12, 'month');
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
      // D4′: a periodic review by dates, not by the inspection's form.
      periodic: prevDay === undefined || shiftBack(day, 12, 'month') >= prevDay,
      triggered,
      // D11: no answers with a previous class: the previous class, lowered by a trigger.
      adjustmentOnly: prevRank >= 0 && !anyAnswer,
    };
  }

  /** Item 14: ≥ 2 national or provincial sampling failures, or a refusal, penalty or media exposure, in the 3 years to the inspection. */
  private item14Fails(events: readonly { type: string; date: string; level?: string }[], day: number): boolean {
    const from = shiftBack(day, 3, 'year');
    let failures = 0;
    for (const e of events) {
      const d = dayNumber(e.date);
      if (!(d > from && d <= day)) continue;
      const type = this.eventName.get(e.type);
      if (type === '拒绝抽查' || type === '行政处罚' || type === '媒体曝光') return true;
      if (type === '抽查不合格' && e.level !== undefined && PROVINCIAL_OR_ABOVE.has(e.level) && ++failures >= 2) return true;
    }
    return false;
  }

  async decide(rec: EnterpriseRecord): Promise<JreDecision> {
    const { almanac } = await this.engine.run(this.facts(rec) as unknown as Record<string, unknown>);
    const rank = await almanac.factValue<number | null | undefined>('classRank');
    const mode = await almanac.factValue<ModeName | undefined>('mode');
    return { class: rank === null || rank === undefined ? null : CLASSES[rank]!, mode: mode ?? null };
  }
}
