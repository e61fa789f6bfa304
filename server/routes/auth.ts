// Sign in and out (session cookie + CSRF token), who am I, API tokens, users.
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';
import { verifyPassword } from '../auth/password.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import { createUser, userRow } from '../auth/users.js';
import { readCookie, SESSION_COOKIE, sessionCookie } from '../auth/plugin.js';
import { regionInScope, requireRole } from '../domain/access.js';
import { audit } from '../domain/audit.js';
import { ApiError, forbidden } from '../domain/errors.js';
import { region } from './schemas.js';

const SESSION_SECONDS = 8 * 3600;
const user = { type: 'object', properties: { id: { type: 'integer' }, login: { type: 'string' }, displayName: { type: 'string' }, role: { type: 'string' }, regions: { type: 'array', items: { type: 'string' } } } } as const;

export default async function authRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { db } = ctx;
  app.post<{ Body: { login: string; password: string } }>(
    '/api/login',
    {
      config: { public: true },
      schema: {
        summary: '登录 / sign in',
        tags: ['auth'],
        body: { type: 'object', required: ['login', 'password'], additionalProperties: false, properties: { login: { type: 'string', minLength: 1 }, password: { type: 'string', minLength: 1 } } },
        response: { 200: { type: 'object', properties: { user, csrfToken: { type: 'string' } } } },
      },
    },
    async (req, reply) => {
      const u = await userRow(db, 'u.login = $1', req.body.login);
      // The same answer and about the same work whether the login or the password is wrong.
      const ok = await verifyPassword(req.body.password, u?.passwordHash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
      if (!u || !ok) throw new ApiError(401, 'badLogin', '用户名或密码不对', 'wrong login or password');
      const token = newToken();
      const csrf = newToken();
      await db.query("INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))", [tokenHash(token), u.id, csrf, SESSION_SECONDS]);
      await audit(db, u.id, 'login', 'session', null, null, null);
      reply.header('set-cookie', sessionCookie(token, SESSION_SECONDS, ctx.secureCookies));
      const { passwordHash: _, ...out } = u;
      return { user: out, csrfToken: csrf };
    },
  );

  app.post('/api/logout', { schema: { summary: '退出登录 / sign out', tags: ['auth'] } }, async (req, reply) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash(token)]);
    reply.header('set-cookie', sessionCookie('', 0, ctx.secureCookies));
    return { ok: true };
  });

  app.get('/api/me', { schema: { summary: '当前用户 / who am I', tags: ['auth'], response: { 200: { type: 'object', properties: { user, csrfToken: { type: ['string', 'null'] } } } } } }, async (req) => ({ user: req.user, csrfToken: req.csrf }));

  app.post<{ Body: { name: string } }>(
    '/api/tokens',
    {
      schema: {
        summary: '为当前用户创建 API 令牌（只显示一次）/ create an API token for yourself (shown once)',
        tags: ['auth'],
        body: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1 } } },
        response: { 200: { type: 'object', properties: { id: { type: 'integer' }, token: { type: 'string' } } } },
      },
    },
    async (req) => {
      const token = newToken('fl_');
      const [row] = await db.query<{ id: number }>('INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3) RETURNING id', [req.user!.id, req.body.name, tokenHash(token)]);
      await audit(db, req.user!.id, 'add', 'api_token', row!.id, null, { name: req.body.name });
      return { id: row!.id, token };
    },
  );

  app.post<{ Body: { login: string; password: string; role: 'province' | 'county' | 'readonly'; regions: string[]; displayName?: string } }>(
    '/api/users',
    {
      schema: {
        summary: '省级管理员创建用户（管辖区域须在自己的范围内）/ a province administrator adds a user within its scope',
        tags: ['auth'],
        body: {
          type: 'object',
          required: ['login', 'password', 'role', 'regions'],
          additionalProperties: false,
          properties: { login: { type: 'string', minLength: 1 }, password: { type: 'string', minLength: 10 }, role: { type: 'string', enum: ['province', 'county', 'readonly'] }, regions: { type: 'array', minItems: 1, items: region }, displayName: { type: 'string' } },
        },
        response: { 200: user },
      },
    },
    async (req) => {
      requireRole(req.user!, 'province');
      return db.transaction(async (tx) => {
        for (const r of req.body.regions) if (!(await regionInScope(tx, req.user!, r))) throw forbidden(`行政区划 ${r} 不在您的管辖范围内`, `region ${r} is outside your scope`);
        return createUser(tx, req.user!, req.body);
      });
    },
  );
}
