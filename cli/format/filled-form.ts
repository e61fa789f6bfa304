// `fenlei explain --form`: the inspection form filled for one enterprise, followed by the
// explanation of the decision (each step with its article) and the measures.
import type { RuleSetModel } from '../../compiler/index.js';
import { isError, type Outcome, type RuleSetIR } from '../../runtime/index.js';
import { classificationWords } from './doc.js';
import { FORM_CSS, formHtml, formRemarks, type FormEnterprise } from './form.js';
import { page, table } from './html.js';
import { esc } from './escape.js';
import { ART18_LEAD, ART23, MODE_LEAD } from './law-text.js';

const STEP_NAMES: Record<string, string> = { scope: '适用范围', answers: '作答', directive: '指向型项目', ratio: '通过率', condition: '分类条件', class: '评定类别', review: '动态调整', mode: '监管方式', catalogue: '产品目录', risk: '风险调整', measures: '监管措施' };

export function filledFormHtml(ir: RuleSetIR, model: RuleSetModel | undefined, raw: unknown, o: Outcome): string {
  const r = (raw ?? {}) as { enterprise?: { name?: unknown; creditCode?: unknown; products?: unknown; region?: unknown; address?: unknown; legalRepresentative?: unknown; productionLicenceNo?: unknown; cccCertificateNo?: unknown }; inspection?: { form?: unknown; date?: unknown; answers?: Record<string, unknown> } };
  const s = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
  const answers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(r.inspection?.answers ?? {})) if (typeof v === 'string') answers[k] = v.trim();
  const ent: FormEnterprise = {
    name: s(r.enterprise?.name),
    creditCode: s(r.enterprise?.creditCode),
    products: Array.isArray(r.enterprise?.products) ? (r.enterprise.products as unknown[]).map((x) => String(x)) : undefined,
    region: s(r.enterprise?.region),
    address: s(r.enterprise?.address),
    legalRepresentative: s(r.enterprise?.legalRepresentative),
    productionLicenceNo: s(r.enterprise?.productionLicenceNo),
    cccCertificateNo: s(r.enterprise?.cccCertificateNo),
    form: s(r.inspection?.form),
    date: s(r.inspection?.date),
    answers,
  };
  const remarks = formRemarks(ir, model ? classificationWords(model) : '分类规则见实施细则。');
  const parts = [formHtml(ir, remarks, { enterprise: ent, outcome: o })];
  parts.push(`<h2 class="page-break">判定说明（${esc(ent.name ?? o.id)}，编号 ${esc(o.id)}）</h2>`, explanationHtml(o));
  return page({ title: `监督检查表 — ${ent.name ?? o.id}`, css: FORM_CSS, runningHead: `${ir.meta.name} 监督检查表：${ent.name ?? o.id}` }, parts.join('\n'));
}

/**
 * A decision explained (also on the information system's pages): the verdict, each step with its
 * article and the rule-file clause that produced it, the measures with 第十八条 and 第二十三条.
 */
export function explanationHtml(o: Outcome): string {
  const parts: string[] = [];
  if (isError(o)) {
    parts.push(`<p>记录无法判定：${esc(o.error.code)} <code>${esc(o.error.field)}</code>：${esc(o.error.message)}</p>`);
    return parts.join('\n');
  }
  parts.push(
    `<p class="verdict">${o.inScope ? `结论：<strong data-figure="class">${esc(o.class)}</strong> 类，<strong data-figure="mode">${esc(o.mode)}</strong>（评定类别 ${esc(o.assessedClass)}，风险等级 ${esc(o.riskLevel)}；通过 ${o.passed}/${o.answered} 项，通过率 ${o.passRatio === null ? '—' : (o.passRatio * 100).toFixed(2) + '%'}）` : '结论：不适用本办法（第二条），不予分类。'}</p>`,
  );
  if (o.trace.length) parts.push(table(['步骤', '依据', '说明', '规则出处'], o.trace.map((t, i) => [`${i + 1}. ${esc(STEP_NAMES[t.step] ?? t.step)}`, esc(t.article), esc(t.text), `<code class="small">${esc(t.clause)}</code>`]), [], 'trace'));
  if (o.measures.length) {
    parts.push(`<h3>监管措施</h3><p>${esc(ART18_LEAD)}</p>${o.mode ? `<p class="mode-lead">对该企业实施${esc(MODE_LEAD[o.mode])}：</p>` : ''}<ol>${o.measures.map((m) => `<li>${esc(m)}</li>`).join('')}</ol><p class="art23">${esc(ART23)}</p>`);
  }
  if (o.warnings?.length) parts.push(`<h3>提示</h3><ul>${o.warnings.map((w) => `<li>${esc(w.code)} <code>${esc(w.field)}</code>：${esc(w.message)}</li>`).join('')}</ul>`);
  return parts.join('\n');
}
