// What every route plugin is given: the database and the compiled rule versions.
import type { Database } from './db/types.js';
import type { CompareJobs } from './domain/compare-jobs.js';
import type { RuleBook } from './domain/rule-book.js';
import type { UploadProgress } from './domain/upload-progress.js';

export interface ServerContext {
  db: Database;
  rules: RuleBook;
  /** Session cookies carry Secure (browsers keep it on http://127.0.0.1 too). */
  secureCookies: boolean;
  /** Uploads under way (progress by file hash). */
  uploads: UploadProgress;
  /** Draft comparisons (草案影响分析) counted as jobs. */
  compares: CompareJobs;
}
