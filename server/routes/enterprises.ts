// Enterprises: search within the user's regions; one enterprise with its current class, mode
// and history (inspections, events, decisions).
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';
import { prepared } from '../db/types.js';
import { scopeSpanSql, scopeSql } from '../domain/access.js';
import { forbidden, notFound } from '../domain/errors.js';
import { classes, idParams, region } from './schemas.js';

interface Search {
  q?: string;
  region?: string;
  class?: string;
  limit?: number;
  offset?: number;
}

// The current class: the enterprise's latest decision (by date, then by when it was made).
const CURRENT = `LEFT JOIN LATERAL (SELECT d.class, d.mode, d.risk_level, d.decided_on, d.id AS decision_id FROM decisions d
  WHERE d.enterprise_id = e.id ORDER BY d.decided_on DESC, d.id DESC LIMIT 1) cur ON true`;

export default async function enterpriseRoutes(app: FastifyInstance, { db }: ServerContext): Promise<void> {
  app.get<{ Querystring: Search }>(
    '/api/enterprises',
    {
      schema: {
        summary: '查找企业（名称、信用代码、行政区划、当前类别）/ search enterprises',
        tags: ['enterprises'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { q: { type: 'string', description: '名称或统一社会信用代码的一部分 / part of the name or credit code' }, region, class: classes, limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 }, offset: { type: 'integer', minimum: 0, default: 0 } },
        },
      },
    },
    async (req) => {
      const { q, region: reg, class: cls, limit = 50, offset = 0 } = req.query;
      const params: unknown[] = [req.user!.regions];
      const where = [scopeSql('e.region', 1), scopeSpanSql('e.region', '$1::text[]')];
      if (q) {
        params.push(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        where.push(`(e.name LIKE $${params.length} OR e.credit_code LIKE upper($${params.length}))`);
      }
      if (reg) {
        params.push(reg);
        where.push(`fenlei_in_scope(e.region, ARRAY[$${params.length}::text])`, scopeSpanSql('e.region', `ARRAY[$${params.length}::text]`));
      }
      if (cls) {
        params.push(cls);
        where.push(`e.current_class = $${params.length}`);
      }
      params.push(limit, offset);
      const rows = await db.query(
        // The standing kept on each enterprise row (migration 0005); the indexes enterprises_listed and enterprises_current_class (with a class) give the page's order.
        `SELECT e.id, e.credit_code AS "creditCode", e.name, e.region, e.current_class AS class, e.current_mode AS mode, e.current_risk_level AS "riskLevel", e.current_decided_on AS "decidedOn"
           FROM enterprises e
          WHERE ${where.join(' AND ')} ORDER BY e.region, e.name, e.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      );
      return { enterprises: rows, limit, offset };
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/enterprises/:id',
    { schema: { summary: '一家企业：当前类别、监管方式和历史 / one enterprise with its class, mode and history', tags: ['enterprises'], params: idParams, response: { 200: enterprisePage } } },
    async (req, reply) => {
      const id = req.params.id;
      const [row] = await db.query<{ ok: boolean; page: string }>(ENTERPRISE_PAGE, [id, req.user!.regions, NOTICE]);
      if (!row) throw notFound(`企业 ${id}`, `enterprise ${id}`);
      if (!row.ok) throw forbidden(`企业 ${id} 不在您的管辖范围内`, `enterprise ${id} is outside your scope`);
      // The database wrote the JSON: sent as it is, neither parsed nor serialised again here.
      return reply.type('application/json; charset=utf-8').send(row.page);
    },
  );
}

/**
 * The enterprise page in one prepared query (one round trip, planned once per connection): whether
 * the user may see it, and the page itself as JSON text — the enterprise with its current class,
 * its decisions, inspections and events.
 */
const ENTERPRISE_PAGE = prepared(`SELECT ${scopeSql('e.region', 2)} AS ok, json_build_object(
    'enterprise', json_build_object('id', e.id, 'creditCode', e.credit_code, 'name', e.name, 'region', e.region, 'products', e.products, 'facts', e.facts,
                                    'class', cur.class, 'mode', cur.mode, 'riskLevel', cur.risk_level, 'decidedOn', cur.decided_on::text, 'decisionId', cur.decision_id),
    'decisions', (SELECT coalesce(json_agg(x ORDER BY x."decidedOn", x.id), '[]') FROM (
       SELECT d.id, d.kind, d.decided_on::text AS "decidedOn", d.is_review AS "isReview", d.assessed_class AS "assessedClass", d.class, d.mode, d.risk_level AS "riskLevel", d.locked,
              d.history->>'previousClass' AS "previousClass", r.region AS "rulesRegion", r.version AS "rulesVersion"
         FROM decisions d JOIN rule_versions r ON r.id = d.rule_version_id WHERE d.enterprise_id = e.id) x),
    'inspections', (SELECT coalesce(json_agg(x ORDER BY x.date, x.id), '[]') FROM (
       SELECT id, inspection_date::text AS date, submitted_at::text AS "submittedAt", file_hash AS "fileHash", source_row AS "row" FROM inspections WHERE enterprise_id = e.id) x),
    'events', (SELECT coalesce(json_agg(x ORDER BY x.date, x.id), '[]') FROM (
       SELECT id, kind AS type, event_date::text AS date, level, note FROM events WHERE enterprise_id = e.id) x),
    'notice', $3::text)::text AS page
  FROM enterprises e ${CURRENT} WHERE e.id = $1`);

const nullable = (type: string) => ({ type: [type, 'null'] });
/** What GET /api/enterprises/{id} answers (documented in the OpenAPI document). */
const enterprisePage = {
  type: 'object',
  properties: {
    enterprise: {
      type: 'object',
      properties: {
        id: { type: 'integer' }, creditCode: nullable('string'), name: { type: 'string' }, region: { type: 'string' }, products: { type: 'array' }, facts: { type: 'object' },
        class: nullable('string'), mode: nullable('string'), riskLevel: nullable('string'), decidedOn: nullable('string'), decisionId: nullable('integer'),
      },
    },
    decisions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' }, kind: { type: 'string', enum: ['inspection', 'event'] }, decidedOn: { type: 'string' }, isReview: { type: 'boolean' }, assessedClass: nullable('string'), class: nullable('string'),
          mode: nullable('string'), riskLevel: nullable('string'), locked: { type: 'boolean' }, previousClass: nullable('string'), rulesRegion: { type: 'string' }, rulesVersion: { type: 'string' },
        },
      },
    },
    inspections: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, date: { type: 'string' }, submittedAt: { type: 'string' }, fileHash: nullable('string'), row: nullable('integer') } } },
    events: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, type: { type: 'string' }, date: { type: 'string' }, level: nullable('string'), note: { type: 'string' } } } },
    notice: { type: 'string' },
  },
} as const;

/** 第十三条 on every page about an enterprise. */
export const NOTICE = '依据第十三条，企业分类情况属产品质量监督工作信息，企业不得将分类结果印制于产品标志，不得用于广告、宣传等商业目的。';
