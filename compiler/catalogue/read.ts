// A product catalogue file (第二十条; D6′) through the same front end as rule files:
// YAML → shape (the field table's catalogue root) → normalised tree → model.
import type { Diagnostic } from '../diagnostics/types.js';
import { Reporter } from '../diagnostics/make.js';
import { LineIndex } from '../source/line-index.js';
import { loadYaml } from '../source/load-yaml.js';
import { checkShape } from '../source/check-shape.js';
import { normalizeCatalogue } from '../syntax/normalize.js';
import type { CatalogueModel, ProductModel, RiskLevel } from '../model/types.js';

export interface ReadCatalogue {
  model?: CatalogueModel;
  diagnostics: Diagnostic[];
}

/** 地区 of the national catalogue (国家质检总局 publishes it, 第二十条). */
export const NATIONAL_REGION = '全国';

export function readCatalogue(file: string, text: string): ReadCatalogue {
  const r = new Reporter(file, new LineIndex(text));
  const doc = loadYaml(text, r);
  if (!doc || checkShape(doc, r, 'catalogueFile') === 'fatal') return { diagnostics: r.diagnostics };
  const ast = normalizeCatalogue(doc, file, text, r);
  const m = ast.meta;
  const products = new Map<string, ProductModel>();
  for (const p of ast.products ?? []) {
    if (!p.name || !p.level) continue;
    const name = p.name.value;
    if (products.has(name)) {
      r.report('FL2012', { what: '产品', whatEn: 'Product', name }, p.name.loc.start, p.name.loc.end);
      continue;
    }
    const level = (p.level.value === 'Ⅰ级' ? 1 : p.level.value === 'Ⅱ级' ? 2 : 3) as RiskLevel;
    products.set(name, { name, level, category: p.category?.value ?? null, from: { file, loc: p.loc } });
  }
  if (m?.effective && m.expires && m.expires.value <= m.effective.value) {
    r.report('FL2043', { effective: m.effective.value, expires: m.expires.value }, m.expires.loc.start, m.expires.loc.end);
  }
  if (r.diagnostics.some((d) => d.severity === 'error') || !m?.name || !m.region || !m.version || !m.effective) return { diagnostics: r.diagnostics };
  const model: CatalogueModel = {
    file,
    name: m.name.value,
    region: m.region.value,
    national: m.region.value === NATIONAL_REGION,
    version: m.version.value,
    effective: m.effective.value,
    expires: m.expires?.value ?? null,
    illustrative: m.illustrative?.value ?? false,
    description: m.description?.value ?? '',
    products,
    from: { file, loc: m.loc },
    ast,
  };
  return { model, diagnostics: r.diagnostics };
}
