// The county pages (and the pages every role shares). Add a page: write a file exporting a
// PageModule and list it here.
import type { PageModule } from '../route.js';
import decision from './decision.js';
import enterprises from './enterprises.js';
import home from './home.js';
import inspections from './inspections.js';
import login from './login.js';
import uploads from './uploads.js';

export const COUNTY_PAGES: PageModule[] = [login, home, enterprises, decision, uploads, inspections];
