// A record checked and laid out for the evaluator: answers as bit words, dates as
// day numbers, names as indices. Every problem names the record's field.
import { readAnswer, FAIL, NOT_APPLICABLE, PASS } from './answers.js';
import { dayNumber, shiftBack } from './dates.js';
import type { IrExpr, ModeName, RuleSetIR } from './ir.js';
import { classRank } from './classes.js';
import type { Notice, RecordError } from './record.js';
import { RECORD_CODES, recordNotice, type RecordCode } from './record-errors.js';
import { creditCodeValid } from './credit-code.js';
import { riskLevelOf, RISK_LEVEL_NAME } from './risk-levels.js';
import { EVENT_LEVELS } from './levels.js';
import { catalogueEpochs, stretchAt, type CatalogueEpoch } from './catalogues.js';

export interface Prepared {
  id: string;
  /** Bit per item: answered “pass”. */
  pass: Int32Array;
  /** Bit per item: answered “不适用”. */
  naAnswer: Int32Array;
  /** Bit per item: no answer given. */
  missing: Int32Array;
  facts: (boolean | number | string)[];
  /** Per event type: the day numbers of its events up to the inspection date, in order. */
  events: number[][];
  /** Per event type: the sampling level bit of each of its events (国家 1, 省级 2, 市级 4, 县级 8; 0 unknown), in the order of `events`. */
  eventLevels: number[][];
  day: number;
  /** Composite risk level (D6′): 1 Ⅰ级, 2 Ⅱ级, 3 Ⅲ级; Ⅲ级 for the mode when it is undetermined. */
  risk: 1 | 2 | 3;
  /** How the level was known: from the catalogue, from the form (ticked higher), or not at all (FL5120). */
  riskFrom: 'catalogue' | 'form' | 'undetermined';
  /** The catalogue versions in force on the inspection date (shared by the records of that stretch of time). */
  catalogue: CatalogueEpoch;
  /** Previous class rank (C 0 … AA 3) or -1 at a first classification. */
  prev: number;
  /** Start (exclusive) of each window of the rules, as a day number. */
  win: Int32Array;
  /** A periodic review by dates (D4′): no previous review date, or at least the review period since it. */
  periodic: boolean;
  /** No inspection answers at all, with a previous class: an adjustment without an inspection (D11). */
  adjustmentOnly: boolean;
  products: string[];
  inScope: boolean;
  excludedProducts: string[];
  /** Per excluded product: its category and how it was known (the scope table's source, the catalogue, or the record). */
  exclusions: { product: string; category: string; source: string }[];
  /** Products neither excluded nor known to the scope table or catalogue (D9: not recognised as an excluded kind). */
  unrecognised: string[];
  warnings: Notice[] | null;
  /** Whether the previous review date was missing (triggers counted over the period). */
  noPrevDate: boolean;
  /** Start (exclusive) of the window in which Art. 21 trigger events count. */
  reviewStart: number;
}

export interface RuleIndex {
  ir: RuleSetIR;
  item: Map<string, number>;
  fact: Map<string, number>;
  event: Map<string, number>;
  /** The catalogues in force, by stretch of time (第二十条; D6′). */
  epochs: CatalogueEpoch[];
  excluded: Set<string>;
  /** 第二条 scope table (D9): normalised product name → index into ir.scopeTable. */
  scopeNames: Map<string, number>;
  factsRead: boolean;
  /** Item ids by bit index, for listing failed items without lookups. */
  ids: string[];
  /** Indices of the event types that are 第二十一条 triggers. */
  triggerTypes: number[];
  /** Per event type: whether a condition counts it by sampling level (an event without a level is warned about, FL5115). */
  levelled: boolean[];
  /** Day numbers of the rule set's 生效日期 and 失效日期 (Infinity: none). */
  effective: number;
  expires: number;
  /** Item ids as keys of a record's answers: a number where the id is an array index ("6"), which objects store apart. */
  answerKeys: (string | number)[];
  /** Per item: whether its id names a property every object inherits (`constructor`). */
  inherited: boolean[];
  /** Mode by [risk − 1][class rank] (第十八条 and 第二十条 together). */
  modeByRisk: ModeName[][];
  /** Measure texts by mode (D7), ready to copy into a decision. */
  measureTexts: Record<ModeName, string[]>;
}

