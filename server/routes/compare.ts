// A draft's impact over the stored registers (草案影响分析, `fenlei compare` from the database).
// A province's recount takes seconds, so it runs as a job: POST …/compare/jobs stores the draft
// and starts it (or finds the same one counted over unchanged data), GET …/compare/jobs/{id}
// gives its progress and, when done, the result. POST …/compare and …/compare.html still answer
// at once (for scripts; they count while the client waits). Counted in server/domain/compare.ts.
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';
import { requireRegion, requireRole } from '../domain/access.js';
import { compareDraft, compareDraftHtml } from '../domain/compare.js';
import type { User } from '../domain/user.js';
import { idParams, region } from './schemas.js';

const any = {} as const;

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

const comparison = {
  type: 'object',
  additionalProperties: true,
  properties: { scope: any, draft: any, against: any, records: { type: 'integer' }, moved: { type: 'integer' }, up: { type: 'integer' }, down: { type: 'integer' }, modeChanged: { type: 'integer' }, classMatrix: any, modeMatrix: any, before: any, after: any, notes: { type: 'array', items: { type: 'string' } }, movers: any },
} as const;

const job = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    state: { type: 'string', enum: ['running', 'done', 'failed', 'interrupted'], description: 'running 计算中；done 完成（附 result）；failed 失败（附 error）；interrupted 服务器停止而中断，可重新运行 / interrupted: run it again' },
    scope: { type: 'array', items: { type: 'string' } },
    region: { type: 'string' },
    assume: { type: ['string', 'null'] },
    draftSha256: { type: 'string', description: '草案全文的 SHA-256 / SHA-256 of the draft text' },
    asOf: { type: 'string', description: '按哪一天判定 / the day records are decided as of' },
    done: { type: 'integer', description: '已比较的企业数 / enterprises counted so far' },
    total: { type: 'integer', description: '范围内的企业数 / enterprises in the scope' },
    startedAt: { type: 'string' },
    finishedAt: { type: ['string', 'null'] },
    computeMs: { type: ['integer', 'null'], description: '计算用时（毫秒）/ milliseconds the count took' },
    error: { type: ['object', 'null'], properties: { message: { type: 'string' }, messageEn: { type: 'string' } } },
    result: { ...comparison, description: '完成时：与 POST /api/reports/compare 相同（movers 按查询参数取一页）/ when done: as POST /api/reports/compare answers (movers: the page asked for)' },
    moversListed: { type: 'integer', description: '结果列出的（所问种类的）变化企业数 / movers the result lists, of the kind asked for' },
  },
} as const;

const moversQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    moversOffset: { type: 'integer', minimum: 0, description: '变化企业从第几户起（默认 0）/ movers from this index' },
    moversLimit: { type: 'integer', minimum: 1, maximum: 1000, description: '最多几户（默认全部）/ at most this many movers' },
    moversClass: { type: 'boolean', description: '只列类别改变的企业 / only movers whose class changes' },
  },
} as const;
type MoversQuery = { moversOffset?: number; moversLimit?: number; moversClass?: boolean };

export default async function compareRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { db, rules, compares } = ctx;
  /** The province's tool; the scope is one of the user's regions, or all of them. */
  const compareArgs = async (user: User, b: CompareBody) => {
    requireRole(user, 'province');
    if (b.scope) await requireRegion(db, user, b.scope);
    const province = b.region ?? `${(user.regions.find((r) => r !== '000000') ?? '000000').slice(0, 2)}0000`;
    return { scope: b.scope ? [b.scope] : user.regions, o: { region: province, assume: b.assume } };
  };

  app.post<{ Body: CompareBody }>(
    '/api/reports/compare/jobs',
    {
      schema: {
        summary: '开始比较细则草案对已存登记表的影响（作业）：草案有错误时立即 422；相同草案、范围和假设在数据未变时沿用已存结果 / start a draft comparison as a job (reused over unchanged data)',
        tags: ['reports'],
        body: compareBody,
        response: { 202: job },
      },
    },
    async (req, reply) => {
      const { scope, o } = await compareArgs(req.user!, req.body);
      const started = await compares.start(req.user!, scope, req.body.yaml, o);
      return reply.status(202).header('location', `/api/reports/compare/jobs/${started.id}`).send(started);
    },
  );

  app.get<{ Params: { id: number }; Querystring: MoversQuery }>(
    '/api/reports/compare/jobs/:id',
    { schema: { summary: '比较作业的进度；完成时附结果 / a comparison job: progress, and the result when done', tags: ['reports'], params: idParams, querystring: moversQuery, response: { 200: job } } },
    async (req) => {
      requireRole(req.user!, 'province');
      const q = req.query;
      return compares.get(req.user!, req.params.id, { offset: q.moversOffset, limit: q.moversLimit, classOnly: q.moversClass });
    },
  );

  app.post<{ Params: { id: number } }>(
    '/api/reports/compare/jobs/:id/run',
    { schema: { summary: '重新运行中断或失败的比较作业 / run an interrupted or failed comparison again', tags: ['reports'], params: idParams, response: { 202: job } } },
    async (req, reply) => {
      requireRole(req.user!, 'province');
      return reply.status(202).send(await compares.rerun(req.user!, req.params.id));
    },
  );

  app.post<{ Body: CompareBody }>(
    '/api/reports/compare',
    {
      schema: {
        summary: '细则草案对已存登记表的影响（与 fenlei compare 相同），立即计算：全省须数秒，网页用作业 / a draft against the stored registers, counted while you wait (the web page uses jobs)',
        tags: ['reports'],
        body: compareBody,
        response: { 200: comparison },
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
      return reply.type('text/html; charset=utf-8').send(await compareDraftHtml(db, rules, scope, req.body.yaml, o));
    },
  );
}
