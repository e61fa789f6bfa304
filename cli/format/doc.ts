// The implementation rules (实施细则) as a readable, printable document: items with their
// text, ★, the national items they refine, thresholds in words, modes, measures, 第二十一条,
// the product catalogue; and, as an attachment, the blank inspection form of the rule set.
import type { RuleSetModel } from '../../compiler/index.js';
import { failuresAllowed, failuresWords } from '../../compiler/index.js';
import { catalogueText, CLASSES_BEST_FIRST, CONDITION_ORDER, MODE_ARTICLE, MODES_LIGHTEST_FIRST, RISK_LEVEL_NAMES, type RuleSetIR } from '../../runtime/index.js';
import { conditionWords } from './condition-words.js';
import { CLASS_COLOURS, MODE_COLOURS, page, table } from './html.js';
import { esc } from './escape.js';
import { ART18_LEAD, ART23, MODE_LEAD } from './law-text.js';
import { riskAdjustmentWords } from './risk-words.js';
import { FORM_CSS, formHtml, formRemarks } from './form.js';


/** How the composite risk level is found (第二十条; D6′), in words. */
export function catalogueWords(model: RuleSetModel): string {
  const files = model.catalogues.length
    ? `本细则使用下列产品目录文件（共 ${model.catalogues.length} 个版本），按检查日期选用当时有效的版本；本地区目录只增加Ⅰ级、Ⅱ级产品，不降低国家目录的等级。`
    : '本规则集未引用产品目录文件：重点工业产品质量监督目录由国家质检总局动态发布，应按检查日期有效的目录另行提供（fenlei eval --catalogue）。';
  const undetermined = model.riskLevelRequired.value
    ? '主要产品都不在有效目录中、检查表也未勾选风险等级的，该记录不予判定（本细则要求确定风险等级）。'
    : '主要产品都不在有效目录中、检查表也未勾选风险等级的，判定结果注明风险等级未确定并给出警告，监管方式不作第二十条调整。';
  return `${files}企业主要产品的综合风险等级取其在目录中的最高等级；检查表勾选的等级只可提高、不可降低该等级。${undetermined}`;
}

/** The classification rule in one paragraph (also the form's remark (二)). */
export function classificationWords(model: RuleSetModel): string {
  const parts = CONDITION_ORDER.map((cls) => {
    const conds = model.classification[cls];
    if (!conds.length) return '';
    const words = conds.map((c) => conditionWords(c.when.source.parsed.ast, model));
    return cls === 'C' ? `${cls}类企业：${words.join('；或者')}。` : `${cls}类企业：${words.join('，并且')}。`;
  }).filter(Boolean);
  return `根据履行产品质量主体责任能力和实现程度对企业分类监管等级进行评定，先判C类，再依次判AA、A、B类。${parts.join('')}以上条件都不满足的，为C类企业。`;
}

/** For a ratio condition over the answered items: how many failures each answered count allows. */
function ratioTable(model: RuleSetModel, ir: RuleSetIR): string {
  const rows: string[][] = [];
  const n = ir.items.length;
  const naCount = ir.items.filter((i) => i.na).length;
  for (const cls of CONDITION_ORDER) {
    for (const c of model.classification[cls]) {
      const ast = c.when.source.parsed.ast;
      if (ast.kind !== 'compare' || ast.right.kind !== 'percent') continue;
      const l = ast.left;
      const whole = (l.kind === 'name' && (l.name === '通过率' || l.name === 'ratio')) || (l.kind === 'call' && (l.callee === '通过率' || l.callee === 'ratio') && l.args.length === 0);
      if (!whole) continue;
      const { num, den } = ast.right;
      for (let answered = n; answered >= n - naCount; answered--) {
        const text = failuresWords(failuresAllowed(ast.op, num, den, answered), answered).zh;
        rows.push([`${cls}类`, esc(c.name ?? ''), esc(ast.right.text || ''), String(answered), text]);
      }
    }
  }
  if (!rows.length) return '';
  return `<h3>通过率门槛换算</h3><p class="muted small">按作答项目数换算的不通过项数（精确按分数比较，D1：“以上”含本数）。</p>${table(['类别', '条件', '门槛', '作答项目数', '条件成立时'], rows, [3])}`;
}

