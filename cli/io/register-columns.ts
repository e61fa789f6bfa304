// Register columns: the fixed enterprise/inspection/history columns (English or Chinese
// headers), one column per item id, and optionally one column per enterprise fact.
// Matched by header, so the order of the columns does not matter.
import type { RuleSetIR } from '../../runtime/ir.js';

export const FIXED_COLUMNS = [
  { key: 'id', zh: '编号', aliases: ['企业编号', '记录编号'], note: '企业在登记表中的唯一编号（必填）' },
  { key: 'name', zh: '企业名称', aliases: ['单位名称'], note: '营业执照上的企业名称（必填）' },
  { key: 'creditCode', zh: '统一社会信用代码', aliases: ['信用代码'], note: '18位统一社会信用代码' },
  { key: 'region', zh: '行政区划代码', aliases: ['区划代码', '行政区划'], note: '企业所在地的行政区划代码（6位），报告按前4位（市）、前6位（县）汇总' },
  { key: 'products', zh: '主要产品', aliases: ['产品类别', '产品'], note: '主要产品名称，多个用“；”分隔，名称按重点工业产品质量监督目录填写' },
  { key: 'productCategories', zh: '产品所属类别', aliases: ['申报类别'], note: '可选：申报产品所属类别，写成“产品=类别”，多个用“；”分隔；类别为第二条的不适用类别（特种设备、计量器具、食品、食品添加剂、食品相关产品、化妆品）或“工业产品”（适用本办法）' },
  { key: 'address', zh: '住所/生产地址', aliases: ['住所', '生产地址'], note: '检查表的住所/生产地址（只作记录）' },
  { key: 'legalRepresentative', zh: '法定代表人', aliases: ['法人代表'], note: '检查表的法人代表（只作记录）' },
  { key: 'productionLicenceNo', zh: '生产许可证书', aliases: ['生产许可证编号', '生产许可证号'], note: '检查表的生产许可证书编号（只作记录；是否持证填企业信息“持有生产许可证”）' },
  { key: 'cccCertificateNo', zh: '强制性认证证书', aliases: ['CCC证书', '强制性产品认证证书'], note: '检查表的强制性认证证书编号（只作记录）' },
  { key: 'facts', zh: '企业信息', aliases: [], note: '规则要求的企业信息，写成“名称=值”，多个用“；”分隔（也可以每项一列，列名为信息名称）' },
  { key: 'date', zh: '检查日期', aliases: ['监督检查日期'], note: '本次监督检查的日期（必填），如 2025-03-18' },
  { key: 'form', zh: '监督检查形式', aliases: ['检查形式'], note: '定期监督检查、专项监督检查或回访；空着按定期监督检查' },
  { key: 'riskLevel', zh: '风险等级', aliases: ['风险程度'], note: '检查人员认定的综合风险等级（Ⅰ级、Ⅱ级、Ⅲ级）；空着按产品目录取最高者' },
  { key: 'previousClass', zh: '上次类别', aliases: ['上次分类'], note: '上次评定的类别（AA、A、B、C）；首次评定写“无”或空着。有上次类别而项目答案全部空着时，按第二十一条只作动态调整（解释 D11）' },
  { key: 'previousReviewDate', zh: '上次评定日期', aliases: [], note: '上次评定的日期' },
  { key: 'events', zh: '事件', aliases: ['降级情形'], note: '近3年的事件，写成“类型@日期”，抽查不合格再写级别“类型@日期@级别”（国家、省级、市级、县级），多个用“；”分隔，如“抽查不合格@2025-01-05@省级”' },
] as const;

export type FixedKey = (typeof FIXED_COLUMNS)[number]['key'];

export interface ColumnMap {
  fixed: Partial<Record<FixedKey, number>>;
  /** Item id → column index. */
  items: Map<string, number>;
  /** Fact name → column index (a fact given in a column of its own). */
  facts: Map<string, number>;
  /** Columns that are none of these (ignored, reported once). */
  extra: string[];
  /** Item ids that have no column. */
  missingItems: string[];
  /** The header cells as the register writes them (cleaned of spaces), by column index. */
  headers: string[];
}

/** What a register is matched against: the rule set's item ids and fact names. */
export interface RegisterSchema {
  itemIds: readonly string[];
  factNames?: readonly string[];
}

/** The columns a register may have for these rule sets (several versions: every item and fact any of them has). */
export function registerSchema(irs: readonly Pick<RuleSetIR, 'items' | 'facts'>[]): RegisterSchema {
  return {
    itemIds: [...new Set(irs.flatMap((ir) => ir.items.map((i) => i.id)))],
    factNames: [...new Set(irs.flatMap((ir) => ir.facts.map((f) => f.name)))],
  };
}

/** Excel's own limit (column XFD); a register past it is damaged or hostile, and is refused before any mapping. */
export const MAX_COLUMNS = 16_384;

export class TooManyColumns extends Error {}

/** Column letters of a 1-based column number (1 → A, 16385 → XFE). */
export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

