// What the report and the comparison both need to decide stored records again: the rule versions
// that decided them, with their evaluators, and today's day number.
import { dayNumber, type Evaluator } from '../../runtime/index.js';
import type { Queryable } from '../db/types.js';
import type { RuleBook, RuleVersionRow } from './rule-book.js';

export const todayDay = () => dayNumber(new Date().toISOString().slice(0, 10));

/** The rule versions of these ids, with their evaluators (cached by the rule book). */
export async function evaluators(q: Queryable, rules: RuleBook, ids: number[]): Promise<Map<number, { row: RuleVersionRow; ev: Evaluator }>> {
  const rows = await q.query<RuleVersionRow>('SELECT id, region, version, name, effective, expires, yaml FROM rule_versions WHERE id = ANY($1::int[])', [[...new Set(ids)]]);
  const out = new Map<number, { row: RuleVersionRow; ev: Evaluator }>();
  for (const row of rows) out.set(row.id, { row, ev: await rules.evaluatorOf(q, row) });
  return out;
}
