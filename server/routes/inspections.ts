// Inspections: one record entered (→ its decision), or a whole register uploaded as one transaction.
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';
import { requireRole, WRITERS } from '../domain/access.js';
import { audit } from '../domain/audit.js';
import { storeInspection } from '../domain/classify.js';
import { ApiError, conflict, notFound } from '../domain/errors.js';
import { uploadRegister } from '../domain/upload.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default async function inspectionRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { db, rules } = ctx;
  app.post<{ Body: { record: unknown } }>(
    '/api/inspections',
    {
      schema: {
        summary: '录入一次监督检查，返回判定（上次类别、上次评定日期和事件取自数据库）/ enter one inspection and get its decision (history from the database)',
        tags: ['inspections'],
        body: { type: 'object', required: ['record'], additionalProperties: false, properties: { record: { $ref: 'fenlei-record.schema.json#', description: '企业记录（grammar/record.schema.json，docs/records.md）；history 由数据库给出 / the record; its history comes from the database' } } },
      },
    },
    async (req) => {
      requireRole(req.user!, ...WRITERS);
      return db.transaction(async (tx) => {
        const r = await storeInspection(tx, req.user!, rules, req.body.record, 1);
        if (r.status === 'duplicate') throw conflict(`该企业在 ${(req.body.record as { inspection: { date: string } }).inspection.date} 的检查已录入（检查 ${r.inspectionId ?? ''}）`, 'this inspection is stored already', r);
        if (r.status === 'error') throw new ApiError(422, r.error!.code, r.error!.message, r.error!.messageEn ?? r.error!.message, r);
        await audit(tx, req.user!.id, 'add', 'inspection', r.inspectionId!, null, { record: req.body.record, decision: r.decisionId });
        return r;
      });
    },
  );

  app.get<{ Params: { fileHash: string } }>(
    '/api/uploads/:fileHash/progress',
    {
      schema: {
        summary: '上传进度（按文件的 SHA-256）：读取 → 判定 → 写入 → 完成或失败；只有上传者可见 / progress of an upload by its file hash, for its uploader',
        tags: ['inspections'],
        params: { type: 'object', required: ['fileHash'], properties: { fileHash: { type: 'string', pattern: '^[0-9a-f]{64}$' } } },
        response: {
          200: {
            type: 'object',
            properties: { fileHash: { type: 'string' }, fileName: { type: 'string' }, phase: { type: 'string', enum: ['read', 'classify', 'store', 'done', 'failed'] }, done: { type: 'integer' }, total: { type: 'integer' }, startedAt: { type: 'string' }, finishedAt: { type: 'string' } },
          },
        },
      },
    },
    async (req) => {
      const s = ctx.uploads.get(req.params.fileHash, req.user!.id);
      if (!s) throw notFound(`文件 ${req.params.fileHash} 的上传（本服务器上由您发起的）`, `an upload of ${req.params.fileHash} by you on this server`);
      return s;
    },
  );

  // The register's bytes are the body (CSV or xlsx), read by the project's own readers.
  app.register(async (up) => {
    for (const type of ['text/csv', XLSX, 'application/octet-stream']) up.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: 200 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    up.post<{ Body: Buffer; Querystring: { name?: string; format?: 'csv' | 'xlsx' } }>(
      '/api/uploads',
      {
        bodyLimit: 200 * 1024 * 1024,
        schema: {
          summary: '上传登记表（CSV 或 xlsx，列见 docs/records.md 第10节），一个事务：全部入库或全不入库；同一文件、同一企业同一检查日期只入库一次 / upload a register as one transaction, idempotent by file hash and by enterprise + date',
          tags: ['inspections'],
          consumes: ['text/csv', XLSX],
          querystring: { type: 'object', additionalProperties: false, properties: { name: { type: 'string' }, format: { type: 'string', enum: ['csv', 'xlsx'] } } },
        },
      },
      async (req) => {
        const type = String(req.headers['content-type'] ?? '');
        const format = req.query.format ?? (type.startsWith(XLSX) || /\.xlsx$/i.test(req.query.name ?? '') ? 'xlsx' : 'csv');
        return uploadRegister(db, req.user!, rules, {
          bytes: req.body,
          fileName: req.query.name ?? `register.${format}`,
          format,
          onProgress: (p) => req.log.info(p, 'upload progress'),
          progress: ctx.uploads,
        });
      },
    );
  });
}
