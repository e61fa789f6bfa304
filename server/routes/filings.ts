// 备案 (第十二条): a county assembles its decisions of a period and submits them; the province
// returns them with a comment or accepts them, which locks the decisions. The database's
// triggers hold the state machine; these routes only say who may ask for which step.
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';
import type { Database, Queryable } from '../db/types.js';
import { requireRegion, requireRole, scopeSql, WRITERS } from '../domain/access.js';
import { audit } from '../domain/audit.js';
import { conflict, forbidden, invalid, notFound } from '../domain/errors.js';
import type { User } from '../domain/user.js';
import { date, idParams, region } from './schemas.js';

/** A filing as GET /api/filings answers it (the web pages read the same shape). */
export interface FilingRow {
  id: number;
  region: string;
  periodStart: string;
  periodEnd: string;
  state: string;
  comment: string;
  /** Made of decisions the county chose (kept when submitted again), not every enterprise's latest. */
  chosen?: boolean;
  createdAt?: string;
  updatedAt?: string;
}

const FILING = `SELECT f.id, f.region, f.period_start AS "periodStart", f.period_end AS "periodEnd", f.state, f.comment, f.chosen, f.created_at AS "createdAt", f.updated_at AS "updatedAt" FROM filings f`;

async function filingFor(q: Queryable, user: User, id: number): Promise<FilingRow> {
  const [f] = await q.query<FilingRow>(`${FILING} WHERE f.id = $1 FOR UPDATE`, [id]);
  if (!f) throw notFound(`备案 ${id}`, `filing ${id}`);
  await requireRegion(q, user, f.region);
  return f;
}

/**
 * Each enterprise's latest decision in the period, in the region, unless an accepted filing holds
 * it already (locked): what a whole-period filing contains, and what a county may choose from.
 */
const latestOpen = (region: number, start: number, end: number) => `SELECT d.id FROM enterprises e
       JOIN LATERAL (SELECT id, locked FROM decisions d WHERE d.enterprise_id = e.id AND d.decided_on BETWEEN $${start}::date AND $${end}::date ORDER BY d.decided_on DESC, d.id DESC LIMIT 1) d ON true
      WHERE fenlei_in_scope(e.region, ARRAY[$${region}::text]) AND NOT d.locked`;

/** A whole-period filing's contents, assembled afresh. */
async function assemble(q: Queryable, f: FilingRow): Promise<number> {
  await q.query('DELETE FROM filing_decisions WHERE filing_id = $1', [f.id]);
  const rows = await q.query(`INSERT INTO filing_decisions (filing_id, decision_id) SELECT $1, d.id FROM (${latestOpen(2, 3, 4)}) d RETURNING decision_id`, [f.id, f.region, f.periodStart, f.periodEnd]);
  return rows.length;
}

interface Fit {
  id: number;
  inScope: boolean;
  inRegion: boolean;
  inPeriod: boolean;
  locked: boolean;
  enterpriseId: number | null;
}

/**
 * The decisions a county chose, checked before they are filed (the database checks region,
 * period and lock again on insert): 403 for one that does not exist or is outside the user's
 * scope (said alike, so nothing is learnt of other regions); 422 listing every other misfit.
 */
async function checkChosen(q: Queryable, user: User, f: { region: string; periodStart: string; periodEnd: string }, ids: readonly number[]): Promise<void> {
  const rows = await q.query<Fit>(
    `SELECT x.id, coalesce(${scopeSql('e.region', 2)}, false) AS "inScope", coalesce(fenlei_in_scope(e.region, ARRAY[$3::text]), false) AS "inRegion",
            coalesce(d.decided_on BETWEEN $4::date AND $5::date, false) AS "inPeriod", coalesce(d.locked, false) AS locked, d.enterprise_id AS "enterpriseId"
       FROM unnest($1::int[]) AS x(id) LEFT JOIN decisions d ON d.id = x.id LEFT JOIN enterprises e ON e.id = d.enterprise_id ORDER BY x.id`,
    [ids, user.regions, f.region, f.periodStart, f.periodEnd],
  );
  const unseen = rows.filter((r) => !r.inScope).map((r) => r.id);
  if (unseen.length) throw forbidden(`判定 ${unseen.join('、')} 不存在或不在您的管辖范围内`, `decision ${unseen.join(', ')} does not exist or is outside your scope`);
  const seen = new Map<number, number>();
  const problems: { decision: number; zh: string; en: string }[] = [];
  for (const r of rows) {
    if (!r.inRegion) problems.push({ decision: r.id, zh: `判定 ${r.id} 的企业不在备案的地区 ${f.region} 内`, en: `decision ${r.id}'s enterprise is outside the filing's region ${f.region}` });
    if (!r.inPeriod) problems.push({ decision: r.id, zh: `判定 ${r.id} 不在备案的期间 ${f.periodStart} 至 ${f.periodEnd} 内`, en: `decision ${r.id} is outside the period ${f.periodStart} to ${f.periodEnd}` });
    if (r.locked) problems.push({ decision: r.id, zh: `判定 ${r.id} 已在另一份已接收的备案中`, en: `decision ${r.id} is in an accepted filing already` });
    const other = seen.get(r.enterpriseId!);
    if (other !== undefined) problems.push({ decision: r.id, zh: `判定 ${other} 和 ${r.id} 是同一企业的判定，一份备案中每家企业只报一个`, en: `decisions ${other} and ${r.id} are of one enterprise; a filing holds one per enterprise` });
    else seen.set(r.enterpriseId!, r.id);
  }
  if (problems.length) throw invalid(problems.map((p) => p.zh).join('；'), problems.map((p) => p.en).join('; '), { problems });
}

