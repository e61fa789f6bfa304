// Enterprise search (name or credit code, region, class; paged) and one enterprise: its current
// class, mode and measures, and a timeline of inspections, events and decisions, each decision
// linked to its explanation. The list is filtered by the one access rule (web/search.ts), the
// enterprise is read through the API: another county's enterprise is neither listed nor shown (403).
import { href, html, type Html } from '../html.js';
import { classBadge, CLASS_ORDER, dateText, enterpriseLink, notice, pager, table } from '../parts.js';
import type { PageModule } from '../route.js';
import { searchEnterprises } from '../search.js';

interface DecisionItem {
  id: number;
  kind: 'inspection' | 'event';
  decidedOn: string;
  isReview: boolean;
  assessedClass: string | null;
  class: string | null;
  mode: string | null;
  riskLevel: string | null;
  locked: boolean;
  previousClass: string | null;
  rulesRegion: string;
  rulesVersion: string;
}

export interface EnterpriseDetail {
  enterprise: { id: number; creditCode: string | null; name: string; region: string; products: string[]; facts: Record<string, unknown>; class: string | null; mode: string | null; riskLevel: string | null; decidedOn: string | null; decisionId: number | null };
  decisions: DecisionItem[];
  inspections: { id: number; date: string; submittedAt: string; fileHash: string | null; row: number | null }[];
  events: { id: number; type: string; date: string; level: string | null; note: string | null }[];
}

const LIMIT = 50;
const LEVEL_NAMES: Record<string, string> = { national: '国家', provincial: '省级', municipal: '市级', county: '县级' };

function searchForm(q: Record<string, string | undefined>): Html {
  return html`<form method="get" action="/enterprises" class="search" role="search" aria-label="查询企业">
<p><label for="q">企业名称或统一社会信用代码</label><input id="q" name="q" value="${q.q ?? ''}" size="30"></p>
<p><label for="region">行政区划代码</label><input id="region" name="region" value="${q.region ?? ''}" inputmode="numeric" pattern="[0-9]{6}" size="8" aria-describedby="region-hint"><span id="region-hint" class="small muted">6位，如 330110</span></p>
<p><label for="class">当前类别</label><select id="class" name="class"><option value="">全部</option>${CLASS_ORDER.map((c) => html`<option value="${c}"${q.class === c ? html` selected` : ''}>${c} 类</option>`)}</select></p>
<p><button type="submit" class="primary">查询</button></p>
</form>`;
}

const pages: PageModule = (pages) => {
  pages.get<{ q?: string; region?: string; class?: string; offset?: string }>('/enterprises', async (p) => {
    const q = { q: p.query.q?.trim() || undefined, region: /^\d{6}$/.test(p.query.region ?? '') ? p.query.region : undefined, class: CLASS_ORDER.includes(p.query.class as never) ? p.query.class : undefined };
    const offset = Math.max(0, Math.min(1_000_000, Number.parseInt(p.query.offset ?? '0', 10) || 0));
    const enterprises = await searchEnterprises(p.ctx.db, p.user, { ...q, limit: LIMIT, offset });
    const rows = enterprises.map((e) => [enterpriseLink(e.id, e.name), e.creditCode ?? '—', e.region, classBadge(e.class), e.mode ?? '—', dateText(e.decidedOn)]);
    return p.render({
      title: '企业查询',
      nav: '/enterprises',
      body: html`${searchForm(q)}
${table(html`查询结果（第 ${enterprises.length ? offset + 1 : 0}–${offset + enterprises.length} 条）`, ['企业名称', '统一社会信用代码', '行政区划', '当前类别', '监管方式', '判定日期'], rows, { empty: '没有符合条件的企业。' })}
${pager('/enterprises', q, offset, LIMIT, enterprises.length)}`,
    });
  });

  pages.get<Record<string, never>, { id: string }>('/enterprises/:id', async (p) => {
    const id = Number(p.params.id);
    const d = await p.api<EnterpriseDetail>('GET', `/api/enterprises/${Number.isInteger(id) && id > 0 ? id : 0}`);
    const e = d.enterprise;
    const current = e.decisionId ? await p.api<{ outcome: { measures: string[] } }>('GET', `/api/decisions/${e.decisionId}`) : undefined;
    type Entry = { date: string; order: number; body: Html };
    const entries: Entry[] = [
      ...d.inspections.map((i) => ({ date: i.date, order: 0, body: html`<span class="when">${dateText(i.date)}</span>监督检查${i.row ? html`（登记表第 ${i.row} 行）` : '（逐条录入）'}` })),
      ...d.events.map((ev) => ({ date: ev.date, order: 1, body: html`<span class="when">${dateText(ev.date)}</span>事件：${ev.type}${ev.level ? `（${LEVEL_NAMES[ev.level] ?? ev.level}抽查）` : ''}${ev.note ? `，${ev.note}` : ''}` })),
      ...d.decisions.map((x) => ({
        date: x.decidedOn,
        order: 2,
        body: html`<span class="when">${dateText(x.decidedOn)}</span>${x.kind === 'event' ? '因事件调整' : x.isReview ? '评定' : '判定（非周期评定）'}：${classBadge(x.class)} ${x.mode ?? ''}${x.previousClass ? html`（上次类别 ${x.previousClass}）` : ''}${x.locked ? '，已备案锁定' : ''} <a href="${href(`/decisions/${x.id}`)}">判定说明与检查表<span class="visually-hidden">（${dateText(x.decidedOn)}）</span></a>`,
      })),
    ].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.order - a.order));
    return p.render({
      title: e.name,
      nav: '/enterprises',
      breadcrumbs: [{ label: '企业查询', path: '/enterprises' }, { label: e.name }],
      body: html`<dl class="facts">
<dt>统一社会信用代码</dt><dd>${e.creditCode ?? '—'}</dd>
<dt>行政区划代码</dt><dd>${e.region}</dd>
<dt>主要产品</dt><dd>${(e.products ?? []).join('、') || '—'}</dd>
<dt>当前类别</dt><dd>${classBadge(e.class)}${e.riskLevel ? `（风险等级 ${e.riskLevel}）` : ''}</dd>
<dt>监管方式</dt><dd>${e.mode ?? '—'}</dd>
<dt>判定日期</dt><dd>${dateText(e.decidedOn) || '—'}</dd>
</dl>
${current?.outcome.measures.length ? html`<h2>监管措施</h2><ol>${current.outcome.measures.map((m) => html`<li>${m}</li>`)}</ol>` : ''}
<p class="no-print"><button type="button" class="print-button" data-print hidden>打印本页</button></p>
<h2>经过</h2>
${entries.length ? html`<ol class="timeline" reversed>${entries.map((x) => html`<li>${x.body}</li>`)}</ol>` : html`<p class="empty">还没有检查、事件或判定。</p>`}
${notice()}`,
      scripts: ['print.js'],
    });
  });
};

export default pages;
