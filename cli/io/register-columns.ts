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
  { key: 'facts', zh: '企业信息', aliases: [], note: '规则要求的企业信息，写成“名称=值”，多个用“；”分隔（也可以每项一列，列名为信息名称）' },
  { key: 'date', zh: '检查日期', aliases: ['监督检查日期'], note: '本次监督检查的日期（必填），如 2025-03-18' },
  { key: 'form', zh: '监督检查形式', aliases: ['检查形式'], note: '定期监督检查、专项监督检查或回访；空着按定期监督检查' },
  { key: 'riskLevel', zh: '风险等级', aliases: ['风险程度'], note: '检查人员认定的综合风险等级（Ⅰ级、Ⅱ级、Ⅲ级）；空着按产品目录取最高者' },
  { key: 'previousClass', zh: '上次类别', aliases: ['上次分类'], note: '上次评定的类别（AA、A、B、C）；首次评定写“无”或空着' },
  { key: 'previousReviewDate', zh: '上次评定日期', aliases: [], note: '上次评定的日期' },
  { key: 'events', zh: '事件', aliases: ['降级情形'], note: '上次评定以来的事件，写成“类型@日期”，多个用“；”分隔，如“抽查不合格@2025-01-05”' },
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
  const s: RegisterSchema = Array.isArray(schema) ? { itemIds: schema as readonly string[] } : (schema as RegisterSchema);
  const ids = new Set(s.itemIds);
  const facts = new Set(s.factNames ?? []);
  const map: ColumnMap = { fixed: {}, items: new Map(), facts: new Map(), extra: [], missingItems: [] };
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
    if (!map.extra.includes(h)) map.extra.push(h);
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
