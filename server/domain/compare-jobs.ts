// A draft's impact as a job (草案影响分析): recounting every enterprise's latest inspection by two
// rule sets takes seconds at a province's size, so the request stores the draft and starts the
// count, and the result page shows its progress and then the stored figures (migration 0010).
// The count runs in this process in batches (compare.ts), so the server keeps answering; a job
// whose server stopped is shown as interrupted and may be run again.
import { createHash } from 'node:crypto';
import { dayNumber, type Evaluator } from '../../runtime/index.js';
import type { Database, Queryable } from '../db/types.js';
import { scopeSql } from './access.js';
import { comparisonJson, countComparison, draftEvaluator, type CompareOptions, type DraftComparison } from './compare.js';
import { ApiError, notFound } from './errors.js';
import type { RuleBook } from './rule-book.js';
import type { User } from './user.js';

/** A running job's heartbeat older than this: its server stopped (it beats after every batch). */
const STALE_SECONDS = 30;

export type CompareJobState = 'running' | 'done' | 'failed' | 'interrupted';

export interface CompareJob {
  id: number;
  state: CompareJobState;
  scope: string[];
  region: string;
  assume: 'pass' | 'fail' | null;
  draftSha256: string;
  asOf: string;
  /** Enterprises of the scope counted so far, of `total`. */
  done: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  /** Milliseconds the count took (done only). */
  computeMs: number | null;
  /** When failed: what went wrong, in Chinese and English. */
  error: { message: string; messageEn: string } | null;
  result?: DraftComparison;
  /** Movers the stored result lists (of the kind asked for: all, or those whose class changes). */
  moversListed?: number;
}

/** Which of the stored movers to answer: a page of them, all or only those whose class changes. */
export interface MoversPage {
  offset?: number;
  limit?: number;
  classOnly?: boolean;
}

interface JobRow {
  id: number;
  state: CompareJobState;
  stale: boolean;
  scope: string[];
  region: string;
  assume: 'pass' | 'fail' | null;
  draft_sha256: string;
  draft_yaml: string;
  as_of: string;
  done: number;
  total: number;
  started_at: string;
  finished_at: string | null;
  compute_ms: number | null;
  error: { message: string; messageEn: string } | null;
  result?: DraftComparison | null;
}

const COLUMNS = `id, state, state = 'running' AND heartbeat_at < now() - interval '${STALE_SECONDS} seconds' AS stale, scope, region, assume, draft_sha256, draft_yaml, as_of, done, total, started_at, finished_at, compute_ms, error`;

export const draftSha256 = (yaml: string) => createHash('sha256').update(yaml, 'utf8').digest('hex');

/** What "unchanged stored data" means for a stored result: no decision, rule version or catalogue since. */
async function dataStamp(q: Queryable): Promise<string> {
  const [s] = await q.query<{ d: number | null; r: number | null; c: number | null }>(
    'SELECT (SELECT max(id) FROM decisions) AS d, (SELECT max(id) FROM rule_versions) AS r, (SELECT max(id) FROM catalogues) AS c',
  );
  return `d${s!.d ?? 0}.r${s!.r ?? 0}.c${s!.c ?? 0}`;
}

export class CompareJobs {
  /** Jobs this process is counting, by id (their promise settles when the job is stored). */
  private readonly running = new Map<number, Promise<void>>();
  private closing = false;

  constructor(
    private readonly db: Database,
    private readonly rules: RuleBook,
  ) {}

  /**
   * A job for this draft, scope and assumption: the stored one when the same was counted (or is
   * being counted) over unchanged data today, else a new one, started. A draft with errors is
   * refused at once (422 with the diagnostics), as the check would.
   */
  async start(user: User, scope: string[], draftYaml: string, o: CompareOptions): Promise<CompareJob> {
    const sha = draftSha256(draftYaml);
    const asOf = new Date().toISOString().slice(0, 10);
    const stamp = await dataStamp(this.db);
    const [same] = await this.db.query<JobRow>(
      `SELECT ${COLUMNS} FROM compare_jobs
        WHERE draft_sha256 = $1 AND data_stamp = $2 AND as_of = $3 AND region = $4 AND scope = $5::text[] AND assume IS NOT DISTINCT FROM $6
          AND (state = 'done' OR (state = 'running' AND heartbeat_at >= now() - interval '${STALE_SECONDS} seconds'))
        ORDER BY id DESC LIMIT 1`,
      [sha, stamp, asOf, o.region, scope, o.assume ?? null],
    );
    if (same) return jobJson(same);
    // Checked before anything is stored: a draft with errors never becomes a job. The job counts
    // with this evaluator (compiling a draft is seconds on a busy machine: once is enough).
    const draft = await draftEvaluator(this.db, this.rules, o.region, draftYaml);
    const [row] = await this.db.query<JobRow>(
      `INSERT INTO compare_jobs (draft_sha256, draft_yaml, region, scope, assume, as_of, data_stamp, state, started_by)
       VALUES ($1, $2, $3, $4::text[], $5, $6, $7, 'running', $8) RETURNING ${COLUMNS}`,
      [sha, draftYaml, o.region, scope, o.assume ?? null, asOf, stamp, user.id],
    );
    this.launch(row!, draft);
    return jobJson(row!);
  }

