// 备案 (第十二条) pages: the list (both sides), a new filing of chosen decisions or a whole period (county), one filing with its
// actions (county: submit, submit again after a return; province: return with a comment, or
// accept). Every read and write goes through the JSON API as the signed-in user, so the region
// scope, the roles and the database's state machine are the API's, not a second copy here.
import { ApiError } from '../../server/domain/errors.js';
import { html } from '../html.js';
import type { PageModule, PageRequest } from '../route.js';
import { choiceForm, DECISIONS_PER_PAGE, filingBody, filingListBody, newFilingBody, type Candidate, type FilingDetail, type FilingRow, type NewFilingValues } from './filings-view.js';
import { stateWords } from './words.js';

const CRUMB = { label: '备案', path: '/filings' };

/** Refusals the user can act on (a bad period, a step the state machine refuses) stay on the page. */
const onPage = (e: unknown): e is ApiError => e instanceof ApiError && (e.status === 400 || e.status === 409 || e.status === 422);

const DONE: Record<string, string> = {
  add: '已汇总为备案草稿，请核对所含判定后报送。Draft assembled: check it, then submit.',
  choose: '所选判定已保存，请核对后报送。The choice is saved: check it, then submit.',
  submitted: '已报送省级。Submitted to the province.',
  returned: '已退回县级，意见已记录。Returned with your comment.',
  accepted: '已接收，其中的判定已锁定。Accepted; its decisions are locked.',
};

async function showFiling(p: PageRequest<{ done?: string; offset?: string }, { id: string }>, notice?: { kind: 'ok' | 'error'; text: string }): Promise<string> {
  // Only the page shown is read (a county's filing can hold 10,000 decisions); the counts are the filing's.
  const offset = Math.max(0, Math.floor(Number(p.query.offset) || 0));
  const d = await p.api<FilingDetail>('GET', `/api/filings/${encodeURIComponent(p.params.id)}?${new URLSearchParams({ limit: String(DECISIONS_PER_PAGE), offset: String(offset) })}`);
  const done = p.query.done ? DONE[p.query.done] : undefined;
  return p.render({
    title: `备案 ${d.filing.id}（${stateWords(d.filing.state).zh}）`,
    nav: '/filings',
    breadcrumbs: [CRUMB, { label: `备案 ${d.filing.id}` }],
    styles: ['province.css'],
    body: filingBody(p.user, d, p.csrf, notice ?? (done ? { kind: 'ok', text: done } : undefined), offset),
  });
}

/** The filings the user may see, by state and region (a region's subdivisions with it). */
async function filingList(p: PageRequest<{ region?: string; state?: string }>): Promise<string> {
  const state = p.query.state || undefined;
  const region = p.query.region || undefined;
  const all = (await p.api<{ filings: FilingRow[] }>('GET', `/api/filings${state ? `?state=${encodeURIComponent(state)}` : ''}`)).filings;
  const rows = region ? (await p.api<{ filings: FilingRow[] }>('GET', `/api/filings?${new URLSearchParams({ ...(state ? { state } : {}), region })}`)).filings : all;
  const regions = [...new Set([...p.user.regions, ...all.map((f) => f.region)])].sort();
  return p.render({ title: '备案', nav: '/filings', breadcrumbs: [CRUMB], styles: ['province.css'], body: filingListBody(p.user, rows, { region, state }, regions) });
}

/** The new-filing form; once a region and period are given, the decisions to choose from. */
async function newFilingPage(p: PageRequest<unknown, unknown>, values: NewFilingValues, error?: string): Promise<string> {
  const { region, periodStart, periodEnd } = values;
  // The decisions to choose from, once a region and period are given (the API checks both).
  let candidates: Candidate[] | undefined;
  if (region && periodStart && periodEnd) {
    try {
      candidates = (await p.api<{ decisions: Candidate[] }>('GET', `/api/filings/candidates?${new URLSearchParams({ region, periodStart, periodEnd })}`)).decisions;
    } catch (e) {
      if (!onPage(e)) throw e;
      p.reply.status(e.status);
      error ??= `${e.message}（${e.messageEn}）`;
    }
  }
  return p.render({
    title: '新建备案',
    nav: '/filings',
    breadcrumbs: [CRUMB, { label: '新建备案' }],
    styles: ['province.css'],
    scripts: ['filing-choice.js'],
    body: newFilingBody(p.user.regions, values, p.csrf, error, candidates),
  });
}

/**
 * A new filing posted: mode=chosen files the ticked decisions (the API checks each); mode=whole,
 * or a form of region and period alone (as before), files every enterprise's latest decision of
 * the period.
 */
async function postedFiling(p: PageRequest) {
  const values = { region: p.form.region ?? '', periodStart: p.form.periodStart ?? '', periodEnd: p.form.periodEnd ?? '' };
  const chosen = p.formAll('decision').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  if (p.form.mode === 'chosen' && chosen.length === 0) {
    p.reply.status(422);
    return newFilingPage(p as PageRequest<unknown, unknown>, { ...values, chosen }, '请至少勾选一个判定，或选“不挑选：报期间内全部”。Tick at least one decision, or file the whole period.');
  }
  try {
    const d = await p.api<FilingDetail>('POST', '/api/filings', p.form.mode === 'chosen' ? { ...values, decisions: chosen } : values);
    return { redirect: `/filings/${d.filing.id}?done=add` };
  } catch (e) {
    if (!onPage(e)) throw e;
    p.reply.status(e.status);
    return newFilingPage(p as PageRequest<unknown, unknown>, { ...values, chosen }, `${e.message}（${e.messageEn}）`);
  }
}

