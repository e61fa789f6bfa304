// 草案影响 page (province): POST /api/reports/compare as the signed-in user; a draft with errors
// comes back with the check diagnostics, shown at the uploaded file's name:line:col.
import { ApiError } from '../../server/domain/errors.js';
import type { DraftComparison } from '../../server/domain/compare.js';
import type { PageModule } from '../route.js';
import { compareBody } from './compare-view.js';
import { shownDiagnostic, type ApiDiagnostic } from './rule-versions.js';

const PAGE = { title: '草案影响分析', nav: '/compare', breadcrumbs: [{ label: '草案影响分析' }], styles: ['province.css'], scripts: ['yaml-file.js'] };

const compare: PageModule = (pages) => {
  pages.get('/compare', (p) => p.render({ ...PAGE, body: compareBody(p.user, p.csrf, {}) }), { roles: ['province'] });

  pages.post(
    '/compare',
    async (p) => {
      const form = { scope: p.form.scope ?? '', assume: p.form.assume ?? '', fileName: p.form.fileName ?? '', yaml: p.form.yaml ?? '' };
      const fileName = form.fileName.trim() || '草案.yaml';
      try {
        const result = await p.api<DraftComparison>('POST', '/api/reports/compare', { yaml: form.yaml, ...(form.scope ? { scope: form.scope } : {}), ...(form.assume === 'pass' || form.assume === 'fail' ? { assume: form.assume } : {}) });
        return p.render({ ...PAGE, body: compareBody(p.user, p.csrf, form, { result }) });
      } catch (e) {
        if (!(e instanceof ApiError) || e.status === 403 || e.status >= 500) throw e;
        const details = (e.details ?? {}) as { diagnostics?: ApiDiagnostic[] };
        p.reply.status(e.status);
        return p.render({ ...PAGE, body: compareBody(p.user, p.csrf, form, { refused: { message: e.message, messageEn: e.messageEn, diagnostics: (details.diagnostics ?? []).map((d) => shownDiagnostic(d, fileName)) } }) });
      }
    },
    { roles: ['province'] },
  );
};

export default compare;
