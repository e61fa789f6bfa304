// One register row → a record in the interchange format (docs/records.md).
import { answerKey } from '../../runtime/prepare.js';
import type { ColumnMap } from './register-columns.js';

export interface RowProblem {
  field: string;
  message: string;
  messageEn: string;
}

const LIST_SEPS = /[;；\n]/;
function split(s: string, seps = LIST_SEPS): string[] {
  if (s === '') return [];
  const out: string[] = [];
  for (const x of s.split(seps)) {
    const t = x.trim();
    if (t !== '') out.push(t);
  }
  return out;
}
/** Product lists are also written with 、 or commas. */
const PRODUCT_SEPS = /[;；、，,\n]/;

const DATE_FORMS = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T](?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?)?$/;

/**
 * Dates as people type them in Excel on Chinese Windows (2025/3/8, 2025-3-8, 2025.3.8,
 * 2025年3月8日, with or without a valid time: T25:00 is not one) → 2025-03-08. Anything else is left for the
 * record check to report.
 */
export function normalizeDate(text: string): string {
  // Fast path: already YYYY-MM-DD.
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) return text;
  const m = DATE_FORMS.exec(text.trim());
  if (!m) return text;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** Column indices laid out once per register (the rows are many). */
interface Plan {
  id: number;
  name: number;
  creditCode: number;
  region: number;
  products: number;
  facts: number;
  productCategories: number;
  header: [keyof import('../../runtime/index.js').EnterpriseRecord['enterprise'], number][];
  date: number;
  form: number;
  riskLevel: number;
  previousClass: number;
  previousReviewDate: number;
  events: number;
  /** Item ids as answer keys (a number for an id like "6": see answerKey). */
  itemKeys: (string | number)[];
  itemCols: number[];
  factNames: string[];
  factCols: number[];
}

const plans = new WeakMap<ColumnMap, Plan>();

function planOf(cols: ColumnMap): Plan {
  let p = plans.get(cols);
  if (p) return p;
  const f = (k: keyof ColumnMap['fixed']) => cols.fixed[k] ?? -1;
  p = {
    id: f('id'),
    name: f('name'),
    creditCode: f('creditCode'),
    region: f('region'),
    products: f('products'),
    facts: f('facts'),
    productCategories: f('productCategories'),
    header: (['address', 'legalRepresentative', 'productionLicenceNo', 'cccCertificateNo'] as const).map((k) => [k, f(k)] as [typeof k, number]).filter(([, i]) => i >= 0),
    date: f('date'),
    form: f('form'),
    riskLevel: f('riskLevel'),
    previousClass: f('previousClass'),
    previousReviewDate: f('previousReviewDate'),
    events: f('events'),
    itemKeys: [...cols.items.keys()].map(answerKey),
    itemCols: [...cols.items.values()],
    factNames: [...cols.facts.keys()],
    factCols: [...cols.facts.values()],
  };
  plans.set(cols, p);
  return p;
}

/** The trimmed cell, or undefined when there is none or it is empty. */
function cell(cells: readonly string[], i: number): string | undefined {
  if (i < 0) return undefined;
  const c = cells[i];
  if (c === undefined || c === '') return undefined;
  const v = c.trim();
  return v === '' ? undefined : v;
}

function products(text: string | undefined): string[] {
  if (text === undefined) return [];
  return PRODUCT_SEPS.test(text) ? split(text, PRODUCT_SEPS) : [text];
}

/** Keys from a register (a fact named `__proto__`) stay data: no prototype to set or read. */
const nullObject = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/**
 * A row as a record. Cells that cannot be read as their column says (a 企业信息 pair without
 * `=`, an event without `@date`) are left out of the record and listed as problems, so that the
 * rest of the row is still read, checked and named in the error (every problem of a row at once).
 */
