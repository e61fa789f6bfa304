// The province's documents from the database: 第十二条's report, the region map, a draft's
// impact over the stored registers. The figures are counted in server/domain/reports.ts by the
// CLI's own functions; these routes only say who may ask and for which regions.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseThresholds } from '../../cli/commands/report.js';
import type { ServerContext } from '../context.js';
import { requireRegion, requireRole } from '../domain/access.js';
import { invalid } from '../domain/errors.js';
import { compareDraft, compareDraftHtml } from '../domain/compare.js';
import { art12Report, art12ReportHtml, regionMap, type Period } from '../domain/reports.js';
import type { User } from '../domain/user.js';
import { date, region } from './schemas.js';

interface ReportQuery {
  periodStart?: string;
  periodEnd?: string;
  region?: string;
  level?: 'city' | 'county';
  thresholds?: string;
}

const reportQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    periodStart: { ...date, description: '期间开始（含），默认今年1月1日 / period start (default 1 January this year)' },
    periodEnd: { ...date, description: '期间结束（含），默认今年12月31日 / period end' },
    region: { ...region, description: '只看这个区划（须在您的管辖范围内）/ only this region (within your scope)' },
    level: { type: 'string', enum: ['city', 'county'], description: '地区图按市或县，默认自动 / map by city or county' },
    thresholds: { type: 'string', pattern: '^[0-9.]+%?[,，][0-9.]+%?[,，][0-9.]+%?$', description: '地区图颜色的C类占比分界（%），如 5,10,20 / C-share thresholds' },
  },
} as const;

const any = {} as const;
const regionRow = { type: 'object', properties: { key: { type: 'string' }, total: { type: 'integer' }, byClass: any, outOfScope: { type: 'integer' }, errors: { type: 'integer' } } } as const;
const reportResponse = {
  type: 'object',
  properties: {
    scope: { type: 'array', items: { type: 'string' } },
    period: { type: 'object', properties: { start: { type: 'string' }, end: { type: 'string' } } },
    versions: { type: 'array', items: { type: 'object', properties: { region: { type: 'string' }, version: { type: 'string' }, name: { type: 'string' }, decisions: { type: 'integer' } } } },
    data: {
      type: 'object',
      description: '与 fenlei report 相同的数字；行号（row）为企业编号 / the figures of fenlei report; row is the enterprise id',
      additionalProperties: true,
      properties: { records: { type: 'integer' }, decided: { type: 'integer' }, outOfScope: { type: 'integer' }, errors: { type: 'integer' }, byClass: any, byMode: any, byRisk: any, cities: { type: 'array', items: regionRow }, counties: { type: 'array', items: regionRow }, changes: any, cList: any, errorList: any, triggerList: any },
    },
  },
} as const;

const thisYear = () => new Date().toISOString().slice(0, 4);

/** The scope asked for: one region of the user's, or all of them. */
async function scopeOf(ctx: ServerContext, user: User, reg?: string): Promise<string[]> {
  if (!reg) return user.regions;
  await requireRegion(ctx.db, user, reg);
  return [reg];
}

function periodOf(q: ReportQuery): Period {
  return { start: q.periodStart ?? `${thisYear()}-01-01`, end: q.periodEnd ?? `${thisYear()}-12-31` };
}

function mapOptions(q: ReportQuery) {
  try {
    return { level: q.level, thresholds: parseThresholds(q.thresholds) };
  } catch (e) {
    throw invalid((e as Error).message, 'thresholds must be three increasing percentages, e.g. 5,10,20');
  }
}

const html = (reply: FastifyReply, text: string) => reply.type('text/html; charset=utf-8').send(text);