/**
 * A draft's or returned filing's choice, changed: the decisions it may hold (as for a new
 * filing) and those it holds now, the latter ticked.
 */
async function choosePage(p: PageRequest<unknown, { id: string }>, ticked?: number[], error?: string) {
  const d = await p.api<FilingDetail>('GET', `/api/filings/${encodeURIComponent(p.params.id)}`);
  const f = d.filing;
  // Only a chosen filing still with the county has a choice to change.
  if (!f.chosen || (f.state !== 'draft' && f.state !== 'returned')) return { redirect: `/filings/${f.id}` };
  const open = (await p.api<{ decisions: Candidate[] }>('GET', `/api/filings/candidates?${new URLSearchParams({ region: f.region, periodStart: f.periodStart, periodEnd: f.periodEnd })}`)).decisions;
  const held = d.decisions.filter((x) => !open.some((c) => c.id === x.id)).map((x): Candidate => ({ id: x.id, enterpriseId: x.enterpriseId, name: x.name, region: x.region, decidedOn: x.decidedOn, class: x.class, mode: x.mode, riskLevel: x.riskLevel }));
  const all = [...open, ...held].sort((a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name));
  const values = { region: f.region, periodStart: f.periodStart, periodEnd: f.periodEnd };
  return p.render({
    title: `更改备案 ${f.id} 的判定`,
    nav: '/filings',
    breadcrumbs: [CRUMB, { label: `备案 ${f.id}`, path: `/filings/${f.id}` }, { label: '更改所选判定' }],
    styles: ['province.css'],
    scripts: ['filing-choice.js'],
    body: html`${error ? html`<div class="alert" role="alert"><p>${error}</p></div>` : ''}
<p class="sub">勾选这份备案要报的判定，保存后回到备案页再报送。<span lang="en">Tick the decisions this filing holds, save, then submit it from the filing's page.</span></p>
${choiceForm(values, p.csrf, all, new Set(ticked ?? d.decisions.map((x) => x.id)), { action: `/filings/${f.id}/choose` })}`,
  });
}

/** A changed choice posted: at least one decision, each checked by the API. */
async function postedChoice(p: PageRequest<unknown, { id: string }>) {
  const chosen = p.formAll('decision').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  if (chosen.length === 0) {
    p.reply.status(422);
    return choosePage(p, chosen, '请至少勾选一个判定。Tick at least one decision.');
  }
  try {
    const d = await p.api<FilingDetail>('POST', `/api/filings/${encodeURIComponent(p.params.id)}/decisions`, { decisions: chosen });
    return { redirect: `/filings/${d.filing.id}?done=choose` };
  } catch (e) {
    if (!onPage(e)) throw e;
    p.reply.status(e.status);
    return choosePage(p, chosen, `${e.message}（${e.messageEn}）`);
  }
}

/** A filing's steps and who may ask for each; the API says it again and the database whether the state allows it. */
const STEPS = [
  ['submit', ['province', 'county']],
  ['return', ['province']],
  ['accept', ['province']],
] as const;

/** The handler of one step (a return needs a comment); a refusal is shown on the filing's page. */
const stepTaken = (step: (typeof STEPS)[number][0]) => async (p: PageRequest<{ done?: string }, { id: string }>) => {
  const id = encodeURIComponent(p.params.id);
  if (step === 'return' && !(p.form.comment ?? '').trim()) {
    p.reply.status(422);
    return showFiling({ ...p, query: {} }, { kind: 'error', text: '退回须写明意见。A return needs a comment.' });
  }
  try {
    const d = await p.api<FilingDetail>('POST', `/api/filings/${id}/${step}`, step === 'return' ? { comment: p.form.comment ?? '' } : undefined);
    return { redirect: `/filings/${d.filing.id}?done=${d.filing.state}` };
  } catch (e) {
    if (!onPage(e)) throw e;
    p.reply.status(e.status);
    return showFiling({ ...p, query: {} }, { kind: 'error', text: `未能办理：${e.message}（${e.messageEn}）` });
  }
};

const filings: PageModule = (pages) => {
  pages.get<{ region?: string; state?: string }>('/filings', filingList);
  pages.get<{ region?: string; periodStart?: string; periodEnd?: string }>(
    '/filings/new',
    (p) => newFilingPage(p as PageRequest<unknown, unknown>, { region: p.query.region || undefined, periodStart: p.query.periodStart || undefined, periodEnd: p.query.periodEnd || undefined }),
    { roles: ['province', 'county'] },
  );
  pages.post('/filings', postedFiling, { roles: ['province', 'county'] });
  pages.get<unknown, { id: string }>('/filings/:id/choose', (p) => choosePage(p), { roles: ['province', 'county'] });
  pages.post<unknown, { id: string }>('/filings/:id/choose', postedChoice, { roles: ['province', 'county'] });
  pages.get<{ done?: string; offset?: string }, { id: string }>('/filings/:id', (p) => showFiling(p));
  // One handler per step.
  for (const [step, roles] of STEPS) pages.post<{ done?: string }, { id: string }>(`/filings/:id/${step}`, stepTaken(step), { roles });
};

export default filings;
