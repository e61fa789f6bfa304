// One decision, printable: the explanation (verdict, each step with its article and the clause
// of the rule file, measures — the renderer of `fenlei explain --form`) and the inspection form
// filled with the record exactly as submitted (the renderer of `fenlei doc`).
import { classificationWords } from '../../cli/format/doc.js';
import { explanationHtml } from '../../cli/format/filled-form.js';
import { formHtml, formRemarks, type FormEnterprise } from '../../cli/format/form.js';
import type { Decision } from '../../runtime/index.js';
import { notFound } from '../../server/domain/errors.js';
import { href, html, raw } from '../html.js';
import { dateText, notice } from '../parts.js';
import { inspectionRecord, ruleVersion } from '../queries.js';
import type { PageModule } from '../route.js';
import { compiled } from '../rules.js';

interface StoredDecision {
  id: number;
  enterpriseId: number;
  kind: 'inspection' | 'event';
  inspectionId: number | null;
  decidedOn: string;
  isReview: boolean;
  outcome: Omit<Decision, 'trace'>;
  trace: Decision['trace'];
  history: { previousClass?: string | null; previousReviewDate?: string | null; source?: 'database' | 'register' };
  locked: boolean;
  rulesRegion: string;
  rulesVersion: string;
  rulesName: string;
}

/** The form's fields from a stored record (the record's own words; nothing re-derived). */
function formEnterprise(raw: unknown): FormEnterprise {
  const r = (raw ?? {}) as { enterprise?: Record<string, unknown>; inspection?: { form?: unknown; date?: unknown; answers?: Record<string, unknown> } };
  const s = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
  const answers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(r.inspection?.answers ?? {})) if (typeof v === 'string') answers[k] = v.trim();
  const e = r.enterprise ?? {};
  return {
    name: s(e.name),
    creditCode: s(e.creditCode),
    products: Array.isArray(e.products) ? (e.products as unknown[]).map(String) : undefined,
    region: s(e.region),
    address: s(e.address),
    legalRepresentative: s(e.legalRepresentative),
    productionLicenceNo: s(e.productionLicenceNo),
    cccCertificateNo: s(e.cccCertificateNo),
    form: s(r.inspection?.form),
    date: s(r.inspection?.date),
    answers,
  };
}

const pages: PageModule = (pages) => {
  pages.get<Record<string, never>, { id: string }>('/decisions/:id', async (p) => {
    const id = Number(p.params.id);
    const d = await p.api<StoredDecision>('GET', `/api/decisions/${Number.isInteger(id) && id > 0 ? id : 0}`);
    const ent = await p.api<{ enterprise: { name: string } }>('GET', `/api/enterprises/${d.enterpriseId}`);
    const v = await ruleVersion(p.ctx.db, d.rulesRegion, d.rulesVersion);
    if (!v) throw notFound(`规则版本 ${d.rulesRegion} ${d.rulesVersion}`, `rule version ${d.rulesRegion} ${d.rulesVersion}`);
    const rules = await compiled(p.ctx, v);
    const decision: Decision = { ...d.outcome, trace: d.trace };
    const record = d.inspectionId ? await inspectionRecord(p.ctx.db, d.inspectionId) : undefined;
    const form = record
      ? raw(formHtml(rules.ir, formRemarks(rules.ir, rules.model ? classificationWords(rules.model) : '分类规则见实施细则。'), { enterprise: formEnterprise(record), outcome: decision }))
      : html`<p>这个判定由事件引起（调整周期之间的降级，第二十一条），没有检查表。</p>`;
    const title = `判定说明：${ent.enterprise.name}（${dateText(d.decidedOn)}）`;
    return p.render({
      title,
      nav: '/enterprises',
      breadcrumbs: [{ label: '企业查询', path: '/enterprises' }, { label: ent.enterprise.name, path: `/enterprises/${d.enterpriseId}` }, { label: `判定 ${dateText(d.decidedOn)}` }],
      styles: ['form.css'],
      scripts: ['print.js'],
      body: html`<p class="no-print"><button type="button" data-print hidden>打印判定说明和检查表</button> <a href="${href(`/enterprises/${d.enterpriseId}`)}">返回企业</a></p>
<dl class="facts">
<dt>规则版本</dt><dd>${d.rulesName}（${d.rulesRegion === '000000' ? '全国' : d.rulesRegion}，版本 ${d.rulesVersion}）</dd>
<dt>上次类别</dt><dd>${d.history.previousClass ?? '无'}${d.history.previousReviewDate ? `（${d.history.previousReviewDate} 评定）` : ''}${d.history.source === 'database' ? '，取自本系统的评定记录' : d.history.source === 'register' ? '，取自提交的记录（本系统尚无评定）' : ''}</dd>
<dt>评定</dt><dd>${d.isReview ? '是（定期评定，作为下次的“上次评定”）' : '否'}${d.locked ? '；已备案，判定锁定' : ''}</dd>
</dl>
<h2>判定说明</h2>
<div class="explanation">${raw(explanationHtml(decision))}</div>
<h2 class="page-break">监督检查表</h2>
${form}
${notice()}`,
    });
  });
};

export default pages;
