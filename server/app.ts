// The HTTP application: Fastify with schema-validated JSON routes, one plugin per concern.
// `buildApp` takes an open database; `fenlei serve` (cli/commands/serve.ts) opens it and listens.
import Fastify, { type FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../compiler/index.js';
import authPlugin from './auth/plugin.js';
import type { ServerContext } from './context.js';
import type { Database } from './db/types.js';
import { CompareJobs } from './domain/compare-jobs.js';
import { installNationalRules } from './domain/install.js';
import { RuleBook } from './domain/rule-book.js';
import { UploadProgress } from './domain/upload-progress.js';
import { installErrorHandler } from './errors.js';
import { installValidation, SHARED_SCHEMAS } from './validation.js';
import { collectRoutes, openApiDocument } from './openapi.js';
import authRoutes from './routes/auth.js';
import compareRoutes from './routes/compare.js';
import decisionRoutes from './routes/decisions.js';
import enterpriseRoutes from './routes/enterprises.js';
import eventRoutes from './routes/events.js';
import filingRoutes from './routes/filings.js';
import inspectionRoutes from './routes/inspections.js';
import reportRoutes from './routes/reports.js';
import ruleRoutes from './routes/rules.js';
import webPlugin from '../web/plugin.js';

export interface AppOptions {
  db: Database;
  logger?: boolean;
  secureCookies?: boolean;
}

export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: o.logger ?? false });
  installValidation(app);
  const rules = new RuleBook();
  const ctx: ServerContext = { db: o.db, rules, secureCookies: o.secureCookies ?? true, uploads: new UploadProgress(), compares: new CompareJobs(o.db, rules) };
  // Comparisons under way are stopped (stored as interrupted) before the database closes.
  app.addHook('onClose', () => ctx.compares.close());
  await installNationalRules(o.db, ctx.rules);
  const routes = collectRoutes(app);
  installErrorHandler(app);
  await app.register(authPlugin, { db: o.db });
  for (const plugin of [authRoutes, enterpriseRoutes, inspectionRoutes, eventRoutes, decisionRoutes, filingRoutes, ruleRoutes, reportRoutes, compareRoutes]) await app.register(plugin, ctx);
  await app.register(webPlugin, ctx);
  const version = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  app.get('/api/openapi.json', { config: { public: true } }, async () => openApiDocument(routes, version, SHARED_SCHEMAS));
  app.get('/api/health', { config: { public: true } }, async () => ({ ok: true, database: o.db.kind }));
  return app;
}
