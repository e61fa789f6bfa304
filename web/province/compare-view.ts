// 草案影响 page's content: a draft rule set against the stored registers (POST
// /api/reports/compare: each enterprise's latest inspection decided by the version that decided
// it and by the draft, with the CLI's own per-record comparison). Counts moved between classes
// and modes, and every enterprise that changes class, with why on each side.
import { fmtInt } from '../../cli/format/html.js';
import { CLASS_KEYS, MODE_KEYS } from '../../cli/format/compare-data.js';
import type { DraftComparison } from '../../server/domain/compare.js';
import type { User } from '../../server/domain/user.js';
import { html, type Html } from '../html.js';
import { CLASS_ORDER, classBadge, enterpriseLink } from '../parts.js';
import { refusedBlock, yamlFields, type Refusal } from './rules-view.js';
import { regionLabel } from './words.js';

export interface CompareForm {
  scope?: string;
  assume?: string;
  fileName?: string;
  yaml?: string;
}

const classCell = (c: string) => ((CLASS_ORDER as readonly string[]).includes(c) ? classBadge(c) : html`<span class="badge none">${c}</span>`);

export function compareBody(user: User, csrf: string, form: CompareForm, outcome?: { result?: DraftComparison; refused?: Refusal }): Html {
  return html`<p class="sub">上传细则草案（YAML），与数据库中已存的登记表比较：各企业最近一次检查分别按当时判定它的规则版本和草案判定，列出类别和监管方式的变化，以及类别改变的企业和原因。不发布、不改变任何数据。
<span lang="en">Upload a draft; each enterprise's latest stored inspection is decided by the version that decided it and by the draft. Nothing is published or changed.</span></p>
${outcome?.refused ? refusedBlock(outcome.refused) : ''}
${outcome?.result ? resultBlock(outcome.result) : ''}
<form method="post" action="/compare" class="stack" data-yaml-form>
  <input type="hidden" name="_csrf" value="${csrf}">
  <p><label for="c-scope">比较哪些企业 <span lang="en">Enterprises of</span></label>
  <select id="c-scope" name="scope"><option value="">全部管辖区域 All my regions</option>${user.regions.map((r) => html`<option value="${r}"${form.scope === r ? html` selected` : ''}>${regionLabel(r)}</option>`)}</select></p>
  <p><label for="c-assume">已存记录中没有答案的项目 <span lang="en">Items the stored records lack</span></label>
  <select id="c-assume" name="assume"><option value="">不假设（列出）do not assume</option><option value="pass"${form.assume === 'pass' ? html` selected` : ''}>按通过计 count as passed</option><option value="fail"${form.assume === 'fail' ? html` selected` : ''}>按不通过计 count as failed</option></select></p>
  ${yamlFields(form, html`草案内容（YAML）<span lang="en">Draft (YAML)</span>`)}
  <p><button type="submit">比较 <span lang="en">Compare</span></button></p>
</form>`;
}

function matrix(caption: Html, m: Record<string, Record<string, number>>, keys: readonly string[], cell: (k: string) => Html | string, cls: string): Html {
  const rows = keys.filter((r) => keys.some((c) => (m[r]?.[c] ?? 0) > 0));
  const cols = keys.filter((c) => keys.some((r) => (m[r]?.[c] ?? 0) > 0));
  if (!rows.length) return html`<p class="empty">没有已存的检查。<span lang="en">No stored inspections.</span></p>`;
  return html`<div class="table-wrap"><table class="${cls}"><caption>${caption}</caption>
<thead><tr><th scope="col">现行 \\ 草案 <span lang="en">now \\ draft</span></th>${cols.map((c) => html`<th scope="col" class="num">${cell(c)}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr data-from="${r}"><th scope="row">${cell(r)}</th>${cols.map((c) => {
    const n = m[r]?.[c] ?? 0;
    return html`<td class="num${r !== c && n > 0 ? ' moved' : ''}" data-to="${c}">${fmtInt(n)}</td>`;
  })}</tr>`)}</tbody></table></div>`;
}

function resultBlock(r: DraftComparison): Html {
  const card = (k: string, key: string, v: number) => html`<div class="card"><div class="v" data-figure="${key}">${fmtInt(v)}</div><div class="k">${k}</div></div>`;
  const classMovers = r.movers.filter((x) => x.before.class !== x.after.class);
  return html`<section class="ok compare-result" role="status" aria-labelledby="cmp-h"><h2 id="cmp-h">比较结果 <span lang="en">Result</span></h2>
<p>草案 ${r.draft.name} ${r.draft.version}（${r.draft.effective} 起）对照 ${r.against.map((a) => `${regionLabel(a.region)} ${a.name} ${a.version}（${a.records} 户）`).join('、') || '—'}。</p></section>
<div class="cards">${card('比较的企业 Enterprises', 'records', r.records)}${card('类别改变 Class changed', 'moved', r.moved)}${card('上升 Up', 'up', r.up)}${card('下降 Down', 'down', r.down)}${card('监管方式改变 Mode changed', 'modeChanged', r.modeChanged)}</div>
${r.notes.length ? html`<div class="notice" role="note">${r.notes.map((n) => html`<p>${n}</p>`)}</div>` : ''}
<h2>类别的变化 <span lang="en">Classes: now → draft</span></h2>
${matrix(html`行为现行规则的类别，列为草案的类别 <span lang="en">rows: now; columns: draft</span>`, r.classMatrix, CLASS_KEYS, classCell, 'class-matrix')}
<h2>监管方式的变化 <span lang="en">Modes: now → draft</span></h2>
${matrix(html`行为现行规则的监管方式，列为草案的监管方式`, r.modeMatrix, MODE_KEYS, (k) => k, 'mode-matrix')}
<h2>类别改变的企业 <span lang="en">Enterprises that change class</span></h2>
${classMovers.length
    ? html`<div class="table-wrap"><table class="movers"><caption>共 ${fmtInt(r.moved)} 户${classMovers.length < r.moved ? `，列出 ${classMovers.length} 户` : ''}</caption>
<thead><tr><th scope="col">企业 Enterprise</th><th scope="col">现行 Now</th><th scope="col">草案 Draft</th><th scope="col">现行的理由 Why now</th><th scope="col">草案的理由 Why under the draft</th></tr></thead>
<tbody>${classMovers.map((x) => html`<tr data-enterprise="${x.enterpriseId}"><td>${enterpriseLink(x.enterpriseId, x.name)}</td><td>${classCell(x.before.class)} ${x.before.mode}</td><td>${classCell(x.after.class)} ${x.after.mode}</td><td>${x.whyBefore.map((w) => html`<div>${w}</div>`)}</td><td>${x.whyAfter.map((w) => html`<div>${w}</div>`)}</td></tr>`)}</tbody></table></div>`
    : html`<p class="empty">没有企业改变类别。<span lang="en">No enterprise changes class.</span></p>`}`;
}
