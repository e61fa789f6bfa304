// Who is asking, for every request: a session cookie (HTTP-only, Secure, SameSite=Strict) whose
// writes must carry the session's CSRF token, or an API token (Authorization: Bearer) for other
// systems. Routes declare `config: { public: true }` to be reachable without either.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from './fp.js';
import type { Database } from '../db/types.js';
import { ApiError } from '../domain/errors.js';
import type { User } from '../domain/user.js';
import { tokenHash } from './tokens.js';
import { userRow } from './users.js';

export const SESSION_COOKIE = 'fenlei_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    /** The session's CSRF token (cookie sessions only). */
    csrf: string | null;
  }
  interface FastifyContextConfig {
    public?: boolean;
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

const unauthenticated = () => new ApiError(401, 'unauthenticated', '请先登录或提供 API 令牌', 'sign in or give an API token');

async function identify(db: Database, req: FastifyRequest): Promise<void> {
  req.user = null;
  req.csrf = null;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const u = await userRow(db, 'u.id = (SELECT user_id FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL)', tokenHash(auth.slice(7).trim()));
    if (!u) throw new ApiError(401, 'badToken', 'API 令牌无效或已撤销', 'the API token is invalid or revoked');
    req.user = strip(u);
    return;
  }
  const token = readCookie(req.headers.cookie, SESSION_COOKIE);
  if (!token) return;
  const [s] = await db.query<{ user_id: number; csrf_token: string }>('SELECT user_id, csrf_token FROM sessions WHERE token_hash = $1 AND expires_at > now()', [tokenHash(token)]);
  if (!s) return;
  const u = await userRow(db, 'u.id = $1', s.user_id);
  if (!u) return;
  req.user = strip(u);
  req.csrf = s.csrf_token;
}

const strip = ({ passwordHash: _, ...u }: User & { passwordHash: string }): User => u;

export default fp(async function auth(app: FastifyInstance, opts: { db: Database }) {
  app.decorateRequest('user', null);
  app.decorateRequest('csrf', null);
  app.addHook('preHandler', async (req: FastifyRequest, _reply: FastifyReply) => {
    await identify(opts.db, req);
    if (req.routeOptions.config.public) return;
    if (!req.user) throw unauthenticated();
    // A cookie rides along with any request the browser makes: a write must also show the token only the page knows.
    if (req.csrf !== null && req.method !== 'GET' && req.method !== 'HEAD' && req.headers[CSRF_HEADER] !== req.csrf) {
      throw new ApiError(403, 'csrf', '缺少或错误的 CSRF 令牌（请求头 x-csrf-token）', 'missing or wrong CSRF token (x-csrf-token header)');
    }
  });
});
