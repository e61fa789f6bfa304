// 第十二条 report and region map pages' content, from the figures the API counts
// (GET /api/reports/art12, /api/reports/region-map: the CLI's own counting over stored
// decisions). Drawn with the CLI's charts and its tile map in the screen mode (words on white
// plates, a pattern per band, class chips with numbers); every figure is also in a table.
import { CLASS_COLOURS, fmtInt, percentText } from '../../cli/format/html.js';
import { CLASSES, MODES, RISKS } from '../../cli/format/report-data.js';
import { DEFAULT_C_THRESHOLDS, regionMap as tileMap, regionName, shareBand, type RegionLevel } from '../../cli/format/regions.js';
import { barChart } from '../../cli/format/svg.js';
import type { Art12Report, RegionMap } from '../../server/domain/reports.js';
import type { User } from '../../server/domain/user.js';
import { href, html, raw, type Html } from '../html.js';
import { classBadge, enterpriseLink } from '../parts.js';
import { regionLabel } from './words.js';

export interface ReportQuery {
  periodStart?: string;
  periodEnd?: string;
  region?: string;
  level?: string;
}

const RISK_GLOSS: Record<string, string> = { 'Ⅰ级': 'Ⅰ级（高风险）', 'Ⅱ级': 'Ⅱ级（较高风险）', 'Ⅲ级': 'Ⅲ级（一般风险）' };

/**
 * Enterprises the page names in each of the report's lists: a screen's worth. The figures count
 * every enterprise; the printable report (as `fenlei report`) names up to 5,000 per list.
 */
export const PAGE_LISTED = 100;

/** The API's query for the same figures (empty fields left out, so its defaults apply). */
export function apiQuery(q: ReportQuery, withLevel = false, listed?: number): string {
  const p = new URLSearchParams();
  const keys: (keyof ReportQuery)[] = ['periodStart', 'periodEnd', 'region', ...(withLevel ? (['level'] as const) : [])];
  for (const k of keys) if (q[k]) p.set(k, q[k]!);
  if (listed !== undefined) p.set('listed', String(listed));
  const s = p.toString();
  return s ? `?${s}` : '';
}

const plain = (q: ReportQuery) => ({ periodStart: q.periodStart, periodEnd: q.periodEnd, region: q.region, level: q.level });

export function filterForm(action: string, user: User, q: ReportQuery, period: { start: string; end: string }, withLevel: boolean): Html {
  return html`<form method="get" action="${href(action)}" class="filters no-print" aria-label="报告范围 Report scope">
<p><label for="r-start">期间开始 <span lang="en">From</span></label><input id="r-start" type="date" name="periodStart" value="${q.periodStart || period.start}"></p>
<p><label for="r-end">期间结束 <span lang="en">To</span></label><input id="r-end" type="date" name="periodEnd" value="${q.periodEnd || period.end}"></p>
<p><label for="r-region">地区 <span lang="en">Region</span></label><select id="r-region" name="region"><option value="">全部管辖区域 All my regions</option>${user.regions.map((r) => html`<option value="${r}"${q.region === r ? html` selected` : ''}>${regionLabel(r)}</option>`)}</select></p>
${withLevel ? html`<p><label for="r-level">按 <span lang="en">By</span></label><select id="r-level" name="level"><option value="">自动 auto</option><option value="city"${q.level === 'city' ? html` selected` : ''}>市 city</option><option value="county"${q.level === 'county' ? html` selected` : ''}>县（区）county</option></select></p>` : ''}
<p><button type="submit">查看 <span lang="en">Show</span></button></p>
</form>`;
}

function scopeLine(r: { scope: string[]; period: { start: string; end: string }; wholeYears: boolean }): Html {
  return html`<p class="sub">${r.scope.map(regionLabel).join('、')} · ${r.period.start} 至 ${r.period.end} · 期间内各企业的最后一个判定（与备案的汇总相同）<span lang="en">each enterprise's latest decision in the period</span></p>
${r.wholeYears ? '' : html`<p class="small muted" data-partial-years>期间不是整年（1月1日至12月31日），要逐户查找期间内的最后一个判定，企业多时需要数秒。<span lang="en">The period is not whole calendar years: each enterprise's latest decision in it is looked up one by one, which takes seconds with many enterprises.</span></p>`}`;
}

