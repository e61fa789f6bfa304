// Who is asking, for every request: a session cookie (HTTP-only, Secure, SameSite=Strict) whose
// writes must carry the session's CSRF token, or an API token (Authorization: Bearer) for other
// systems. Routes declare `config: { public: true }` to be reachable without either.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from './fp.js';
import { prepared, type Database } from '../db/types.js';
import { ApiError } from '../domain/errors.js';
import type { User } from '../domain/user.js';
import { tokenHash } from './tokens.js';
import { USER_COLUMNS, userOf, type UserColumns } from './users.js';

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

// One prepared query per request: who holds the token (the user row with the session's CSRF token).
const BY_API_TOKEN = prepared(`SELECT ${USER_COLUMNS}, NULL AS csrf_token FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND NOT u.disabled`);
const BY_SESSION = prepared(`SELECT ${USER_COLUMNS}, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`);

type Holder = UserColumns & { csrf_token: string | null };

async function identify(db: Database, req: FastifyRequest): Promise<void> {
  req.user = null;
  req.csrf = null;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const [u] = await db.query<Holder>(BY_API_TOKEN, [tokenHash(auth.slice(7).trim())]);
    if (!u) throw new ApiError(401, 'badToken', 'API 令牌无效或已撤销', 'the API token is invalid or revoked');
    req.user = userOf(u);
    return;
  }
  const token = readCookie(req.headers.cookie, SESSION_COOKIE);
  if (!token) return;
  const [u] = await db.query<Holder>(BY_SESSION, [tokenHash(token)]);
  if (!u) return;
  req.user = userOf(u);
  req.csrf = u.csrf_token;
}

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
