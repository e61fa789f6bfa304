// The home page: what the user can do in their regions today — enterprises due for review
// (第二十一条: the review period has elapsed), enterprises lowered by an event between reviews
// (D11), and filings returned by the province (第十二条) or waiting for it.
import { href, html } from '../html.js';
import { classBadge, dateText, enterpriseLink, table } from '../parts.js';
import type { PageModule } from '../route.js';
import type { FilingRow } from '../../server/routes/filings.js';

interface Due {
  id: number;
  name: string;
  region: string;
  class: string;
  lastReview: string;
  periodMonths: number;
}
interface Lowered {
  decisionId: number;
  decidedOn: string;
  enterpriseId: number;
  name: string;
  region: string;
  previousClass: string;
  class: string;
  event: string;
}

const SHOWN = 20;

const pages: PageModule = (pages) => {
  pages.get('/', async (p) => {
    const province = p.user.role === 'province';
    const [due, lowered, filings] = await Promise.all([
      p.api<{ on: string; enterprises: Due[] }>('GET', `/api/due-for-review?limit=${SHOWN + 1}`),
      p.api<{ decisions: Lowered[] }>('GET', '/api/lowered'),
      p.api<{ filings: FilingRow[] }>('GET', `/api/filings?state=${province ? 'submitted' : 'returned'}`),
    ]);
    const writer = p.user.role !== 'readonly';
    const actions = writer
      ? html`<ul class="actions"><li><a class="button primary" href="/uploads/new">上传登记表</a></li><li><a class="button" href="/inspections/new">录入一次检查</a></li><li><a class="button" href="/enterprises">查询企业</a></li></ul>`
      : html`<ul class="actions"><li><a class="button primary" href="/enterprises">查询企业</a></li></ul>`;
    const dueRows = due.enterprises.slice(0, SHOWN).map((e) => [enterpriseLink(e.id, e.name), e.region, classBadge(e.class), dateText(e.lastReview), `${e.periodMonths} 个月`]);
    const lowRows = lowered.decisions.slice(0, SHOWN).map((d) => [enterpriseLink(d.enterpriseId, d.name), d.region, d.event, dateText(d.decidedOn), html`${classBadge(d.previousClass)} → ${classBadge(d.class)}`]);
    const filingRows = filings.filings.map((f) => [html`<a href="${href(`/filings/${f.id}`)}">${f.region} ${dateText(f.periodStart)} 至 ${dateText(f.periodEnd)}</a>`, f.comment]);
    return p.render({
      title: '首页',
      nav: '/',
      body: html`${actions}
<section aria-labelledby="due-h"><h2 id="due-h">到期应复评的企业 <span class="count">${due.enterprises.length > SHOWN ? `${SHOWN}+` : due.enterprises.length}</span></h2>
<p class="hint">距上次评定已满调整周期（第二十一条），应安排定期监督检查和评定。</p>
${table('到期应复评的企业', ['企业', '行政区划', '上次类别', '上次评定日期', '调整周期'], dueRows, { empty: '没有到期的企业。' })}</section>
<section aria-labelledby="low-h"><h2 id="low-h">因降级情形降级的企业 <span class="count">${lowered.decisions.length}</span></h2>
<p class="hint">调整周期之间登记的事件使类别下降（第二十一条），监管方式随之改变。</p>
${table('因降级情形降级的企业', ['企业', '行政区划', '事件', '降级日期', '类别'], lowRows, { empty: '没有因事件降级的企业。' })}</section>
<section aria-labelledby="fil-h"><h2 id="fil-h">${province ? '待审核的备案' : '被退回的备案'} <span class="count">${filings.filings.length}</span></h2>
${table(province ? '待审核的备案' : '被退回的备案', ['备案', province ? '说明' : '省级意见'], filingRows, { empty: province ? '没有待审核的备案。' : '没有被退回的备案。' })}</section>`,
    });
  });
};

export default pages;