export function reportBody(user: User, r: Art12Report, q: ReportQuery): Html {
  const d = r.data;
  const n = d.decided;
  const ch = d.changes;
  const card = (k: string, key: string, v: number) => html`<div class="card"><div class="v" data-figure="${key}">${fmtInt(v)}</div><div class="k">${k}</div></div>`;
  return html`${filterForm('/report', user, q, r.period, false)}
${scopeLine(r)}
<p class="no-print"><a href="${href('/report/map', plain(q))}">地区分布图 <span lang="en">Region map</span></a> · <a href="${href('/api/reports/art12.html', plain(q))}">可打印的报告（与 fenlei report 相同）<span lang="en">Printable report</span></a></p>
${r.versions.length ? html`<p class="small muted">判定所用的规则版本 <span lang="en">Rule versions used</span>：${r.versions.map((v) => `${regionLabel(v.region)} ${v.name} ${v.version}（${v.decisions} 户）`).join('；')}</p>` : ''}
<h2>概况 <span lang="en">Overview</span></h2>
<div class="cards">${card('企业 Enterprises', 'records', d.records)}${card('已分类 Classified', 'decided', n)}${card('不适用本办法 Out of scope', 'outOfScope', d.outOfScope)}${card('无法判定 Errors', 'errors', d.errors)}${card('C类 Class C', 'C', d.byClass.C)}</div>
<h2>分类结果 <span lang="en">Classes</span></h2>
<div class="table-wrap"><table class="by-class"><caption>各类别企业数 <span lang="en">Enterprises per class</span></caption>
<thead><tr><th scope="col">类别 Class</th><th scope="col" class="num">企业数 Enterprises</th><th scope="col" class="num">占已分类 Share</th></tr></thead>
<tbody>${CLASSES.map((c) => html`<tr data-class="${c}"><td>${classBadge(c)}</td><td class="num">${fmtInt(d.byClass[c])}</td><td class="num">${percentText(d.byClass[c], n)}</td></tr>`)}
<tr class="total"><th scope="row">合计 Total</th><td class="num">${fmtInt(n)}</td><td class="num">${n ? '100.0%' : '—'}</td></tr></tbody></table></div>
<div class="chart">${raw(barChart(CLASSES.map((c) => ({ label: `${c} 类`, value: d.byClass[c], colour: CLASS_COLOURS[c]! })), { title: '各类别企业数', total: n, width: 560 }))}</div>
<div class="table-wrap"><table class="by-mode"><caption>监管方式（第十八条）<span lang="en">Modes</span></caption>
<thead><tr><th scope="col">监管方式 Mode</th><th scope="col" class="num">企业数</th><th scope="col" class="num">占已分类</th></tr></thead>
<tbody>${MODES.map((m) => html`<tr><td>${m}</td><td class="num">${fmtInt(d.byMode[m] ?? 0)}</td><td class="num">${percentText(d.byMode[m] ?? 0, n)}</td></tr>`)}</tbody></table></div>
<div class="table-wrap"><table class="by-risk"><caption>风险等级（第二十条）<span lang="en">Risk levels</span></caption>
<thead><tr><th scope="col">风险等级 Risk</th><th scope="col" class="num">企业数</th><th scope="col" class="num">占已分类</th></tr></thead>
<tbody>${RISKS.map((k) => html`<tr><td>${RISK_GLOSS[k]}</td><td class="num">${fmtInt(d.byRisk[k] ?? 0)}</td><td class="num">${percentText(d.byRisk[k] ?? 0, n)}</td></tr>`)}</tbody></table></div>
<h2>与上次类别相比（第二十一条）<span lang="en">Since the previous class</span></h2>
<div class="table-wrap"><table class="changes"><thead><tr><th scope="col">变化 Change</th><th scope="col" class="num">企业数</th></tr></thead><tbody>
${[
    ['上升 up', ch.up],
    ['持平 same', ch.same],
    ['下降 down', ch.down],
    ['其中因降级情形降级 lowered by a trigger', ch.loweredByTrigger],
    ['受“不允许越级上升”限制 held by the cap', ch.heldByCap],
    ['首次评定 first review', ch.first],
  ].map(([k, v]) => html`<tr><td>${k}</td><td class="num">${fmtInt(v as number)}</td></tr>`)}</tbody></table></div>
<h2>C类企业名单 <span lang="en">Class C enterprises</span></h2>
${d.cList.length
    ? html`<div class="table-wrap"><table class="c-list"><caption>共 ${fmtInt(d.byClass.C)} 户${d.cList.length < d.byClass.C ? html`，列出前 ${fmtInt(d.cList.length)} 户（全部见<a href="${href('/api/reports/art12.html', plain(q))}">可打印的报告</a>）` : ''}</caption><thead><tr><th scope="col">企业 Enterprise</th><th scope="col">区划</th><th scope="col">评定类别</th><th scope="col">上次类别</th><th scope="col">监管方式</th><th scope="col">判为C类的原因 Why</th></tr></thead>
<tbody>${d.cList.map((c) => html`<tr><td>${enterpriseLink(c.row, c.name)}</td><td>${c.region}</td><td>${c.assessedClass}</td><td>${c.previousClass ?? '首次'}</td><td>${c.mode}</td><td>${c.reasons.map((x) => html`<div>${x}</div>`)}</td></tr>`)}</tbody></table></div>`
    : html`<p class="empty">无C类企业。<span lang="en">None.</span></p>`}
${d.errorList.length
    ? html`<h2>无法判定的记录 <span lang="en">Records that could not be decided</span></h2><ul>${d.errorList.map((e) => html`<li>${enterpriseLink(e.row, e.name)}：${e.problems.map((p) => `${p.message}（${p.code}）`).join('；')}</li>`)}</ul>`
    : ''}`;
}

