// What the database needs to know of a submitted record before the rules see it: which
// enterprise (credit code, else name within its region), where, and on which day.
import { dayNumber, recordNotice, type RecordError } from '../../runtime/index.js';
import { REGION_CODE } from './regions.js';

export interface Identity {
  id: string;
  name: string;
  creditCode: string | null;
  region: string;
  date: string;
  products: unknown[];
  facts: Record<string, unknown>;
}

const CREDIT_CODE = /^[0-9A-Z]{18}$/;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

function problem(id: string, field: string, message: string, messageEn: string): RecordError {
  return { id, error: { code: 'FL5003', field, message, messageEn } };
}

export function identify(raw: unknown, position: number): Identity | RecordError {
  const r = (raw ?? {}) as { id?: unknown; enterprise?: Record<string, unknown>; inspection?: Record<string, unknown> };
  const id = str(r.id) || `#${position}`;
  const ent = r.enterprise && typeof r.enterprise === 'object' ? r.enterprise : {};
  const ins = r.inspection && typeof r.inspection === 'object' ? r.inspection : {};
  const name = str(ent.name);
  if (!name) return problem(id, 'enterprise.name', '缺少企业名称', 'enterprise name missing');
  const region = str(ent.region);
  if (!REGION_CODE.test(region)) return problem(id, 'enterprise.region', `信息系统中的企业须有6位行政区划代码（填写的是“${region}”）`, `the information system needs a 6-digit region code (got '${region}')`);
  const code = str(ent.creditCode).toUpperCase();
  if (code && !CREDIT_CODE.test(code)) return problem(id, 'enterprise.creditCode', `统一社会信用代码“${code}”不是18位数字或大写字母`, `credit code '${code}' is not 18 digits or capitals`);
  const date = str(ins.date);
  // The runtime's own code and words for a bad date, as fenlei eval reports the same row.
  if (Number.isNaN(dayNumber(date))) return { id, error: recordNotice('FL5007', 'inspection.date', { value: date }) };
  const products = Array.isArray(ent.products) ? ent.products : [];
  const facts = ent.facts && typeof ent.facts === 'object' && !Array.isArray(ent.facts) ? (ent.facts as Record<string, unknown>) : {};
  return { id, name, creditCode: code || null, region, date, products, facts };
}

/** An enterprise's key within a register: its credit code, else its name within its region. */
export const enterpriseKey = (who: Pick<Identity, 'creditCode' | 'region' | 'name'>) => (who.creditCode ? `#${who.creditCode}` : `${who.region}|${who.name}`);
