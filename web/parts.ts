// Small pieces the pages share: tables, class badges, dates, the pager, the 第十三条 notice.
import { CLASS_COLOURS } from '../cli/format/html.js';
import { CLASSES_BEST_FIRST } from '../runtime/index.js';
import { NOTICE } from '../server/routes/enterprises.js';
import { href, html, type Html, type Value } from './html.js';

/** A data table with a caption (screen readers announce it) and header cells. */
export function table(caption: Value, head: readonly Value[], rows: readonly (readonly Value[])[], o: { num?: readonly number[]; empty?: string; cls?: string } = {}): Html {
  if (!rows.length) return html`<p class="empty">${o.empty ?? '没有记录。'}</p>`;
  const cls = (i: number) => (o.num?.includes(i) ? html` class="num"` : '');
  return html`<div class="table-wrap"><table${o.cls ? html` class="${o.cls}"` : ''}><caption>${caption}</caption><thead><tr>${head.map((h, i) => html`<th scope="col"${cls(i)}>${h}</th>`)}</tr></thead><tbody>${rows.map((r) => html`<tr>${r.map((c, i) => html`<td${cls(i)}>${c}</td>`)}</tr>`)}</tbody></table></div>`;
}

const CLASS_NAMES: Record<string, string> = { AA: 'AA 类', A: 'A 类', B: 'B 类', C: 'C 类' };

/** The class as a coloured badge with its letters (colour is never the only sign). */
export function classBadge(cls: string | null | undefined): Html {
  if (!cls) return html`<span class="badge none">未分类</span>`;
  return html`<span class="badge cls-${cls.toLowerCase()}" data-class="${cls}">${CLASS_NAMES[cls] ?? cls}</span>`;
}

/** AA first, as tables and forms list the classes. */
export const CLASS_ORDER = CLASSES_BEST_FIRST;
export { CLASS_COLOURS };

export const notice = (): Html => html`<p class="notice" role="note">${NOTICE}</p>`;

export const dateText = (d: unknown): string => (typeof d === 'string' ? d.slice(0, 10) : '');

export const enterpriseLink = (id: number, name: string): Html => html`<a href="${href(`/enterprises/${id}`)}">${name}</a>`;

/** Previous / next page links keeping the other query fields. */
export function pager(path: string, query: Record<string, string | undefined>, offset: number, limit: number, shown: number): Html {
  const prev = offset > 0 ? html`<a href="${href(path, { ...query, offset: Math.max(0, offset - limit) })}" rel="prev">上一页</a>` : '';
  const next = shown === limit ? html`<a href="${href(path, { ...query, offset: offset + limit })}" rel="next">下一页</a>` : '';
  const from = shown ? offset + 1 : 0;
  return html`<nav class="pager" aria-label="翻页">${prev}<span>第 ${from}–${offset + shown} 条</span>${next}</nav>`;
}

export const todayText = () => new Date().toISOString().slice(0, 10);
