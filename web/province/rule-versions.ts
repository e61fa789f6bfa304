// 规则版本 pages: the history with stored verify verdicts (province, read-only), and the publish
// form (province). Publishing goes through POST /api/rule-versions, which runs check and verify;
// a refusal is shown with each diagnostic at the uploaded file's name:line:col.
import { ApiError } from '../../server/domain/errors.js';
import type { PageModule } from '../route.js';
import { publishBody, publishRegions, rulesBody, type CatalogueRow, type Published, type Refusal, type ShownDiagnostic, type VersionRow } from './rules-view.js';

const CRUMB = { label: '规则版本', path: '/rule-versions' };

export interface ApiDiagnostic {
  code: string;
  severity: string;
  line: number;
  message: string;
  messageEn: string;
  /** `path:line:col CODE 错误：…` (formatDiagnostic) */
  text: string;
}

/**
 * The API names the uploaded text after its region and version (`…/330000-draft.yaml`);
 * the page names it as the user's file, keeping line and column.
 */
export function shownDiagnostic(d: ApiDiagnostic, fileName: string): ShownDiagnostic {
  const m = /^(.*?):(\d+):(\d+) /.exec(d.text);
  const file = m ? (/-draft\.yaml$/.test(m[1]!) ? fileName : m[1]!.replace(/^.*\//, '')) : fileName;
  return { code: d.code, severity: d.severity, at: m ? `${file}:${m[2]}:${m[3]}` : `${file}:${d.line}`, message: d.message, messageEn: d.messageEn };
}

const today = () => new Date().toISOString().slice(0, 10);

const ruleVersions: PageModule = (pages) => {
  pages.get(
    '/rule-versions',
    async (p) => {
      const [{ versions }, { catalogues }] = await Promise.all([p.api<{ versions: VersionRow[] }>('GET', '/api/rule-versions'), p.api<{ catalogues: CatalogueRow[] }>('GET', '/api/catalogues')]);
      return p.render({ title: '规则版本', nav: '/rule-versions', breadcrumbs: [CRUMB], styles: ['province.css'], body: rulesBody(p.user, versions, catalogues, today()) });
    },
    { roles: ['province', 'readonly'] },
  );

  const form = { title: '发布规则版本', nav: '/rule-versions', breadcrumbs: [CRUMB, { label: '发布规则版本' }], styles: ['province.css'], scripts: ['yaml-file.js'] };

  pages.get('/rule-versions/publish', (p) => p.render({ ...form, body: publishBody(p.user, p.csrf, { region: publishRegions(p.user)[0] }) }), { roles: ['province'] });

  pages.post(
    '/rule-versions/publish',
    async (p) => {
      const region = p.form.region ?? '';
      const yaml = p.form.yaml ?? '';
      const fileName = (p.form.fileName ?? '').trim() || '规则文件.yaml';
      const values = { region, fileName: p.form.fileName ?? '', yaml };
      try {
        const r = await p.api<{ id: number; region: string; version: string; effective: string | null; expires: string | null; diagnostics: ApiDiagnostic[]; verification: Published['verification'] }>('POST', '/api/rule-versions', { region, yaml });
        const published: Published = { ...r, warnings: r.diagnostics.map((d) => shownDiagnostic(d, fileName)) };
        return p.render({ ...form, body: publishBody(p.user, p.csrf, { region }, { published }) });
      } catch (e) {
        if (!(e instanceof ApiError) || e.status === 403 || e.status >= 500) throw e;
        const details = (e.details ?? {}) as { diagnostics?: ApiDiagnostic[]; verification?: Refusal['verification'] };
        const refused: Refusal = { message: e.message, messageEn: e.messageEn, diagnostics: (details.diagnostics ?? []).map((d) => shownDiagnostic(d, fileName)), verification: details.verification ?? null };
        p.reply.status(e.status);
        return p.render({ ...form, body: publishBody(p.user, p.csrf, values, { refused }) });
      }
    },
    { roles: ['province'] },
  );
};

export default ruleVersions;