async function step(q: Queryable, user: User, f: FilingRow, state: string, comment = ''): Promise<void> {
  await q.query('UPDATE filings SET state = $2, comment = $3, updated_at = now() WHERE id = $1', [f.id, state, comment]);
  await q.query('INSERT INTO filing_steps (filing_id, state, comment, by_user) VALUES ($1, $2, $3, $4)', [f.id, state, comment, user.id]);
  await audit(q, user.id, state, 'filing', f.id, { state: f.state, comment: f.comment }, { state, comment });
}

/** A page of a filing's decisions (GET /api/filings/{id}?limit=&offset=); without a limit, every one. */
interface DecisionPage {
  limit?: number;
  offset?: number;
}

async function detail(q: Queryable, id: number, page: DecisionPage = {}): Promise<unknown> {
  const [f] = await q.query<FilingRow>(`${FILING} WHERE f.id = $1`, [id]);
  // By class and mode, with how many are locked: the whole filing's counts in one pass, however few decisions are listed.
  const byClass = await q.query<{ class: string; mode: string | null; n: number; locked: number }>(
    `SELECT coalesce(d.class, '不适用') AS class, d.mode, count(*)::int AS n, count(*) FILTER (WHERE d.locked)::int AS locked
       FROM filing_decisions fd JOIN decisions d ON d.id = fd.decision_id WHERE fd.filing_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
    [id],
  );
  const counts = { decisions: byClass.reduce((a, r) => a + r.n, 0), locked: byClass.reduce((a, r) => a + r.locked, 0) };
  const summary = byClass.map(({ locked: _, ...r }) => r);
  const decisions = await q.query(
    `SELECT d.id, e.id AS "enterpriseId", e.name, e.region, d.decided_on AS "decidedOn", d.class, d.mode, d.risk_level AS "riskLevel", d.locked
       FROM filing_decisions fd JOIN decisions d ON d.id = fd.decision_id JOIN enterprises e ON e.id = d.enterprise_id WHERE fd.filing_id = $1 ORDER BY e.region, e.name, d.id
      LIMIT $2::int OFFSET $3::int`,
    [id, page.limit ?? null, page.offset ?? 0],
  );
  const steps = await q.query('SELECT s.state, s.comment, u.login AS "by", s.at FROM filing_steps s JOIN users u ON u.id = s.by_user WHERE s.filing_id = $1 ORDER BY s.id', [id]);
  return { filing: f, summary, counts, decisions, steps };
}

/** The decisions a county chose (POST /api/filings, POST /api/filings/{id}/decisions). */
const chosenDecisions = {
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items: { type: 'integer', minimum: 1 },
  description: '所选判定的编号：须在本地区、期间内，每家企业一个，且不在已接收的备案中；不给出时取每家企业在期间内的最后一个判定 / the chosen decisions (in the region and period, one per enterprise, not in an accepted filing); without it, every enterprise\'s latest decision in the period',
} as const;

/** POST /api/filings: a draft filing of a region's period, of every enterprise's latest decision or of the chosen ones. */
function assembleFiling(app: FastifyInstance, db: Database): void {
  app.post<{ Body: { region: string; periodStart: string; periodEnd: string; decisions?: number[] } }>(
    '/api/filings',
    {
      schema: {
        summary: '为一个期间汇总本地区的判定，形成备案草稿（第十二条）；给出 decisions 时只报所选的判定 / assemble a filing for a period, or of the chosen decisions',
        tags: ['filings'],
        body: {
          type: 'object',
          required: ['region', 'periodStart', 'periodEnd'],
          additionalProperties: false,
          properties: {
            region,
            periodStart: date,
            periodEnd: date,
            decisions: chosenDecisions,
          },
        },
      },
    },
    async (req) => {
      requireRole(req.user!, ...WRITERS);
      const { region: reg, periodStart, periodEnd, decisions } = req.body;
      if (periodEnd < periodStart) throw invalid('期间的结束日期早于开始日期', 'the period ends before it starts');
      return db.transaction(async (tx) => {
        await requireRegion(tx, req.user!, reg);
        if (decisions) await checkChosen(tx, req.user!, req.body, decisions);
        else {
          // One whole-period filing per region and period (the database's unique index says so too, in its words).
          const [twin] = await tx.query<{ id: number }>('SELECT id FROM filings WHERE region = $1 AND period_start = $2 AND period_end = $3 AND NOT chosen', [reg, periodStart, periodEnd]);
          if (twin) throw conflict(`${reg} 在 ${periodStart} 至 ${periodEnd} 已有按期间汇总的备案 ${twin.id}`, `filing ${twin.id} already covers ${reg} from ${periodStart} to ${periodEnd}`, { filing: twin.id });
        }
        const [f] = await tx.query<FilingRow>(
          `INSERT INTO filings (region, period_start, period_end, chosen, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id, region, period_start AS "periodStart", period_end AS "periodEnd", state, comment, chosen`,
          [reg, periodStart, periodEnd, decisions !== undefined, req.user!.id],
        );
        const n = decisions
          ? (await tx.query('INSERT INTO filing_decisions (filing_id, decision_id) SELECT $1, unnest($2::int[]) RETURNING decision_id', [f!.id, decisions])).length
          : await assemble(tx, f!);
        await audit(tx, req.user!.id, 'add', 'filing', f!.id, null, { ...f, decisions: n });
        return detail(tx, f!.id);
      });
    },
  );
}

/** GET /api/filings/candidates: what a county may choose from for a period. */
function filingCandidates(app: FastifyInstance, db: Database): void {
  app.get<{ Querystring: { region: string; periodStart: string; periodEnd: string } }>(
    '/api/filings/candidates',
    {
      schema: {
        summary: '可报备案的判定：本地区每家企业在期间内的最后一个判定（不含已接收备案中的）/ the decisions a filing may hold: each enterprise\'s latest in the period, not yet in an accepted filing',
        tags: ['filings'],
        querystring: { type: 'object', required: ['region', 'periodStart', 'periodEnd'], additionalProperties: false, properties: { region, periodStart: date, periodEnd: date } },
      },
    },
    async (req) => {
      const { region: reg, periodStart, periodEnd } = req.query;
      if (periodEnd < periodStart) throw invalid('期间的结束日期早于开始日期', 'the period ends before it starts');
      await requireRegion(db, req.user!, reg);
      const decisions = await db.query(
        `SELECT d.id, e.id AS "enterpriseId", e.name, e.region, d.decided_on AS "decidedOn", d.class, d.mode, d.risk_level AS "riskLevel"
           FROM (${latestOpen(1, 2, 3)}) o JOIN decisions d ON d.id = o.id JOIN enterprises e ON e.id = d.enterprise_id ORDER BY e.region, e.name`,
        [reg, periodStart, periodEnd],
      );
      return { decisions };
    },
  );
}

/** POST /api/filings/{id}/decisions: a filing of chosen decisions, still with the county (draft, or returned), its choice replaced. */
function chooseDecisions(app: FastifyInstance, db: Database): void {
  app.post<{ Params: { id: number }; Body: { decisions: number[] } }>(
    '/api/filings/:id/decisions',
    {
      schema: {
        summary: '更改所选判定的备案的内容（草稿或被退回时）/ change the chosen decisions of a draft or returned filing',
        tags: ['filings'],
        params: idParams,
        body: { type: 'object', required: ['decisions'], additionalProperties: false, properties: { decisions: chosenDecisions } },
      },
    },
    async (req) => {
      requireRole(req.user!, ...WRITERS);
      return db.transaction(async (tx) => {
        const f = await filingFor(tx, req.user!, req.params.id);
        if (!f.chosen) throw conflict(`备案 ${f.id} 按期间汇总，不能挑选判定；请新建一份所选判定的备案`, `filing ${f.id} covers the whole period; make a new filing to choose decisions`);
        if (f.state !== 'draft' && f.state !== 'returned') throw conflict(`备案 ${f.id} 已报送或已接收，内容不可修改`, `filing ${f.id} is ${f.state}; its contents cannot change`);
        await checkChosen(tx, req.user!, f, req.body.decisions);
        const before = (await tx.query<{ decision_id: number }>('DELETE FROM filing_decisions WHERE filing_id = $1 RETURNING decision_id', [f.id])).map((r) => r.decision_id).sort((a, b) => a - b);
        await tx.query('INSERT INTO filing_decisions (filing_id, decision_id) SELECT $1, unnest($2::int[])', [f.id, req.body.decisions]);
        await tx.query('UPDATE filings SET updated_at = now() WHERE id = $1', [f.id]);
        await audit(tx, req.user!.id, 'choose', 'filing', f.id, { decisions: before }, { decisions: req.body.decisions });
        return detail(tx, f.id);
      });
    },
  );
}

/** POST /api/filings/{id}/submit: the county submits (again after a return); a whole-period filing is assembled afresh. */
function submitFiling(app: FastifyInstance, db: Database): void {
  app.post<{ Params: { id: number } }>('/api/filings/:id/submit', { schema: { summary: '报送备案（退回后可重新报送；按期间汇总的内容重新汇总，所选判定的备案内容不变）/ submit (again after a return)', tags: ['filings'], params: idParams } }, async (req) => {
    requireRole(req.user!, ...WRITERS);
    return db.transaction(async (tx) => {
      const f = await filingFor(tx, req.user!, req.params.id);
      if (!f.chosen && (f.state === 'draft' || f.state === 'returned')) await assemble(tx, f);
      await step(tx, req.user!, f, 'submitted');
      return detail(tx, f.id);
    });
  });
}

/** POST /api/filings/{id}/return: the province returns a filing with a comment. */
function returnFiling(app: FastifyInstance, db: Database): void {
  app.post<{ Params: { id: number }; Body: { comment: string } }>(
    '/api/filings/:id/return',
    { schema: { summary: '省级退回备案并写明意见 / the province returns a filing with a comment', tags: ['filings'], params: idParams, body: { type: 'object', required: ['comment'], additionalProperties: false, properties: { comment: { type: 'string', minLength: 1 } } } } },
    async (req) => {
      requireRole(req.user!, 'province');
      return db.transaction(async (tx) => {
        const f = await filingFor(tx, req.user!, req.params.id);
        await step(tx, req.user!, f, 'returned', req.body.comment);
        return detail(tx, f.id);
      });
    },
  );
}

/** POST /api/filings/{id}/accept: the province accepts; the database locks its decisions. */
function acceptFiling(app: FastifyInstance, db: Database): void {
  app.post<{ Params: { id: number } }>('/api/filings/:id/accept', { schema: { summary: '省级接收备案；其中的判定随即锁定 / the province accepts; its decisions are locked', tags: ['filings'], params: idParams } }, async (req) => {
    requireRole(req.user!, 'province');
    return db.transaction(async (tx) => {
      const f = await filingFor(tx, req.user!, req.params.id);
      await step(tx, req.user!, f, 'accepted');
      return detail(tx, f.id);
    });
  });
}

/** GET /api/filings/{id}: one filing, its decisions a page at a time. */
function showFiling(app: FastifyInstance, db: Database): void {
  app.get<{ Params: { id: number }; Querystring: DecisionPage }>(
    '/api/filings/:id',
    {
      schema: {
        summary: '一份备案：汇总、判定和经过；判定可分页（limit、offset），counts 总是全部判定的计数 / one filing; its decisions a page at a time with limit and offset (all without a limit), counts always of the whole filing',
        tags: ['filings'],
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 10000 }, offset: { type: 'integer', minimum: 0 } },
        },
      },
    },
    async (req) => {
      await db.transaction((tx) => filingFor(tx, req.user!, req.params.id));
      return detail(db, req.params.id, req.query);
    },
  );
}

/** GET /api/filings: the filings in the user's scope, by state and region. */
function listFilings(app: FastifyInstance, db: Database): void {
  app.get<{ Querystring: { state?: string; region?: string } }>(
    '/api/filings',
    {
      schema: {
        summary: '备案列表（可按状态、地区筛选；地区包括其下级）/ filings, by state and region (with its subdivisions)',
        tags: ['filings'],
        querystring: { type: 'object', additionalProperties: false, properties: { state: { type: 'string', enum: ['draft', 'submitted', 'returned', 'accepted'] }, region } },
      },
    },
    async (req) => {
      const within = req.query.region ? [req.query.region] : null;
      const rows = await db.query(
        `${FILING} WHERE ${scopeSql('f.region', 1)} AND ($2::text IS NULL OR f.state = $2) AND ($3::text[] IS NULL OR ${scopeSql('f.region', 3)}) ORDER BY f.updated_at DESC, f.id DESC`,
        [req.user!.regions, req.query.state ?? null, within],
      );
      return { filings: rows };
    },
  );
}

/** The filing routes, one function each (registration order kept). */
export default async function filingRoutes(app: FastifyInstance, { db }: ServerContext): Promise<void> {
  assembleFiling(app, db);
  filingCandidates(app, db);
  chooseDecisions(app, db);
  submitFiling(app, db);
  returnFiling(app, db);
  acceptFiling(app, db);
  showFiling(app, db);
  listFilings(app, db);
}
