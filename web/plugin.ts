// The web pages: one Fastify plugin with every page route and the static assets, registered by
// server/app.ts. Pages use the API's session: signed out → /login; a form's POST carries the
// session's CSRF token in the field _csrf (a page cannot set headers without a script);
// XHR calls to /api send it as x-csrf-token (read from <meta name="csrf-token">).
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { packageRoot } from '../compiler/index.js';
import { FORM_CSS } from '../cli/format/form.js';
import type { ServerContext } from '../server/context.js';
import { ApiError } from '../server/domain/errors.js';
import type { Role } from '../server/domain/user.js';
import { html } from './html.js';
import { page } from './layout.js';
import { localPath } from './paths.js';
import { COUNTY_PAGES } from './pages/index.js';
import { PROVINCE_PAGES } from './province/index.js';
import { apiError, type FormFile, type PageHandler, type PageRequest, type Pages, type Result, type RouteOptions } from './route.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A web page: public (sign-in) or the roles that may see it. */
    page?: { public?: boolean; roles?: readonly Role[] };
  }
}

const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

/** Pages may load only this server's files; forms post only here; never framed. */
export const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src-elem 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

function assets(): Map<string, { bytes: Buffer; type: string }> {
  const dir = join(packageRoot(), 'web', 'assets');
  const files = new Map<string, { bytes: Buffer; type: string }>();
  for (const f of readdirSync(dir)) {
    const type = TYPES[extname(f)];
    if (type) files.set(f, { bytes: readFileSync(join(dir, f)), type });
  }
  // The inspection form's own stylesheet, from the renderer that `fenlei doc` uses.
  files.set('form.css', { bytes: Buffer.from(FORM_CSS), type: TYPES['.css']! });
  return files;
}


/** The biggest form a page takes: a register file (the API's own limit for /api/uploads). */
const MULTIPART_LIMIT = 200 * 1024 * 1024;

/** What a form carries besides one text value per field: every value of a repeated field, and files. */
interface FormExtras {
  all: Map<string, string[]>;
  files: Map<string, FormFile>;
}
const extras = new WeakMap<object, FormExtras>();

/** One value per field (the last, as before) for `p.form`; every value and the files kept aside. */
function formFields(pairs: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  const all = new Map<string, string[]>();
  for (const [k, v] of pairs) {
    out[k] = v;
    all.set(k, [...(all.get(k) ?? []), v]);
  }
  extras.set(out, { all, files: new Map() });
  return out;
}

function errorPage(req: FastifyRequest, e: ApiError): string {
  const title = e.status === 403 ? '无权访问' : e.status === 404 ? '找不到' : e.status >= 500 ? '服务器出错' : '请求未能完成';
  return page({
    title,
    user: req.user,
    csrf: req.csrf,
    body: html`<div class="alert" role="alert"><p>${e.message}</p><p lang="en" class="muted">${e.messageEn}</p></div><p><a href="/">返回首页</a></p>`,
  });
}

/** GET /assets/{file}: the stylesheets, scripts and images, public and cached for five minutes. */
function serveAssets(app: FastifyInstance): void {
  const files = assets();
  app.get<{ Params: { file: string } }>('/assets/:file', { config: { public: true, page: { public: true } } }, async (req, reply) => {
    const f = files.get(req.params.file);
    if (!f) return reply.status(404).type('text/plain; charset=utf-8').send('not found');
    return reply.type(f.type).header('cache-control', 'public, max-age=300').header('x-content-type-options', 'nosniff').send(f.bytes);
  });
}

/** The forms' bodies, for the pages only: HTML forms post application/x-www-form-urlencoded, a file chosen without scripts comes as multipart/form-data. */
function readForms(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => {
    done(null, formFields(new URLSearchParams(String(body))));
  });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: MULTIPART_LIMIT }, multipartFields);
}

/** A multipart form (the register upload), read by Node's own Fetch API (no parser of our own, no dependency). */
async function multipartFields(req: FastifyRequest, body: Buffer): Promise<Record<string, string>> {
  const data = await new Response(body, { headers: { 'content-type': String(req.headers['content-type']) } }).formData().catch(() => {
    throw new ApiError(400, 'badRequest', '表单数据无法读取（multipart/form-data）', 'the form data cannot be read');
  });
  const text: [string, string][] = [];
  const files = new Map<string, FormFile>();
  for (const [k, v] of data) {
    if (typeof v === 'string') text.push([k, v]);
    else files.set(k, { name: v.name, bytes: Buffer.from(await v.arrayBuffer()) });
  }
  const out = formFields(text);
  extras.get(out)!.files = files;
  return out;
}

