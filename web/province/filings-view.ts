// 备案 (第十二条) pages' content: the list, the new-filing form and one filing with its
// decisions, its steps and the actions the user may take in its state. Pure functions of the
// API's answers (GET /api/filings, GET /api/filings/{id}); the routes are in filings.ts.
import type { User } from '../../server/domain/user.js';
import { href, html, raw, type Html } from '../html.js';
import { CLASS_ORDER, classBadge, enterpriseLink, pager } from '../parts.js';
import type { FilingRow } from '../../server/routes/filings.js';
import { FILING_STATES, regionLabel, stateWords, when } from './words.js';

export type { FilingRow };

export interface FilingDetail {
  filing: FilingRow;
  summary: { class: string; mode: string | null; n: number }[];
  /** Of the whole filing, however few decisions are listed. */
  counts: { decisions: number; locked: number };
  /** Every decision, or the page asked for (limit, offset). */
  decisions: { id: number; enterpriseId: number; name: string; region: string; decidedOn: string; class: string | null; mode: string | null; riskLevel: string | null; locked: boolean }[];
  steps: { state: string; comment: string; by: string; at: string }[];
}

/** A padlock drawn inline: emoji fonts are missing on many office PCs (the words say it anyway). */
const LOCK = raw('<svg class="icon" width="11" height="13" viewBox="0 0 12 14" aria-hidden="true" focusable="false"><rect x="1" y="6" width="10" height="7.5" rx="1.2" fill="currentColor"/><path d="M3.2 6.2V4.3a2.8 2.8 0 0 1 5.6 0v1.9" stroke="currentColor" stroke-width="1.6" fill="none"/></svg>');

export const stateBadge = (s: string) => html`<span class="badge state-${s}">${stateWords(s).zh} <span lang="en">${stateWords(s).en}</span></span>`;


const period = (f: FilingRow) => `${f.periodStart} 至 ${f.periodEnd}`;

export function filingListBody(user: User, rows: readonly FilingRow[], filter: { region?: string; state?: string }, regions: readonly string[]): Html {
  const writer = user.role !== 'readonly';
  return html`<p class="sub">第十二条：基层质监部门将企业分类报上级质监部门备案。${user.role === 'province' ? '省级：查看报送的备案，退回（写明意见）或接收；接收后其中的判定锁定。' : '县级：为一个期间汇总本地区的判定，报送省级；退回后修改并重新报送。'}</p>
${writer ? html`<p><a class="button" href="/filings/new">新建备案 <span lang="en">New filing</span></a></p>` : ''}
<form method="get" action="/filings" class="filters" role="search" aria-label="筛选备案 Filter filings">
  <label for="f-region">地区 <span lang="en">Region</span></label>
  <select id="f-region" name="region"><option value="">全部 All</option>${regions.map((r) => html`<option value="${r}"${filter.region === r ? html` selected` : ''}>${regionLabel(r)}</option>`)}</select>
  <label for="f-state">状态 <span lang="en">Status</span></label>
  <select id="f-state" name="state"><option value="">全部 All</option>${Object.entries(FILING_STATES).map(([k, w]) => html`<option value="${k}"${filter.state === k ? html` selected` : ''}>${w.zh} ${w.en}</option>`)}</select>
  <button type="submit">筛选 <span lang="en">Filter</span></button>
</form>
${rows.length === 0
    ? html`<p class="empty">没有符合条件的备案。<span lang="en">No filings match.</span></p>`
    : html`<table class="filings">
<caption>共 ${rows.length} 份备案 <span lang="en">${rows.length} filings</span></caption>
<thead><tr><th scope="col">编号 No.</th><th scope="col">地区 Region</th><th scope="col">期间 Period</th><th scope="col">状态 Status</th><th scope="col">最近更新 Updated</th></tr></thead>
<tbody>${rows.map((f) => html`<tr data-filing="${f.id}"><td><a href="${href(`/filings/${f.id}`)}">备案 ${f.id}</a></td><td>${regionLabel(f.region)}</td><td>${period(f)}</td><td>${stateBadge(f.state)}</td><td>${when(f.updatedAt)}</td></tr>`)}</tbody>
</table>`}`;
}

