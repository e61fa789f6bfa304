// A record checked and laid out for the evaluator: answers as bit words, dates as
// day numbers, names as indices. Every problem names the record's field.
import { readAnswer, FAIL, NOT_APPLICABLE, PASS } from './answers.js';
import { dayNumber, shiftBack } from './dates.js';
import type { ModeName, RuleSetIR } from './ir.js';
import type { Notice, RecordError } from './record.js';
import { RECORD_CODES, recordNotice, type RecordCode } from './record-errors.js';
import { creditCodeValid } from './credit-code.js';
import { catalogueEpochs, epochAt, type CatalogueEpoch } from './catalogues.js';

export interface Prepared {
  id: string;
  /** Bit per item: answered “pass”. */
  pass: Int32Array;
  /** Bit per item: answered “不适用”. */
  naAnswer: Int32Array;
  /** Bit per item: no answer given. */
  missing: Int32Array;
  facts: (boolean | number | string)[];
  /** Per event type: the day numbers of its events up to the inspection date. */
  events: number[][];
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
  periodic: boolean;
  products: string[];
  inScope: boolean;
  excludedProducts: string[];
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
  factsRead: boolean;
  /** Item ids by bit index, for listing failed items without lookups. */
  ids: string[];
  /** Indices of the event types that are 第二十一条 triggers. */
  triggerTypes: number[];
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
    fact: new Map(ir.facts.map((f, i) => [f.name, i])),
    event,
    epochs: catalogueEpochs(ir),
    excluded: new Set(ir.excluded),
    factsRead: ir.facts.length > 0,
    ids: ir.items.map((it) => it.id),
    answerKeys: ir.items.map((it) => answerKey(it.id)),
    effective: dayOr(ir.meta.effective, -Infinity),
    expires: dayOr(ir.meta.expires, Infinity),
    inherited: ir.items.map((it) => it.id in Object.prototype),
    triggerTypes: ir.events.flatMap((e, i) => (e.trigger ? [i] : [])),
    modeByRisk: ir.riskModes.map((m) => [m.C, m.B, m.A, m.AA]),
    // Shared by the decisions of a mode (D7), frozen: they are only read.
    measureTexts: Object.fromEntries(Object.entries(ir.measures).map(([k, v]) => [k, Object.freeze(v.map((m) => m.text))])) as unknown as Record<ModeName, string[]>,
  };
}

const FORMS = new Map<string, boolean>(Object.entries({ 定期监督检查: true, 定期: true, periodic: true, 专项监督检查: false, 专项: false, special: false, 回访: false, followUp: false, 'follow-up': false }));
const RISK = new Map<string, 1 | 2 | 3>(Object.entries({ 'Ⅰ级': 1, 'Ⅱ级': 2, 'Ⅲ级': 3, 'I级': 1, 'II级': 2, 'III级': 3, 一级: 1, 二级: 2, 三级: 3, I: 1, II: 2, III: 3, level1: 1, level2: 2, level3: 3, '1': 1, '2': 2, '3': 3 } as Record<string, 1 | 2 | 3>));
const CLASS_RANK = new Map<string, number>([['C', 0], ['B', 1], ['A', 2], ['AA', 3]]);

const NO_EVENTS: number[] = Object.freeze([]) as unknown as number[];
const BOOL_WORDS = new Map<string, boolean>([['是', true], ['否', false], ['true', true], ['false', false]]);

class Fail {
  constructor(
    readonly code: RecordCode,
    readonly field: string,
    readonly args: Record<string, string | number>,
  ) {}
}

