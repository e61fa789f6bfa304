// 备案 of chosen decisions (第十二条): a county files the decisions it picks from a period. The
// API refuses a decision outside the user's scope (403), outside the filing's region or period,
// in an accepted filing already, or a second one of the same enterprise (422); the database
// refuses the same on a direct insert, and refuses to accept a filing whose decision another
// accepted filing holds. A filing of chosen decisions keeps its contents when submitted again.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { as, addUser, buildTestApp, countyRows, register, signIn, uploadCsv } from './api.js';
import { describeOnBackend } from './backends.js';

const YUHANG = '330110';
const YIWU = '330782';
const YEAR = { periodStart: '2025-01-01', periodEnd: '2025-12-31' };

interface Candidate {
  id: number;
  enterpriseId: number;
  name: string;
  decidedOn: string;
  class: string;
}

describeOnBackend('备案 of chosen decisions', (db) => {
  let app: FastifyInstance;
  let province: ReturnType<typeof as>;
  let yuhang: ReturnType<typeof as>;
  let viewer: ReturnType<typeof as>;
  /** Yuhang's candidates for 2025, by enterprise number (0…3). */
  let c: Candidate[] = [];
  /** The March decision of enterprise 0, superseded by its June one. */
  let march0 = 0;
  let yiwuDecision = 0;
  let wholePeriod = 0;

  const filingIds = async (body: object) => {
    const r = await yuhang({ method: 'POST', url: '/api/filings', payload: body });
    return { status: r.statusCode, body: r.json() };
  };

  beforeAll(async () => {
    app = await buildTestApp(db());
    await addUser(db(), 'zj-admin', 'province', ['330000']);
    await addUser(db(), 'yuhang', 'county', [YUHANG]);
    await addUser(db(), 'yiwu', 'county', [YIWU]);
    await addUser(db(), 'yuhang-viewer', 'readonly', [YUHANG]);
    province = as(app, await signIn(app, 'zj-admin'));
    yuhang = as(app, await signIn(app, 'yuhang'));
    viewer = as(app, await signIn(app, 'yuhang-viewer'));
    const yiwu = as(app, await signIn(app, 'yiwu'));
    const rows = countyRows(YUHANG, 4, '2025-03-01', (k) => (k === 1 ? ['3'] : []));
    expect((await uploadCsv(yuhang, register(rows))).json().stored).toBe(4);
    // Enterprise 0 again in June: its latest decision of 2025 is the June one.
    expect((await uploadCsv(yuhang, register([{ ...rows[0]!, date: '2025-06-01' }]), 'june.csv')).json().stored).toBe(1);
    expect((await uploadCsv(yiwu, register(countyRows(YIWU, 1, '2025-03-01')))).json().stored).toBe(1);
    const all = await db().query<{ id: number; name: string; decided_on: string }>(`SELECT d.id, e.name, d.decided_on::text FROM decisions d JOIN enterprises e ON e.id = d.enterprise_id ORDER BY d.id`);
    march0 = all.find((d) => d.name === `${YUHANG}测试企业0号有限公司` && d.decided_on === '2025-03-01')!.id;
    yiwuDecision = all.find((d) => d.name.startsWith(YIWU))!.id;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('offers each enterprise\'s latest decision of the period as a candidate', async () => {
    const r = await yuhang({ url: `/api/filings/candidates?region=${YUHANG}&periodStart=2025-01-01&periodEnd=2025-12-31` });
    expect(r.statusCode).toBe(200);
    c = (r.json() as { decisions: Candidate[] }).decisions;
    expect(c.map((d) => [d.name, d.decidedOn, d.class])).toEqual([
      [`${YUHANG}测试企业0号有限公司`, '2025-06-01', 'AA'],
      [`${YUHANG}测试企业1号有限公司`, '2025-03-01', 'A'],
      [`${YUHANG}测试企业2号有限公司`, '2025-03-01', 'AA'],
      [`${YUHANG}测试企业3号有限公司`, '2025-03-01', 'AA'],
    ]);
    expect(c.map((d) => d.id)).not.toContain(march0);
    expect((await yuhang({ url: `/api/filings/candidates?region=${YIWU}&periodStart=2025-01-01&periodEnd=2025-12-31` })).statusCode).toBe(403);
  });

  it('files only the chosen decisions, and keeps them when submitted again after a return', async () => {
    const { status, body } = await filingIds({ region: YUHANG, ...YEAR, decisions: [c[0]!.id, c[1]!.id] });
    expect(status).toBe(200);
    expect(body.filing.chosen).toBe(true);
    expect(body.decisions.map((d: { id: number }) => d.id).sort()).toEqual([c[0]!.id, c[1]!.id].sort());
    const id = body.filing.id as number;
    expect((await yuhang({ method: 'POST', url: `/api/filings/${id}/submit` })).statusCode).toBe(200);
    expect((await province({ method: 'POST', url: `/api/filings/${id}/return`, payload: { comment: '请核对' } })).statusCode).toBe(200);
    const again = (await yuhang({ method: 'POST', url: `/api/filings/${id}/submit` })).json();
    expect(again.decisions.map((d: { id: number }) => d.id).sort()).toEqual([c[0]!.id, c[1]!.id].sort());
    const accepted = (await province({ method: 'POST', url: `/api/filings/${id}/accept` })).json();
    expect(accepted.decisions.map((d: { locked: boolean }) => d.locked)).toEqual([true, true]);
    // Filed and locked: no longer a candidate; the other two are.
    const left = (await yuhang({ url: `/api/filings/candidates?region=${YUHANG}&periodStart=2025-01-01&periodEnd=2025-12-31` })).json().decisions as Candidate[];
    expect(left.map((d) => d.id)).toEqual([c[2]!.id, c[3]!.id]);
  });

  it('refuses a decision outside the scope (403), and one outside the period, locked or of the same enterprise (422), naming each', async () => {
    const outside = await filingIds({ region: YUHANG, ...YEAR, decisions: [c[2]!.id, yiwuDecision] });
    expect([outside.status, outside.body.error.message]).toEqual([403, `无权访问：判定 ${yiwuDecision} 不存在或不在您的管辖范围内`]);
    const missing = await filingIds({ region: YUHANG, ...YEAR, decisions: [999999] });
    expect([missing.status, missing.body.error.message]).toEqual([403, '无权访问：判定 999999 不存在或不在您的管辖范围内']);
    const late = await filingIds({ region: YUHANG, periodStart: '2025-04-01', periodEnd: '2025-04-30', decisions: [c[2]!.id] });
    expect([late.status, late.body.error.message]).toEqual([422, `判定 ${c[2]!.id} 不在备案的期间 2025-04-01 至 2025-04-30 内`]);
    const locked = await filingIds({ region: YUHANG, ...YEAR, decisions: [c[1]!.id] });
    expect([locked.status, locked.body.error.message]).toEqual([422, `判定 ${c[1]!.id} 已在另一份已接收的备案中`]);
    // Enterprise 0's March decision beside its June one (filed and locked above).
    expect(march0).toBeLessThan(c[0]!.id);
    const twice = await filingIds({ region: YUHANG, ...YEAR, decisions: [c[0]!.id, march0] });
    expect(twice.status).toBe(422);
    expect(twice.body.error.details.problems.map((p: { decision: number }) => p.decision)).toEqual([c[0]!.id, c[0]!.id]);
    expect(twice.body.error.message).toBe(`判定 ${c[0]!.id} 已在另一份已接收的备案中；判定 ${march0} 和 ${c[0]!.id} 是同一企业的判定，一份备案中每家企业只报一个`);
    const empty = await filingIds({ region: YUHANG, ...YEAR, decisions: [] });
    expect(empty.status).toBe(400);
    // Nothing was left behind by the refusals.
    expect((await db().query('SELECT count(*)::int AS n FROM filings')).map((r) => (r as { n: number }).n)).toEqual([1]);
  });

  it('holds the rules in the database too: a direct insert out of the period, or of a locked decision, is refused', async () => {
    const { body } = await filingIds({ region: YUHANG, periodStart: '2025-01-01', periodEnd: '2025-04-30', decisions: [c[2]!.id] });
    const id = body.filing.id as number;
    await expect(db().query('INSERT INTO filing_decisions (filing_id, decision_id) VALUES ($1, $2)', [id, c[0]!.id])).rejects.toThrow(`判定 ${c[0]!.id} 的日期 2025-06-01 不在备案的期间内`);
    await expect(db().query('INSERT INTO filing_decisions (filing_id, decision_id) VALUES ($1, $2)', [id, c[1]!.id])).rejects.toThrow(`判定 ${c[1]!.id} 已在另一份已接收的备案中`);
    await expect(db().query('INSERT INTO filing_decisions (filing_id, decision_id) VALUES ($1, $2)', [id, yiwuDecision])).rejects.toThrow(`判定 ${yiwuDecision} 的企业不在备案的地区 ${YUHANG} 内`);
    await expect(db().query('UPDATE filings SET chosen = false WHERE id = $1', [id])).rejects.toThrow('备案是否为所选判定不可修改');
  });

  it('accepts only one of two filings holding the same decision', async () => {
    const a = (await filingIds({ region: YUHANG, ...YEAR, decisions: [c[3]!.id] })).body.filing.id as number;
    const b = (await filingIds({ region: YUHANG, ...YEAR, decisions: [c[3]!.id] })).body.filing.id as number;
    for (const id of [a, b]) expect((await yuhang({ method: 'POST', url: `/api/filings/${id}/submit` })).statusCode).toBe(200);
    expect((await province({ method: 'POST', url: `/api/filings/${a}/accept` })).statusCode).toBe(200);
    const second = await province({ method: 'POST', url: `/api/filings/${b}/accept` });
    expect([second.statusCode, second.json().error.message]).toEqual([409, `数据库拒绝：判定 ${c[3]!.id} 已在另一份已接收的备案中，本备案不能接收 / decision ${c[3]!.id} is in another accepted filing already`]);
  });

  it('still assembles a whole period without a choice (as before), leaving out decisions filed and accepted already', async () => {
    const { status, body } = await filingIds({ region: YUHANG, ...YEAR });
    expect(status).toBe(200);
    expect(body.filing.chosen).toBe(false);
    expect(body.decisions.map((d: { id: number }) => d.id)).toEqual([c[2]!.id]);
    wholePeriod = body.filing.id;
    const twin = await filingIds({ region: YUHANG, ...YEAR });
    expect([twin.status, twin.body.error.message]).toEqual([409, `${YUHANG} 在 2025-01-01 至 2025-12-31 已有按期间汇总的备案 ${body.filing.id}`]);
  });

  it('refuses a read-only user a filing, chosen or not', async () => {
    for (const payload of [{ region: YUHANG, ...YEAR }, { region: YUHANG, ...YEAR, decisions: [c[2]!.id] }]) {
      const r = await viewer({ method: 'POST', url: '/api/filings', payload });
      expect([r.statusCode, r.json().error.code]).toEqual([403, 'forbidden']);
    }
  });

  it('changes the choice of a chosen filing while the county has it (draft, returned), not once submitted, nor of a whole-period filing', async () => {
    const id = (await filingIds({ region: YUHANG, ...YEAR, decisions: [c[2]!.id] })).body.filing.id as number;
    const choose = (who: ReturnType<typeof as>, filing: number, decisions: number[]) => who({ method: 'POST', url: `/api/filings/${filing}/decisions`, payload: { decisions } });
    const draft = await choose(yuhang, id, [march0]);
    expect([draft.statusCode, draft.json().decisions.map((d: { id: number }) => d.id)]).toEqual([200, [march0]]);
    expect((await yuhang({ method: 'POST', url: `/api/filings/${id}/submit` })).json().decisions.map((d: { id: number }) => d.id)).toEqual([march0]);
    const submitted = await choose(yuhang, id, [c[2]!.id]);
    expect([submitted.statusCode, submitted.json().error.message]).toEqual([409, `备案 ${id} 已报送或已接收，内容不可修改`]);
    expect((await province({ method: 'POST', url: `/api/filings/${id}/return`, payload: { comment: '换成三月的判定' } })).statusCode).toBe(200);
    const returned = await choose(yuhang, id, [c[2]!.id]);
    expect([returned.statusCode, returned.json().decisions.map((d: { id: number }) => d.id)]).toEqual([200, [c[2]!.id]]);
    expect((await choose(yuhang, id, [yiwuDecision])).statusCode).toBe(403);
    expect((await choose(viewer, id, [march0])).statusCode).toBe(403);
    const whole = await choose(yuhang, wholePeriod, [c[2]!.id]);
    expect([whole.statusCode, whole.json().error.message]).toEqual([409, `备案 ${wholePeriod} 按期间汇总，不能挑选判定；请新建一份所选判定的备案`]);
    // The refusals changed nothing: the returned filing still holds its new choice.
    expect((await yuhang({ url: `/api/filings/${id}` })).json().decisions.map((d: { id: number }) => d.id)).toEqual([c[2]!.id]);
  });
  it('lists a filing\'s decisions a page at a time (limit, offset) with the whole filing\'s counts, and all of them without a limit', async () => {
    // The first test's filing: enterprises 0 and 1, accepted (so both locked).
    const [{ id }] = (await db().query<{ id: number }>('SELECT filing_id AS id FROM filing_decisions WHERE decision_id = $1', [c[0]!.id])) as [{ id: number }];
    const ids = (url: string) => yuhang({ url }).then((r) => r.json() as { counts: { decisions: number; locked: number }; decisions: { id: number }[] });
    const all = await ids(`/api/filings/${id}`);
    expect([all.counts, all.decisions.map((d) => d.id)]).toEqual([{ decisions: 2, locked: 2 }, [c[0]!.id, c[1]!.id]]);
    const second = await ids(`/api/filings/${id}?limit=1&offset=1`);
    expect([second.counts, second.decisions.map((d) => d.id)]).toEqual([{ decisions: 2, locked: 2 }, [c[1]!.id]]);
    expect((await ids(`/api/filings/${id}?limit=1`)).decisions.map((d) => d.id)).toEqual([c[0]!.id]);
    expect((await yuhang({ url: `/api/filings/${id}?limit=0` })).statusCode).toBe(400);
  });
});
