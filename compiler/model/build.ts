// Stage 4 (link): a rule file's syntax tree laid over its base's model, every
// name resolved and every condition type-checked in the merged rule set.
import { reportUnknownId } from './nearest-id.js';
import type { Reporter } from '../diagnostics/make.js';
import type { ClassName, ConditionAst, Expression, ModeName, RuleFileAst, Val } from '../syntax/ast.js';
import { isVal } from '../syntax/ast.js';
import { ExprBinder, type BindOptions } from '../bind/bind-expr.js';
import { NUMBER_MAX as FACT_NUMBER_MAX } from '../../grammar/expr/literals.js';
import type { Reference, Scope } from '../bind/scope.js';
import type { IrWindow } from '../../runtime/ir.js';
import { isReservedName, mergeItems } from './merge-items.js';
import { MODES, type ConditionModel, type EventModel, type FactModel, type Origin, type RiskLevel, type RiskRule, type RuleSetModel } from './types.js';

const CLASS_KEYS: ClassName[] = ['C', 'AA', 'A', 'B'];
const FORBIDDEN_NAME = /[且或]|^非/;
const ENUM_VALUE_BREAKERS = /[",;；=\r\n]/;

export interface Linked {
  model: RuleSetModel;
  scope: Scope & { sets: number[][]; windows: IrWindow[] };
}

/** Reporters by file: conditions written in the base are re-bound here and report there. */
export type ReporterFor = (file: string) => Reporter;

export function buildModel(ast: RuleFileAst, base: RuleSetModel | null, reporterFor: ReporterFor): Linked {
  const reporter = reporterFor(ast.file);
  const origin = (loc = ast.loc): Origin => ({ file: ast.file, loc });
  const m = ast.meta;
  if (!ast.meta?.base) {
    for (const [key, zh, en] of [['classification', '分类', 'classification'], ['classModes', '类别监管方式', 'classModes'], ['modes', '监管方式', 'modes']] as const) {
      if (!ast[key]) reporter.report('FL2020', { section: zh, en }, 0, 0);
    }
  }
  const { items, naConditions } = mergeItems(ast, base, reporter);

  // Adjustments of base items (★, not-applicable conditions).
  for (const adj of ast.adjust ?? []) {
    if (!adj.item) continue;
    const id = adj.item.value;
    const idx = items.findIndex((i) => i.id === id);
    if (!base || idx < 0) {
      if (base) reportUnknownId(reporter, 'FL2017', id, items.map((i) => i.id), adj.item.loc.start, adj.item.loc.end);
      else reporter.report('FL2003', { id }, adj.item.loc.start, adj.item.loc.end);
      continue;
    }
    if (adj.directive) items[idx] = { ...items[idx]!, directive: adj.directive.value };
    if (adj.notApplicableWhen) naConditions.push({ item: idx, ast: adj.notApplicableWhen, file: ast.file });
    if (adj.verifyAssumption) items[idx] = { ...items[idx]!, verifyAssumption: { text: adj.verifyAssumption.value, from: { file: ast.file, loc: adj.verifyAssumption.loc } } };
  }
  items.forEach((it, i) => {
    if (it.notApplicableWhen && !naConditions.some((n) => n.item === i)) naConditions.push({ item: i, ast: it.notApplicableWhen.source, file: it.notApplicableWhen.file });
  });

  const facts: FactModel[] = [...(base?.facts ?? [])];
  for (const f of ast.facts ?? []) {
    if (!f.name || !f.type) continue;
    const name = f.name.value;
    if (!checkName(name, f.name, reporter)) continue;
    if (facts.some((x) => x.name === name)) {
      reporter.report('FL2012', { what: '企业信息', whatEn: 'Fact', name }, f.name.loc.start, f.name.loc.end);
      continue;
    }
    const type = f.type.value === '布尔' ? 'bool' : f.type.value === '数值' ? 'number' : 'enum';
    // The template's drop-down list is `"v1,v2"` and the register cell `名称=值;…`: these characters would split a value.
    const badValue = (f.values ?? []).find((v) => ENUM_VALUE_BREAKERS.test(v.value));
    if (badValue) reporter.report('FL2052', { name, value: badValue.value }, badValue.loc.start, badValue.loc.end);
    const values = (f.values ?? []).map((v) => v.value);
    if (type === 'enum' && values.length === 0) reporter.report('FL2024', { name }, f.name.loc.start, f.name.loc.end);
    const def = f.default?.value;
    const defOk = def === undefined || (type === 'bool' ? typeof def === 'boolean' : type === 'number' ? typeof def === 'number' : typeof def === 'string' && values.includes(def));
    // YAML reads 1e400 as Infinity: a default must be a number the evaluator can compare.
    if (defOk && typeof def === 'number' && !(Math.abs(def) <= FACT_NUMBER_MAX)) {
      reporter.report('FL2050', { value: String(def), range: `-${FACT_NUMBER_MAX} 到 ${FACT_NUMBER_MAX}`, rangeEn: `-${FACT_NUMBER_MAX} to ${FACT_NUMBER_MAX}` }, f.default!.loc.start, f.default!.loc.end);
      facts.push({ name, en: f.en?.value ?? null, type, values, default: undefined, description: f.description?.value ?? '', from: origin(f.loc) });
      continue;
    }
    if (!defOk) reporter.report('FL2023', { name, expected: type === 'bool' ? '是/否' : type === 'number' ? '数值' : values.join('、'), expectedEn: type }, f.default!.loc.start, f.default!.loc.end);
    const en = f.en?.value ?? null;
    if (en !== null && facts.some((x) => x.en === en)) {
      reporter.report('FL2012', { what: '企业信息', whatEn: 'Fact', name: en }, f.en!.loc.start, f.en!.loc.end);
      continue;
    }
    facts.push({ name, en, type, values, default: defOk ? def : undefined, description: f.description?.value ?? '', from: origin(f.loc) });
  }

  const events: EventModel[] = (base?.events ?? []).map((e) => ({ ...e }));
  for (const e of ast.events ?? []) {
    if (!e.name) continue;
    const name = e.name.value;
    if (!checkName(name, e.name, reporter)) continue;
    const prior = events.find((x) => x.name === name);
    if (prior && base?.events.some((b) => b.name === name)) {
      // A province may restate a base event (its article, or making it a trigger).
      if (e.trigger) prior.trigger = e.trigger.value;
      if (e.article) prior.article = e.article.value;
      prior.from = origin(e.loc);
      continue;
    }
    if (prior || (e.en && events.some((x) => x.en === e.en!.value))) {
      reporter.report('FL2012', { what: '事件类型', whatEn: 'Event type', name: prior ? name : e.en!.value }, e.name.loc.start, e.name.loc.end);
      continue;
    }
    events.push({ name, en: e.en?.value ?? null, trigger: e.trigger?.value ?? false, article: e.article?.value ?? '', description: e.description?.value ?? '', from: origin(e.loc) });
  }

  // Groups: ids may name items, refined base items (→ their sub-items) or other groups.
  const expand = new Map<string, number[]>();
  items.forEach((it, i) => {
    for (const key of new Set([it.id, it.refines, it.nationalId])) {
      if (key === null) continue;
      if (key !== it.id && items.some((x) => x.id === key)) continue;
      expand.set(key, [...(expand.get(key) ?? []), i]);
    }
  });
  const groups: RuleSetModel['groups'] = new Map();
  const groupAsts = [...(base ? [...base.groups.entries()].map(([name, g]) => ({ name, base: g })) : []), ...(ast.groups ?? []).map((g) => ({ name: g.name?.value, ast: g }))];
  const rawGroups = new Map<string, { ids: Val<string>[]; description: string; from: Origin; nameLoc: Origin['loc'] }>();
  for (const g of groupAsts) {
    if (!g.name) continue;
    if ('base' in g && g.base) {
      rawGroups.set(g.name, { ids: g.base.items.map((i) => ({ value: base!.items[i]!.id, loc: g.base.from.loc })), description: g.base.description, from: g.base.from, nameLoc: g.base.from.loc });
      continue;
    }
    const ga = (g as { ast: NonNullable<RuleFileAst['groups']>[number] }).ast;
    if (!checkName(g.name, ga.name!, reporter)) continue;
    if (rawGroups.has(g.name)) {
      reporter.report('FL2012', { what: '分组', whatEn: 'Group', name: g.name }, ga.name!.loc.start, ga.name!.loc.end);
      continue;
    }
    rawGroups.set(g.name, { ids: ga.items ?? [], description: ga.description?.value ?? '', from: origin(ga.loc), nameLoc: ga.name!.loc });
  }
  const resolving = new Set<string>();
  const resolveGroup = (name: string): number[] => {
    const done = groups.get(name);
    if (done) return done.items;
    const raw = rawGroups.get(name)!;
    if (resolving.has(name)) {
      reporter.report('FL2013', { name }, raw.nameLoc.start, raw.nameLoc.end);
      return [];
    }
    resolving.add(name);
    const out = new Set<number>();
    for (const id of raw.ids) {
      const idx = expand.get(id.value) ?? (rawGroups.has(id.value) ? resolveGroup(id.value) : undefined);
      if (!idx) {
        if (raw.from.file === ast.file) reportUnknownId(reporter, 'FL2004', id.value, expand.keys(), id.loc.start, id.loc.end);
        continue;
      }
      idx.forEach((i) => out.add(i));
    }
    resolving.delete(name);
    const result = [...out].sort((a, b) => a - b);
    groups.set(name, { items: result, description: raw.description, from: raw.from });
    return result;
  };
  for (const name of rawGroups.keys()) resolveGroup(name);

  // The scope every condition is bound in.
  const sets: number[][] = [];
  const setKeys = new Map<string, number>();
  const windows: IrWindow[] = [];
  const references: Reference[] = [];
  const scope: Linked['scope'] = {
    items,
    facts,
    sets,
    windows,
    references,
    itemIndices: (id) => expand.get(id),
    group: (name) => groups.get(name)?.items,
    fact: (name) => {
      const index = facts.findIndex((f) => f.name === name || f.en === name);
      return index < 0 ? undefined : { index, fact: facts[index]! };
    },
    event: (name) => {
      const i = events.findIndex((e) => e.name === name || e.en === name);
      return i < 0 ? undefined : i;
    },
    internSet: (indices) => {
      const key = indices.join(',');
      let id = setKeys.get(key);
      if (id === undefined) {
        id = sets.length;
        sets.push([...indices]);
        setKeys.set(key, id);
      }
      return id;
    },
    internWindow: (w) => {
      let i = windows.findIndex((x) => x.amount === w.amount && x.unit === w.unit);
      if (i < 0) i = windows.push(w) - 1;
      return i;
    },
    names: () => [...facts.map((f) => f.name), ...groups.keys(), ...events.map((e) => e.name), ...['全部', '指向型', '国家项目', '补充项目', '风险等级', '上次类别', '首次评定', '通过率', '全部通过']],
  };
  // sets[0] = every item, sets[1] = the ★ items: the evaluator reads both directly.
  scope.internSet(items.map((_, i) => i));
  const directive = items.flatMap((it, i) => (it.directive ? [i] : []));
  sets.push(directive);
  if (!setKeys.has(directive.join(','))) setKeys.set(directive.join(','), 1);

  const bind = (expr: Expression, file: string, noAnswers?: BindOptions['noAnswers']) => {
    const ir = new ExprBinder(scope, reporterFor(file), expr, { noAnswers }).bindCondition();
    return ir ? { source: expr, file, ir } : undefined;
  };
  for (const na of naConditions) {
    const b = bind(na.ast, na.file, { zh: '不适用条件', en: 'not-applicable condition' });
    const it = items[na.item]!;
    if (b) items[na.item] = { ...it, notApplicableWhen: b };
    else delete items[na.item]!.notApplicableWhen;
  }
  // Cross-checks and the 视为通过/不通过 conditions: the base's, re-bound here, and this file's own.
  const itemConditions = [
    ['crossCheck', '核对条件', 'cross-check'],
    ['failsWhen', '视为不通过条件', 'fails-when condition'],
    ['passesWhen', '视为通过条件', 'passes-when condition'],
  ] as const;
  for (const [key, zh, en] of itemConditions) {
    const ownConds = new Map((ast.items ?? []).flatMap((a) => (a.id && a[key] ? [[a.id.value, a[key]] as const] : [])));
    items.forEach((it, i) => {
      const own = ownConds.get(it.id);
      const pending = own && it.from.file === ast.file ? { source: own, file: ast.file } : it[key];
      if (!pending) return;
      const b = bind(pending.source, pending.file, { zh, en });
      if (b) items[i] = { ...items[i]!, [key]: b };
      else delete items[i]![key];
    });
  }

  const classification = {} as RuleSetModel['classification'];
  for (const cls of CLASS_KEYS) {
    const list: ConditionModel[] = [];
    for (const c of base?.classification[cls] ?? []) {
      const b = bind(c.when.source, c.when.file);
      if (b) list.push({ ...c, when: b });
    }
    const rule = ast.classification?.[cls];
    const conds = (cls === 'C' ? rule?.anyOf : rule?.allOf) ?? [];
    for (const c of conds) {
      const model = conditionModel(c, ast.file, bind);
      if (!model) continue;
      const at = model.name === null ? -1 : list.findIndex((x) => x.name === model.name);
      if (at >= 0) list[at] = { ...model, replaces: list[at]! };
      else list.push(model);
    }
    classification[cls] = list;
  }

  const modes = {} as RuleSetModel['modes'];
  for (const name of MODES) modes[name] = { measures: [...(base?.modes[name].measures ?? [])], from: base?.modes[name].from ?? null };
  for (const md of ast.modes ?? []) {
    if (!md.name) continue;
    const entry = modes[md.name.value];
    entry.from = origin(md.loc);
    for (const ms of md.measures ?? []) if (ms.text) entry.measures.push({ text: ms.text.value, article: ms.article?.value ?? '', from: origin(ms.loc) });
  }

  const classModes = {} as RuleSetModel['classModes'];
  const defaultMode: Record<ClassName, ModeName> = { AA: '信用监管', A: '责任监管', B: '常态监管', C: '加严监管' };
  for (const cls of CLASS_KEYS) {
    const v = ast.classModes?.[cls];
    classModes[cls] = v ? { mode: v.value, from: origin(v.loc) } : (base?.classModes[cls] ?? { mode: defaultMode[cls], from: null });
  }

  // 第二十条: a province inherits each level's rule (not its result), so a stricter class mode carries through.
  const riskRules = {} as RuleSetModel['riskRules'];
  const riskModes = {} as RuleSetModel['riskModes'];
  for (const lv of [1, 2, 3] as RiskLevel[]) {
    const spec = ast.riskModes?.[`l${lv}` as 'l1'];
    const inherited: RiskRule = base?.riskRules[lv] ?? { kind: lv === 1 ? 'stricter' : 'unchanged', from: null, explicit: {} };
    let rule: RiskRule;
    if (spec === undefined) rule = inherited;
    else if (isVal<string>(spec)) rule = { kind: spec.value === '下调一级' ? 'stricter' : 'unchanged', from: origin(spec.loc), explicit: {} };
    else {
      const explicit = { ...inherited.explicit };
      for (const cls of CLASS_KEYS) {
        const v = spec[cls];
        if (v) explicit[cls] = { mode: v.value, from: origin(v.loc) };
      }
      rule = { kind: inherited.kind, from: inherited.from, explicit };
    }
    riskRules[lv] = rule;
    const row = {} as Record<ClassName, { mode: ModeName; from: Origin | null }>;
    for (const cls of CLASS_KEYS) {
      const named = rule.explicit[cls];
      if (named) row[cls] = named;
      else {
        const rank = MODES.indexOf(classModes[cls].mode);
        row[cls] = { mode: rule.kind === 'stricter' ? MODES[Math.max(0, rank - 1)]! : classModes[cls].mode, from: rule.from ?? classModes[cls].from };
      }
    }
    riskModes[lv] = row;
  }

  const r = ast.review;
  const review: RuleSetModel['review'] = {
    periodMonths: r?.periodMonths?.value ?? base?.review.periodMonths ?? 12,
    maxRise: r?.maxRise?.value ?? base?.review.maxRise ?? 1,
    triggerDrop: r?.triggerDrop?.value ?? base?.review.triggerDrop ?? 1,
    firstCap: r?.firstCap?.value ?? base?.review.firstCap ?? null,
    from: r ? origin(r.loc) : (base?.review.from ?? null),
  };

  const excluded = [...(base?.excluded ?? [])];
  for (const e of ast.scope?.excluded ?? []) if (!excluded.some((x) => x.name === e.value)) excluded.push({ name: e.value, from: origin(e.loc) });

  const scopeTable: RuleSetModel['scopeTable'] = [...(base?.scopeTable ?? [])];
  const table = ast.scope?.loaded;
  for (const c of table?.categories ?? []) {
    if (!excluded.some((x) => x.name === c.name)) reporter.report('FL2032', { name: c.name, file: table!.file }, ast.scope!.table!.loc.start, ast.scope!.table!.loc.end);
    else scopeTable.push({ category: c.name, source: c.source, names: c.names, file: table!.file, from: origin(ast.scope!.table!.loc) });
  }

  const riskLevelRequired: RuleSetModel['riskLevelRequired'] = ast.riskLevelRequired
    ? { value: ast.riskLevelRequired.value, from: origin(ast.riskLevelRequired.loc) }
    : (base?.riskLevelRequired ?? { value: false, from: null });

  const model: RuleSetModel = {
    files: [...(base?.files ?? []), ast],
    meta: {
      name: m?.name?.value ?? '',
      region: m?.region?.value ?? '',
      version: m?.version?.value ?? '',
      effective: m?.effective?.value ?? '',
      expires: m?.expires?.value ?? null,
      base: m?.base?.value ?? null,
      baseVersion: m?.baseVersion?.value ?? null,
      description: m?.description?.value ?? '',
      from: origin(m?.loc),
    },
    base,
    items,
    groups,
    facts,
    events,
    classification,
    modes,
    classModes,
    riskModes,
    riskRules,
    review,
    excluded,
    scopeTable,
    // The front end adds this file's catalogue files after loading them (compiler/catalogue).
    catalogues: [...(base?.catalogues ?? [])],
    riskLevelRequired,
  };
  return { model, scope };
}

function checkName(name: string, v: Val<string>, reporter: Reporter): boolean {
  if (isReservedName(name)) {
    reporter.report('FL2051', { name }, v.loc.start, v.loc.end);
    return false;
  }
  if (!FORBIDDEN_NAME.test(name)) return true;
  reporter.report('FL2015', { name }, v.loc.start, v.loc.end);
  return false;
}

function conditionModel(
  c: ConditionAst | Expression,
  file: string,
  bind: (e: Expression, file: string) => ConditionModel['when'] | undefined,
): ConditionModel | undefined {
  const isExpr = 'parsed' in c;
  const expr = isExpr ? c : c.when;
  if (!expr) return undefined;
  const when = bind(expr, file);
  if (!when) return undefined;
  return {
    name: isExpr ? null : (c.name?.value ?? null),
    when,
    article: isExpr ? '' : (c.article?.value ?? ''),
    description: isExpr ? '' : (c.description?.value ?? ''),
    from: { file, loc: isExpr ? c.loc : c.loc },
    replaces: null,
  };
}