export function docHtml(model: RuleSetModel, ir: RuleSetIR, rulesFile: string): string {
  const m = model.meta;
  const parts: string[] = [];

  parts.push(`<h1>${esc(m.name)}</h1>`);
  parts.push(`<p class="sub">${esc(m.region)} · 版本 ${esc(m.version)} · ${esc(m.effective)} 起施行${m.expires ? ` · ${esc(m.expires)} 失效` : ''}${model.base ? ` · 依据《${esc(model.base.meta.name)}》（版本 ${esc(m.baseVersion ?? model.base.meta.version)}）` : ''}</p>`);
  if (m.description) parts.push(`<p>${esc(m.description)}</p>`);
  parts.push(`<p class="muted small">规则文件：<code>${esc(rulesFile)}</code>。本文件由 fenlei 从规则文件生成，条款引用为《工业企业产品质量分类监管试行办法》（第N条）及其附件《通用规则》。</p>`);

  parts.push(`<h2>一、适用范围（第二条）</h2>`);
  parts.push(`<p>本细则适用于涉及公共安全、人体健康和生命财产安全的重要工业产品生产企业。下列产品的生产企业不适用：${esc(model.excluded.map((x) => x.name).join('、'))}。企业主要产品均属于上述类别的，不予分类；部分属于的，其余产品适用本细则（有其他专门规定的从其规定）。</p>`);
  if (model.scopeTable.length) {
    parts.push(`<p class="small">按类别认定（不按字面）。范围表列出各类别的产品名称和常见同义词，未列出的产品按适用本细则处理：</p>`);
    parts.push(table(['类别', '产品名称（含同义词）', '来源'], model.scopeTable.map((c) => [esc(c.category), esc(c.names.join('、')), esc(c.source)]), [], 'scope-table'));
  }

  parts.push(...itemsSection(model));
  parts.push(...classesSection(model, ir));
  parts.push(...factsSection(model));
  parts.push(...modesSection(model, ir));
  parts.push(...measuresSection(model));
  parts.push(...reviewSection(model));
  parts.push(...cataloguesSection(model));
  parts.push(`<div class="page-break"></div>`);
  parts.push(`<h2>附件：监督检查表</h2>`);
  parts.push(formHtml(ir, formRemarks(ir, classificationWords(model))));
  return page({ title: m.name, css: FORM_CSS, runningHead: `${m.name}（版本 ${m.version}）` }, parts.join('\n'));
}

/** 二、评定项目: every item with its source (national, refined, supplementary), and the named groups. */
function itemsSection(model: RuleSetModel): string[] {
  const items = model.items;
  const national = items.filter((i) => i.origin === 'national').length;
  const refined = items.filter((i) => i.origin === 'refined');
  const refinedParents = new Set(refined.map((i) => i.nationalId));
  const supplementary = items.filter((i) => i.origin === 'supplementary').length;
  const stars = items.filter((i) => i.directive).length;
  const parts: string[] = [];
  parts.push(`<h2>二、评定项目</h2>`);
  parts.push(
    `<p>共 <strong data-figure="items">${items.length}</strong> 个评定项目，其中C类指向型（★）项目 <strong data-figure="stars">${stars}</strong> 个；国家项目原样保留 ${national} 个${refined.length ? `，细化国家第${esc([...refinedParents].join('、'))}项为 ${refined.length} 个子项目` : ''}${supplementary ? `，省级补充 ${supplementary} 个` : ''}。带★的项目发现问题（不符合）的，直接判定为C类企业（通用规则备注（二））。</p>`,
  );
  parts.push(
    table(
      ['编号', '★', '项目内容', '答案', '来源', '检查方式', '依据', '不适用条件'],
      items.map((it) => [
        esc(it.id),
        it.directive ? '<span class="star">★</span>' : '',
        esc(it.text) +
          (it.failsWhen ? `<div class="small fails-when">视为不通过：${esc(conditionWords(it.failsWhen.source.parsed.ast, model))}时，本项按“${it.pair === 'conform' ? '不符合' : '发现问题'}”判定，不论填写的答案</div>` : '') +
          (it.passesWhen ? `<div class="small passes-when">视为通过：${esc(conditionWords(it.passesWhen.source.parsed.ast, model))}时，本项按“${it.pair === 'conform' ? '符合' : '未发现问题'}”判定，不论填写的答案</div>` : '') +
          (it.crossCheck ? `<div class="muted small cross-check">核对：答“通过”时应当${esc(conditionWords(it.crossCheck.source.parsed.ast, model))}，否则提请核对（FL5112）</div>` : ''),
        it.pair === 'conform' ? '符合/不符合' : '未发现问题/发现问题',
        it.origin === 'national' ? '国家项目' : it.origin === 'refined' ? `细化国家第${esc(it.nationalId)}项` : '省级补充',
        esc(it.methods.join('、')),
        esc(it.article),
        (it.notApplicableWhen ? `${esc(conditionWords(it.notApplicableWhen.source.parsed.ast, model))}<div class="muted small"><code>${esc(it.notApplicableWhen.source.text)}</code></div>` : '') +
          (it.verifyAssumption ? `<div class="muted small assumption">验证假设：不适用时，国家检查表第${esc(it.nationalId ?? '')}项按“通过”勾选——${esc(it.verifyAssumption.text)}（“不比国家规则宽松”的证明以此为前提）</div>` : ''),
      ]),
      [],
      'items',
    ),
  );
  if (model.groups.size) {
    parts.push(`<h3>项目分组</h3>`);
    parts.push(table(['分组', '项目', '说明'], [...model.groups.entries()].map(([name, g]) => [esc(name), esc(g.items.map((i) => items[i]?.id).join('、')), esc(g.description)])));
  }
  return parts;
}

