// The catalogue in force on a date (第二十条; D6′). Catalogue versions change on a few days
// only, so the time line is cut at those days once, when the rules are loaded: a record then
// finds its catalogues with one search and each product with one lookup.
import { dayNumber } from './dates.js';
import type { IrCatalogue, RuleSetIR } from './ir.js';

/** A catalogue a decision used, as the decision names it. */
export interface CatalogueUse {
  name: string;
  region: string;
  version: string;
}

export interface CatalogueEpoch {
  /** First day (day number) of this stretch of time; -Infinity for the first. */
  from: number;
  /** The versions in force, one per region at most (frozen, shared by the decisions). */
  used: readonly CatalogueUse[];
  /** What the readable list says, for traces and warnings. */
  label: string;
  /** file:line of the first version's metadata (the trace's clause); empty when none is in force. */
  src: string;
  /** Per product: the highest level among the versions in force (a region only raises, 第二十条). */
  levels: Map<string, { level: 1 | 2 | 3; category: string | null }>;
}

const day = (text: string | null, none: number) => {
  const d = text ? dayNumber(text) : NaN;
  return Number.isNaN(d) ? none : d;
};

export function catalogueText(c: Pick<IrCatalogue, 'name' | 'region' | 'version' | 'effective' | 'illustrative'>): string {
  return `${c.name}（${c.region}，版本 ${c.version}，${c.effective} 起施行${c.illustrative ? '；示例目录，不是正式发布的目录' : ''}）`;
}

export function catalogueEpochs(ir: Pick<RuleSetIR, 'catalogues'>): CatalogueEpoch[] {
  const spans = ir.catalogues.map((c) => ({ c, from: day(c.effective, -Infinity), to: day(c.expires, Infinity) }));
  const cuts = [...new Set(spans.flatMap((s) => [s.from, s.to]).filter((d) => Number.isFinite(d)))].sort((a, b) => a - b);
  return [-Infinity, ...cuts].map((from) => {
    // Per region the latest version that has taken effect and not expired on `from`.
    const byRegion = new Map<string, (typeof spans)[number]>();
    for (const s of spans) {
      if (s.from > from || s.to <= from) continue;
      const prev = byRegion.get(s.c.region);
      if (!prev || prev.from < s.from) byRegion.set(s.c.region, s);
    }
    // National first, then the regions in the order the rules list them.
    const chosen = [...byRegion.values()].sort((a, b) => Number(b.c.national) - Number(a.c.national));
    const levels = new Map<string, { level: 1 | 2 | 3; category: string | null }>();
    for (const { c } of chosen) {
      for (const p of c.products) {
        const prev = levels.get(p.name);
        if (!prev || p.level < prev.level) levels.set(p.name, { level: p.level, category: p.category ?? prev?.category ?? null });
      }
    }
    const used = Object.freeze(chosen.map(({ c }) => Object.freeze({ name: c.name, region: c.region, version: c.version })));
    return { from, used, label: chosen.map(({ c }) => catalogueText(c)).join('；'), src: chosen[0]?.c.src ?? '', levels };
  });
}

/**
 * The stretch of time a day falls in: the last of `stretches` (sorted by `from`, the first from
 * -Infinity) whose `from` is not after `d`. Catalogue epochs and rule versions (D6′, D10) share it.
 */
export function stretchAt<T extends { from: number }>(stretches: readonly T[], d: number): T {
  let lo = 0;
  let hi = stretches.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (stretches[mid]!.from <= d) lo = mid;
    else hi = mid - 1;
  }
  return stretches[lo]!;
}

/** Every product any version names, with its highest level (for drop-down lists and the verifier's probes). */
export function catalogueProducts(ir: Pick<RuleSetIR, 'catalogues'>): { name: string; level: 1 | 2 | 3; category: string | null }[] {
  const out = new Map<string, { name: string; level: 1 | 2 | 3; category: string | null }>();
  for (const c of ir.catalogues) for (const p of c.products) if (!out.has(p.name) || out.get(p.name)!.level > p.level) out.set(p.name, { ...p });
  return [...out.values()];
}