/** Every page (not its stylesheets and scripts) is sent with the content security policy, never framed, never cached. */
function pageHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.routeOptions.config.page || String(reply.getHeader('content-type') ?? '').startsWith('text/css') || String(reply.getHeader('content-type') ?? '').startsWith('text/javascript')) return payload;
    reply.header('content-security-policy', PAGE_CSP).header('x-content-type-options', 'nosniff').header('referrer-policy', 'same-origin').header('x-frame-options', 'DENY').header('cache-control', 'no-store');
    return payload;
  });
}

/** Signed-out visitors go to the sign-in page; a form's POST must carry the session's token; a page's roles are checked. */
function guardPages(app: FastifyInstance): void {
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const o = req.routeOptions.config.page;
    if (!o || o.public) return;
    if (!req.user || req.csrf === null) return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    if (req.method === 'POST') {
      const body = req.body as Record<string, string> | undefined;
      if ((body?._csrf ?? req.headers['x-csrf-token']) !== req.csrf) throw new ApiError(403, 'csrf', '表单已过期或来源不明（CSRF 令牌不符），请重新打开页面后再提交', 'the form expired or came from elsewhere (CSRF token mismatch)');
    }
    if (o.roles && !o.roles.includes(req.user.role)) throw new ApiError(403, 'forbidden', '您的角色不能使用此页面', 'your role may not use this page');
  });
}

/** Errors as pages: a lost session goes to the sign-in page, anything unexpected is logged and said as a 500. */
function errorPages(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const e = err instanceof ApiError ? err : (err as { validation?: unknown }).validation ? new ApiError(400, 'badRequest', `请求有误：${(err as Error).message}`, (err as Error).message) : undefined;
    if (!e) {
      req.log.error(err);
      return reply.status(500).type('text/html; charset=utf-8').send(errorPage(req, new ApiError(500, 'internal', '服务器内部错误（已记录）', 'internal error (logged)')));
    }
    if (e.status === 401) return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    return reply.status(e.status).type('text/html; charset=utf-8').send(errorPage(req, e));
  });
}

/** A page handler's result sent: HTML, a redirect within this server, or a download. */
async function send(reply: FastifyReply, r: Result) {
  if (typeof r === 'string') return reply.type('text/html; charset=utf-8').send(r);
  if ('redirect' in r) return reply.redirect(localPath(r.redirect), 303);
  return reply
    .type(r.type)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(r.fileName)}`)
    .send(Buffer.from(r.download));
}

/** What a page handler is given of a request: the user, the form, and the API called as the signed-in user. */
function pageRequest(app: FastifyInstance, ctx: ServerContext, req: FastifyRequest, reply: FastifyReply): PageRequest<never, never> {
  const { _csrf: _, ...form } = (req.method === 'POST' && req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string>;
  return {
    req,
    reply,
    user: req.user!,
    csrf: req.csrf ?? '',
    ctx,
    query: req.query as never,
    params: req.params as never,
    form,
    formAll: (name) => (req.body && typeof req.body === 'object' ? (extras.get(req.body)?.all.get(name) ?? []) : []),
    file: (name) => (req.body && typeof req.body === 'object' ? extras.get(req.body)?.files.get(name) : undefined),
    async api<T>(m: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) {
      const r = await app.inject({
        method: m,
        url,
        headers: { cookie: req.headers.cookie ?? '', 'x-csrf-token': req.csrf ?? '', ...headers },
        ...(body === undefined ? {} : { payload: body as string }),
      });
      if (r.statusCode >= 300) throw apiError(r.statusCode, r.body);
      return r.json() as T;
    },
    render: (opts) => page({ ...opts, user: req.user, csrf: req.csrf }),
  };
}

/** What the page modules add their routes to: each a Fastify route marked as a page, public or with its roles. */
function pageRoutes(app: FastifyInstance, ctx: ServerContext): Pages {
  const route = (method: 'GET' | 'POST', path: string, handler: PageHandler<never, never>, o: RouteOptions = {}) => {
    app.route({
      method,
      url: path,
      config: { public: true, page: { public: o.public ?? false, ...(o.roles ? { roles: o.roles } : {}) } },
      handler: async (req, reply) => send(reply, await handler(pageRequest(app, ctx, req, reply))),
    });
  };
  return {
    get: (path, h, o) => route('GET', path, h as PageHandler<never, never>, o),
    post: (path, h, o) => route('POST', path, h as PageHandler<never, never>, o),
  };
}

export default async function webPlugin(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  serveAssets(app);
  readForms(app);
  pageHeaders(app);
  guardPages(app);
  errorPages(app);
  const pages = pageRoutes(app, ctx);
  for (const m of [...COUNTY_PAGES, ...PROVINCE_PAGES]) m(pages);
}