export function recordError(id: string, code: RecordCode, field: string, args: Record<string, string | number>): RecordError {
  const spec = RECORD_CODES[code];
  return { id, error: { code, field, message: spec.zh(args), messageEn: spec.en(args) } };
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

function obj(v: unknown, field: string, required: boolean): Record<string, unknown> | undefined {
  if (v === undefined || v === null) {
    if (required) throw new Fail('FL5002', field, { field });
    return undefined;
  }
  if (typeof v !== 'object' || Array.isArray(v)) throw new Fail('FL5003', field, { field, expected: '对象（{…}）', expectedEn: 'an object' });
  return v as Record<string, unknown>;
}

function text(v: unknown, field: string, required: boolean): string | undefined {
  if (v === undefined || v === null || v === '') {
    if (required) throw new Fail('FL5002', field, { field });
    return undefined;
  }
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') throw new Fail('FL5003', field, { field, expected: '文本', expectedEn: 'text' });
  return v.trim();
}

function date(v: unknown, field: string, required: boolean): number | undefined {
  const t = text(v, field, required);
  if (t === undefined) return undefined;
  const d = dayNumber(t);
  if (Number.isNaN(d)) throw new Fail('FL5007', field, { value: t });
  return d;
}

/** The record's id as text, or its position when it has none. */
export function recordId(raw: unknown, position: number): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : `#${position}`;
}

export function prepare(rules: RuleIndex, raw: unknown, position = 0, today?: number): Prepared | RecordError {
  const id = recordId(raw, position);
  try {
    return prepareOrThrow(rules, raw, id, today);
  } catch (e) {
    if (e instanceof Fail) return recordError(id, e.code, e.field, e.args);
    throw e;
  }
}

