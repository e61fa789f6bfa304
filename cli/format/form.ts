// The inspection form (监督检查表) of a rule set in the layout of the national form of the
// General Rules: the enterprise block, (一) risk level, (二) one row per item with its answer
// boxes, the inspector's proposed class, the bureau's proposed mode, the provincial opinion
// and the remarks. Blank for `fenlei doc`; filled for one enterprise by `fenlei explain --form`.
import { isError, type Decision, type Outcome, type RuleSetIR } from '../../runtime/index.js';
import { answerText, CLASSES_BEST_FIRST, MODES_LIGHTEST_FIRST } from '../../runtime/index.js';
import { esc } from './escape.js';

const TICK = '<svg viewBox="0 0 12 12" width="11" height="11" aria-hidden="true"><path d="M2 6.5 L5 9.5 L10 2.5" fill="none" stroke="#111" stroke-width="2"/></svg>';

/** A check box with its label; ticked ones carry data-checked for tests and screen readers. */
export function box(label: string, checked = false): string {
  // The box is named by its word (a screen reader says “发现问题，复选框，已选中”).
  return `<span class="opt${checked ? ' on' : ''}"${checked ? ' data-checked="true"' : ''}><span class="cb" role="checkbox" aria-checked="${checked}" aria-label="${esc(label)}">${checked ? TICK : ''}</span>${esc(label)}</span>`;
}

export const FORM_CSS = `
.form{width:100%;border-collapse:collapse;font-size:13px;table-layout:fixed}
.form td,.form th{border:1px solid #333;padding:5px 6px;vertical-align:middle}
.form .band td{background:#e9ecef;font-weight:700;letter-spacing:2px;text-align:center}
.form tr{break-inside:avoid}
.form .label{width:110px;background:#fafafa}
.form .ans{white-space:normal}
.form .fill{font-family:"Noto Serif CJK SC","SimSun",serif;color:#0b3d91}
.form .item-row td{font-size:12.5px}
.form .group td{background:#f0f0f0;font-weight:600}
.opt{display:inline-flex;align-items:center;margin-right:10px;white-space:nowrap}
.ans .opt:last-child{margin-right:0}
.cb{display:inline-flex;align-items:center;justify-content:center;width:12px;height:12px;border:1px solid #111;margin-right:3px;background:#fff}
.sign{margin-top:18px;text-align:right;color:#333}
.form-title{text-align:center;margin:6px 0 2px;font-size:22px}
.form-sub{text-align:center;margin:0 0 12px;color:#444}
.remarks{font-size:12px;line-height:1.6;margin-top:8px}
`;

export interface FormEnterprise {
  name?: string;
  creditCode?: string;
  products?: string[];
  region?: string;
  /** The form's header fields (住所/生产地址, 法人代表, 生产许可证书, 强制性认证证书). */
  address?: string;
  legalRepresentative?: string;
  productionLicenceNo?: string;
  cccCertificateNo?: string;
  form?: string;
  date?: string;
  answers?: Record<string, string>;
}

function periodicName(form: string | undefined): string | undefined {
  if (form === undefined || form === '') return '定期监督检查';
  if (['定期监督检查', '定期', 'periodic'].includes(form)) return '定期监督检查';
  if (['专项监督检查', '专项', 'special'].includes(form)) return '专项监督检查';
  if (['回访', 'followUp', 'follow-up'].includes(form)) return '回访';
  return undefined;
}

/**
 * The form as an HTML fragment. With `filled`, the enterprise's answers, risk level, the
 * class and mode the rules give are ticked.
 */