export function rowToRecord(cells: readonly string[], cols: ColumnMap): { record: Record<string, unknown>; problems?: RowProblem[] } {
  const p = planOf(cols);
  let problems: RowProblem[] | undefined;
  let facts: Record<string, string> | undefined;
  const factText = cell(cells, p.facts);
  if (factText !== undefined) {
    for (const pair of split(factText)) {
      const eq = pair.search(/[=＝]/);
      if (eq <= 0) (problems ??= []).push({ field: 'enterprise.facts', message: `企业信息“${pair}”应写成“名称=值”`, messageEn: `Enterprise fact '${pair}' should be written name=value` });
      else (facts ??= nullObject())[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
  }
  for (let k = 0; k < p.factCols.length; k++) {
    const v = cell(cells, p.factCols[k]!);
    if (v !== undefined) (facts ??= nullObject())[p.factNames[k]!] = v;
  }
  let categories: Record<string, string> | undefined;
  for (const pair of split(cell(cells, p.productCategories) ?? '')) {
    const eq = pair.search(/[=＝]/);
    if (eq <= 0) (problems ??= []).push({ field: 'enterprise.productCategories', message: `产品所属类别“${pair}”应写成“产品=类别”`, messageEn: `Product category '${pair}' should be written product=category` });
    else (categories ??= nullObject())[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  const events: { type: string; date: string; level?: string }[] = [];
  const eventText = cell(cells, p.events);
  if (eventText !== undefined) {
    for (const e of split(eventText)) {
      // 类型@日期, or 类型@日期@级别 for a sampling failure.
      const parts = e.split(/[@＠]/).map((x) => x.trim());
      if (parts.length < 2 || parts.length > 3 || parts[0] === '') {
        (problems ??= []).push({ field: 'history.events', message: `事件“${e}”应写成“类型@YYYY-MM-DD”或“类型@YYYY-MM-DD@级别”`, messageEn: `Event '${e}' should be written type@YYYY-MM-DD or type@YYYY-MM-DD@level` });
        continue;
      }
      const ev: { type: string; date: string; level?: string } = { type: parts[0]!, date: normalizeDate(parts[1]!) };
      if (parts[2]) ev.level = parts[2];
      events.push(ev);
    }
  }
  const answers: Record<string | number, string> = nullObject();
  for (let k = 0; k < p.itemCols.length; k++) {
    const v = cell(cells, p.itemCols[k]!);
    if (v !== undefined) answers[p.itemKeys[k]!] = v;
  }
  const date = cell(cells, p.date);
  const inspection: Record<string, unknown> = { date: date === undefined ? undefined : normalizeDate(date), answers };
  const form = cell(cells, p.form);
  if (form !== undefined) inspection.form = form;
  const risk = cell(cells, p.riskLevel);
  if (risk !== undefined) inspection.riskLevel = risk;
  const history: Record<string, unknown> = { events };
  const prev = cell(cells, p.previousClass);
  if (prev !== undefined) history.previousClass = prev;
  const prevDate = cell(cells, p.previousReviewDate);
  if (prevDate !== undefined) history.previousReviewDate = normalizeDate(prevDate);
  const enterprise: Record<string, unknown> = { name: cell(cells, p.name), products: products(cell(cells, p.products)) };
  const credit = cell(cells, p.creditCode);
  if (credit !== undefined) enterprise.creditCode = credit;
  const region = cell(cells, p.region);
  if (region !== undefined) enterprise.region = region;
  if (facts) enterprise.facts = facts;
  if (categories) enterprise.productCategories = categories;
  for (const [k, i] of p.header) {
    const v = cell(cells, i);
    if (v !== undefined) enterprise[k] = v;
  }
  const record = { id: cell(cells, p.id), enterprise, inspection, history };
  return problems ? { record, problems } : { record };
}

/** The header of a register for these items (fixed columns in Chinese, then one column per item). */
export function registerHeader(itemIds: readonly string[]): string[] {
  return ['编号', '企业名称', '统一社会信用代码', '行政区划代码', '主要产品', '企业信息', '检查日期', '监督检查形式', '风险等级', '上次类别', '上次评定日期', '事件', ...itemIds];
}

/** The inverse of rowToRecord: a record as a row under registerHeader (used to make registers); lists joined by `separator`. */
export function recordToCells(rec: import('../../runtime/index.js').EnterpriseRecord, itemIds: readonly string[], separator = '；'): string[] {
  const e = rec.enterprise;
  const facts = Object.entries(e.facts ?? {})
    .map(([k, v]) => `${k}=${typeof v === 'boolean' ? (v ? '是' : '否') : String(v)}`)
    .join(separator);
  const h = rec.history ?? {};
  return [
    rec.id,
    e.name,
    e.creditCode ?? '',
    e.region ?? '',
    (e.products ?? []).join(separator),
    facts,
    rec.inspection.date,
    rec.inspection.form ?? '',
    rec.inspection.riskLevel === undefined ? '' : String(rec.inspection.riskLevel),
    h.previousClass ?? '',
    h.previousReviewDate ?? '',
    (h.events ?? []).map((x) => `${x.type}@${x.date}${x.level ? `@${x.level}` : ''}`).join(separator),
    ...itemIds.map((id) => rec.inspection.answers[id] ?? ''),
  ];
}