/** 三、企业分类: the conditions of each class, in the order they are tried, and the pass-ratio table. */
function classesSection(model: RuleSetModel, ir: RuleSetIR): string[] {
  const parts: string[] = [];
  parts.push(`<h2>三、企业分类（通用规则备注（二））</h2>`);
  parts.push(`<p>${esc(classificationWords(model))}</p>`);
  for (const cls of CONDITION_ORDER) {
    const conds = model.classification[cls];
    if (!conds.length) continue;
    parts.push(`<h3><span class="swatch" style="background:${CLASS_COLOURS[cls]}"></span>${cls}类（${cls === 'C' ? '任一条件成立即是' : '须全部条件成立'}）</h3>`);
    parts.push(
      table(
        ['条件', '用文字表述', '条件表达式', '依据', '说明'],
        conds.map((c) => [esc(c.name ?? ''), esc(conditionWords(c.when.source.parsed.ast, model)), `<code>${esc(c.when.source.text)}</code>`, esc(c.article), esc(c.description)]),
        [],
        `class-${cls}`,
      ),
    );
  }
  parts.push(ratioTable(model, ir));
  return parts;
}

/** 四、企业信息和事件: the facts and event types conditions read (only when there are any). */
function factsSection(model: RuleSetModel): string[] {
  const parts: string[] = [];
  if (model.facts.length || model.events.length) {
    parts.push(`<h2>四、企业信息和事件</h2>`);
    if (model.facts.length) {
      parts.push(
        table(
          ['企业信息', '类型', '未填写时', '说明'],
          model.facts.map((f) => [esc(f.name), f.type === 'bool' ? '是/否' : f.type === 'number' ? '数值' : esc(f.values.join('/')), f.default === undefined ? '必填' : esc(f.default === true ? '是' : f.default === false ? '否' : String(f.default)), esc(f.description)]),
        ),
      );
    }
    parts.push(
      table(
        ['事件类型', '第二十一条降级情形', '依据', '说明'],
        model.events.map((e) => [esc(e.name), e.trigger ? '是' : '否', esc(e.article), esc(e.description)]),
        [],
        'events',
      ),
    );
  }
  return parts;
}

