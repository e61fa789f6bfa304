// Register columns: the fixed enterprise/inspection/history columns (English or Chinese
// headers) followed by one column per item id. Order does not matter.

export const FIXED_COLUMNS = [
  { key: 'id', zh: '编号' },
  { key: 'name', zh: '企业名称' },
  { key: 'creditCode', zh: '统一社会信用代码' },
  { key: 'region', zh: '行政区划代码' },
  { key: 'products', zh: '主要产品' },
  { key: 'facts', zh: '企业信息' },
  { key: 'date', zh: '检查日期' },
  { key: 'form', zh: '监督检查形式' },
  { key: 'riskLevel', zh: '风险等级' },
  { key: 'previousClass', zh: '上次类别' },
  { key: 'previousReviewDate', zh: '上次评定日期' },
  { key: 'events', zh: '事件' },
] as const;

export type FixedKey = (typeof FIXED_COLUMNS)[number]['key'];

export interface ColumnMap {
  fixed: Partial<Record<FixedKey, number>>;
  /** Item id → column index. */
  items: Map<string, number>;
  /** Columns that are neither (ignored, reported once). */
  extra: string[];
}

/** Item columns may be headed by the id alone, `第N项`, or `N 项目内容…` (id then a space). */
export function mapColumns(header: readonly string[], itemIds: readonly string[]): ColumnMap {
  const ids = new Set(itemIds);
  const map: ColumnMap = { fixed: {}, items: new Map(), extra: [] };
  header.forEach((raw, i) => {
    const h = raw.replace(/^\uFEFF/, '').trim();
    const fixed = FIXED_COLUMNS.find((c) => c.key === h || c.zh === h);
    if (fixed) {
      map.fixed[fixed.key] = i;
      return;
    }
    const m = /^第(.+)项$/.exec(h) ?? /^(\S+)\s/.exec(h);
    const id = ids.has(h) ? h : m && ids.has(m[1]!) ? m[1]! : undefined;
    if (id !== undefined) map.items.set(id, i);
    else if (h !== '') map.extra.push(h);
  });
  return map;
}
