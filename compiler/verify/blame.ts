// The provincial clauses responsible for a difference: the conditions, items, not-applicable
// conditions, review settings, events, risk modes, catalogue entries and exclusions of the
// province's own files that the two decisions part on.
import type { Decision, RuleSetIR } from '../../runtime/index.js';
import type { Origin, RuleSetModel } from '../model/types.js';
import type { Loc } from '../syntax/ast.js';
import type { Mapping, Situation } from './records.js';
import type { Clause } from './types.js';

import { CLASS_RANK as RANK, CONDITION_ORDER } from '../../runtime/classes.js';
import { riskLevelOf } from '../../runtime/risk-levels.js';

export interface BlameInput {
  model: RuleSetModel;
  nationalModel: RuleSetModel | null;
  P: RuleSetIR;
  N: RuleSetIR;
  mapping: Mapping;
  situation: Situation;
  naP: ArrayLike<number>;
  province: Decision;
  national: Decision;
}

const has = (bits: ArrayLike<number>, i: number) => ((bits[i >> 5]! >>> (i & 31)) & 1) === 1;

export function provinceFiles(model: RuleSetModel, nationalModel: RuleSetModel | null): Set<string> {
  const national = new Set((nationalModel?.files ?? []).map((f) => f.file));
  return new Set(model.files.map((f) => f.file).filter((f) => !national.has(f)));
}