/** 五、监管方式: the mode of each class and risk level (第十八条、第二十条). */
function modesSection(model: RuleSetModel, ir: RuleSetIR): string[] {
  const parts: string[] = [];
  parts.push(`<h2>五、监管方式（第十八条、第二十条）</h2>`);
  parts.push(
    table(
      ['类别', '监管方式（第十八条）', ...RISK_LEVEL_NAMES.map((r) => `${r}产品的生产企业（第二十条）`)],
      CLASSES_BEST_FIRST.map((c) => {
        const base = model.classModes[c].mode;
        return [
          `<span class="swatch" style="background:${CLASS_COLOURS[c]}"></span>${c}类`,
          esc(base),
          ...([1, 2, 3] as const).map((r) => {
            const mode = model.riskModes[r][c].mode;
            return mode === base ? esc(mode) : `<strong style="color:${MODE_COLOURS[mode]}">${esc(mode)}</strong>（调整）`;
          }),
        ];
      }),
      [],
      'modes',
    ),
  );
  // Every adjustment in words (第二十条), not only in the table above.
  parts.push(`<ul class="risk-words">${riskAdjustmentWords(ir).map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`);
  parts.push(`<p class="muted small">监管方式只向从严调整（本项目的政策，见 D12）。企业的综合风险等级取其主要产品在检查日期有效目录中的最高等级，检查表勾选的等级只可提高（D6′）。监管措施跟随调整后的监管方式（D7）。</p>`);
  return parts;
}

/** 六、监管措施: the measures of each mode (第十八条), then 第二十三条. */
function measuresSection(model: RuleSetModel): string[] {
  const parts: string[] = [];
  parts.push(`<h2>六、监管措施</h2>`);
  parts.push(`<p>${esc(ART18_LEAD)}</p>`);
  for (const mode of MODES_LIGHTEST_FIRST) {
    const ms = model.modes[mode].measures;
    parts.push(`<h3>${esc(mode)}（${MODE_ARTICLE[mode]}）</h3><p class="mode-lead">实施${esc(MODE_LEAD[mode])}：</p><ol>${ms.map((x) => `<li>${esc(x.text)}${x.article ? `<span class="muted small">（${esc(x.article)}）</span>` : ''}</li>`).join('')}</ol>`);
  }
  parts.push(`<p class="art23">${esc(ART23)}</p>`);
  return parts;
}

/** 七、动态调整 (第二十一条): period, no skipping a class, triggers, first review. */
function reviewSection(model: RuleSetModel): string[] {
  const parts: string[] = [];
  const r = model.review;
  parts.push(`<h2>七、动态调整（第二十一条）</h2>`);
  parts.push(
    `<ul><li>调整周期原则上为 ${r.periodMonths} 个月（每年定期评定一次）。</li><li>企业类别不允许越级上升：每次定期评定最多上升 ${r.maxRise} 级；非定期的监督检查（专项监督检查、回访）不使类别上升；可以越级下降。</li>` +
      `<li>自上次评定以来出现下列情形之一的，应当作降级处理，类别至多为上次类别下降 ${r.triggerDrop} 级，并相应调整监管方式：${esc(model.events.filter((e) => e.trigger).map((e) => `${e.name}（${e.article}）`).join('；'))}。</li>` +
      `<li>${r.firstCap ? `首次评定的类别最高为 ${esc(r.firstCap)} 类。` : '首次评定没有上限（D4）。'}</li></ul>`,
  );
  return parts;
}

/** 八、产品目录 (第二十条): each catalogue version with its products. */
function cataloguesSection(model: RuleSetModel): string[] {
  const parts: string[] = [];
  parts.push(`<h2>八、重点工业产品质量监督目录（第二十条）</h2>`);
  parts.push(`<p>${catalogueWords(model)}</p>`);
  for (const c of model.catalogues) {
    parts.push(`<h3>${esc(catalogueText(c))}</h3>${c.illustrative ? '<p class="muted small">示例目录：仅用于演示本工具，不是国家质检总局或省级质监部门正式发布的目录。</p>' : ''}${c.description ? `<p class="muted small">${esc(c.description)}</p>` : ''}`);
    parts.push(table(['产品', '风险等级', '类别'], [...c.products.values()].map((p) => [esc(p.name), ['', 'Ⅰ级（高风险）', 'Ⅱ级（较高风险）', 'Ⅲ级（一般风险）'][p.level]!, esc(p.category ?? '')]), [], 'products'));
  }
  return parts;
}

/** The blank form alone, as its own printable document. */
export function blankFormHtml(model: RuleSetModel, ir: RuleSetIR): string {
  return page({ title: `${model.meta.name} 监督检查表`, css: FORM_CSS, runningHead: `${model.meta.name} 监督检查表` }, formHtml(ir, formRemarks(ir, classificationWords(model))));
}