/** A decision a filing may hold (GET /api/filings/candidates): each enterprise's latest in the period, not filed and accepted yet. */
export interface Candidate {
  id: number;
  enterpriseId: number;
  name: string;
  region: string;
  decidedOn: string;
  class: string | null;
  mode: string | null;
  riskLevel: string | null;
}

export interface NewFilingValues {
  region?: string;
  periodStart?: string;
  periodEnd?: string;
  /** The decisions ticked (all of them when the list is first shown). */
  chosen?: readonly number[];
}

/**
 * The new-filing page: first the region and period (a GET form, so the list of decisions can be
 * bookmarked and needs no script), then each candidate decision with a checkbox; the county files
 * the ticked ones, or the whole period as before. "Select all" is a checkbox the page's script
 * shows (filing-choice.js); without scripts every box starts ticked and is unticked by hand.
 */
export function newFilingBody(regions: readonly string[], values: NewFilingValues, csrf: string, error?: string, candidates?: readonly Candidate[]): Html {
  const chosen = new Set(values.chosen ?? candidates?.map((c) => c.id) ?? []);
  return html`<p class="sub">先选地区和期间，列出可报的判定（该地区每家企业在期间内的最后一个判定，已在已接收的备案中的除外），再勾选要报的判定，形成备案草稿；您在草稿中核对后再报送。
<span lang="en">Choose the region and period to list the decisions a filing may hold (each enterprise's latest in the period, except those in an accepted filing), tick the ones to file, then check the draft and submit it.</span></p>
${error ? html`<div class="alert" role="alert"><p>${error}</p></div>` : ''}
<form method="get" action="/filings/new" class="filters" aria-label="地区和期间 Region and period">
  <p><label for="n-region">地区 <span lang="en">Region</span></label>
  <select id="n-region" name="region" required>${regions.map((r) => html`<option value="${r}"${values.region === r ? html` selected` : ''}>${regionLabel(r)}</option>`)}</select></p>
  <p><label for="n-start">期间开始 <span lang="en">Period from</span></label>
  <input id="n-start" name="periodStart" type="date" required value="${values.periodStart ?? ''}"></p>
  <p><label for="n-end">期间结束 <span lang="en">Period to</span></label>
  <input id="n-end" name="periodEnd" type="date" required value="${values.periodEnd ?? ''}"></p>
  <p><button type="submit">列出可报的判定 <span lang="en">List decisions</span></button></p>
</form>
${candidates ? choiceForm(values, csrf, candidates, chosen, { action: '/filings' }) : ''}`;
}

/**
 * The decisions with a checkbox each. `action` /filings makes a new filing (with "whole period"
 * beside); /filings/{id}/choose replaces a draft's or returned filing's choice.
 */
export function choiceForm(values: NewFilingValues, csrf: string, candidates: readonly Candidate[], chosen: ReadonlySet<number>, o: { action: string }): Html {
  const fresh = o.action === '/filings';
  const hidden = html`<input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="region" value="${values.region ?? ''}"><input type="hidden" name="periodStart" value="${values.periodStart ?? ''}"><input type="hidden" name="periodEnd" value="${values.periodEnd ?? ''}">`;
  if (candidates.length === 0) {
    return html`<p class="empty" data-candidates="0">${regionLabel(values.region ?? '')}在 ${values.periodStart} 至 ${values.periodEnd} 没有可报的判定（没有判定，或都已在已接收的备案中）。<span lang="en">No decisions to file in this period.</span></p>`;
  }
  return html`<form method="post" action="${href(o.action)}" class="choose" data-choose>
${hidden}
<table class="decisions choose">
<caption>${regionLabel(values.region ?? '')} ${values.periodStart} 至 ${values.periodEnd}：可报的判定 ${candidates.length} 个 <span lang="en">${candidates.length} decisions may be filed</span></caption>
<thead><tr><th scope="col" class="pick"><label class="select-all" hidden><input type="checkbox" data-select-all> 全选 <span lang="en">All</span></label><span class="pick-head">报送 <span lang="en">File</span></span></th><th scope="col">企业 Enterprise</th><th scope="col">区划 Region</th><th scope="col">判定日期 Date</th><th scope="col">类别 Class</th><th scope="col">监管方式 Mode</th><th scope="col">风险等级 Risk</th></tr></thead>
<tbody>${candidates.map((c) => html`<tr data-candidate="${c.id}"><td class="pick"><input type="checkbox" id="pick-${c.id}" name="decision" value="${c.id}"${chosen.has(c.id) ? html` checked` : ''} aria-label="报送 ${c.name} ${c.decidedOn} 的判定"></td><td><label for="pick-${c.id}">${c.name}</label></td><td>${c.region}</td><td>${c.decidedOn}</td><td>${classBadge(c.class)}</td><td>${c.mode ?? '—'}</td><td>${c.riskLevel ?? '—'}</td></tr>`)}</tbody>
</table>
<p class="chosen-count" role="status" aria-live="polite" data-chosen-count>已选 ${chosen.size} 个，共 ${candidates.length} 个 <span lang="en">${chosen.size} of ${candidates.length} chosen</span></p>
${fresh
    ? html`<p><button type="submit" name="mode" value="chosen" class="primary">所选判定汇总为草稿 <span lang="en">Assemble the chosen</span></button>
<button type="submit" name="mode" value="whole">不挑选：报期间内全部 <span lang="en">Whole period</span></button></p>`
    : html`<p><button type="submit" name="mode" value="chosen" class="primary">保存所选判定 <span lang="en">Save the choice</span></button></p>`}
</form>`;
}

