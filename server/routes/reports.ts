// The province's documents from the database: 第十二条's report and the region map (a draft's
// impact: compare.ts). The figures are counted in server/domain/reports.ts by the CLI's own
// functions; these routes only say who may ask and for which regions.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseThresholds } from '../../cli/commands/report.js';
import { MAX_LISTED } from '../../cli/format/report-data.js';
import type { ServerContext } from '../context.js';
import { requireRegion } from '../domain/access.js';
import { invalid } from '../domain/errors.js';
import { art12Report, art12ReportHtml, regionMap, type Period } from '../domain/reports.js';
import type { User } from '../domain/user.js';
import { date, region } from './schemas.js';

interface ReportQuery {
  listed?: number;
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
    listed: { type: 'integer', minimum: 0, maximum: MAX_LISTED, description: `各名单（C类、因降级情形降级、无法判定）最多列出几户，默认 ${MAX_LISTED}（与 fenlei report 相同）；数字不受影响 / at most this many named in each list (default as fenlei report); the figures are not affected` },
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
    wholeYears: { type: 'boolean', description: '期间是否为整年（按年保存的判定汇总，快）/ whether the period is whole calendar years (counted from the yearly standings)' },
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

const regionMapResponse = {
  type: 'object',
  properties: {
    scope: { type: 'array', items: { type: 'string' } },
    period: any,
    wholeYears: { type: 'boolean' },
    level: { type: 'string' },
    thresholds: { type: 'array', items: { type: 'number' } },
    regions: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' }, total: { type: 'integer' }, byClass: any, outOfScope: { type: 'integer' }, errors: { type: 'integer' }, cShare: { type: 'number' }, colour: { type: 'string' } } } },
    svg: { type: 'string' },
  },
} as const;

/** 第十二条's report: its figures as JSON, and the printable page `fenlei report` writes. */
function art12Routes(app: FastifyInstance, ctx: ServerContext): void {
  const { db, rules } = ctx;
  app.get<{ Querystring: ReportQuery }>(
    '/api/reports/art12',
    { schema: { summary: '第十二条备案报告的数字（与 fenlei report 相同），按期间内各企业最后一个判定 / the Art. 12 report figures from the database', tags: ['reports'], querystring: reportQuery, response: { 200: reportResponse } } },
    async (req) => art12Report(db, rules, await scopeOf(ctx, req.user!, req.query.region), periodOf(req.query), { listed: req.query.listed }),
  );

  app.get<{ Querystring: ReportQuery }>(
    '/api/reports/art12.html',
    { schema: { summary: '第十二条备案报告：可打印的网页（与 fenlei report 相同）/ the Art. 12 report as a printable page', tags: ['reports'], querystring: reportQuery, produces: ['text/html'] } },
    async (req, reply) => {
      const r = await art12Report(db, rules, await scopeOf(ctx, req.user!, req.query.region), periodOf(req.query), { listed: req.query.listed });
      return html(reply, await art12ReportHtml(db, rules, r, mapOptions(req.query)));
    },
  );
}

function regionMapRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: ReportQuery }>(
    '/api/reports/region-map',
    {
      schema: {
        summary: '地区分布图：各市或县的类别构成和C类占比，附 fenlei report 的示意图（SVG）/ the region map: class counts and C share per city or county, with the SVG',
        tags: ['reports'],
        querystring: reportQuery,
        response: { 200: regionMapResponse },
      },
    },
    async (req) => regionMap(ctx.db, ctx.rules, await scopeOf(ctx, req.user!, req.query.region), periodOf(req.query), mapOptions(req.query)),
  );
}

export default async function reportRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  art12Routes(app, ctx);
  regionMapRoute(app, ctx);
}