/** The id as an object key: a number when it is an array index (no sign, no leading zero). */
export function answerKey(id: string): string | number {
  return /^(0|[1-9]\d{0,8})$/.test(id) ? Number(id) : id;
}

const dayOr = (text: string | null, none: number) => {
  const d = text ? dayNumber(text) : NaN;
  return Number.isNaN(d) ? none : d;
};

export function indexRules(ir: RuleSetIR): RuleIndex {
  const event = new Map<string, number>();
  ir.events.forEach((e, i) => {
    event.set(e.name, i);
    if (e.en) event.set(e.en, i);
  });
  return {
    ir,
    item: new Map(ir.items.map((it, i) => [it.id, i])),
    fact: new Map(ir.facts.flatMap((f, i) => (f.en ? [[f.name, i], [f.en, i]] : [[f.name, i]]) as [string, number][])),
    event,
    epochs: catalogueEpochs(ir),
    excluded: new Set(ir.excluded),
    scopeNames: scopeNames(ir),
    factsRead: ir.facts.length > 0,
    ids: ir.items.map((it) => it.id),
    answerKeys: ir.items.map((it) => answerKey(it.id)),
    effective: dayOr(ir.meta.effective, -Infinity),
    expires: dayOr(ir.meta.expires, Infinity),
    inherited: ir.items.map((it) => it.id in Object.prototype),
    triggerTypes: ir.events.flatMap((e, i) => (e.trigger ? [i] : [])),
    levelled: levelledEvents(ir),
    modeByRisk: ir.riskModes.map((m) => [m.C, m.B, m.A, m.AA]),
    // Shared by the decisions of a mode (D7), frozen: they are only read.
    measureTexts: Object.fromEntries(Object.entries(ir.measures).map(([k, v]) => [k, Object.freeze(v.map((m) => m.text))])) as unknown as Record<ModeName, string[]>,
  };
}

/** A product name as the scope table compares it: full-width forms and spaces do not count. */
export function scopeKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

function scopeNames(ir: RuleSetIR): Map<string, number> {
  const out = new Map<string, number>();
  (ir.scopeTable ?? []).forEach((c, i) => {
    for (const n of c.names) if (!out.has(scopeKey(n))) out.set(scopeKey(n), i);
  });
  return out;
}

/** The scope-table entry of a product: its whole name, else the name before a bracketed detail (乳制品（液体乳）). */
function scopeEntry(rules: RuleIndex, product: string): number | undefined {
  const key = scopeKey(product);
  const whole = rules.scopeNames.get(key);
  if (whole !== undefined) return whole;
  const m = /^(.+?)\(.*\)$/.exec(key);
  return m ? rules.scopeNames.get(m[1]!) : undefined;
}

/** The event types some condition of the rules counts by sampling level. */
function levelledEvents(ir: RuleSetIR): boolean[] {
  const out = ir.events.map(() => false);
  const walk = (e: IrExpr | null | undefined): void => {
    if (!e) return;
    if (e.k === 'events' && e.lv !== undefined) out[e.e] = true;
    else if (e.k === 'or' || e.k === 'and') e.xs.forEach(walk);
    else if (e.k === 'not') walk(e.x);
    else if (e.k === 'cmp' || e.k === 'arith') {
      walk(e.l);
      walk(e.r);
    }
  };
  for (const it of ir.items) for (const c of [it.na, it.check?.when, it.failsWhen?.when, it.passesWhen?.when]) walk(c);
  for (const conds of Object.values(ir.classification)) for (const c of conds) walk(c.when);
  return out;
}

