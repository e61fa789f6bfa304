// Every error answers {error: {code, message, messageEn, details?}}: ours with their status, a
// refused request body with 400, a rule the database enforced (trigger, constraint) with 409.
import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError } from './domain/errors.js';

interface PgLike {
  code?: string;
  message: string;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ApiError | PgLike, req, reply) => {
    if (err instanceof ApiError) return reply.status(err.status).send({ error: { code: err.code, message: err.message, messageEn: err.messageEn, ...(err.details === undefined ? {} : { details: err.details }) } });
    const fe = err as FastifyError;
    if (fe.validation) {
      const what = fe.validation.map((v) => `${v.instancePath || fe.validationContext || ''} ${v.message ?? ''}`.trim()).join('；');
      return reply.status(400).send({ error: { code: 'badRequest', message: `请求不符合接口定义：${what}`, messageEn: `request does not match the API schema: ${what}`, details: fe.validation } });
    }
    const pg = err as PgLike;
    if (typeof pg.code === 'string' && /^(23|P0)/.test(pg.code)) {
      return reply.status(409).send({ error: { code: 'constraint', message: `数据库拒绝：${pg.message}`, messageEn: `refused by the database: ${pg.message}` } });
    }
    if (fe.statusCode && fe.statusCode < 500) return reply.status(fe.statusCode).send({ error: { code: fe.code ?? 'badRequest', message: fe.message, messageEn: fe.message } });
    req.log.error(err);
    return reply.status(500).send({ error: { code: 'internal', message: '服务器内部错误（已记录）', messageEn: 'internal error (logged)' } });
  });
}
