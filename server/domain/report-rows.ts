// The rows 第十二条's report counts, read from the database: every enterprise in the scope with a
// decision in the period, by its latest decision there, counted in SQL by region, outcome and
// bearing; apart, one by one, the decisions a list of the report names (the first MAX_LISTED of
// class C, and of those a trigger lowered, in the report's order: region, name, enterprise) and
// those stored before 0008 without a bearing. tally() counts both (cli/format/report-data.ts).
// A period of whole calendar years reads decision_years (migration 0009: each enterprise's
// latest decision per year, kept by the database); any other period finds each enterprise's
// latest decision in it, one enterprise at a time (slower: about 1 s at 100,000 enterprises).
import type { Bearing } from './bearing.js';
import type { ClassName, Decision } from '../../runtime/index.js';
import type { Queryable } from '../db/types.js';

/** A period of decisions, both days included (YYYY-MM-DD). */
export interface Period {
  start: string;
  end: string;
}

/**
 * A decision the report names (enterprise and decision ids given), or a group of `n` alike
 * decisions of a region (ids null): small columns only, with the outcome's few fields and the
 * trace's condition steps that cReasons reads for a named decision.
 */
export interface CountedRow {
  enterprise_id: number | null;
  name: string | null;
  region: string;
  decision_id: number | null;
  in_scope: boolean;
  class: ClassName | null;
  assessed_class: ClassName | null;
  mode: string | null;
  risk_level: string | null;
  rule_version_id: number;
  previous_class: string | null;
  held_by_cap: boolean;
  held_by_trigger: boolean;
  lowered_by_trigger: boolean;
  /** A named decision's (null when stored before 0008, or for a group). */
  bearing: Bearing | null;
  n: number;
  outcome: Pick<Decision, 'id' | 'directiveFailures' | 'passRatio' | 'answered' | 'passed'> | null;
  trace: Decision['trace'] | null;
}

/** The first and last year of a period of whole calendar years (1 January to 31 December), else null. */
export function wholeYears(p: Period): [number, number] | null {
  const y1 = /^(\d{4})-01-01$/.exec(p.start)?.[1];
  const y2 = /^(\d{4})-12-31$/.exec(p.end)?.[1];
  return y1 && y2 ? [Number(y1), Number(y2)] : null;
}

// A named decision's outcome fields and the trace's condition steps (cReasons reads them for class C).
const NAMED = `CASE WHEN d.id IS NOT NULL THEN jsonb_build_object('id', d.outcome -> 'id', 'directiveFailures', d.outcome -> 'directiveFailures', 'passRatio', d.outcome -> 'passRatio', 'answered', d.outcome -> 'answered', 'passed', d.outcome -> 'passed') END AS outcome,
            CASE WHEN d.class = 'C' THEN jsonb_path_query_array(d.trace, '$[*] ? (@.step == "condition")') END AS trace`;
const COUNTED = 'in_scope, class, assessed_class, mode, risk_level, rule_version_id, previous_class, held_by_cap, held_by_trigger, lowered_by_trigger';

