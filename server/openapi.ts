// The OpenAPI document, built from the routes' own schemas as they are registered (schema-first:
// one definition validates requests and documents them).
import type { FastifyInstance, RouteOptions } from 'fastify';

interface Collected {
  method: string;
  url: string;
  schema: Record<string, unknown>;
  public: boolean;
}

export function collectRoutes(app: FastifyInstance): Collected[] {
  const routes: Collected[] = [];
  app.addHook('onRoute', (r: RouteOptions) => {
    const methods = (Array.isArray(r.method) ? r.method : [r.method]).filter((m) => m !== 'HEAD');
    if (!r.url.startsWith('/api/') || !r.schema) return;
    for (const m of methods) routes.push({ method: m.toLowerCase(), url: r.url, schema: r.schema as Record<string, unknown>, public: !!(r.config as { public?: boolean } | undefined)?.public });
  });
  return routes;
}

function parametersOf(s: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  for (const [where, key] of [['path', 'params'], ['query', 'querystring']] as const) {
    const obj = s[key] as { properties?: Record<string, unknown>; required?: string[] } | undefined;
    for (const [name, schema] of Object.entries(obj?.properties ?? {})) out.push({ name, in: where, required: where === 'path' || !!obj?.required?.includes(name), schema });
  }
  return out;
}

export function openApiDocument(routes: Collected[], version: string, shared: Record<string, unknown>[]): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const s = r.schema;
    const op: Record<string, unknown> = { summary: s.summary, description: s.description, tags: s.tags, parameters: parametersOf(s) };
    if (s.body) op.requestBody = { required: true, content: { 'application/json': { schema: s.body } } };
    if (s.consumes) op.requestBody = { required: true, content: Object.fromEntries((s.consumes as string[]).map((c) => [c, { schema: { type: 'string', format: 'binary' } }])) };
    const responses: Record<string, unknown> = {};
    for (const [code, schema] of Object.entries((s.response as Record<string, unknown>) ?? { 200: {} })) responses[code] = { description: String(code), content: { 'application/json': { schema } } };
    if (s.produces) responses[200] = { description: '200', content: Object.fromEntries((s.produces as string[]).map((c) => [c, { schema: { type: 'string' } }])) };
    op.responses = responses;
    if (r.public) op.security = [];
    (paths[path] ??= {})[r.method] = op;
  }
  // The grammar/ schemas by their $id, referenced from the routes as components.
  const schemas = Object.fromEntries(shared.map((s) => [String(s.$id).replace(/\.schema\.json$/, ''), s]));
  const doc = JSON.stringify(paths).replace(/"([a-z-]+)\.schema\.json#"/g, '"#/components/schemas/$1"');
  return {
    openapi: '3.1.0',
    info: {
      title: 'fenlei 分类监管工作信息管理系统 API',
      version,
      description: '工业企业产品质量分类监管信息管理系统（第五条、第十条、第十二条）的 JSON 接口。The JSON API of the provincial information system. docs/server.md',
    },
    servers: [{ url: '/' }],
    components: {
      schemas,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'fenlei_session', description: '登录后的会话；写操作还须带 x-csrf-token 请求头 / session; writes also need the x-csrf-token header' },
        token: { type: 'http', scheme: 'bearer', description: 'API 令牌（POST /api/tokens）/ API token' },
      },
    },
    security: [{ session: [] }, { token: [] }],
    paths: JSON.parse(doc) as unknown,
  };
}

// The OpenAPI words a route schema may carry (as @fastify/swagger adds them).
declare module 'fastify' {
  interface FastifySchema {
    summary?: string;
    description?: string;
    tags?: string[];
    consumes?: string[];
    produces?: string[];
  }
}
