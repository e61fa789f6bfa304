// One inspection entered on a form laid out as the printed inspection form (监督检查表): the
// enterprise block, the form of inspection, the risk level, one row per item with ★ for the
// directive items and the form's two boxes as a radio pair (不适用 only where the rules give
// the item a not-applicable condition). 预览判定 shows the decision first — the same code
// path as saving (history from the database), in a transaction that is rolled back — and only
// then 保存 stores it through the API.
import { explanationHtml } from '../../cli/format/filled-form.js';
import { answerText, type IrItem, type RuleSetIR } from '../../runtime/index.js';
import { requireRole, WRITERS } from '../../server/domain/access.js';
import { storeInspection, type RecordResult } from '../../server/domain/classify.js';
import { ApiError } from '../../server/domain/errors.js';
import { href, html, raw, type Html } from '../html.js';
import { classBadge } from '../parts.js';
import type { PageModule, PageRequest } from '../route.js';
import { inForceToday } from '../rules.js';

type Fields = Record<string, string>;
const FORMS = ['定期监督检查', '专项监督检查', '回访'] as const;
const RISKS = ['Ⅰ级', 'Ⅱ级', 'Ⅲ级'] as const;

/** The boxes of an item in the printed form's order (□发现问题□未发现问题, but □符合□不符合), then 不适用 where allowed. */
export function itemWords(it: Pick<IrItem, 'pair' | 'na'>): string[] {
  const words = it.pair === 'conform' ? [answerText('conform', true), answerText('conform', false)] : [answerText('problem', false), answerText('problem', true)];
  if (it.na) words.push('不适用');
  return words;
}

/** The record the form describes (the same JSON as POST /api/inspections takes). */
export function recordOf(f: Fields, ir: RuleSetIR): unknown {
  const facts: Record<string, string> = {};
  for (const fact of ir.facts) if ((f[`fact.${fact.name}`] ?? '') !== '') facts[fact.name] = f[`fact.${fact.name}`]!;
  const answers: Record<string, string> = {};
  for (const it of ir.items) if (f[`item.${it.id}`]) answers[it.id] = f[`item.${it.id}`]!;
  const code = (f.creditCode ?? '').trim().toUpperCase();
  return {
    id: code || (f.name ?? '').trim() || '录入',
    enterprise: {
      name: (f.name ?? '').trim(),
      ...(code ? { creditCode: code } : {}),
      region: (f.region ?? '').trim(),
      products: (f.products ?? '').split(/[、，,；;]/).map((s) => s.trim()).filter(Boolean),
      ...(Object.keys(facts).length ? { facts } : {}),
      ...(f.address?.trim() ? { address: f.address.trim() } : {}),
      ...(f.legalRepresentative?.trim() ? { legalRepresentative: f.legalRepresentative.trim() } : {}),
    },
    inspection: { date: f.date ?? '', form: f.form || '定期监督检查', ...(f.riskLevel ? { riskLevel: f.riskLevel } : {}), answers },
  };
}

const checked = (on: boolean) => (on ? html` checked` : '');
const selected = (on: boolean) => (on ? html` selected` : '');

function text(id: string, label: string, f: Fields, o: { required?: boolean; hint?: string; type?: string; pattern?: string; size?: number } = {}): Html {
  return html`<p><label for="${id}">${label}${o.required ? html` <span aria-hidden="true" class="star">*</span>` : ''}</label><input id="${id}" name="${id}" type="${o.type ?? 'text'}" value="${f[id] ?? ''}"${o.required ? html` required` : ''}${o.pattern ? html` pattern="${o.pattern}"` : ''}${o.size ? html` size="${o.size}"` : ''}${o.hint ? html` aria-describedby="${id}-hint"` : ''}>${o.hint ? html`<span id="${id}-hint" class="small muted">${o.hint}</span>` : ''}</p>`;
}

