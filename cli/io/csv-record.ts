// One register row → a record in the interchange format (docs/records.md).
import type { ColumnMap } from './register-columns.js';

export interface RowProblem {
  field: string;
  message: string;
}

const split = (s: string) => s.split(/[;；]/).map((x) => x.trim()).filter((x) => x !== '');

export function rowToRecord(cells: readonly string[], cols: ColumnMap): { record: Record<string, unknown> } | { problem: RowProblem } {
  const get = (k: keyof ColumnMap['fixed']): string | undefined => {
    const i = cols.fixed[k];
    const v = i === undefined ? undefined : cells[i]?.trim();
    return v === '' ? undefined : v;
  };
  const facts: Record<string, string> = {};
  for (const pair of split(get('facts') ?? '')) {
    const eq = pair.search(/[=＝]/);
    if (eq <= 0) return { problem: { field: 'facts', message: `企业信息“${pair}”应写成“名称=值”` } };
    facts[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  const events: { type: string; date: string }[] = [];
  for (const e of split(get('events') ?? '')) {
    const at = e.lastIndexOf('@');
    if (at <= 0) return { problem: { field: 'events', message: `事件“${e}”应写成“类型@YYYY-MM-DD”` } };
    events.push({ type: e.slice(0, at).trim(), date: e.slice(at + 1).trim() });
  }
  const answers: Record<string, string> = {};
  for (const [id, i] of cols.items) {
    const v = cells[i]?.trim();
    if (v) answers[id] = v;
  }
  const inspection: Record<string, unknown> = { date: get('date'), answers };
  const form = get('form');
  if (form) inspection.form = form;
  const risk = get('riskLevel');
  if (risk) inspection.riskLevel = risk;
  const history: Record<string, unknown> = { events };
  const prev = get('previousClass');
  if (prev) history.previousClass = prev;
  const prevDate = get('previousReviewDate');
  if (prevDate) history.previousReviewDate = prevDate;
  const enterprise: Record<string, unknown> = { name: get('name'), products: split(get('products') ?? '') };
  const credit = get('creditCode');
  if (credit) enterprise.creditCode = credit;
  const region = get('region');
  if (region) enterprise.region = region;
  if (Object.keys(facts).length) enterprise.facts = facts;
  return { record: { id: get('id'), enterprise, inspection, history } };
}
