// Rule versions: published only when `check` finds no error and, for a province over a base,
// `verify` proves it not weaker than the national rules (第五条、第八条; 通用规则备注（三）).
import type { FastifyInstance } from 'fastify';
import { formatDiagnostic, resultText, rootOf, verify } from '../../compiler/index.js';
import type { ServerContext } from '../context.js';
import { regionInScope, requireRole } from '../domain/access.js';
import { audit } from '../domain/audit.js';
import { ApiError, conflict, forbidden } from '../domain/errors.js';
import { ensureRegion } from '../domain/regions.js';
import { publishCatalogue } from '../domain/catalogues.js';
import { NATIONAL } from '../domain/rule-book.js';
import { region } from './schemas.js';

export default async function ruleRoutes(app: FastifyInstance, { db, rules }: ServerContext): Promise<void> {
  app.post<{ Body: { region: string; yaml: string } }>(
    '/api/rule-versions',
    {
      schema: {
        summary: '发布规则版本：check 无错误且 verify 证明不比国家规则宽松才发布 / publish a rule version (check clean, verify not weaker)',
        tags: ['rules'],
        body: { type: 'object', required: ['region', 'yaml'], additionalProperties: false, properties: { region, yaml: { type: 'string', minLength: 1, description: '规则文件（YAML）全文 / the rule file' } } },
      },
    },
    async (req) => {
      requireRole(req.user!, 'province');
      const { region: reg, yaml } = req.body;
      if (!(await regionInScope(db, req.user!, reg))) throw forbidden(`行政区划 ${reg} 不在您的管辖范围内`, `region ${reg} is outside your scope`);
      if (reg !== NATIONAL && !reg.endsWith('0000')) throw new ApiError(422, 'invalid', '规则版本按省（XX0000）或全国（000000）发布', 'rule versions are published for a province (XX0000) or the country (000000)');
      const result = await rules.compile(db, reg, 'draft', yaml);
      const diagnostics = result.diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.range.start.line + 1, message: d.message, messageEn: d.messageEn, text: formatDiagnostic(d) }));
      const errors = diagnostics.filter((d) => d.severity === 'error');
      if (errors.length || !result.ir) throw new ApiError(422, 'checkFailed', `规则有 ${errors.length} 个错误，未发布`, `the rules have ${errors.length} errors; not published`, { diagnostics });
      const meta = result.ir.meta;
      const hasBase = !!result.base;
      if (reg === NATIONAL && hasBase) throw new ApiError(422, 'invalid', '全国规则不能“基于”其他规则', 'national rules have no base');
      if (reg !== NATIONAL && !hasBase) throw new ApiError(422, 'invalid', '省级细则须“基于”国家规则，才能证明不比国家规则宽松', 'provincial rules need a base to be verified');
      let verification: unknown = null;
      if (hasBase) {
        const v = verify(result, rootOf(result), { timeLimitMs: 30_000, stricter: false });
        verification = { status: v.status, interval: v.interval, summary: v.counterexample?.summary ?? null, summaryEn: v.counterexample?.summaryEn ?? null, text: resultText(v) };
        if (v.status !== 'notWeaker') throw new ApiError(422, 'weaker', v.status === 'weaker' ? `细则比国家规则宽松，未发布：${v.counterexample?.summary ?? ''}` : `未能证明细则不比国家规则宽松（${v.status}），未发布`, v.status === 'weaker' ? `weaker than the national rules: ${v.counterexample?.summaryEn ?? ''}` : `could not prove not weaker (${v.status})`, { diagnostics, verification });
      }
      return db.transaction(async (tx) => {
        if (reg !== NATIONAL) await ensureRegion(tx, reg);
        const rows = await tx.query<{ id: number }>(
          `INSERT INTO rule_versions (region, name, version, effective, expires, yaml, check_result, verify_result, published_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9) ON CONFLICT (region, version) DO NOTHING RETURNING id`,
          [reg, meta.name, meta.version, meta.effective || null, meta.expires, yaml, JSON.stringify({ diagnostics }), JSON.stringify(verification), req.user!.id],
        );
        if (!rows.length) throw conflict(`${reg} 已有版本 ${meta.version}`, `version ${meta.version} exists for ${reg}`);
        await audit(tx, req.user!.id, 'publish', 'rule_version', rows[0]!.id, null, { region: reg, version: meta.version, effective: meta.effective, expires: meta.expires });
        return { id: rows[0]!.id, region: reg, name: meta.name, version: meta.version, effective: meta.effective, expires: meta.expires, diagnostics, verification };
      });
    },
  );

  app.post<{ Body: { region: string; fileName: string; yaml: string } }>(
    '/api/catalogues',
    {
      schema: {
        summary: '发布产品目录文件（第二十条）：规则版本按文件名引用；判定按检查日期选用生效的版本 / publish a product catalogue file',
        tags: ['rules'],
        body: { type: 'object', required: ['region', 'fileName', 'yaml'], additionalProperties: false, properties: { region, fileName: { type: 'string', minLength: 1 }, yaml: { type: 'string', minLength: 1 } } },
      },
    },
    async (req) => {
      requireRole(req.user!, 'province');
      if (!(await regionInScope(db, req.user!, req.body.region))) throw forbidden(`行政区划 ${req.body.region} 不在您的管辖范围内`, `region ${req.body.region} is outside your scope`);
      return db.transaction((tx) => publishCatalogue(tx, req.user!, req.body));
    },
  );

  app.get('/api/catalogues', { schema: { summary: '已发布的产品目录 / published catalogues', tags: ['rules'] } }, async () => ({
    catalogues: await db.query('SELECT id, region, file_name AS "fileName", name, version, effective, expires, published_at AS "publishedAt" FROM catalogues ORDER BY region, effective, id'),
  }));

  app.get('/api/rule-versions', { schema: { summary: '已发布的规则版本 / published rule versions', tags: ['rules'] } }, async () => ({
    versions: await db.query(
      `SELECT r.id, r.region, r.name, r.version, r.effective, r.expires, r.published_at AS "publishedAt", r.verify_result->>'status' AS "verified", r.verify_result AS "verification" FROM rule_versions r ORDER BY r.region, r.effective, r.id`,
    ),
  }));
}