export default async function reportRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { db, rules } = ctx;
  app.get<{ Querystring: ReportQuery }>(
    '/api/reports/art12',
    { schema: { summary: '第十二条备案报告的数字（与 fenlei report 相同），按期间内各企业最后一个判定 / the Art. 12 report figures from the database', tags: ['reports'], querystring: reportQuery, response: { 200: reportResponse } } },
    async (req) => art12Report(db, rules, await scopeOf(ctx, req.user!, req.query.region), periodOf(req.query)),
  );

  app.get<{ Querystring: ReportQuery }>(
    '/api/reports/art12.html',
    { schema: { summary: '第十二条备案报告：可打印的网页（与 fenlei report 相同）/ the Art. 12 report as a printable page', tags: ['reports'], querystring: reportQuery, produces: ['text/html'] } },
    async (req, reply) => {
      const r = await art12Report(db, rules, await scopeOf(ctx, req.user!, req.query.region), periodOf(req.query));
      return html(reply, await art12ReportHtml(db, rules, r, mapOptions(req.query)));
    },
  );

  app.get<{ Querystring: ReportQuery }>(
    '/api/reports/region-map',
    {
      schema: {
        summary: '地区分布图：各市或县的类别构成和C类占比，附 fenlei report 的示意图（SVG）/ the region map: class counts and C share per city or county, with the SVG',
        tags: ['reports'],
        querystring: reportQuery,
        response: {
          200: {
            type: 'object',
            properties: {
              scope: { type: 'array', items: { type: 'string' } },
              period: any,
              level: { type: 'string' },
              thresholds: { type: 'array', items: { type: 'number' } },
              regions: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' }, total: { type: 'integer' }, byClass: any, outOfScope: { type: 'integer' }, errors: { type: 'integer' }, cShare: { type: 'number' }, colour: { type: 'string' } } } },
              svg: { type: 'string' },
            },
          },
        },
      },
    },
    async (req) => regionMap(db, rules, await scopeOf(ctx, req.user!, req.query.region), periodOf(req.query), mapOptions(req.query)),
  );

  const compareBody = {
    type: 'object',
    required: ['yaml'],
    additionalProperties: false,
    properties: {
      yaml: { type: 'string', minLength: 1, description: '细则草案（YAML）全文 / the draft rule file' },
      region: { ...region, description: '草案所属省份（XX0000），默认为您的第一个管辖区域所在省 / the draft\'s province' },
      scope: { ...region, description: '只比较这个区划的企业（须在您的管辖范围内）/ only this region' },
      assume: { type: 'string', enum: ['pass', 'fail'], description: '已存记录中没有答案的项目按通过或不通过计 / answer missing items so' },
    },
  } as const;
  type CompareBody = { yaml: string; region?: string; scope?: string; assume?: 'pass' | 'fail' };
  const compareArgs = async (user: User, b: CompareBody) => {
    requireRole(user, 'province');
    const province = b.region ?? `${(user.regions.find((r) => r !== '000000') ?? '000000').slice(0, 2)}0000`;
    return { scope: await scopeOf(ctx, user, b.scope), o: { region: province, assume: b.assume } };
  };

  app.post<{ Body: CompareBody }>(
    '/api/reports/compare',
    {
      schema: {
        summary: '细则草案对已存登记表的影响（与 fenlei compare 相同）：各企业最近一次检查按现行版本和草案判定 / a draft against the stored registers',
        tags: ['reports'],
        body: compareBody,
        response: {
          200: {
            type: 'object',
            additionalProperties: true,
            properties: { scope: any, draft: any, against: any, records: { type: 'integer' }, moved: { type: 'integer' }, up: { type: 'integer' }, down: { type: 'integer' }, modeChanged: { type: 'integer' }, classMatrix: any, modeMatrix: any, before: any, after: any, notes: { type: 'array', items: { type: 'string' } }, movers: any },
          },
        },
      },
    },
    async (req) => {
      const { scope, o } = await compareArgs(req.user!, req.body);
      return compareDraft(db, rules, scope, req.body.yaml, o);
    },
  );

  app.post<{ Body: CompareBody }>(
    '/api/reports/compare.html',
    { schema: { summary: '细则草案的影响分析：可打印的网页（与 fenlei compare 相同）/ the impact of a draft as a printable page', tags: ['reports'], body: compareBody, produces: ['text/html'] } },
    async (req, reply) => {
      const { scope, o } = await compareArgs(req.user!, req.body);
      return html(reply, await compareDraftHtml(db, rules, scope, req.body.yaml, o));
    },
  );
}
