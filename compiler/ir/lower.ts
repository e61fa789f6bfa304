// Stage 6: the merged model → IR, the plain-JSON form the runtime evaluates.
import type { Linked } from '../model/build.js';
import type { CatalogueModel, ItemModel, Origin } from '../model/types.js';
import type { ClassName, IrCatalogue, IrCondition, IrItem, RuleSetIR } from '../../runtime/ir.js';
import type { LineIndex } from '../source/line-index.js';
import { CONDITION_ORDER } from '../../runtime/classes.js';

export function lower({ model, scope }: Linked): RuleSetIR {
  const linesOf = new Map<string, LineIndex>(model.files.map((f) => [f.file, f.lines]));
  const src = (o: Origin | null): string => (o ? `${o.file}:${(linesOf.get(o.file)?.position(o.loc.start).line ?? 0) + 1}` : '');
  const itemsSrc = () => {
    const f = [...model.files].reverse().find((x) => x.keys.items);
    return f ? src({ file: f.file, loc: f.keys.items! }) : src(model.meta.from);
  };
  const words = Math.max(1, Math.ceil(model.items.length / 32));
  const mask = (indices: readonly number[]) => {
    const w = new Array<number>(words).fill(0);
    for (const i of indices) w[i >> 5] = (w[i >> 5]! | (1 << (i & 31))) >>> 0;
    return w;
  };
  const classification = {} as Record<ClassName, IrCondition[]>;
  for (const cls of CONDITION_ORDER) {
    classification[cls] = model.classification[cls].map((c) => ({
      name: c.name,
      text: c.when.source.text,
      when: c.when.ir,
      article: c.article,
      src: src(c.from),
    }));
  }
  const srcOf = (r: Record<ClassName, { from: Origin | null }>) => ({ AA: src(r.AA.from), A: src(r.A.from), B: src(r.B.from), C: src(r.C.from) });
  const modeOf = (r: Record<ClassName, { mode: RuleSetIR['classModes']['A'] }>) => ({ AA: r.AA.mode, A: r.A.mode, B: r.B.mode, C: r.C.mode });
  return {
    format: 'fenlei-ir/1',
    meta: {
      name: model.meta.name,
      region: model.meta.region,
      version: model.meta.version,
      effective: model.meta.effective,
      expires: model.meta.expires,
      base: model.meta.base,
      baseVersion: model.meta.baseVersion,
      src: src(model.meta.from),
    },
    itemsSrc: itemsSrc(),
    items: model.items.map((it) => irItem(it, src)),
    sets: scope.sets.map(mask),
    words,
    windows: scope.windows,
    facts: model.facts.map((f) => ({ name: f.name, en: f.en, type: f.type, values: f.values, default: f.default ?? null })),
    events: model.events.map((e) => ({ name: e.name, en: e.en, trigger: e.trigger, article: e.article })),
    classification,
    classModes: modeOf(model.classModes),
    riskModes: ([1, 2, 3] as const).map((lv) => modeOf(model.riskModes[lv])),
    modeSrc: {
      classModes: srcOf(model.classModes),
      riskModes: ([1, 2, 3] as const).map((lv) => srcOf(model.riskModes[lv])),
    },
    measures: Object.fromEntries(
      Object.entries(model.modes).map(([name, m]) => [name, m.measures.map((x) => ({ text: x.text, article: x.article, src: src(x.from) }))]),
    ) as RuleSetIR['measures'],
    review: {
      periodMonths: model.review.periodMonths,
      maxRise: model.review.maxRise,
      triggerDrop: model.review.triggerDrop,
      firstCap: model.review.firstCap,
      src: src(model.review.from),
    },
    excluded: model.excluded.map((e) => e.name),
    scopeTable: model.scopeTable.map((c) => ({ category: c.category, source: c.source, names: c.names })),
    scopeSrc: src(model.excluded[0]?.from ?? null),
    catalogues: model.catalogues.map(irCatalogue),
    riskLevelRequired: model.riskLevelRequired.value,
  };
}

/** An item as the runtime reads it: its expressions compiled, each with its clause (file:line). */
function irItem(it: ItemModel, src: (o: Origin | null) => string): IrItem {
  return {
    id: it.id,
    text: it.text,
    pair: it.pair,
    directive: it.directive,
    article: it.article,
    methods: it.methods,
    origin: it.origin,
    nationalId: it.nationalId,
    na: it.notApplicableWhen?.ir ?? null,
    check: it.crossCheck ? { when: it.crossCheck.ir, text: it.crossCheck.source.text } : null,
    ...(it.verifyAssumption ? { assume: { text: it.verifyAssumption.text, src: src(it.verifyAssumption.from) } } : {}),
    failsWhen: it.failsWhen ? { when: it.failsWhen.ir, text: it.failsWhen.source.text, src: src({ file: it.failsWhen.file, loc: it.failsWhen.source.loc }) } : null,
    passesWhen: it.passesWhen ? { when: it.passesWhen.ir, text: it.passesWhen.source.text, src: src({ file: it.passesWhen.file, loc: it.passesWhen.source.loc }) } : null,
    src: src(it.from),
  };
}

/** One catalogue version as the runtime reads it: metadata, the line of its metadata, its products. */
function irCatalogue(c: CatalogueModel): IrCatalogue {
  return {
    name: c.name,
    region: c.region,
    national: c.national,
    version: c.version,
    effective: c.effective,
    expires: c.expires,
    illustrative: c.illustrative,
    src: `${c.file}:${c.ast.lines.position((c.ast.keys.meta ?? c.from.loc).start).line + 1}`,
    products: [...c.products.values()].map((p) => ({ name: p.name, level: p.level, category: p.category })),
  };
}