const FORMS = new Map<string, boolean>(Object.entries({ 定期监督检查: true, 定期: true, periodic: true, 专项监督检查: false, 专项: false, special: false, 回访: false, followUp: false, 'follow-up': false }));

const NO_EVENTS: number[] = Object.freeze([]) as unknown as number[];
/** Sampling levels an event's `level` may hold (第十一条), as the bits of the condition language's level filter. */
const LEVELS = new Map<string, number>(EVENT_LEVELS.filter((l) => l.record).flatMap((l) => [l.zh, l.en, ...l.aliases].map((w) => [w, l.mask] as [string, number])));
const BOOL_WORDS = new Map<string, boolean>([['是', true], ['否', false], ['true', true], ['false', false]]);

class Fail {
  constructor(
    readonly code: RecordCode,
    readonly field: string,
    readonly args: Record<string, string | number>,
  ) {}
}

/**
 * The problems of one record, all of them (an inspector fixes a row once, not once per
 * problem). A check that fails records its problem and the reading goes on with
 * the field left out; only a record that is no object at all stops at once.
 */
class Problems {
  list: Fail[] | null = null;
  add(code: RecordCode, field: string, args: Record<string, string | number>): undefined {
    (this.list ??= []).push(new Fail(code, field, args));
    return undefined;
  }
  /** A problem known only later, put where the field was read so that the problems keep the record's order. */
  addAt(at: number, code: RecordCode, field: string, args: Record<string, string | number>): void {
    (this.list ??= []).splice(at, 0, new Fail(code, field, args));
  }
}

export function recordError(id: string, code: RecordCode, field: string, args: Record<string, string | number>): RecordError {
  const spec = RECORD_CODES[code];
  return { id, error: { code, field, message: spec.zh(args), messageEn: spec.en(args) } };
}

/** A problem of a record, before it is put in words. */
export interface RecordProblem {
  code: RecordCode;
  field: string;
  args: Record<string, string | number>;
}

/** One error for several problems: `error` is the first, `errors` all of them (when more than one). */
export function recordErrors(id: string, problems: readonly RecordProblem[]): RecordError {
  const first = problems[0]!;
  const out = recordError(id, first.code, first.field, first.args);
  if (problems.length > 1) out.errors = problems.map((f) => recordError(id, f.code, f.field, f.args).error);
  return out;
}

// Provincial-level prefixes of GB/T 2260 administrative division codes.
const PROVINCE_PREFIXES = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82']);

/** A 6-digit code (a shorter 2- or 4-digit code names a province or city) with a real provincial prefix. */
function regionCodeValid(code: string): boolean {
  return /^\d{2}(\d{2}){0,2}$/.test(code) && PROVINCE_PREFIXES.has(code.slice(0, 2));
}

