import type { Check } from './check.js';
import { Reporter } from '../diagnostics/make.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { RISK_LEVEL_NAME } from '../../runtime/risk-levels.js';
import type { CatalogueModel } from '../model/types.js';

/** Triggers stay triggers (第二十一条). */
export const catalogue: Check = {
  codes: ['FL3007'],
  run({ model, base, ast, reporter, at }) {
    for (const e of model.events) {
      if (!e.trigger && base.events.some((b) => b.name === e.name && b.trigger)) {
        const node = ast.events?.find((x) => x.name?.value === e.name);
        const l = node?.trigger?.loc ?? at(e.from);
        reporter.report('FL3007', { name: e.name }, l.start, l.end);
      }
    }
  },
};

const overlaps = (a: CatalogueModel, b: CatalogueModel) => (a.expires === null || b.effective < a.expires) && (b.expires === null || a.effective < b.expires);

/**
 * The catalogues a rule set uses, together (第二十条): a region adds Level Ⅰ and Ⅱ products only
 * (FL3025) and never lowers a level of a national catalogue in force at the same time (FL3008);
 * two versions of one region taking effect the same day leave the version in force unknown (FL2041).
 * Reported in the catalogue files themselves.
 */
export function checkCatalogues(catalogues: readonly CatalogueModel[]): Diagnostic[] {
  const reporters = new Map<string, Reporter>();
  const reporter = (c: CatalogueModel) => {
    let r = reporters.get(c.file);
    if (!r) reporters.set(c.file, (r = new Reporter(c.file, c.ast.lines)));
    return r;
  };
  const seen = new Set<CatalogueModel>();
  catalogues.forEach((c, i) => {
    if (seen.has(c)) return;
    seen.add(c);
    const twin = catalogues.slice(0, i).find((o) => o !== c && o.region === c.region && o.effective === c.effective);
    if (twin) {
      const l = c.ast.meta?.effective?.loc ?? c.from.loc;
      reporter(c).report('FL2041', { region: c.region, date: c.effective, version: c.version, other: twin.version }, l.start, l.end);
    }
    if (c.national) return;
    for (const p of c.products.values()) {
      const node = c.ast.products?.find((x) => x.name?.value === p.name);
      const l = node?.level?.loc ?? p.from.loc;
      if (p.level === 3) {
        reporter(c).report('FL3025', { name: p.name }, l.start, l.end);
        continue;
      }
      for (const n of catalogues) {
        const nl = n.national && overlaps(n, c) ? n.products.get(p.name)?.level : undefined;
        if (nl !== undefined && p.level > nl) {
          reporter(c).report('FL3008', { name: p.name, level: RISK_LEVEL_NAME[p.level], national: RISK_LEVEL_NAME[nl], catalogue: `${n.name} ${n.version}` }, l.start, l.end);
          break;
        }
      }
    }
  });
  return [...reporters.values()].flatMap((r) => r.diagnostics);
}
