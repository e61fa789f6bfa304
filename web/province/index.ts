// The province pages (filings both sides, the Art. 12 report and map, rule versions, compare).
// Add a page: write a file here exporting a PageModule and list it below.
import type { PageModule } from '../route.js';
import compare from './compare.js';
import filings from './filings.js';
import reports from './reports.js';
import ruleVersions from './rule-versions.js';

export const PROVINCE_PAGES: PageModule[] = [filings, reports, ruleVersions, compare];