/** Any period: each enterprise's latest decision in it, found per enterprise. */
export async function rowsOfPeriod(q: Queryable, scope: string[], period: Period, listed: number): Promise<CountedRow[]> {
  return q.query<CountedRow>(
    `WITH latest AS (
       SELECT e.id AS enterprise_id, e.name, e.region, d.id AS decision_id, d.in_scope, d.class, d.assessed_class, d.mode, d.risk_level, d.rule_version_id,
              b.unborn, b.previous_class, b.held_by_cap, b.held_by_trigger, b.lowered_by_trigger
         FROM enterprises e
         JOIN LATERAL (SELECT d.id, d.in_scope, d.class, d.assessed_class, d.mode, d.risk_level, d.rule_version_id, d.bearing FROM decisions d
                        WHERE d.enterprise_id = e.id AND d.decided_on BETWEEN $2::date AND $3::date ORDER BY d.decided_on DESC, d.id DESC LIMIT 1) d ON true
         CROSS JOIN LATERAL fenlei_bearing(d.bearing) b
        WHERE fenlei_in_scope(e.region, $1::text[])
     ), marked AS (
       -- Running counts in the report's order (the order the enterprises are read in: no sort).
       SELECT l.*, l.unborn OR (l.class = 'C' AND count(*) FILTER (WHERE l.class = 'C') OVER w <= $4) OR (l.lowered_by_trigger AND count(*) FILTER (WHERE l.lowered_by_trigger) OVER w <= $4) AS listed
         FROM latest l WINDOW w AS (ORDER BY l.region, l.name, l.enterprise_id ROWS UNBOUNDED PRECEDING)
     ), grouped AS (
       SELECT CASE WHEN listed THEN enterprise_id END AS enterprise_id, CASE WHEN listed THEN name END AS name, region, CASE WHEN listed THEN decision_id END AS decision_id,
              ${COUNTED}, count(*)::int AS n
         FROM marked GROUP BY 1, 2, 3, 4, ${COUNTED}
     )
     SELECT g.*, d.bearing, ${NAMED}
       FROM grouped g LEFT JOIN decisions d ON d.id = g.decision_id
      ORDER BY g.region, g.name, g.enterprise_id`,
    [scope, period.start, period.end, listed],
  );
}

/** The decision_years rows a period of whole years counts: of each enterprise, the one of its latest year in the period. */
const IN_YEARS = `y.year BETWEEN $2::int AND $3::int AND (y.next_year IS NULL OR y.next_year > $3::int)
     AND y.region BETWEEN fenlei_scope_low($1::text[]) AND fenlei_scope_high($1::text[]) AND fenlei_in_scope(y.region, $1::text[])`;

/**
 * Whole years: the groups' counts as the database keeps them (decision_year_counts), then the named decisions
 * (each list's first `listed` in the report's order, off its partial index), taken out of their groups.
 */
async function rowsOfYears(q: Queryable, scope: string[], [y1, y2]: [number, number], listed: number): Promise<CountedRow[]> {
  const groups = await q.query<CountedRow>(
    `SELECT NULL AS enterprise_id, NULL AS name, y.region, NULL AS decision_id, ${COUNTED}, sum(y.n)::int AS n, NULL AS bearing, NULL AS outcome, NULL AS trace
       FROM decision_year_counts y WHERE ${IN_YEARS}
      GROUP BY y.region, ${COUNTED}`,
    [scope, y1, y2],
  );
  const named = await q.query<CountedRow>(
    `WITH listed AS (
       (SELECT y.* FROM decision_years y WHERE y.class = 'C' AND ${IN_YEARS} ORDER BY y.region, y.name, y.enterprise_id LIMIT $4)
       UNION (SELECT y.* FROM decision_years y WHERE y.lowered_by_trigger AND ${IN_YEARS} ORDER BY y.region, y.name, y.enterprise_id LIMIT $4)
       UNION (SELECT y.* FROM decision_years y WHERE y.unborn AND ${IN_YEARS})
     )
     SELECT l.enterprise_id, l.name, l.region, l.decision_id, ${COUNTED.split(', ').map((c) => `l.${c}`).join(', ')}, 1 AS n, d.bearing, ${NAMED}
       FROM listed l JOIN decisions d ON d.id = l.decision_id
      ORDER BY l.region, l.name, l.enterprise_id`,
    [scope, y1, y2, listed],
  );
  const key = (r: CountedRow) => JSON.stringify([r.region, ...COUNTED.split(', ').map((c) => r[c as keyof CountedRow])]);
  const byKey = new Map(groups.map((g) => [key(g), g]));
  for (const r of named) byKey.get(key(r))!.n -= 1;
  return [...named, ...groups.filter((g) => g.n > 0)];
}

/** The rows of the report over a scope and period (listed: how many each list names at most). */
export async function countedRows(q: Queryable, scope: string[], period: Period, listed: number): Promise<CountedRow[]> {
  const years = wholeYears(period);
  return years ? rowsOfYears(q, scope, years, listed) : rowsOfPeriod(q, scope, period, listed);
}
