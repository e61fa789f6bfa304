// Decisions with their traces; who is due for review (第二十一条: 调整周期原则上为1年, D4′);
// who was lowered by an event between reviews (D11).
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';
import { requireEnterprise, scopeSql } from '../domain/access.js';
import { notFound } from '../domain/errors.js';
import { provinceOf } from '../domain/regions.js';
import { date, idParams } from './schemas.js';

const todayText = () => new Date().toISOString().slice(0, 10);

export default async function decisionRoutes(app: FastifyInstance, { db, rules }: ServerContext): Promise<void> {
  app.get<{ Params: { id: number } }>('/api/decisions/:id', { schema: { summary: '一个判定及其判定过程 / one decision with its trace', tags: ['decisions'], params: idParams } }, async (req) => {
    const [d] = await db.query<{ enterpriseId: number }>(
      `SELECT d.id, d.enterprise_id AS "enterpriseId", d.kind, d.inspection_id AS "inspectionId", d.event_id AS "eventId", d.decided_on AS "decidedOn", d.is_review AS "isReview",
              d.outcome, d.trace, d.history, d.locked, r.region AS "rulesRegion", r.version AS "rulesVersion", r.name AS "rulesName"
         FROM decisions d JOIN rule_versions r ON r.id = d.rule_version_id WHERE d.id = $1`,
      [req.params.id],
    );
    if (!d) throw notFound(`判定 ${req.params.id}`, `decision ${req.params.id}`);
    await requireEnterprise(db, req.user!, d.enterpriseId);
    return d;
  });

  app.get<{ Querystring: { on?: string; limit?: number } }>(
    '/api/due-for-review',
    {
      schema: {
        summary: '到期应复评的企业：距上次评定已满调整周期（按生效规则的周期）/ enterprises whose review period has elapsed',
        tags: ['decisions'],
        querystring: { type: 'object', additionalProperties: false, properties: { on: date, limit: { type: 'integer', minimum: 1, maximum: 5000, default: 500 } } },
      },
    },
    async (req) => {
      const on = req.query.on ?? todayText();
      // The review period of the rules in force in each province the user sees (12 months nationally);
      // the provinces from the regions table (a few thousand rows), not from every enterprise.
      const provinces = await db.query<{ p: string }>(`SELECT DISTINCT left(code, 2) || '0000' AS p FROM regions WHERE code <> '000000' AND ${scopeSql('code', 1)} ORDER BY 1`, [req.user!.regions]);
      const months: number[] = [];
      for (const { p } of provinces) months.push(await rules.inForce(db, provinceOf(p), on).then((f) => f.evaluator.ir.review.periodMonths, () => 12));
      const rows = await db.query(
        // The last review each enterprise row keeps (migration 0005), oldest first off the index
        // enterprises_reviewed_on; the shortest period bounds the index range.
        `SELECT e.id, e.name, e.credit_code AS "creditCode", e.region, e.review_class AS class, e.reviewed_on AS "lastReview", per.months AS "periodMonths"
           FROM enterprises e
           JOIN unnest($2::text[], $3::int[]) AS per(province, months) ON per.province = left(e.region, 2) || '0000'
          WHERE e.reviewed_on <= ($4::date - make_interval(months => $6::int))::date AND ${scopeSql('e.region', 1)}
            AND e.reviewed_on + make_interval(months => per.months) <= $4::date
          ORDER BY e.reviewed_on, e.id LIMIT $5`,
        [req.user!.regions, provinces.map((p) => p.p), months, on, req.query.limit ?? 500, months.length ? Math.min(...months) : 12],
      );
      return { on, enterprises: rows };
    },
  );

  app.get<{ Querystring: { since?: string } }>(
    '/api/lowered',
    {
      schema: {
        summary: '调整周期之间因降级情形而降级的企业（D11，第二十一条）/ enterprises lowered by an event between reviews',
        tags: ['decisions'],
        querystring: { type: 'object', additionalProperties: false, properties: { since: date } },
      },
    },
    async (req) => {
      // Read off the partial index decisions_by_event (migration 0005): the event decisions only.
      const rows = await db.query(
        `SELECT d.id AS "decisionId", d.decided_on AS "decidedOn", e.id AS "enterpriseId", e.name, e.region, d.history->>'previousClass' AS "previousClass", d.class, d.mode, ev.kind AS "event", ev.level
           FROM decisions d JOIN enterprises e ON e.id = d.enterprise_id JOIN events ev ON ev.id = d.event_id
          WHERE d.kind = 'event' AND ${scopeSql('e.region', 1)} AND d.decided_on >= $2::date
            AND array_position(ARRAY['C','B','A','AA'], d.class) < array_position(ARRAY['C','B','A','AA'], d.history->>'previousClass')
          ORDER BY d.decided_on DESC, d.id DESC`,
        [req.user!.regions, req.query.since ?? '1900-01-01'],
      );
      return { decisions: rows };
    },
  );
}