export function formHtml(ir: RuleSetIR, remarks: string[], filled?: { enterprise: FormEnterprise; outcome: Outcome }): string {
  const e = filled?.enterprise;
  const d: Decision | undefined = filled && !isError(filled.outcome) ? filled.outcome : undefined;
  const answers = e?.answers ?? {};
  const fill = (v: string | undefined) => (v ? `<span class="fill">${esc(v)}</span>` : '');
  const form = e ? periodicName(e.form) : undefined;
  const rows: string[] = [];
  rows.push(
    `<tr class="band"><td colspan="5">企业基本情况</td></tr>`,
    `<tr><td class="label">企业名称</td><td colspan="2">${fill(e?.name)}${e?.creditCode ? `<div class="small muted">统一社会信用代码 ${esc(e.creditCode)}</div>` : ''}</td><td class="label">产品类别</td><td>${fill(e?.products?.join('、'))}</td></tr>`,
    `<tr><td class="label">监督检查形式</td><td colspan="4">${['定期监督检查', '专项监督检查', '回访'].map((f) => box(f, form === f)).join('')}${e?.date ? `<span class="fill">（检查日期 ${esc(e.date)}）</span>` : ''}</td></tr>`,
    `<tr><td class="label">住所/生产地址</td><td colspan="2">${fill(e?.address)}${e?.region ? `<span class="small muted">行政区划代码 ${esc(e.region)}</span>` : ''}</td><td class="label">法人代表</td><td>${fill(e?.legalRepresentative)}</td></tr>`,
    `<tr><td class="label">生产许可证书</td><td colspan="2">${fill(e?.productionLicenceNo)}</td><td class="label">强制性认证证书</td><td>${fill(e?.cccCertificateNo)}</td></tr>`,
  );
  const risk = d?.riskLevel ?? undefined;
  const itemRows: string[] = [];
  let lastOrigin = '';
  for (const it of ir.items) {
    if (it.origin === 'supplementary' && lastOrigin !== 'supplementary') itemRows.push(`<tr class="group"><td colspan="5">省级补充项目</td></tr>`);
    lastOrigin = it.origin;
    const pass = answerText(it.pair, true);
    const failW = answerText(it.pair, false);
    const given = (answers[it.id] ?? '').trim();
    // The boxes in the national form's order: □发现问题□未发现问题, but □符合□不符合.
    const words = it.pair === 'conform' ? [pass, failW] : [failW, pass];
    if (it.na) words.push('不适用');
    const na = d ? !d.failedItems.includes(it.id) && given === '' : false;
    const refines = it.origin === 'refined' && it.nationalId ? `<span class="small muted">（细化第${esc(it.nationalId)}项）</span>` : '';
    itemRows.push(
      `<tr class="item-row" data-item="${esc(it.id)}"><td colspan="4">${it.directive ? '<span class="star">*</span>' : ''}${esc(it.id)}、${esc(it.text)}${refines}</td><td class="ans">${words
        .map((w) => box(w, given === w || (w === '不适用' && na && it.na !== null)))
        .join('')}</td></tr>`,
    );
  }
  rows.push(
    `<tr class="band"><td colspan="5">监督检查记录</td></tr>`,
    `<tr><td colspan="5"><strong>（一）主要产品质量安全风险程度</strong></td></tr>`,
    `<tr><td colspan="5">根据产品质量安全风险等级评估，该企业所生产主要产品的质量安全风险程度综合评定为：${['Ⅰ级（高风险）', 'Ⅱ级（较高风险）', 'Ⅲ级（一般风险）'].map((r) => box(r, risk !== undefined && r.startsWith(risk))).join('')}</td></tr>`,
    `<tr><td colspan="5"><strong>（二）企业履行产品质量主体责任的情况和实现程度</strong></td></tr>`,
    ...itemRows,
  );
  const cls = d?.class ?? undefined;
  const mode = d?.mode ?? undefined;
  rows.push(
    `<tr class="band"><td colspan="5">评定意见</td></tr>`,
    `<tr class="avoid"><td class="label">监督检查人员意见</td><td colspan="4">根据对该企业监督检查情况，依据产品质量安全风险程度及履行产品质量主体责任能力，该企业分类拟为：${CLASSES_BEST_FIRST.map((c) => box(c, cls === c)).join('')}` +
      `${d ? `<div class="small fill">（通过 ${d.passed}/${d.answered} 项，通过率 ${d.passRatio === null ? '—' : (d.passRatio * 100).toFixed(2) + '%'}${d.directiveFailures.length ? `；★项目 ${esc(d.directiveFailures.join('、'))} 不通过` : ''}${d.assessedClass !== d.class ? `；评定类别 ${esc(d.assessedClass)}，按第二十一条调整为 ${esc(d.class)}` : ''}）</div>` : ''}` +
      `<div class="sign">监督检查人签字：\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日</div></td></tr>`,
    `<tr class="band"><td colspan="5">质监部门意见</td></tr>`,
    `<tr class="avoid"><td class="label">基层质监部门意见</td><td colspan="4">对该企业实施监管方式拟为：${MODES_LIGHTEST_FIRST.map((m) => box(m, mode === m)).join('')}<div class="sign">盖章\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日</div></td></tr>`,
    `<tr class="avoid"><td class="label">省级质监部门意见</td><td colspan="4"><div style="height:40px"></div><div class="sign">盖章\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日</div></td></tr>`,
  );
  if (filled && isError(filled.outcome)) {
    rows.push(`<tr><td colspan="5" class="fill">记录无法判定：${esc(filled.outcome.error.code)} ${esc(filled.outcome.error.field)}：${esc(filled.outcome.error.message)}</td></tr>`);
  }
  if (d && !d.inScope) rows.push(`<tr><td colspan="5" class="fill">主要产品均属于第二条规定的不适用类别，本办法不适用，不予分类。</td></tr>`);
  // The answer column holds three boxes where an item has 不适用 (they wrap inside the cell rather than cross its border).
  const ansWidth = ir.items.some((i) => i.na) ? 250 : 210;
  const table = `<table class="form"><colgroup><col style="width:120px"><col><col><col style="width:110px"><col style="width:${ansWidth}px"></colgroup><tbody>${rows.join('\n')}</tbody></table>`;
  const remarkHtml = `<div class="remarks"><strong>备注：</strong>${remarks.map((r) => `<div>${esc(r)}</div>`).join('')}</div>`;
  return `<section class="inspection-form"><h1 class="form-title">工业企业产品质量分类监管通用规则</h1><p class="form-sub">${esc(ir.meta.name)} · 监督检查表（版本 ${esc(ir.meta.version)}）</p>${table}${remarkHtml}</section>`;
}

/** The remarks under the form: scope, and the classification rule of this rule set in words. */
export function formRemarks(ir: RuleSetIR, classRule: string): string[] {
  return [
    '（一）此表适用于依据《工业企业产品质量分类监管试行办法》对工业企业实施的监督检查和分类监管。',
    `（二）${classRule}省级质监部门可结合本地实际参照执行。`,
    '（三）省级质监部门应按照《通用规则》的评定项目，制定《通用规则》实施细则。在实施细则中，可对《通用规则》确定的基本要点进行补充和细化，所制定的评定项目不得少于《通用规则》确定的项目要求。AA类企业的评定应依据本办法从严要求。',
    ir.items.some((i) => i.na) ? '（四）标有“不适用”选项的项目，在其不适用条件成立时不计入通过率（D2）。' : '',
  ].filter(Boolean);
}
