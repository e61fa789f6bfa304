// The provincial clauses that may explain a difference: the conditions, items, not-applicable
// conditions, review settings, events, risk modes, catalogue entries and exclusions of the
// province's own files that the two decisions part on — each with the repair that undoes it
// (compiler/verify/causes.ts ranks them by what that repair does to the counterexample).
import { answerText, type Decision, type EnterpriseRecord, type IrCatalogue, type IrExpr, type RuleSetIR } from '../../runtime/index.js';
import type { Origin, RuleSetModel } from '../model/types.js';
import type { Loc } from '../syntax/ast.js';
import type { Repair } from './causes.js';
import type { Mapping, Situation } from './records.js';
import type { CauseKind, Clause } from './types.js';

import { CLASS_RANK as RANK, CONDITION_ORDER } from '../../runtime/classes.js';
import { RISK_LEVEL_NAME, riskLevelOf } from '../../runtime/risk-levels.js';
import { isCount, operands } from './expr.js';
const PASSING = new Set(['未发现问题', '符合']);

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
  /** The provincial record and its national view (the answers a repair writes come from them). */
  record: EnterpriseRecord;
  nationalRecord: EnterpriseRecord;
}

/** A clause that may explain the difference, with the repair of that clause alone (null: none modelled). */
export interface Candidate {
  clause: Clause;
  repair: Repair | null;
}

const has = (bits: ArrayLike<number>, i: number) => ((bits[i >> 5]! >>> (i & 31)) & 1) === 1;

/** The files the province writes itself: its files less those of the rules it builds on (and of the compared national rules). */
export function provinceFiles(model: RuleSetModel, nationalModel: RuleSetModel | null): Set<string> {
  const others = new Set([...(model.base?.files ?? []), ...(nationalModel?.files ?? [])].map((f) => f.file));
  return new Set(model.files.map((f) => f.file).filter((f) => !others.has(f)));
}

/** Whether a base condition's IR can stand in the province's IR: it reads only every item and the ★ items (sets 0 and 1, the same in both). */
function portable(e: IrExpr): boolean {
  const xs = operands(e);
  if (xs.length) return xs.every(portable);
  if (isCount(e)) return e.set <= 1;
  return e.k === 'num' || e.k === 'pct' || e.k === 'bool';
}

/** Adds a clause of the province's own files (once per place) with its repair. */
type Add = (kind: CauseKind, o: Origin | null | undefined, what: string, whatEn: string, repair: Repair | null, loc?: Loc) => void;

/** What each kind of cause needs: the input, the adder, the province's files and line numbers. */
interface Blaming {
  b: BlameInput;
  add: Add;
  own: Set<string>;
  lineOf: (file: string, offset: number) => number;
}

