// 第十二条 report and region map pages (province, read-only): the figures are the API's
// (server/domain/reports.ts counts with the CLI's functions), asked for as the signed-in user so
// the region scope is the API's.
import type { Art12Report, RegionMap } from '../../server/domain/reports.js';
import type { PageModule } from '../route.js';
import { apiQuery, mapBody, PAGE_LISTED, reportBody, type ReportQuery } from './report-view.js';

const CRUMB = { label: '报告与分布图', path: '/report' };
const ROLES = { roles: ['province', 'readonly'] as const };

const reports: PageModule = (pages) => {
  pages.get<ReportQuery>(
    '/report',
    async (p) => {
      const r = await p.api<Art12Report>('GET', `/api/reports/art12${apiQuery(p.query, false, PAGE_LISTED)}`);
      return p.render({ title: '第十二条备案报告', nav: '/report', breadcrumbs: [CRUMB], styles: ['province.css'], body: reportBody(p.user, r, p.query) });
    },
    ROLES,
  );

  pages.get<ReportQuery>(
    '/report/map',
    async (p) => {
      const m = await p.api<RegionMap>('GET', `/api/reports/region-map${apiQuery(p.query, true)}`);
      return p.render({ title: '地区分布图', nav: '/report', breadcrumbs: [CRUMB, { label: '地区分布图' }], styles: ['province.css'], body: mapBody(p.user, m, p.query) });
    },
    ROLES,
  );
};

export default reports;