function checkWidth(header: readonly string[]): void {
  if (header.length <= MAX_COLUMNS) return;
  const first = headerText(String(header[MAX_COLUMNS] ?? '')).slice(0, 40);
  const col = columnLetters(MAX_COLUMNS + 1);
  throw new TooManyColumns(
    `登记表一行有 ${header.length} 列，超过上限 ${MAX_COLUMNS} 列（Excel 的最大列数）；第 ${MAX_COLUMNS + 1} 列（${col} 列${first ? `，“${first}”` : ''}）起超出` +
      ` / ${header.length} columns in a row, more than ${MAX_COLUMNS}; column ${col} is over the limit`,
  );
}

const MARKS = /^[★☆*＊\s]+|[★☆*＊\s]+$/g;

/** Cleans a header cell: BOM, spaces, line breaks, ★ marks. */
export function headerText(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\s+/g, ' ').trim();
}

function fixedKey(header: string): FixedKey | undefined {
  // Our own bilingual headers: “编号 id”.
  const both = /^(\S+)\s+([A-Za-z]+)$/.exec(header);
  const h = both && FIXED_COLUMNS.some((c) => c.zh === both[1] && c.key === both[2]) ? both[1]! : header;
  const lower = h.toLowerCase();
  for (const c of FIXED_COLUMNS) {
    if (c.key.toLowerCase() === lower || c.zh === h || (c.aliases as readonly string[]).includes(h)) return c.key;
  }
  return undefined;
}

/**
 * Item columns may be headed by the id alone, `第N项`, `N 项目内容…`, `N、项目内容…` (the national
 * form's style), with or without ★ or *.
 */
function itemId(h: string, ids: Set<string>): string | undefined {
  const t = h.replace(MARKS, '');
  if (ids.has(t)) return t;
  const m = /^第(.+?)项/.exec(t) ?? /^([^\s、.．:：]+(?:\.\d+)*)[\s、．:：]/.exec(t);
  if (m) {
    const id = m[1]!.replace(MARKS, '');
    if (ids.has(id)) return id;
  }
  return undefined;
}

export function mapColumns(header: readonly string[], schema: RegisterSchema | readonly string[]): ColumnMap {
  checkWidth(header);
  const s: RegisterSchema = Array.isArray(schema) ? { itemIds: schema as readonly string[] } : (schema as RegisterSchema);
  const ids = new Set(s.itemIds);
  const facts = new Set(s.factNames ?? []);
  const map: ColumnMap = { fixed: {}, items: new Map(), facts: new Map(), extra: [], missingItems: [], headers: header.map((raw) => headerText(raw ?? '')) };
  // A set beside the list: looking each unknown column up in the list made 160,000 of them take 56 s.
  const extra = new Set<string>();
  header.forEach((raw, i) => {
    const h = headerText(raw ?? '');
    if (h === '') return;
    const fixed = fixedKey(h);
    if (fixed && map.fixed[fixed] === undefined) {
      map.fixed[fixed] = i;
      return;
    }
    const id = itemId(h, ids);
    if (id !== undefined && !map.items.has(id)) {
      map.items.set(id, i);
      return;
    }
    const fact = h.replace(/^企业信息[.:：·]/, '');
    if (facts.has(fact) && !map.facts.has(fact)) {
      map.facts.set(fact, i);
      return;
    }
    if (!extra.has(h)) {
      extra.add(h);
      map.extra.push(h);
    }
  });
  map.missingItems = s.itemIds.filter((id) => !map.items.has(id));
  return map;
}

/** How much a row looks like a header: used to skip title rows above it. */
export function looksLikeHeader(cells: readonly string[], schema: RegisterSchema): boolean {
  const m = mapColumns(cells, schema);
  const fixed = Object.keys(m.fixed).length;
  return (fixed >= 1 && fixed + m.items.size + m.facts.size >= 2) || m.items.size >= Math.max(2, Math.ceil(schema.itemIds.length / 2));
}

export const FIELD_KEYS: Record<string, FixedKey> = {
  id: 'id',
  'enterprise.name': 'name',
  'enterprise.creditCode': 'creditCode',
  'enterprise.region': 'region',
  'enterprise.products': 'products',
  'enterprise.facts': 'facts',
  'inspection.date': 'date',
  'inspection.form': 'form',
  'inspection.riskLevel': 'riskLevel',
  'history.previousClass': 'previousClass',
  'history.previousReviewDate': 'previousReviewDate',
  'history.events': 'events',
};

/** The register column a record field was read from, as its header says (`★1`, `上次类别`), or undefined. */
export function columnIndexOf(cols: ColumnMap, field: string): number | undefined {
  if (field.startsWith('inspection.answers.')) return cols.items.get(field.slice('inspection.answers.'.length));
  if (field.startsWith('enterprise.facts.')) return cols.facts.get(field.slice('enterprise.facts.'.length)) ?? cols.fixed.facts;
  const base = field.replace(/\[\d+\].*$/, '');
  const key = FIELD_KEYS[base];
  return key === undefined ? undefined : cols.fixed[key];
}

export function columnOf(cols: ColumnMap, field: string): string | undefined {
  const i = columnIndexOf(cols, field);
  return i === undefined ? undefined : cols.headers[i];
}
