// The county pages (and the pages every role shares). Add a page: write a file exporting a
// PageModule and list it here.
import type { PageModule } from '../route.js';
import home from './home.js';
import login from './login.js';

export const COUNTY_PAGES: PageModule[] = [login, home];