function factInput(fact: RuleSetIR['facts'][number], f: Fields): Html {
  const id = `fact.${fact.name}`;
  const v = f[id] ?? '';
  const dflt = fact.default === null ? '必填' : `空着按“${fact.default === true ? '是' : fact.default === false ? '否' : String(fact.default)}”`;
  const field = fact.type === 'number' ? html`<input id="${id}" name="${id}" inputmode="decimal" value="${v}" aria-describedby="${id}-hint">` : html`<select id="${id}" name="${id}" aria-describedby="${id}-hint"><option value="">（未填写）</option>${(fact.type === 'bool' ? ['是', '否'] : fact.values).map((x) => html`<option${selected(v === x)}>${x}</option>`)}</select>`;
  return html`<p><label for="${id}">${fact.name}</label>${field}<span id="${id}-hint" class="small muted">${dflt}</span></p>`;
}

function inspectionForm(ir: RuleSetIR, version: string, user: PageRequest['user'], csrf: string, f: Fields, preview?: Html): Html {
  const counties = user.regions.filter((r) => !r.endsWith('00'));
  const region = counties.length
    ? html`<p><label for="region">行政区划</label><select id="region" name="region">${counties.map((r) => html`<option${selected(f.region === r)}>${r}</option>`)}</select></p>`
    : text('region', '行政区划代码', f, { required: true, pattern: '[0-9]{6}', size: 8, hint: '6位' });
  let group = '';
  const rows: Html[] = [];
  for (const it of ir.items) {
    if (it.origin === 'supplementary' && group !== 'supplementary') rows.push(html`<tr class="group"><th scope="rowgroup" colspan="2">省级补充项目</th></tr>`);
    group = it.origin;
    const name = `item.${it.id}`;
    const label = `${it.id}、${it.text}`;
    rows.push(html`<tr class="item-row" data-item="${it.id}"><td>${it.directive ? html`<span class="star" title="指向型项目（不通过即为C类）">★</span><span class="visually-hidden">（指向型项目）</span>` : ''}${it.id}、${it.text}</td>
<td class="ans"><fieldset class="pair"><legend class="visually-hidden">${label}</legend>${itemWords(it).map((w, k) => html`<label class="opt"><input type="radio" name="${name}" value="${w}"${checked(f[name] === w)}${k === 0 ? html` id="${`item-${it.id}`}"` : ''}> ${w}</label>`)}</fieldset></td></tr>`);
  }
  return html`<form method="post" action="/inspections/preview" class="inspection-entry">
<input type="hidden" name="_csrf" value="${csrf}">
<p class="hint">按《${ir.meta.name}》（版本 ${version}）的监督检查表录入。带 <span class="star">*</span> 的栏目必填；★为指向型项目。</p>
<fieldset><legend>企业基本情况</legend>
${text('name', '企业名称', f, { required: true, size: 40 })}
${text('creditCode', '统一社会信用代码', f, { pattern: '[0-9A-Za-z]{18}', size: 22, hint: '18位' })}
${region}
${text('products', '主要产品', f, { size: 40, hint: '多个用“、”分隔，名称按产品目录' })}
${text('address', '住所/生产地址', f, { size: 40 })}
${text('legalRepresentative', '法人代表', f)}
${ir.facts.map((x) => factInput(x, f))}
</fieldset>
<fieldset><legend>监督检查</legend>
${text('date', '检查日期', f, { required: true, type: 'date' })}
<fieldset class="pair"><legend>监督检查形式</legend>${FORMS.map((x) => html`<label class="opt"><input type="radio" name="form" value="${x}"${checked((f.form || FORMS[0]) === x)}> ${x}</label>`)}</fieldset>
<p><label for="riskLevel">（一）风险程度</label><select id="riskLevel" name="riskLevel" aria-describedby="risk-hint"><option value="">按产品目录确定</option>${RISKS.map((r) => html`<option${selected(f.riskLevel === r)}>${r}</option>`)}</select><span id="risk-hint" class="small muted">主要产品质量安全风险程度综合评定；空着时按产品目录取最高者</span></p>
</fieldset>
<div class="table-wrap"><table class="entry-items"><caption>（二）企业履行产品质量主体责任的情况和实现程度</caption><thead><tr><th scope="col">评定项目</th><th scope="col">检查结果</th></tr></thead><tbody>${rows}</tbody></table></div>
${preview ?? ''}
<p class="form-actions"><button type="submit" class="${preview ? '' : 'primary'}">预览判定</button>${preview ? html` <button type="submit" class="primary" formaction="/inspections">保存这次检查</button>` : ''}</p>
</form>`;
}