export function blame(b: BlameInput): Clause[] {
  const { model, P, N, mapping, situation: s, province: dp, national: dn } = b;
  const own = provinceFiles(model, b.nationalModel);
  const out: Clause[] = [];
  const seen = new Set<string>();
  const lineOf = (file: string, offset: number) => (model.files.find((f) => f.file === file)?.lines.position(offset).line ?? 0) + 1;
  const add = (o: Origin | null | undefined, what: string, whatEn: string, loc?: Loc) => {
    if (!o || !own.has(o.file)) return;
    const l = loc ?? o.loc;
    const key = `${o.file}:${l.start}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ file: o.file, line: lineOf(o.file, l.start), start: l.start, end: l.end, range: model.files.find((f) => f.file === o.file)!.lines.range(l.start, l.end), what, whatEn });
  };
  const ast = model.files[model.files.length - 1]!;

  if (!dp.inScope || !dn.inScope) {
    for (const e of model.excluded) {
      const cats = s.products.products.flatMap((p) => [p, ...model.catalogues.map((c) => c.products.get(p)?.category ?? '')]);
      if (cats.includes(e.name)) add(e.from, `适用范围：不适用产品“${e.name}”（第二条）`, `scope: excluded '${e.name}' (Art. 2)`);
    }
    return out;
  }
  const aP = RANK[dp.assessedClass!]!;
  const aN = RANK[dn.assessedClass!]!;
  const diluting = { supplementary: [] as number[], refined: [] as number[] };
  if (aP !== aN) {
    // Classification conditions of the province that the provincial trace evaluated.
    // The conditions that let the province reach a class above the national one: those of the
    // classes from just above the national class up to the provincial one (and C's, when the
    // national class is C), as far as the provincial trace evaluated them.
    const clauses = new Set(dp.trace.filter((t) => t.step === 'condition' || t.step === 'class').map((t) => t.clause));
    for (const cls of CONDITION_ORDER) {
      const r = RANK[cls]!;
      if (aP > aN && !((r > aN && r <= aP) || (cls === 'C' && aN === 0))) continue;
      for (const c of model.classification[cls]) {
        if (!own.has(c.from.file) || !clauses.has(`${c.from.file}:${lineOf(c.from.file, c.from.loc.start)}`)) continue;
        add(c.from, `${cls}类条件${c.name ? `“${c.name}”` : ''}：${c.when.source.text}`, `class ${cls} condition${c.name ? ` '${c.name}'` : ''}: ${c.when.source.text}`, c.when.source.loc);
      }
    }
    const failing = new Set(s.failP);
    P.items.forEach((it, i) => {
      const m = model.items[i];
      if (!m) return;
      const j = mapping.natOf[i]!;
      const nat = j >= 0 ? N.items[j]! : null;
      if (failing.has(i) && nat && nat.directive && !it.directive) {
        const adj = ast.adjust?.find((a) => a.item?.value === it.id);
        if (adj) add({ file: ast.file, loc: adj.loc }, `调整：项目 ${it.id} 取消了指向型（★）`, `adjustment: item ${it.id} loses its ★`);
        else add(m.from, `项目 ${it.id} 细化★国家项目 ${nat.id}，但未设为指向型（★）`, `item ${it.id} refines ★ national item ${nat.id} but is not ★`);
      }
      if (has(b.naP, i)) {
        const na = m.notApplicableWhen;
        if (nat && na && mapping.subsOf[j]!.every((k) => has(b.naP, k))) {
          const adj = ast.adjust?.find((a) => a.item?.value === it.id && a.notApplicableWhen);
          const o = adj ? { file: ast.file, loc: adj.notApplicableWhen!.loc } : { file: na.file, loc: na.source.loc };
          add(o, `项目 ${it.id} 的不适用条件“${na.source.text}”使国家第${nat.id}项整体不评定`, `not-applicable condition of ${it.id} leaves national item ${nat.id} unassessed`);
        }
        return;
      }
      if (!nat) diluting.supplementary.push(i);
      else if (nat.id !== it.id) diluting.refined.push(i);
    });
  }
  if (aP > aN) {
    // Items that pass add to the denominator of the ratio (docs/interpretation.md: dilution), at most six of each kind.
    const show = (list: number[], zh: (id: string, nat: string) => string, en: (id: string) => string) => {
      list.slice(0, 6).forEach((i, k) => {
        const it = P.items[i]!;
        const nat = mapping.natOf[i]! >= 0 ? N.items[mapping.natOf[i]!]!.id : '';
        const more = k === 5 && list.length > 6 ? `（同类共 ${list.length} 项）` : '';
        add(model.items[i]!.from, zh(it.id, nat) + more, en(it.id));
      });
    };
    show(diluting.refined, (id, nat) => `细化项目 ${id}（国家第${nat}项的子项目；细化增加了通过率的分母）`, (id) => `sub-item ${id} (splitting dilutes the ratio)`);
    show(diluting.supplementary, (id) => `补充项目 ${id}（通过时也计入通过率的分母，稀释通过率）`, (id) => `supplementary item ${id} (dilutes the pass ratio)`);
  }
  const cP = RANK[dp.class!]!;
  const cN = RANK[dn.class!]!;
  if (cP - aP !== cN - aN) {
    const r = model.review;
    add(r.from, `动态调整（第二十一条）：最多上升 ${r.maxRise} 级，降级 ${r.triggerDrop} 级${r.firstCap ? `，首次评定上限 ${r.firstCap}` : ''}`, `review (Art. 21): maxRise ${r.maxRise}, triggerDrop ${r.triggerDrop}${r.firstCap ? `, firstCap ${r.firstCap}` : ''}`);
    for (const e of model.events) {
      const n = b.nationalModel?.events.find((x) => x.name === e.name);
      if (n && n.trigger !== e.trigger) add(e.from, `事件类型“${e.name}”${e.trigger ? '设为' : '不再是'}降级情形（第二十一条）`, `event '${e.name}' ${e.trigger ? 'made' : 'no longer'} a trigger (Art. 21)`);
    }
  }
  if (dp.class === dn.class && dp.mode !== dn.mode) {
    const lv = riskLevelOf(dp.riskLevel ?? 'Ⅲ级')!;
    const cls = dp.class!;
    add(model.riskModes[lv][cls].from, `风险调整（第二十条）：${dp.riskLevel}产品的${cls}类企业为${dp.mode}`, `risk modes (Art. 20): level ${dp.riskLevel} class ${cls} → ${dp.mode}`);
    add(model.classModes[cls].from, `类别监管方式（第十八条）：${cls}类为${model.classModes[cls].mode}`, `class modes (Art. 18): ${cls} → ${model.classModes[cls].mode}`);
    // A different level comes from a catalogue file of the province (第二十条), which is not a rule clause.
  }
  return out;
}
