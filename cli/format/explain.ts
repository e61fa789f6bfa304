// A decision as text a county inspector reads: the result first, then each step
// with the article it rests on and the rule-file clause that produced it.
import { isError, type Outcome } from '../../runtime/index.js';
import { ART18_LEAD, ART23, MODE_LEAD } from './law-text.js';

export const ART13_NOTICE = '依据第十三条，企业分类情况属产品质量监督工作信息，企业不得将分类结果印制于产品标志，不得用于广告、宣传等商业目的。';

export function explainText(o: Outcome, enterpriseName?: string): string {
  const lines: string[] = [];
  const title = enterpriseName ? `${enterpriseName}（${o.id}）` : o.id;
  if (isError(o)) {
    lines.push(`记录 ${title} 无法判定：`, `  ${o.error.code} ${o.error.field}：${o.error.message}`);
    return lines.join('\n') + '\n';
  }
  lines.push(`企业 ${title}`);
  if (!o.inScope) {
    lines.push('结论：不适用本办法（第二条），不予分类。');
  } else {
    lines.push(`结论：${o.class} 类，${o.mode}（评定类别 ${o.assessedClass}，风险等级 ${o.riskLevel ?? '未确定'}）`);
    // D10: the version of the rules that decided (with several versions, the one in force on the inspection date).
    lines.push(`规则版本：${o.rulesVersion}`);
    if (o.catalogues.length) lines.push(`产品目录：${o.catalogues.map((c) => `${c.name}（${c.region}，版本 ${c.version}）`).join('；')}`);
    lines.push(`通过 ${o.passed}/${o.answered} 项，通过率 ${o.passRatio === null ? '—' : (o.passRatio * 100).toFixed(2) + '%'}`);
    if (o.failedItems.length) lines.push(`发现问题（不符合）的项目：${o.failedItems.join('、')}${o.directiveFailures.length ? `；其中指向型（★）：${o.directiveFailures.join('、')}` : ''}`);
  }
  if (o.trace.length) {
    lines.push('', '判定过程：');
    o.trace.forEach((s, i) => lines.push(`${String(i + 1).padStart(2)}. [${s.article}] ${s.text}`, `    —— ${s.clause}`));
  }
  if (o.measures.length) {
    lines.push('', '监管措施：', `  ${ART18_LEAD}`);
    if (o.mode) lines.push(`  对该企业实施${MODE_LEAD[o.mode]}：`);
    o.measures.forEach((m, i) => lines.push(`  ${i + 1}. ${m}`));
    lines.push(`  ${ART23}`);
  }
  if (o.warnings?.length) {
    lines.push('', '提示：');
    for (const w of o.warnings) lines.push(`  ${w.code} ${w.field}：${w.message}`);
  }
  lines.push('', ART13_NOTICE);
  return lines.join('\n') + '\n';
}