class Preview {
  constructor(readonly result: RecordResult) {}
}

/** The decision the record would get now, by the code that stores it, with nothing kept. */
async function preview(p: PageRequest, record: unknown): Promise<RecordResult> {
  requireRole(p.user, ...WRITERS);
  try {
    await p.ctx.db.transaction(async (tx) => {
      throw new Preview(await storeInspection(tx, p.user, p.ctx.rules, record, 1));
    });
  } catch (e) {
    if (e instanceof Preview) return e.result;
    throw e;
  }
  throw new Error('unreachable');
}

function previewPanel(r: RecordResult): Html {
  if (r.status === 'duplicate') return html`<div class="alert" role="alert"><p>该企业这一天的检查已经录入，不能再次保存。</p>${r.enterpriseId ? html`<p><a href="${href(`/enterprises/${r.enterpriseId}`)}">查看该企业</a></p>` : ''}</div>`;
  if (r.status === 'error') return html`<div class="alert" role="alert" id="preview"><p>这条记录还不能判定：</p><p>${r.error!.code} ${r.error!.field}：${r.error!.message}</p></div>`;
  const d = r.decision!;
  return html`<section class="card preview" id="preview" aria-labelledby="preview-h" tabindex="-1"><h2 id="preview-h">判定预览（尚未保存）</h2>
<p>类别 ${classBadge(d.inScope ? d.class : null)}，${d.mode ?? '不适用本办法'}${r.historySource === 'database' ? '；上次类别和事件取自本系统的记录' : ''}</p>
${raw(explanationHtml(d))}</section>`;
}

const pages: PageModule = (pages) => {
  pages.get(
    '/inspections/new',
    async (p) => {
      const rules = await inForceToday(p.ctx, p.user.regions[0]!);
      return p.render({ title: '录入一次检查', nav: '/inspections/new', body: inspectionForm(rules.ir, rules.version.version, p.user, p.csrf, { date: new Date().toISOString().slice(0, 10) }) });
    },
    { roles: WRITERS },
  );

  pages.post(
    '/inspections/preview',
    async (p) => {
      const rules = await inForceToday(p.ctx, p.form.region || p.user.regions[0]!);
      const r = await preview(p, recordOf(p.form, rules.ir));
      return p.render({ title: '录入一次检查', nav: '/inspections/new', body: inspectionForm(rules.ir, rules.version.version, p.user, p.csrf, p.form, previewPanel(r)), scripts: ['preview.js'] });
    },
    { roles: WRITERS },
  );

  pages.post(
    '/inspections',
    async (p) => {
      const rules = await inForceToday(p.ctx, p.form.region || p.user.regions[0]!);
      try {
        const r = await p.api<RecordResult>('POST', '/api/inspections', { record: recordOf(p.form, rules.ir) });
        return { redirect: `/decisions/${r.decisionId}` };
      } catch (e) {
        if (!(e instanceof ApiError) || (e.status !== 409 && e.status !== 422)) throw e;
        p.reply.status(e.status);
        const problem = html`<div class="alert" role="alert" id="preview"><p>未保存：${e.message}</p></div>`;
        return p.render({ title: '录入一次检查', nav: '/inspections/new', body: inspectionForm(rules.ir, rules.version.version, p.user, p.csrf, p.form, problem), scripts: ['preview.js'] });
      }
    },
    { roles: WRITERS },
  );
};

export default pages;