  /**
   * A job the user may see (every region of its scope within theirs), with its result when done:
   * every mover, or the page of them asked for (a page of the web costs no more than its rows).
   */
  async get(user: User, id: number, page: MoversPage = {}): Promise<CompareJob> {
    const job = jobJson(await this.visible(user, id, true));
    if (!job.result) return job;
    const movers = page.classOnly ? job.result.movers.filter((m) => m.before.class !== m.after.class) : job.result.movers;
    const offset = page.offset ?? 0;
    return { ...job, result: { ...job.result, movers: movers.slice(offset, page.limit === undefined ? undefined : offset + page.limit) }, moversListed: movers.length };
  }

  /** Runs an interrupted or failed job again (same draft and options, as of today's data). */
  async rerun(user: User, id: number): Promise<CompareJob> {
    const job = await this.visible(user, id, false);
    if (job.state === 'done' || (job.state === 'running' && !job.stale)) return jobJson(job);
    const [row] = await this.db.query<JobRow>(
      `UPDATE compare_jobs SET state = 'running', done = 0, total = 0, error = NULL, result = NULL, compute_ms = NULL, finished_at = NULL,
              as_of = $2, data_stamp = $3, started_by = $4, started_at = now(), heartbeat_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, new Date().toISOString().slice(0, 10), await dataStamp(this.db), user.id],
    );
    this.launch(row!);
    return jobJson(row!);
  }

  /** Settles when the job this process counts is stored (at once when it counts none). */
  async settled(id: number): Promise<void> {
    await this.running.get(id);
  }

  /** Stops counting (the server closes): the jobs under way are stored as interrupted. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.running.values());
  }

  private async visible(user: User, id: number, withResult: boolean): Promise<JobRow> {
    const [row] = await this.db.query<JobRow & { allowed: boolean }>(
      `SELECT ${COLUMNS}${withResult ? ', result' : ''}, (SELECT bool_and(${scopeSql('s', 2)}) FROM unnest(scope) s) AS allowed FROM compare_jobs WHERE id = $1`,
      [id, user.regions],
    );
    // Another province's job is as unknown as a missing one.
    if (!row?.allowed) throw notFound(`影响分析 ${id}`, `comparison ${id}`);
    return row;
  }

  /** Counts the job in the background; a rerun compiles its stored draft again (the rules it is based on may have changed). */
  private launch(job: JobRow, draft?: Evaluator): void {
    const run = this.count(job, draft).finally(() => this.running.delete(job.id));
    this.running.set(job.id, run);
  }

  private async count(job: JobRow, compiled?: Evaluator): Promise<void> {
    const t0 = performance.now();
    const o = { region: job.region, assume: job.assume ?? undefined };
    try {
      const draft = compiled ?? (await draftEvaluator(this.db, this.rules, job.region, job.draft_yaml));
      const counted = await countComparison(this.db, this.rules, job.scope, draft, {
        ...o,
        today: dayNumber(job.as_of),
        progress: async (done, total) => {
          if (this.closing) throw new Interrupted();
          await this.db.query('UPDATE compare_jobs SET done = $2, total = $3, heartbeat_at = now() WHERE id = $1', [job.id, done, total]);
          // Requests waiting for the server are answered before the next batch.
          await new Promise((resolve) => setImmediate(resolve));
        },
      });
      const result = comparisonJson(job.scope, counted, o.assume);
      await this.db.query(`UPDATE compare_jobs SET state = 'done', done = total, result = $2, compute_ms = $3, finished_at = now() WHERE id = $1`, [job.id, JSON.stringify(result), Math.round(performance.now() - t0)]);
    } catch (e) {
      const interrupted = e instanceof Interrupted;
      const error = interrupted
        ? { message: '服务器停止，比较中断', messageEn: 'the server stopped; the comparison was interrupted' }
        : e instanceof ApiError
          ? { message: e.message, messageEn: e.messageEn }
          : { message: `比较失败：${(e as Error).message}`, messageEn: `the comparison failed: ${(e as Error).message}` };
      await this.db.query('UPDATE compare_jobs SET state = $2, error = $3, finished_at = now() WHERE id = $1', [job.id, interrupted ? 'interrupted' : 'failed', JSON.stringify(error)]).catch(() => undefined);
    }
  }
}

class Interrupted extends Error {}

function jobJson(r: JobRow): CompareJob {
  return {
    id: r.id,
    state: r.stale ? 'interrupted' : r.state,
    scope: r.scope,
    region: r.region,
    assume: r.assume,
    draftSha256: r.draft_sha256,
    asOf: r.as_of,
    done: r.done,
    total: r.total,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    computeMs: r.compute_ms,
    error: r.stale ? { message: '服务器停止，比较中断', messageEn: 'the server stopped; the comparison was interrupted' } : r.error,
    ...(r.result ? { result: r.result } : {}),
  };
}