/** A record's own field only: an item or fact named `constructor` is not Object's. */
function own(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function obj(v: unknown, field: string, required: boolean, ps: Problems): Record<string, unknown> | undefined {
  if (v === undefined || v === null) return required ? ps.add('FL5002', field, { field }) : undefined;
  if (typeof v !== 'object' || Array.isArray(v)) return ps.add('FL5003', field, { field, expected: '对象（{…}）', expectedEn: 'an object' });
  return v as Record<string, unknown>;
}

function text(v: unknown, field: string, required: boolean, ps: Problems): string | undefined {
  if (v === undefined || v === null || v === '') return required ? ps.add('FL5002', field, { field }) : undefined;
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return ps.add('FL5003', field, { field, expected: '文本', expectedEn: 'text' });
  return v.trim();
}

function date(v: unknown, field: string, required: boolean, ps: Problems): number | undefined {
  const t = text(v, field, required, ps);
  if (t === undefined) return undefined;
  const d = dayNumber(t);
  if (Number.isNaN(d)) return ps.add('FL5007', field, { value: t });
  return d;
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The record's id as text, or its position when it has none. */
export function recordId(raw: unknown, position: number): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : `#${position}`;
}

/**
 * A record's problems, all of them, and (when the record could still be laid out) the record
 * as far as it could be read, so that the caller may add the problems only a decision finds
 * (answers missing where the item applies).
 */
export interface PrepareFailure {
  id: string;
  problems: RecordProblem[];
  /** The record laid out with the faulty fields left out; absent when what is left would mislead (a fact could not be read, so not-applicable conditions are unknown). */
  partial?: Prepared;
}

export function prepare(rules: RuleIndex, raw: unknown, position = 0, today?: number): Prepared | RecordError {
  const r = prepareAll(rules, raw, position, today);
  return 'failure' in r ? recordErrors(r.failure.id, r.failure.problems) : r;
}

/** As prepare, keeping the partly read record beside the errors. */
export function prepareAll(rules: RuleIndex, raw: unknown, position = 0, today?: number): Prepared | { failure: PrepareFailure } {
  const id = recordId(raw, position);
  const ps = new Problems();
  const p = prepareInto(rules, raw, id, today, ps);
  if (ps.list === null) return p!;
  const failure: PrepareFailure = { id, problems: ps.list };
  if (p && !ps.list.some((f) => f.field.startsWith('enterprise.facts') || f.field.startsWith('enterprise.products') || f.field.startsWith('history.events'))) failure.partial = p;
  return { failure };
}

/** How a record's reader says a warning (kept with the record; the decision stands). */
type Warn = (code: RecordCode, field: string, args: Record<string, string | number>) => void;

/**
 * The record laid out for decide(), with every problem of it in `ps`. A helper per part of the
 * record; their results go straight into the one object literal at the end, so every prepared
 * record has one shape and nothing is allocated on the way that the record does not keep.
 */
function prepareInto(rules: RuleIndex, raw: unknown, id: string, today: number | undefined, ps: Problems): Prepared | undefined {
  const { ir } = rules;
  const rec = obj(raw, '(记录)', true, ps);
  if (!rec) return undefined;
  if (rec.id === undefined || rec.id === null || rec.id === '') ps.add('FL5002', 'id', { field: 'id' });
  let warnings: Notice[] | null = null;
  const warn: Warn = (code, field, args) => {
    (warnings ??= []).push(recordNotice(code, field, args));
  };

  const ent = obj(rec.enterprise, 'enterprise', true, ps) ?? {};
  const products = readEnterprise(ent, warn, ps);
  const ins = obj(rec.inspection, 'inspection', true, ps) ?? {};
  const day = readInspectionDay(rules, ins, today, warn, ps);

  // 第二条 by category (D9): a category the record declares, else the category word itself, the
  // scope table or the catalogue's category; a product none of them knows is in scope, unrecognised.
  const ownCategories = readCategories(rules, obj(ent.productCategories, 'enterprise.productCategories', false, ps), ps);
  // Composite risk (D6′): the highest level of the products in the catalogues in force on the
  // inspection date; a level ticked on the form may raise it, never lower it.
  const epoch = stretchAt(rules.epochs, day);
  const excludedProducts: string[] = [];
  const exclusions: Prepared['exclusions'] = [];
  const unrecognised: string[] = [];
  const found = productScopeAndLevel(rules, epoch, products, ownCategories, excludedProducts, exclusions, unrecognised, warn);
  const inScope = products.length === 0 || excludedProducts.length < products.length;
  let risk = (found || 3) as 1 | 2 | 3;
  let riskFrom: Prepared['riskFrom'] = found ? 'catalogue' : 'undetermined';
  if (ins.riskLevel !== undefined && ins.riskLevel !== null && ins.riskLevel !== '') {
    const declared = riskLevelOf(String(ins.riskLevel));
    if (declared === undefined) {
      ps.add('FL5013', 'inspection.riskLevel', { value: String(ins.riskLevel) });
      riskFrom = 'form'; // written, only not readable: FL5013 says so, not FL5020 too
    } else if (!found || declared < found) {
      risk = declared;
      riskFrom = 'form';
    } else if (declared > found) warn('FL5101', 'inspection.riskLevel', { declared: RISK_LEVEL_NAME[declared]!, catalogue: RISK_LEVEL_NAME[found]! });
  }
  if (riskFrom === 'undetermined' && inScope) {
    const args = { products: products.length ? products.join('、') : '（未填写）', catalogues: epoch.label || '无' };
    if (ir.riskLevelRequired) ps.add('FL5020', 'inspection.riskLevel', args);
    else warn('FL5120', 'inspection.riskLevel', args);
  }

  // Whether answers are required is known only with the previous class (D11, below).
  const answersAt = ps.list?.length ?? 0;
  const answers = obj(ins.answers, 'inspection.answers', false, ps) ?? {};
  const { pass, naAnswer, missing } = readAnswers(rules, answers, ps);

  const facts = readFacts(rules, obj(ent.facts, 'enterprise.facts', false, ps) ?? {}, warn, ps);

  const hist = obj(rec.history, 'history', false, ps) ?? {};
  const prev = previousClass(hist, ps);
  const prevDay = date(hist.previousReviewDate, 'history.previousReviewDate', false, ps);
  if (prevDay !== undefined && prevDay > day) ps.add('FL5016', 'history.previousReviewDate', { value: String(hist.previousReviewDate) });
  const noPrevDate = prev >= 0 && prevDay === undefined;
  if (noPrevDate) warn('FL5107', 'history.previousReviewDate', { months: ir.review.periodMonths });
  // D11: no answers at all is an adjustment of the previous class; without one, the answers are required.
  const adjustmentOnly = inScope && prev >= 0 && !anyAnswer(ir, missing);
  if (inScope && !adjustmentOnly && ins.answers == null) ps.addAt(answersAt, 'FL5002', 'inspection.answers', { field: 'inspection.answers' });
  // D4′: a review when there is no previous review date or the period has passed since it (第二十一条: 调整周期原则上为1年).
  const periodic = prevDay === undefined || shiftBack(day, ir.review.periodMonths, 'month') >= prevDay;

  // Most enterprises have no events: share one empty list rather than one per type.
  const events: number[][] = new Array<number[]>(ir.events.length).fill(NO_EVENTS);
  const eventLevels: number[][] = new Array<number[]>(ir.events.length).fill(NO_EVENTS);
  if (hist.events !== undefined && hist.events !== null) readEvents(rules, hist.events, day, events, eventLevels, warn, ps);

  const reviewStart = prevDay ?? shiftBack(day, ir.review.periodMonths, 'month');
  const win = new Int32Array(ir.windows.length);
  ir.windows.forEach((w, i) => {
    win[i] = w.unit === 'review' ? reviewStart : shiftBack(day, w.amount, w.unit);
  });

  return { id, pass, naAnswer, missing, facts, events, eventLevels, day, risk, riskFrom, catalogue: epoch, prev, win, periodic, adjustmentOnly, products, inScope, excludedProducts, exclusions, unrecognised, warnings, noPrevDate, reviewStart };
}

/** The enterprise's header fields checked (recorded only, text when given); its products. */
function readEnterprise(ent: Record<string, unknown>, warn: Warn, ps: Problems): string[] {
  text(ent.name, 'enterprise.name', true, ps);
  const region = text(ent.region, 'enterprise.region', false, ps);
  if (region !== undefined && !regionCodeValid(region)) warn('FL5109', 'enterprise.region', { value: region });
  // The form's header fields are recorded only; they must be text when given.
  for (const k of ['address', 'legalRepresentative', 'productionLicenceNo', 'cccCertificateNo'] as const) text(ent[k], `enterprise.${k}`, false, ps);
  const credit = text(ent.creditCode, 'enterprise.creditCode', false, ps);
  if (credit !== undefined && !creditCodeValid(credit)) warn('FL5105', 'enterprise.creditCode', { value: credit });
  const products: string[] = [];
  if (ent.products !== undefined && ent.products !== null) {
    if (!Array.isArray(ent.products)) ps.add('FL5003', 'enterprise.products', { field: 'enterprise.products', expected: '产品名称列表', expectedEn: 'a list of product names' });
    else
      ent.products.forEach((p, i) => {
        const t = text(p, `enterprise.products[${i}]`, true, ps);
        if (t !== undefined) products.push(t);
      });
  }
  return products;
}

/** The inspection date as a day number (NaN when unreadable), checked against today and the rules' dates; the form checked. */
function readInspectionDay(rules: RuleIndex, ins: Record<string, unknown>, today: number | undefined, warn: Warn, ps: Problems): number {
  const { ir } = rules;
  // An unreadable date leaves day NaN: every comparison with it is false, so nothing more is said about it.
  const day = date(ins.date, 'inspection.date', true, ps) ?? NaN;
  if (today !== undefined && day > today) ps.add('FL5015', 'inspection.date', { value: String(ins.date) });
  // The rules in force on the inspection date decide (生效日期/失效日期 of the rule set).
  if (day < rules.effective) warn('FL5110', 'inspection.date', { value: String(ins.date), effective: ir.meta.effective, rules: ir.meta.name });
  else if (day >= rules.expires) warn('FL5111', 'inspection.date', { value: String(ins.date), expires: ir.meta.expires!, rules: ir.meta.name });
  // The form is recorded (第十四条至第十七条) but does not decide whether this is a review (D4′).
  const formText = text(ins.form, 'inspection.form', false, ps);
  if (formText !== undefined && !FORMS.has(formText)) ps.add('FL5014', 'inspection.form', { value: formText });
  return day;
}

/**
 * Each product excluded by its category (第二条), or counted: the highest risk level (lowest
 * number) of the products in the catalogues in force, 0 when none is in them. The excluded and
 * unrecognised products go to the lists given.
 */
function productScopeAndLevel(
  rules: RuleIndex,
  epoch: CatalogueEpoch,
  products: readonly string[],
  ownCategories: Map<string, string> | undefined,
  excludedProducts: string[],
  exclusions: Prepared['exclusions'],
  unrecognised: string[],
  warn: Warn,
): number {
  const { ir } = rules;
  let found = 0;
  for (const p of products) {
    const entry = epoch.levels.get(p);
    const own = ownCategories?.get(p);
    let category: string | undefined;
    let source = '';
    if (own !== undefined) [category, source] = [own, '企业记录申报的产品类别'];
    else if (rules.excluded.has(p)) [category, source] = [p, '第二条所列类别'];
    else {
      const at = scopeEntry(rules, p);
      if (at !== undefined) [category, source] = [ir.scopeTable![at]!.category, ir.scopeTable![at]!.source];
      else if (entry?.category && rules.excluded.has(entry.category)) [category, source] = [entry.category, '产品目录所注类别'];
    }
    if (category !== undefined && rules.excluded.has(category)) {
      excludedProducts.push(p);
      exclusions.push({ product: p, category, source });
      continue;
    }
    if (own === undefined && !entry) unrecognised.push(p);
    if (entry) found = found === 0 ? entry.level : Math.min(found, entry.level);
    else if (epoch.used.length) warn('FL5103', 'enterprise.products', { product: p });
  }
  return found;
}

/** The previous class's rank (C 0 … AA 3), or -1 at a first classification (none, or 无). */
function previousClass(hist: Record<string, unknown>, ps: Problems): number {
  const prevText = text(hist.previousClass, 'history.previousClass', false, ps);
  if (prevText === undefined || prevText === '无') return -1;
  const r = classRank(prevText.replace(/类$/, ''));
  if (r < 0) ps.add('FL5012', 'history.previousClass', { value: prevText });
  return r < 0 ? -1 : r;
}

/**
 * history.events into `events` and `eventLevels` (per event type, by day, each level beside its
 * event); an event after the inspection date is left out with a warning.
 */
function readEvents(rules: RuleIndex, given: unknown, day: number, events: number[][], eventLevels: number[][], warn: Warn, ps: Problems): void {
  const { ir } = rules;
  if (!Array.isArray(given)) {
    ps.add('FL5003', 'history.events', { field: 'history.events', expected: '事件列表', expectedEn: 'a list of events' });
    return;
  }
  given.forEach((ev, i) => {
    const f = `history.events[${i}]`;
    const e = obj(ev, f, true, ps);
    if (!e) return;
    const type = text(e.type, `${f}.type`, true, ps);
    const t = type === undefined ? undefined : rules.event.get(type);
    if (type !== undefined && t === undefined) ps.add('FL5008', `${f}.type`, { value: type, allowed: ir.events.map((x) => x.name).join('、') });
    const d = date(e.date, `${f}.date`, true, ps);
    const levelText = text(e.level, `${f}.level`, false, ps);
    const level = levelText === undefined ? 0 : LEVELS.get(levelText);
    if (level === undefined) ps.add('FL5017', `${f}.level`, { value: levelText! });
    if (t === undefined || d === undefined || level === undefined) return;
    if (d > day) warn('FL5104', `${f}.date`, { value: String(e.date) });
    else if (events[t] === NO_EVENTS) {
      events[t] = [d];
      eventLevels[t] = [level];
    } else {
      events[t]!.push(d);
      eventLevels[t]!.push(level);
    }
    if (d <= day && level === 0 && rules.levelled[t]) warn('FL5115', `${f}.level`, { type: ir.events[t]!.name });
  });
  for (let t = 0; t < events.length; t++) {
    if (events[t]!.length < 2) continue;
    // Sorted by day, each level kept with its event.
    const order = events[t]!.map((_, k) => k).sort((a, b) => events[t]![a]! - events[t]![b]!);
    const lv = eventLevels[t]!;
    eventLevels[t] = order.map((k) => lv[k]!);
    events[t] = order.map((k) => events[t]![k]!);
  }
}

/** Whether any item has an answer (an empty register row leaves every cell empty). */
function anyAnswer(ir: RuleSetIR, missing: Int32Array): boolean {
  const all = ir.sets[0]!;
  for (let w = 0; w < ir.words; w++) if ((all[w]! & ~missing[w]!) !== 0) return true;
  return false;
}

/** What an enterprise may declare as a product's category: an excluded category, or 工业产品 (in scope). */
export const IN_SCOPE_CATEGORY = '工业产品';

/** enterprise.productCategories: product → declared category (第二条, D9). */
function readCategories(rules: RuleIndex, given: Record<string, unknown> | undefined, ps: Problems): Map<string, string> | undefined {
  if (!given) return undefined;
  const out = new Map<string, string>();
  for (const [product, v] of Object.entries(given)) {
    const category = text(v, `enterprise.productCategories.${product}`, false, ps);
    if (category === undefined) continue;
    if (category !== IN_SCOPE_CATEGORY && !rules.excluded.has(category)) {
      ps.add('FL5018', `enterprise.productCategories.${product}`, { value: category, allowed: [...rules.ir.excluded, IN_SCOPE_CATEGORY].join('、') });
      continue;
    }
    out.set(product.trim(), category);
  }
  return out;
}

interface AnswerBits {
  pass: Int32Array;
  naAnswer: Int32Array;
  missing: Int32Array;
  /** How many items the record has a value for (undefined counts as none). */
  present: number;
}

/**
 * The answers as bit words, read item by item (a register row has nothing else). Only when that
 * meets a key that is no item, an answer it cannot read, or a value the record does not hold
 * itself are the keys gone through in their own order, so that the error names the first bad key.
 */
function readAnswers(rules: RuleIndex, answers: Record<string, unknown>, ps: Problems): AnswerBits {
  const bits = answerBits(rules, answers, false);
  if (bits !== undefined && Object.keys(answers).length === bits.present) return bits;
  checkAnswerKeys(rules, answers, ps);
  // An unreadable answer counts as none: the record is an error already, and it is named once.
  return answerBits(rules, answers, true, true)!;
}

/** Bits of the items' answers; undefined at an answer that is no answer word. */
function answerBits(rules: RuleIndex, answers: Record<string, unknown>, ownOnly: boolean, lenient = false): AnswerBits | undefined {
  const words = rules.ir.words;
  const bits: AnswerBits = { pass: new Int32Array(words), naAnswer: new Int32Array(words), missing: new Int32Array(words), present: 0 };
  const { answerKeys, inherited } = rules;
  for (let i = 0; i < answerKeys.length; i++) {
    const key = answerKeys[i]!;
    // An id such as `constructor` is read only when the record has it itself.
    const v = ownOnly || inherited[i] ? own(answers, key as string) : (answers as Record<string | number, unknown>)[key];
    if (v !== undefined) bits.present++;
    if (v === undefined || v === null || v === '') {
      bits.missing[i >> 5]! |= 1 << (i & 31);
      continue;
    }
    const a = readAnswer(v);
    if (a === PASS) bits.pass[i >> 5]! |= 1 << (i & 31);
    else if (a === NOT_APPLICABLE) bits.naAnswer[i >> 5]! |= 1 << (i & 31);
    else if (a !== FAIL && !lenient) return undefined;
  }
  return bits;
}

/** The keys in their order: a problem for each that is no item or has an answer that is no answer word. */
function checkAnswerKeys(rules: RuleIndex, answers: Record<string, unknown>, ps: Problems): void {
  for (const key of Object.keys(answers)) {
    if (!rules.item.has(key)) {
      ps.add('FL5004', `inspection.answers.${key}`, { item: key });
      continue;
    }
    const v = own(answers, key);
    if (v === undefined || v === null || v === '') continue;
    const a = readAnswer(v);
    if (a !== PASS && a !== FAIL && a !== NOT_APPLICABLE) ps.add('FL5006', `inspection.answers.${key}`, { item: key, value: String(v) });
  }
}

function readFacts(rules: RuleIndex, given: Record<string, unknown>, warn: Warn, ps: Problems): (boolean | number | string)[] {
  const out: (boolean | number | string)[] = [];
  rules.ir.facts.forEach((f, i) => {
    const field = `enterprise.facts.${f.name}`;
    let v = own(given, f.name);
    if ((v === undefined || v === null || v === '') && f.en) v = own(given, f.en);
    if (v === undefined || v === null || v === '') {
      if (f.default === null) ps.add('FL5011', field, { fact: f.name });
      else out[i] = f.default;
      return;
    }
    if (f.type === 'bool') {
      if (typeof v === 'string') v = BOOL_WORDS.get(v.trim()) ?? v;
      if (typeof v !== 'boolean') return void ps.add('FL5010', field, { fact: f.name, value: String(v), expected: '是/否', expectedEn: 'true or false' });
    } else if (f.type === 'number') {
      // Decimal text only: Number() would also read 0x10, 0b11, 0o7 and Infinity.
      if (typeof v === 'string' && DECIMAL.test(v.trim())) v = Number(v);
      if (typeof v !== 'number' || !Number.isFinite(v)) return void ps.add('FL5010', field, { fact: f.name, value: String(v), expected: '数值', expectedEn: 'a number' });
    } else if (typeof v !== 'string' || !f.values.includes(v.trim())) {
      return void ps.add('FL5010', field, { fact: f.name, value: String(v), expected: f.values.join('、'), expectedEn: f.values.join(', ') });
    } else {
      v = v.trim();
    }
    out[i] = v as boolean | number | string;
  });
  for (const k of Object.keys(given)) if (!rules.fact.has(k)) warn('FL5106', `enterprise.facts.${k}`, { fact: k });
  return out;
}