const BAND_WORDS = ['绿 green', '蓝 blue', '黄 yellow', '红 red'] as const;

export function mapBody(user: User, m: RegionMap, q: ReportQuery): Html {
  const t = m.thresholds ?? DEFAULT_C_THRESHOLDS;
  const level: RegionLevel = m.level;
  const svg = tileMap(
    m.regions.map((x) => ({ key: x.code, total: x.total, c: x.byClass.C, byClass: x.byClass })),
    level,
    t,
    `各${level === 'city' ? '市' : '县（区）'}C类企业占比`,
    { screen: true },
  );
  const bandText = ['低于', '', '', '及以上'];
  const bands = [`${bandText[0]} ${t[0]}%`, `${t[0]}% – ${t[1]}%`, `${t[1]}% – ${t[2]}%`, `${t[2]}% ${bandText[3]}`];
  return html`${filterForm('/report/map', user, q, m.period, true)}
${scopeLine(m)}
<p class="no-print"><a href="${href('/report', plain(q))}">备案报告 <span lang="en">Report</span></a></p>
${m.regions.length === 0
    ? html`<p class="empty" data-empty-map>期间内本范围没有判定，没有可画的地区；请换一个期间。<span lang="en">No decisions in the period: nothing to map. Choose another period.</span></p>`
    : html`<div class="region-map-wrap" role="figure" aria-labelledby="map-cap">${raw(svg)}</div>
<p id="map-cap" class="small">示意图：每个方块是一个${level === 'city' ? '市' : '县（区）'}，按大致方位排列，不是地理地图。方块的颜色和花纹按C类企业占已分类企业的比例：
${bands.map((b, i) => `${BAND_WORDS[i]}${i === 0 ? '（无花纹）' : i === 1 ? '（圆点）' : i === 2 ? '（斜线）' : '（交叉线）'} ${b}`).join('；')}。方块下方的色块是 AA、A、B、C 类（绿、蓝、黄、红）的企业数。下表列出同样的数字。
<span lang="en">Tiles are coloured and patterned by the share of class C; the chips give the enterprises per class. The table below has the same figures.</span></p>
<div class="table-wrap"><table class="regions"><caption>各${level === 'city' ? '市' : '县（区）'}的类别构成 <span lang="en">Classes per region</span></caption>
<thead><tr><th scope="col">区划 Region</th><th scope="col" class="num">已分类</th>${CLASSES.map((c) => html`<th scope="col" class="num">${classBadge(c)}</th>`)}<th scope="col" class="num">C类占比</th><th scope="col">颜色 Band</th></tr></thead>
<tbody>${m.regions.map((x) => {
    const band = x.total ? shareBand(x.cShare, t) : undefined;
    return html`<tr data-region="${x.code}"><th scope="row">${regionName(x.code)}</th><td class="num">${fmtInt(x.total)}</td>${CLASSES.map((c) => html`<td class="num" data-class="${c}">${fmtInt(x.byClass[c])}</td>`)}<td class="num">${percentText(x.byClass.C, x.total)}</td><td>${band === undefined ? '无企业' : html`<span class="swatch band-${band}" aria-hidden="true"></span>${BAND_WORDS[band]}（${bands[band]}）`}</td></tr>`;
  })}</tbody></table></div>`}`;
}