function prepareOrThrow(rules: RuleIndex, raw: unknown, id: string, today: number | undefined): Prepared {
  const { ir } = rules;
  const rec = obj(raw, '(记录)', true)!;
  if (rec.id === undefined || rec.id === null || rec.id === '') throw new Fail('FL5002', 'id', { field: 'id' });
  let warnings: Notice[] | null = null;
  const warn = (code: RecordCode, field: string, args: Record<string, string | number>) => {
    (warnings ??= []).push(recordNotice(code, field, args));
  };

  const ent = obj(rec.enterprise, 'enterprise', true)!;
  text(ent.name, 'enterprise.name', true);
  const region = text(ent.region, 'enterprise.region', false);
  if (region !== undefined && !regionCodeValid(region)) warn('FL5109', 'enterprise.region', { value: region });
  const credit = text(ent.creditCode, 'enterprise.creditCode', false);
  if (credit !== undefined && !creditCodeValid(credit)) warn('FL5105', 'enterprise.creditCode', { value: credit });
  const products: string[] = [];
  if (ent.products !== undefined && ent.products !== null) {
    if (!Array.isArray(ent.products)) throw new Fail('FL5003', 'enterprise.products', { field: 'enterprise.products', expected: '产品名称列表', expectedEn: 'a list of product names' });
    ent.products.forEach((p, i) => {
      const t = text(p, `enterprise.products[${i}]`, true)!;
      products.push(t);
    });
  }

  const ins = obj(rec.inspection, 'inspection', true)!;
  const day = date(ins.date, 'inspection.date', true)!;
  if (today !== undefined && day > today) throw new Fail('FL5015', 'inspection.date', { value: String(ins.date) });
  // The rules in force on the inspection date decide (生效日期/失效日期 of the rule set).
  if (day < rules.effective) warn('FL5110', 'inspection.date', { value: String(ins.date), effective: ir.meta.effective, rules: ir.meta.name });
  else if (day >= rules.expires) warn('FL5111', 'inspection.date', { value: String(ins.date), expires: ir.meta.expires!, rules: ir.meta.name });
  const formText = text(ins.form, 'inspection.form', false);
  let periodic = true;
  if (formText !== undefined) {
    const f = FORMS.get(formText);
    if (f === undefined) throw new Fail('FL5014', 'inspection.form', { value: formText });
    periodic = f;
  }

  // Composite risk (D6′): the highest level of the products in the catalogues in force on the
  // inspection date; a level ticked on the form may raise it, never lower it.
  const epoch = epochAt(rules.epochs, day);
  let found = 0;
  const excludedProducts: string[] = [];
  for (const p of products) {
    const entry = epoch.levels.get(p);
    if (rules.excluded.has(p) || (entry?.category && rules.excluded.has(entry.category))) {
      excludedProducts.push(p);
      continue;
    }
    if (entry) found = found === 0 ? entry.level : Math.min(found, entry.level);
    else if (epoch.used.length) warn('FL5103', 'enterprise.products', { product: p });
  }
  const inScope = products.length === 0 || excludedProducts.length < products.length;
  let risk = (found || 3) as 1 | 2 | 3;
  let riskFrom: Prepared['riskFrom'] = found ? 'catalogue' : 'undetermined';
  if (ins.riskLevel !== undefined && ins.riskLevel !== null && ins.riskLevel !== '') {
    const declared = RISK.get(String(ins.riskLevel).trim());
    if (declared === undefined) throw new Fail('FL5013', 'inspection.riskLevel', { value: String(ins.riskLevel) });
    if (!found || declared < found) {
      risk = declared;
      riskFrom = 'form';
    } else if (declared > found) warn('FL5101', 'inspection.riskLevel', { declared: ['', 'Ⅰ级', 'Ⅱ级', 'Ⅲ级'][declared]!, catalogue: ['', 'Ⅰ级', 'Ⅱ级', 'Ⅲ级'][found]! });
  }
  if (riskFrom === 'undetermined' && inScope) {
    const args = { products: products.length ? products.join('、') : '（未填写）', catalogues: epoch.label || '无' };
    if (ir.riskLevelRequired) throw new Fail('FL5020', 'inspection.riskLevel', args);
    warn('FL5120', 'inspection.riskLevel', args);
  }

  const answers = obj(ins.answers, 'inspection.answers', inScope) ?? {};
  const { pass, naAnswer, missing } = readAnswers(rules, answers);

  const facts = readFacts(rules, obj(ent.facts, 'enterprise.facts', false) ?? {}, warn);

  const hist = obj(rec.history, 'history', false) ?? {};
  const prevText = text(hist.previousClass, 'history.previousClass', false);
  let prev = -1;
  if (prevText !== undefined && prevText !== '无') {
    const r = CLASS_RANK.get(prevText.replace(/类$/, ''));
    if (r === undefined) throw new Fail('FL5012', 'history.previousClass', { value: prevText });
    prev = r;
  }
  const prevDay = date(hist.previousReviewDate, 'history.previousReviewDate', false);
  if (prevDay !== undefined && prevDay > day) throw new Fail('FL5016', 'history.previousReviewDate', { value: String(hist.previousReviewDate) });
  const noPrevDate = prev >= 0 && prevDay === undefined;
  if (noPrevDate) warn('FL5107', 'history.previousReviewDate', { months: ir.review.periodMonths });

  // Most enterprises have no events: share one empty list rather than one per type.
  const events: number[][] = new Array<number[]>(ir.events.length).fill(NO_EVENTS);
  if (hist.events !== undefined && hist.events !== null) {
    if (!Array.isArray(hist.events)) throw new Fail('FL5003', 'history.events', { field: 'history.events', expected: '事件列表', expectedEn: 'a list of events' });
    hist.events.forEach((ev, i) => {
      const f = `history.events[${i}]`;
      const e = obj(ev, f, true)!;
      const type = text(e.type, `${f}.type`, true)!;
      const t = rules.event.get(type);
      if (t === undefined) throw new Fail('FL5008', `${f}.type`, { value: type, allowed: ir.events.map((x) => x.name).join('、') });
      const d = date(e.date, `${f}.date`, true)!;
      if (d > day) warn('FL5104', `${f}.date`, { value: String(e.date) });
      else if (events[t] === NO_EVENTS) events[t] = [d];
      else events[t]!.push(d);
    });
    for (const list of events) if (list.length > 1) list.sort((a, b) => a - b);
  }

  const reviewStart = prevDay ?? shiftBack(day, ir.review.periodMonths, 'month');
  const win = new Int32Array(ir.windows.length);
  ir.windows.forEach((w, i) => {
    win[i] = w.unit === 'review' ? reviewStart : shiftBack(day, w.amount, w.unit);
  });

  return { id, pass, naAnswer, missing, facts, events, day, risk, riskFrom, catalogue: epoch, prev, win, periodic, products, inScope, excludedProducts, warnings, noPrevDate, reviewStart };
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
function readAnswers(rules: RuleIndex, answers: Record<string, unknown>): AnswerBits {
  const bits = answerBits(rules, answers, false);
  if (bits !== undefined && Object.keys(answers).length === bits.present) return bits;
  checkAnswerKeys(rules, answers);
  return answerBits(rules, answers, true)!;
}

/** Bits of the items' answers; undefined at an answer that is no answer word. */
function answerBits(rules: RuleIndex, answers: Record<string, unknown>, ownOnly: boolean): AnswerBits | undefined {
  const words = rules.ir.words;
  const bits: AnswerBits = { pass: new Int32Array(words), naAnswer: new Int32Array(words), missing: new Int32Array(words), present: 0 };
  const { answerKeys, inherited } = rules;
  for (let i = 0; i < answerKeys.length; i++) {
    const key = answerKeys[i]!;
    // An id such as `constructor` is read only when the record has it itself.
    const v = ownOnly || inherited[i] ? own(answers, key as string) : (answers as Record<string | number, unknown>)[key];
    if (v !== undefined) bits.present++;
    if (v === undefined || v === null || v === '') {
      bits.missing[i >> 5] |= 1 << (i & 31);
      continue;
    }
    const a = readAnswer(v);
    if (a === PASS) bits.pass[i >> 5] |= 1 << (i & 31);
    else if (a === NOT_APPLICABLE) bits.naAnswer[i >> 5] |= 1 << (i & 31);
    else if (a !== FAIL) return undefined;
  }
  return bits;
}

/** The keys in their order: throws for the first that is no item or has an answer that is no answer word. */
function checkAnswerKeys(rules: RuleIndex, answers: Record<string, unknown>): void {
  for (const key of Object.keys(answers)) {
    if (!rules.item.has(key)) throw new Fail('FL5004', `inspection.answers.${key}`, { item: key });
    const v = own(answers, key);
    if (v === undefined || v === null || v === '') continue;
    const a = readAnswer(v);
    if (a !== PASS && a !== FAIL && a !== NOT_APPLICABLE) throw new Fail('FL5006', `inspection.answers.${key}`, { item: key, value: String(v) });
  }
}

function readFacts(rules: RuleIndex, given: Record<string, unknown>, warn: (c: RecordCode, f: string, a: Record<string, string | number>) => void): (boolean | number | string)[] {
  const out: (boolean | number | string)[] = [];
  rules.ir.facts.forEach((f, i) => {
    const field = `enterprise.facts.${f.name}`;
    let v = own(given, f.name);
    if (v === undefined || v === null || v === '') {
      if (f.default === null) throw new Fail('FL5011', field, { fact: f.name });
      out[i] = f.default;
      return;
    }
    if (f.type === 'bool') {
      if (typeof v === 'string') v = BOOL_WORDS.get(v.trim()) ?? v;
      if (typeof v !== 'boolean') throw new Fail('FL5010', field, { fact: f.name, value: String(v), expected: '是/否', expectedEn: 'true or false' });
    } else if (f.type === 'number') {
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) v = Number(v);
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Fail('FL5010', field, { fact: f.name, value: String(v), expected: '数值', expectedEn: 'a number' });
    } else if (typeof v !== 'string' || !f.values.includes(v.trim())) {
      throw new Fail('FL5010', field, { fact: f.name, value: String(v), expected: f.values.join('、'), expectedEn: f.values.join(', ') });
    } else {
      v = v.trim();
    }
    out[i] = v as boolean | number | string;
  });
  for (const k of Object.keys(given)) if (!rules.fact.has(k)) warn('FL5106', `enterprise.facts.${k}`, { fact: k });
  return out;
}
