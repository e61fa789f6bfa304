// Ranks the clauses that may explain a counterexample by what repairing each one alone does to
// it. Each clause comes with its repair (the ★ set, the not-applicable condition removed and the
// item asked, the added passing items left out of the count, the base condition back, the base
// review settings or modes back, the national rules' catalogues used); the provincial rules so repaired decide the same record again
// through their generated evaluator. A clause whose repair alone makes the province no longer
// weaker for this enterprise comes first; then one that brings it closer; then one needed with the
// others (all repaired together fix it, all but this one do not); a clause whose repair changes
// nothing is no cause (a sub-item that does not dilute, a threshold the enterprise is far above).
// The order is the effect, not the kind of clause; among equal effects the kind breaks the tie.
import { CLASS_RANK as RANK, MODE_RANK as MODE, type ClassName, type Decision, type EnterpriseRecord, type IrCatalogue, type IrExpr, type ModeName, type RuleSetIR } from '../../runtime/index.js';
import type { Candidate } from './blame.js';
import { compileRuleSet } from './evaluators.js';
import type { CauseEffect, CauseKind, Clause } from './types.js';

export type Repair =
  | { k: 'star'; item: number }
  | { k: 'notApplicable'; item: number; answer: string }
  | { k: 'dilution'; items: number[] }
  | { k: 'condition'; cls: ClassName; index: number; when: IrExpr }
  | { k: 'review'; review: RuleSetIR['review'] }
  | { k: 'event'; index: number; trigger: boolean }
  | { k: 'riskMode'; level: number; cls: ClassName; mode: ModeName }
  | { k: 'classMode'; cls: ClassName; mode: ModeName; levels: ModeName[] }
  /** The national rules' catalogues that rate the enterprise's products riskier, used by the province too. */
  | { k: 'catalogue'; catalogues: IrCatalogue[] };

const TIER: Record<CauseEffect, number> = { fixes: 0, narrows: 1, jointly: 2, none: 3 };
const KIND: CauseKind[] = ['star', 'notApplicable', 'dilution', 'condition', 'review', 'event', 'catalogue', 'mode', 'scope'];

/** How much weaker the province is than the national decision: class levels, then mode steps. */
export function gap(p: Decision, n: Decision): number {
  if (!n.inScope) return 0;
  if (!p.inScope) return 100;
  return Math.max(0, RANK[p.class!]! - RANK[n.class!]!) * 10 + Math.max(0, MODE[p.mode!]! - MODE[n.mode!]!);
}

function setBit(bits: number[], i: number): void {
  while (bits.length <= i >> 5) bits.push(0);
  bits[i >> 5]! |= 1 << (i & 31);
}

/** The provincial IR and record with the repairs applied (copies; the inputs are not touched). */
export function repaired(P: RuleSetIR, record: EnterpriseRecord, repairs: readonly Repair[]): { ir: RuleSetIR; record: EnterpriseRecord } {
  const ir = structuredClone(P);
  const rec = structuredClone(record);
  for (const r of repairs) {
    switch (r.k) {
      case 'star':
        ir.items[r.item]!.directive = true;
        setBit(ir.sets[1]!, r.item);
        break;
      case 'notApplicable':
        ir.items[r.item]!.na = null;
        rec.inspection.answers[ir.items[r.item]!.id] = r.answer;
        break;
      case 'dilution':
        // Left out of the count as a not-applicable item is (its answer is then ignored).
        for (const i of r.items) ir.items[i]!.na = { k: 'bool', v: true };
        break;
      case 'condition':
        ir.classification[r.cls][r.index]!.when = r.when;
        break;
      case 'review':
        ir.review = r.review;
        break;
      case 'event':
        ir.events[r.index]!.trigger = r.trigger;
        break;
      case 'riskMode':
        ir.riskModes[r.level]![r.cls] = r.mode;
        break;
      case 'classMode':
        // The IR holds the mode after the risk adjustment per level: the class's modes as nationally.
        ir.classModes[r.cls] = r.mode;
        r.levels.forEach((m, lv) => (ir.riskModes[lv]![r.cls] = m));
        break;
      case 'catalogue':
        ir.catalogues.push(...structuredClone(r.catalogues));
        break;
    }
  }
  return { ir, record: rec };
}

/** The provincial decision of the record under the repaired rules (null: the record no longer decides). */
function decideRepaired(P: RuleSetIR, record: EnterpriseRecord, repairs: readonly Repair[]): Decision | null {
  const r = repaired(P, record, repairs);
  const out = compileRuleSet(r.ir).evaluator.evaluate(r.record);
  return 'error' in out ? null : out;
}

export interface RankInput {
  P: RuleSetIR;
  record: EnterpriseRecord;
  province: Decision;
  national: Decision;
}

/** The candidates as clauses, ranked (see the head of this file), each with its effect and the repaired outcome. */
export function rankCauses(cands: readonly Candidate[], x: RankInput): Clause[] {
  const before = gap(x.province, x.national);
  const rated = cands.map((c, order): { c: Candidate; order: number; effect: CauseEffect; g: number; after: Decision | null } => {
    const d = c.repair ? decideRepaired(x.P, x.record, [c.repair]) : null;
    const g = d ? gap(d, x.national) : before;
    const effect: CauseEffect = !d ? 'none' : g === 0 ? 'fixes' : g < before ? 'narrows' : 'none';
    return { c, order, effect, g, after: d };
  });
  if (!rated.some((r) => r.effect === 'fixes')) {
    // No single repair is enough: the clauses needed together.
    const repairs = rated.flatMap((r) => (r.c.repair ? [r.c.repair] : []));
    const all = repairs.length > 1 ? decideRepaired(x.P, x.record, repairs) : null;
    if (all && gap(all, x.national) === 0) {
      for (const r of rated) {
        if (!r.c.repair || r.effect !== 'none') continue;
        const rest = decideRepaired(
          x.P,
          x.record,
          repairs.filter((p) => p !== r.c.repair),
        );
        if (!rest || gap(rest, x.national) > 0) r.effect = 'jointly';
      }
    }
  }
  rated.sort((a, b) => TIER[a.effect] - TIER[b.effect] || a.g - b.g || KIND.indexOf(a.c.clause.kind!) - KIND.indexOf(b.c.clause.kind!) || a.order - b.order);
  return rated.map((r) => ({
    ...r.c.clause,
    effect: r.c.repair ? r.effect : undefined,
    after: r.after && (r.effect === 'fixes' || r.effect === 'narrows') ? { class: r.after.class, mode: r.after.mode } : undefined,
  }));
}