export function blame(b: BlameInput): Candidate[] {
  const { model, province: dp, national: dn } = b;
  const own = provinceFiles(model, b.nationalModel);
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const lineOf = (file: string, offset: number) => (model.files.find((f) => f.file === file)?.lines.position(offset).line ?? 0) + 1;
  const add: Add = (kind, o, what, whatEn, repair, loc) => {
    if (!o || !own.has(o.file)) return;
    const l = loc ?? o.loc;
    const key = `${o.file}:${l.start}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ clause: { file: o.file, line: lineOf(o.file, l.start), start: l.start, end: l.end, range: model.files.find((f) => f.file === o.file)!.lines.range(l.start, l.end), what, whatEn, kind }, repair });
  };
  const x: Blaming = { b, add, own, lineOf };

  if (!dp.inScope || !dn.inScope) {
    scopeCauses(x);
    return out;
  }
  const aP = RANK[dp.assessedClass!]!;
  const aN = RANK[dn.assessedClass!]!;
  if (aP !== aN) {
    itemCauses(x);
    conditionCauses(x, aP, aN);
  }
  if (aP > aN) dilutionCause(x);
  const cP = RANK[dp.class!]!;
  const cN = RANK[dn.class!]!;
  if (cP - aP !== cN - aN) reviewCauses(x);
  if (dp.class === dn.class && dp.mode !== dn.mode) {
    modeCauses(x);
    catalogueCause(b, add);
  }
  return out;
}

/** Out of scope on one side: the province's exclusions (第二条) that name a product or its category. */
function scopeCauses({ b, add }: Blaming): void {
  const { model, situation: s } = b;
  for (const e of model.excluded) {
    const cats = s.products.products.flatMap((p) => [p, ...model.catalogues.map((c) => c.products.get(p)?.category ?? '')]);
    if (cats.includes(e.name)) add('scope', e.from, `适用范围：不适用产品“${e.name}”（第二条）`, `scope: excluded '${e.name}' (Art. 2)`, null);
  }
}

/** Assessed classes differ: the failing sub-items that lost their ★, and the not-applicable conditions of refined items. */
function itemCauses({ b, add }: Blaming): void {
  const { model, P, N, mapping, situation: s } = b;
  const ast = model.files[model.files.length - 1]!;
  const failing = new Set(s.failP);
  const nAns = b.nationalRecord.inspection.answers;
  const pAns = b.record.inspection.answers;
  P.items.forEach((it, i) => {
    const m = model.items[i];
    if (!m) return;
    const j = mapping.natOf[i]!;
    const nat = j >= 0 ? N.items[j]! : null;
    if (failing.has(i) && nat && nat.directive && !it.directive) {
      const adj = ast.adjust?.find((a) => a.item?.value === it.id);
      const repair: Repair = { k: 'star', item: i };
      if (adj) add('star', { file: ast.file, loc: adj.loc }, `调整：项目 ${it.id} 取消了指向型（★）`, `adjustment: item ${it.id} loses its ★`, repair);
      else add('star', m.from, `项目 ${it.id} 是★国家第${nat.id}项的一部分，但没有设为★（指向型）`, `item ${it.id} is part of ★ national item ${nat.id} but is not ★`, repair);
    }
    const na = m.notApplicableWhen;
    if (has(b.naP, i) && nat && na && !it.assume) {
      // Undone, the item is asked again and answered as the national item is in its national view.
      const natFails = !PASSING.has(nAns[nat.id] ?? '');
      const othersFail = mapping.subsOf[j]!.some((k) => k !== i && !has(b.naP, k) && !PASSING.has(pAns[P.items[k]!.id] ?? ''));
      const adj = ast.adjust?.find((a) => a.item?.value === it.id && a.notApplicableWhen);
      const o = adj ? { file: ast.file, loc: adj.notApplicableWhen!.loc } : { file: na.file, loc: na.source.loc };
      const whole = nat.id === it.id || mapping.subsOf[j]!.every((k) => has(b.naP, k));
      add(
        'notApplicable',
        o,
        `项目 ${it.id} 的不适用条件“${na.source.text}”：这家企业在本省不评定${whole ? `国家第${nat.id}项` : `国家第${nat.id}项的这一部分`}，国家检查表上却要照常勾选（国家规则没有“不适用”一栏）`,
        `not-applicable condition of ${it.id} ('${na.source.text}'): the province leaves ${whole ? `national item ${nat.id}` : `this part of national item ${nat.id}`} unassessed, the national form still asks it`,
        { k: 'notApplicable', item: i, answer: answerText(it.pair, !(natFails && !othersFail)) },
      );
    }
  });
}

/**
 * Conditions of the province that let it reach a class above the national one: those of the
 * classes from just above the national class up to the provincial one (and C's, when the
 * national class is C), as far as the provincial trace evaluated them. Undone, a condition is
 * the base condition it replaced.
 */
function conditionCauses({ b, add, own, lineOf }: Blaming, aP: number, aN: number): void {
  const { model, province: dp } = b;
  const evaluated = new Set(dp.trace.filter((t) => t.step === 'condition' || t.step === 'class').map((t) => t.clause));
  for (const cls of CONDITION_ORDER) {
    const r = RANK[cls]!;
    if (aP > aN && !((r > aN && r <= aP) || (cls === 'C' && aN === 0))) continue;
    model.classification[cls].forEach((c, index) => {
      // A condition the province adds (且 for AA/A/B, 或 for C) only ever makes it stricter.
      if (!c.replaces || !own.has(c.from.file) || !evaluated.has(`${c.from.file}:${lineOf(c.from.file, c.from.loc.start)}`)) return;
      const base = c.replaces.when.ir;
      const repair: Repair | null = portable(base) ? { k: 'condition', cls, index, when: base } : null;
      const was = `（所依据的规则为“${c.replaces.when.source.text}”）`;
      const wasEn = ` (base: '${c.replaces.when.source.text}')`;
      add('condition', c.from, `${cls}类条件${c.name ? `“${c.name}”` : ''}：${c.when.source.text}${was}`, `class ${cls} condition${c.name ? ` '${c.name}'` : ''}: ${c.when.source.text}${wasEn}`, repair, c.when.source.loc);
    });
  }
}

/**
 * Dilution (docs/interpretation.md): the passing items the province adds to the national
 * checklist — supplementary items, and the sub-items beyond the one a national item counts
 * for — raise the ratio. As one clause: undone, they are left out of the count together.
 */
function dilutionCause({ b, add }: Blaming): void {
  const { model, P, N, mapping, situation: s, province: dp } = b;
  const extra: number[] = [];
  const failing = new Set(s.failP);
  N.items.forEach((_, j) => {
    const subs = mapping.subsOf[j]!.filter((i) => !has(b.naP, i));
    const anyFails = subs.some((i) => failing.has(i));
    // A failing national item counts once: its passing parts are extra; a passing one keeps one part.
    const passing = subs.filter((i) => !failing.has(i));
    extra.push(...(anyFails ? passing : passing.slice(1)));
  });
  P.items.forEach((_, i) => {
    if (mapping.natOf[i]! < 0 && !has(b.naP, i) && !failing.has(i)) extra.push(i);
  });
  extra.sort((x, y) => x - y);
  if (extra.length) {
    const ids = extra.map((i) => P.items[i]!.id);
    const list = ids.length > 6 ? `${ids.slice(0, 6).join('、')} 等 ${ids.length} 项` : ids.join('、');
    const first = model.items[extra[0]!]!;
    const ratio = (p: number, a: number) => `${p}/${a}`;
    const wouldBe = `${dp.passed - extra.length}/${dp.answered - extra.length}`;
    add(
      'dilution',
      first.from,
      `稀释：本省增加的 ${ids.length} 个项目（${list}）这家企业${ids.length > 1 ? '都' : ''}通过，计入通过率后本省为 ${ratio(dp.passed, dp.answered)}，不计入时为 ${wouldBe}`,
      `dilution: ${ids.length} item${ids.length > 1 ? 's' : ''} the province adds (${ids.slice(0, 6).join(', ')}${ids.length > 6 ? ', …' : ''}) pass${ids.length > 1 ? '' : 'es'}, giving ${ratio(dp.passed, dp.answered)} instead of ${wouldBe}`,
      { k: 'dilution', items: extra },
    );
  }
}

/** The review (第二十一条) moved the classes apart: the review settings and the events made or unmade triggers. */
function reviewCauses({ b, add }: Blaming): void {
  const { model, P, N } = b;
  const r = model.review;
  add('review', r.from, `动态调整（第二十一条）：最多上升 ${r.maxRise} 级，降级 ${r.triggerDrop} 级${r.firstCap ? `，首次评定上限 ${r.firstCap}` : ''}`, `review (Art. 21): maxRise ${r.maxRise}, triggerDrop ${r.triggerDrop}${r.firstCap ? `, firstCap ${r.firstCap}` : ''}`, {
    k: 'review',
    review: { ...N.review, src: P.review.src },
  });
  model.events.forEach((e, index) => {
    const n = b.nationalModel?.events.find((x) => x.name === e.name);
    if (n && n.trigger !== e.trigger) add('event', e.from, `事件类型“${e.name}”${e.trigger ? '设为' : '不再是'}降级情形（第二十一条）`, `event '${e.name}' ${e.trigger ? 'made' : 'no longer'} a trigger (Art. 21)`, { k: 'event', index, trigger: n.trigger });
  });
}

/** Same class, lighter mode: the risk modes (第二十条) and class modes (第十八条) of the province. */
function modeCauses({ b, add }: Blaming): void {
  const { model, N, province: dp } = b;
  const lv = riskLevelOf(dp.riskLevel ?? 'Ⅲ级')!;
  const cls = dp.class!;
  add('mode', model.riskModes[lv][cls].from, `风险调整（第二十条）：${dp.riskLevel}产品的${cls}类企业为${dp.mode}`, `risk modes (Art. 20): level ${dp.riskLevel} class ${cls} → ${dp.mode}`, {
    k: 'riskMode',
    level: lv - 1,
    cls,
    mode: N.riskModes[lv - 1]![cls],
  });
  add('mode', model.classModes[cls].from, `类别监管方式（第十八条）：${cls}类为${model.classModes[cls].mode}`, `class modes (Art. 18): ${cls} → ${model.classModes[cls].mode}`, { k: 'classMode', cls, mode: N.classModes[cls], levels: N.riskModes.map((m) => m[cls]) });
}

/**
 * A lower composite risk level than nationally (第二十条, D6′): the catalogues the province uses
 * rate the enterprise's products lower than those of the national rules. The clause is the
 * province's list of catalogues (产品目录); undone, the national rules' catalogues that rate a
 * product riskier are used by the province as well.
 */
function catalogueCause(b: BlameInput, add: Add): void {
  const { model, P, N, province: dp, national: dn } = b;
  const level = (name: string | null) => riskLevelOf(name ?? 'Ⅲ级') ?? 3;
  if (dp.riskLevel === dn.riskLevel || level(dp.riskLevel) <= level(dn.riskLevel)) return;
  const date = b.record.inspection.date;
  const products = b.record.enterprise.products ?? [];
  const inForce = (c: IrCatalogue) => c.effective <= date && (c.expires === null || date < c.expires);
  const riskier = N.catalogues.filter((c) => inForce(c) && c.products.some((p) => products.includes(p.name) && p.level < level(dp.riskLevel)));
  const missing = riskier.filter((c) => !P.catalogues.some((x) => x.name === c.name && x.version === c.version && x.region === c.region));
  const first = missing[0];
  if (!first) return;
  const entry = first.products.find((p) => products.includes(p.name) && p.level < level(dp.riskLevel))!;
  const ast = model.files[model.files.length - 1]!;
  const at = ast.keys.catalogues ?? ast.keys.meta ?? { start: 0, end: 0 };
  const lv = RISK_LEVEL_NAME[entry.level];
  const own = dp.riskLevel ? `中“${entry.name}”为${dp.riskLevel}` : `中没有“${entry.name}”（风险等级未定）`;
  const ownEn = dp.riskLevel ? `'${entry.name}' is ${dp.riskLevel} in` : `'${entry.name}' is not in (level undetermined)`;
  add(
    'catalogue',
    { file: ast.file, loc: at },
    `产品目录（第二十条）：本省所用目录${own}，国家规则所用目录“${first.name}”（${first.version}）中为${lv}，监管方式因此较宽松`,
    `catalogues (Art. 20): ${ownEn} the catalogues the province uses, ${lv} in the national rules' '${first.name}' (${first.version}), hence the lighter mode`,
    { k: 'catalogue', catalogues: missing },
  );
}
