// The documents follow the seed's words: the blank form's boxes in the
// national form's order, the remarks' full clauses, 第十八条's and 第二十三条's lead-in sentences in
// explain, the filled form, the published 实施细则 and the filing report, and every risk
// adjustment of a province said in prose.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Program, nodeHost, loadEvaluator } from '../../../compiler/index.js';
import { docHtml, blankFormHtml } from '../../../cli/format/doc.js';
import { explainText } from '../../../cli/format/explain.js';
import { filledFormHtml } from '../../../cli/format/filled-form.js';
import { emptyReport, reportHtml } from '../../../cli/format/report.js';
import { riskAdjustmentWords } from '../../../cli/format/risk-words.js';
import { REPO, nationalRecord, withIllustrativeCatalogue } from '../../compiler/helpers.js';

const program = new Program(nodeHost, REPO);
const national = withIllustrativeCatalogue(program.compile('national'));
const jiangsu = program.compile(join(REPO, 'rules', 'examples', 'jiangsu', 'rules.yaml'));
const text = (html: string) => html.replace(/<[^>]+>/g, '');

const ART18 = '基层质监部门按省级质监部门制定的实施办法，结合本地实际确定对不同类别的企业实施不同的监督检查形式（第十八条）。';
const ART23 = '本办法规定的分类监管是对企业履行产品质量主体责任的综合监管模式，不代替相关法律法规规定的其他产品质量监督措施（第二十三条）。';

describe('the seed’s words in the documents', () => {
  const blank = blankFormHtml(national.linked!.model, national.ir!);

  it('the blank form prints □发现问题□未发现问题 and □符合□不符合, as the seed does', () => {
    const row = (id: string) => text(new RegExp(`<tr class="item-row" data-item="${id}">[\\s\\S]*?</tr>`).exec(blank)![0]);
    expect(row('1').endsWith('发现问题未发现问题')).toBe(true);
    expect(row('8').endsWith('符合不符合')).toBe(true);
    expect(row('14').endsWith('符合不符合')).toBe(true);
  });

  it('the remarks keep the clauses of remarks (二) and (三)', () => {
    const t = text(blank);
    expect(t).toContain('以上条件都不满足的，为C类企业。省级质监部门可结合本地实际参照执行。');
    expect(t).toContain('（三）省级质监部门应按照《通用规则》的评定项目，制定《通用规则》实施细则。在实施细则中，可对《通用规则》确定的基本要点进行补充和细化，所制定的评定项目不得少于《通用规则》确定的项目要求。AA类企业的评定应依据本办法从严要求。');
  });

  it('explain and the filled form give 第十八条’s lead-in, the mode’s lead-in and 第二十三条', () => {
    const ev = loadEvaluator(national.ir!);
    const o = ev.evaluate(nationalRecord([]), { trace: true });
    const lines = explainText(o).split('\n');
    const at = lines.indexOf('监管措施：');
    expect(lines.slice(at, at + 3)).toEqual(['监管措施：', `  ${ART18}`, '  对该企业实施信用监管方式，主要监督检查企业落实自我承诺情况（第十八条（一））：']);
    expect(lines[at + 6]).toBe(`  ${ART23}`);
    const form = text(filledFormHtml(national.ir!, national.linked!.model, nationalRecord([]), o));
    expect(form).toContain(`${ART18}对该企业实施信用监管方式，主要监督检查企业落实自我承诺情况（第十八条（一））：`);
    expect(form).toContain(ART23);
  });

  it('the published 实施细则 gives the lead-ins and says every risk adjustment in words', () => {
    const doc = text(docHtml(jiangsu.linked!.model, jiangsu.ir!, 'rules.yaml'));
    expect(doc).toContain('Ⅰ级（高风险）产品的生产企业：AA类由信用监管调整为责任监管，A类由责任监管调整为常态监管，B类由常态监管调整为加严监管；C类仍为加严监管（第二十条）。');
    expect(doc).toContain('Ⅱ级（较高风险）产品的生产企业：AA类由信用监管调整为责任监管；A类、B类、C类仍为责任监管、常态监管、加严监管（第二十条）。');
    expect(doc).toContain('Ⅲ级（一般风险）产品的生产企业：监管方式不调整，按第十八条实施。');
    expect(doc).toContain(ART18);
    expect(doc).toContain('实施加严监管方式，根据产品风险程度和企业实际，主要采取以下监管措施（第十八条（四））：');
    expect(doc).toContain(ART23);
  });

  it('the filing report says the province’s adjustments in words, with the lead-ins', () => {
    const html = text(reportHtml(emptyReport(), { rules: jiangsu.ir!.meta, modes: jiangsu.ir!, rulesFile: 'rules.yaml', register: 'r.csv', asOf: '2026-03-01', generated: '2026-03-01', stats: { skippedBlank: 0, extraColumns: [] } }));
    for (const w of riskAdjustmentWords(jiangsu.ir!)) expect(html).toContain(w);
    expect(html).toContain('Ⅱ级（较高风险）产品的生产企业：AA类由信用监管调整为责任监管');
    expect(html).toContain(ART18 + ART23);
  });
});