/** What this user may do with the filing now (the database's state machine has the last word). */
export function filingActions(user: User, f: FilingRow): { submit: boolean; decide: boolean } {
  return {
    submit: user.role !== 'readonly' && (f.state === 'draft' || f.state === 'returned'),
    decide: user.role === 'province' && f.state === 'submitted',
  };
}

/** Decisions shown per page of a filing (a province-wide filing can hold many thousands). */
export const DECISIONS_PER_PAGE = 200;

/** `d.decisions` is the page of decisions that starts at `offset` (the API pages them). */
export function filingBody(user: User, d: FilingDetail, csrf: string, notice?: { kind: 'ok' | 'error'; text: string }, offset = 0): Html {
  const f = d.filing;
  const act = filingActions(user, f);
  const lastReturn = [...d.steps].reverse().find((s) => s.state === 'returned');
  const { locked, decisions: count } = d.counts;
  const total = d.summary.reduce((a, s) => a + s.n, 0);
  const shown = d.decisions.slice(0, DECISIONS_PER_PAGE);
  const rank = (c: string) => (CLASS_ORDER as readonly string[]).indexOf(c) >>> 0;
  const summary = [...d.summary].sort((a, b) => rank(a.class) - rank(b.class) || (a.mode ?? '').localeCompare(b.mode ?? ''));
  return html`<p class="sub">${stateBadge(f.state)} ${regionLabel(f.region)} · 期间 <span lang="en">period</span> ${period(f)} · 共 ${count} 个判定 <span lang="en">decisions</span> · ${f.chosen ? html`<span data-contents="chosen">所选的判定 <span lang="en">chosen decisions</span></span>` : html`<span data-contents="whole">期间内每家企业的最后一个判定 <span lang="en">each enterprise's latest</span></span>`}</p>
${notice ? html`<div class="${notice.kind === 'ok' ? 'ok' : 'alert'}" role="${notice.kind === 'ok' ? 'status' : 'alert'}"><p>${notice.text}</p></div>` : ''}
${f.state === 'returned' && lastReturn
    ? html`<section class="returned" aria-labelledby="ret-h"><h2 id="ret-h">省级退回意见 <span lang="en">The province's comment</span></h2>
<blockquote class="comment">${lastReturn.comment}</blockquote><p class="small muted">${lastReturn.by} · ${when(lastReturn.at)}。${f.chosen
    ? html`请修改后重新报送（所选的判定不变；可先“更改所选判定”）。<span lang="en">Correct and submit again; the chosen decisions stay unless you change them.</span>`
    : html`请修改后重新报送（重新报送时内容按期间重新汇总）。<span lang="en">Correct and submit again; the contents are assembled afresh.</span>`}</p></section>`
    : ''}
${f.state === 'accepted'
    ? html`<p class="locked-note" role="note">${LOCK} 已接收：其中 ${locked} 个判定已锁定，不可再变。<span lang="en">Accepted: its ${locked} decisions are locked.</span></p>`
    : ''}
${act.submit || act.decide ? actions(f, act, csrf) : ''}
<h2>按类别和监管方式 <span lang="en">By class and mode</span></h2>
<table class="summary"><thead><tr><th scope="col">类别 Class</th><th scope="col">监管方式 Mode</th><th scope="col" class="num">企业数 Enterprises</th></tr></thead>
<tbody>${summary.map((s) => html`<tr><td>${s.class === '不适用' ? html`<span class="badge none">不适用</span>` : classBadge(s.class)}</td><td>${s.mode ?? '—'}</td><td class="num">${s.n}</td></tr>`)}
<tr class="total"><th scope="row" colspan="2">合计 Total</th><td class="num">${total}</td></tr></tbody></table>
<h2>所含判定 <span lang="en">Decisions filed</span></h2>
${count === 0
    ? html`<p class="empty">期间内本地区没有判定。<span lang="en">No decisions in the period.</span></p>`
    : html`<table class="decisions"><thead><tr><th scope="col">企业 Enterprise</th><th scope="col">区划 Region</th><th scope="col">判定日期 Date</th><th scope="col">类别 Class</th><th scope="col">监管方式 Mode</th><th scope="col">风险等级 Risk</th><th scope="col">锁定 Locked</th></tr></thead>
<tbody>${shown.map((x) => html`<tr data-decision="${x.id}"><td>${enterpriseLink(x.enterpriseId, x.name)}</td><td>${x.region}</td><td>${x.decidedOn}</td><td>${classBadge(x.class)}</td><td>${x.mode ?? '—'}</td><td>${x.riskLevel ?? '—'}</td><td class="lockcell">${x.locked ? html`<span class="badge locked">${LOCK} 已锁定 <span lang="en">locked</span></span>` : html`<span class="muted">未锁定 <span lang="en">open</span></span>`}</td></tr>`)}</tbody></table>${count > DECISIONS_PER_PAGE ? pager(`/filings/${f.id}`, {}, offset, DECISIONS_PER_PAGE, shown.length) : ''}`}
<h2>经过 <span lang="en">History</span></h2>
${d.steps.length === 0
    ? html`<p class="empty">草稿，尚未报送。<span lang="en">Draft, not submitted yet.</span></p>`
    : html`<ol class="timeline steps">${d.steps.map((s) => html`<li data-step="${s.state}"><span class="when">${when(s.at)}</span> ${stateBadge(s.state)} <span class="who">${s.by}</span>${s.comment ? html`<blockquote class="comment">${s.comment}</blockquote>` : ''}</li>`)}</ol>`}`;
}

function actions(f: FilingRow, act: { submit: boolean; decide: boolean }, csrf: string): Html {
  return html`<section class="filing-actions no-print" aria-labelledby="act-h"><h2 id="act-h">办理 <span lang="en">Actions</span></h2>
${act.submit
    ? html`<form method="post" action="${href(`/filings/${f.id}/submit`)}"><input type="hidden" name="_csrf" value="${csrf}">
<button type="submit">${f.state === 'returned' ? '重新报送' : '报送'} <span lang="en">${f.state === 'returned' ? 'Submit again' : 'Submit'}</span></button></form>${f.chosen ? html`
<p><a class="button" href="${href(`/filings/${f.id}/choose`)}">更改所选判定 <span lang="en">Change the chosen decisions</span></a></p>` : ''}`
    : ''}
${act.decide
    ? html`<form method="post" action="${href(`/filings/${f.id}/accept`)}"><input type="hidden" name="_csrf" value="${csrf}">
<p class="small">接收后，备案中的判定锁定，不可再变。<span lang="en">Accepting locks the filing's decisions.</span></p>
<button type="submit">接收 <span lang="en">Accept</span></button></form>
<form method="post" action="${href(`/filings/${f.id}/return`)}"><input type="hidden" name="_csrf" value="${csrf}">
<p><label for="ret-comment">退回意见（必填）<span lang="en">Comment (required)</span></label>
<textarea id="ret-comment" name="comment" rows="3" required></textarea></p>
<button type="submit">退回 <span lang="en">Return</span></button></form>`
    : ''}
</section>`;
}
