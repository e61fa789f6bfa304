// 草案影响 page (province): the form POSTs the draft to /api/reports/compare/jobs as the signed-in
// user and is sent on (303) to the job's page, /compare/{id}, which shows the progress (reloaded
// every 2 seconds by the Refresh header, no script needed) and then the result. A draft with
// errors comes back at once with the check diagnostics, shown at the uploaded file's name:line:col.
import { ApiError } from '../../server/domain/errors.js';
import type { CompareJob } from '../../server/domain/compare-jobs.js';
import type { PageModule } from '../route.js';
import { compareBody, jobBody, MOVERS_PER_PAGE } from './compare-view.js';
import { shownDiagnostic, type ApiDiagnostic } from './rule-versions.js';

const PAGE = { title: '草案影响分析', nav: '/compare', breadcrumbs: [{ label: '草案影响分析' }], styles: ['province.css'], scripts: ['yaml-file.js'] };
/** Seconds between reloads of a running job's page. */
const REFRESH = 2;

const compare: PageModule = (pages) => {
  pages.get('/compare', (p) => p.render({ ...PAGE, body: compareBody(p.user, p.csrf, {}) }), { roles: ['province'] });

  pages.post(
    '/compare',
    async (p) => {
      const form = { scope: p.form.scope ?? '', assume: p.form.assume ?? '', fileName: p.form.fileName ?? '', yaml: p.form.yaml ?? '' };
      const fileName = form.fileName.trim() || '草案.yaml';
      try {
        const job = await p.api<CompareJob>('POST', '/api/reports/compare/jobs', { yaml: form.yaml, ...(form.scope ? { scope: form.scope } : {}), ...(form.assume === 'pass' || form.assume === 'fail' ? { assume: form.assume } : {}) });
        return { redirect: `/compare/${job.id}` };
      } catch (e) {
        if (!(e instanceof ApiError) || e.status === 403 || e.status >= 500) throw e;
        const details = (e.details ?? {}) as { diagnostics?: ApiDiagnostic[] };
        p.reply.status(e.status);
        return p.render({ ...PAGE, body: compareBody(p.user, p.csrf, form, { refused: { message: e.message, messageEn: e.messageEn, diagnostics: (details.diagnostics ?? []).map((d) => shownDiagnostic(d, fileName)) } }) });
      }
    },
    { roles: ['province'] },
  );

  pages.get<{ offset?: string }, { id: string }>(
    '/compare/:id',
    async (p) => {
      // The enterprises that change class a page at a time: the page stays small at any number.
      const offset = Math.max(0, Number.parseInt(p.query.offset ?? '0', 10) || 0);
      const job = await p.api<CompareJob>('GET', `/api/reports/compare/jobs/${encodeURIComponent(p.params.id)}?moversClass=true&moversOffset=${offset}&moversLimit=${MOVERS_PER_PAGE}`);
      if (job.state === 'running') p.reply.header('refresh', String(REFRESH));
      const crumbs = [{ label: '草案影响分析', path: '/compare' }, { label: `比较 ${job.id}` }];
      return p.render({ ...PAGE, title: `草案影响分析 ${job.id}`, breadcrumbs: crumbs, body: jobBody(p.user, p.csrf, job, REFRESH, offset) });
    },
    { roles: ['province'] },
  );

  pages.post<Record<string, string | undefined>, { id: string }>(
    '/compare/:id/run',
    async (p) => {
      const job = await p.api<CompareJob>('POST', `/api/reports/compare/jobs/${encodeURIComponent(p.params.id)}/run`);
      return { redirect: `/compare/${job.id}` };
    },
    { roles: ['province'] },
  );
};

export default compare;
