// The filing report of 第十二条 (基层质监部门 … 将企业分类报上级质监部门备案): one self-contained,
// printable HTML file over a classified register — counts per class, mode, risk level and
// region, charts, changes since the previous class (第二十一条), the C-class list with
// reasons, a schematic region map coloured by the share of C-class enterprises.
import { ART18_LEAD, ART23 } from './law-text.js';
import { riskAdjustmentWords } from './risk-words.js';
import { CLASSES_BEST_FIRST, MODES_LIGHTEST_FIRST, RISK_LEVEL_GLOSS, RISK_LEVEL_NAMES, type RuleSetIR } from '../../runtime/index.js';
import type { ReadStats } from '../io/read-records.js';
import { mapLevel, type ReportData, type RegionRow } from './report-data.js';
import { CLASS_COLOURS, fmtInt, GREY, MODE_COLOURS, page, percentText, RISK_COLOURS, table } from './html.js';
import { esc } from './escape.js';
import { barChart, stackedBars } from './svg.js';
import { DEFAULT_C_THRESHOLDS, regionMap, regionName, type RegionLevel } from './regions.js';

// The figures are counted apart from the page (the information system counts stored decisions with them).
export { CLASSES, MODES, RISKS, cReasons, emptyReport, tally, type CEntry, type RegionRow, type ReportData } from './report-data.js';

const RISK_GLOSS: Record<string, string> = Object.fromEntries(RISK_LEVEL_NAMES.map((r, i) => [r, `${r}（${RISK_LEVEL_GLOSS[i + 1]}）`]));

export interface ReportMeta {
  rules: RuleSetIR['meta'];
  /** The modes of the rules (第十八条) and their risk adjustments (第二十条), said in words. */
  modes: Pick<RuleSetIR, 'classModes' | 'riskModes'>;
  rulesFile: string;
  /** Several versions (D10): each with the number of decisions it gave, e.g. “2024.1（2024-07-01 起）：12 户”. */
  versions?: string[];
  register: string;
  /** Date the review is as of (YYYY-MM-DD). */
  asOf: string;
  generated: string;
  stats: ReadStats;
  thresholds?: readonly [number, number, number];
  level?: RegionLevel;
}

function regionTable(rows: RegionRow[]): string {
  return table(
    ['行政区划', '已分类', 'AA', 'A', 'B', 'C', 'C类占比', '不适用', '无法判定'],
    rows.map((r) => [esc(regionName(r.key)), fmtInt(r.total), ...CLASSES_BEST_FIRST.map((c) => fmtInt(r.byClass[c])), percentText(r.byClass.C, r.total), fmtInt(r.outOfScope), fmtInt(r.errors)]),
    [1, 2, 3, 4, 5, 6, 7, 8],
    'regions',
  );
}

export function reportHtml(data: ReportData, meta: ReportMeta): string {
  const title = `${meta.rules.region}工业企业产品质量分类情况备案报告`;
  const parts: string[] = [];
  parts.push(`<h1>${esc(title)}</h1>`);
  parts.push(`<p class="sub">依据《工业企业产品质量分类监管试行办法》第十二条，基层质监部门对辖区企业进行分类，并将企业分类报上级质监部门备案。</p>`);
  parts.push(
    table(
      ['项目', '内容'],
      [
        ['规则集', `${esc(meta.rules.name)}（版本 ${esc(meta.rules.version)}，${esc(meta.rules.effective)} 起施行）`],
        ['规则文件', `<code>${esc(meta.rulesFile)}</code>`],
        ...(meta.versions ? [['规则版本', `按各企业的检查日期选用施行中的版本（生效日期、失效日期）判定：${meta.versions.map(esc).join('；')}`]] : []),
        ['登记表', `<code>${esc(meta.register)}</code>${meta.stats.encoding ? `（${meta.stats.encoding === 'gb18030' ? 'GB18030' : 'UTF-8'} 编码）` : ''}${meta.stats.sheet ? `，工作表“${esc(meta.stats.sheet)}”` : ''}`],
        ['评定日期截至', esc(meta.asOf)],
        ['报告生成日期', esc(meta.generated)],
      ],
    ),
  );

  parts.push(...overviewSection(data, meta));
  parts.push(...classesSection(data, meta));
  parts.push(...regionsSection(data, meta));
  parts.push(...changesSection(data));
  parts.push(...cListSection(data));
  parts.push(...errorsSection(data));
  parts.push(`<p class="footer-note">本报告由 fenlei 按上述规则集自动生成；类别、监管方式和措施的依据见《试行办法》第十一条、第十八条、第二十条、第二十一条及《通用规则》备注（二）。地区图为示意性的方块分区图。<span style="color:${GREY}">fenlei</span></p>`);
  return page({ title, runningHead: `${title}（${meta.asOf}）` }, parts.join('\n'));
}

/** 一、概况: the counts at a glance. */
function overviewSection(data: ReportData, meta: ReportMeta): string[] {
  const d = data.decided;
  const parts: string[] = [];
  parts.push(`<h2>一、概况</h2>`);
  parts.push(
    `<div class="cards">` +
      [
        ['登记企业', data.records],
        ['已分类', d],
        ['不适用本办法（第二条）', data.outOfScope],
        ['无法判定（记录有误）', data.errors],
        ['C类企业', data.byClass.C],
      ]
        .map(([k, v]) => `<div class="card"><div class="v" data-figure="${esc(k)}">${fmtInt(v as number)}</div><div class="k">${esc(k)}</div></div>`)
        .join('') +
      `</div>`,
  );
  if (meta.stats.skippedBlank) parts.push(`<p class="muted small">登记表中的空行 ${fmtInt(meta.stats.skippedBlank)} 行已跳过，不计入企业数。</p>`);
  return parts;
}

/** 二、分类结果: classes, modes (第十八条) and risk levels (第二十条), in tables and charts. */
function classesSection(data: ReportData, meta: ReportMeta): string[] {
  const d = data.decided;
  const parts: string[] = [];
  parts.push(`<h2>二、分类结果</h2>`);
  parts.push(
    table(
      ['类别', '企业数', '占已分类', '监管方式（第十八条）'],
      CLASSES_BEST_FIRST.map((c) => [`<span class="swatch" style="background:${CLASS_COLOURS[c]}"></span>${c} 类`, fmtInt(data.byClass[c]), percentText(data.byClass[c], d), esc(meta.modes.classModes[c])]).concat([['合计', fmtInt(d), d ? '100.0%' : '—', '']]),
      [1, 2],
      'by-class',
    ),
  );
  // Each risk adjustment of these rules in words (第二十条), then 第十八条's lead-in and 第二十三条.
  parts.push(`<p>类别之后的监管方式为第十八条的原则；按产品风险等级调整如下，实际监管方式见下表：</p><ul class="risk-words">${riskAdjustmentWords(meta.modes).map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`);
  parts.push(`<p class="muted small">${esc(ART18_LEAD)}${esc(ART23)}</p>`);
  parts.push(
    `<div class="grid2"><div class="chart">${barChart(CLASSES_BEST_FIRST.map((c) => ({ label: `${c} 类`, value: data.byClass[c], colour: CLASS_COLOURS[c]! })), { title: '各类别企业数', total: d, width: 470 })}</div>` +
      `<div class="chart">${barChart(MODES_LIGHTEST_FIRST.map((m) => ({ label: m, value: data.byMode[m] ?? 0, colour: MODE_COLOURS[m]! })), { title: '各监管方式企业数', total: d, width: 470 })}</div></div>`,
  );
  parts.push(
    `<div class="grid2"><div>${table(['监管方式', '企业数', '占已分类'], MODES_LIGHTEST_FIRST.map((m) => [esc(m), fmtInt(data.byMode[m] ?? 0), percentText(data.byMode[m] ?? 0, d)]), [1, 2], 'by-mode')}</div>` +
      `<div>${table(['风险等级（第二十条）', '企业数', '占已分类'], RISK_LEVEL_NAMES.map((r) => [esc(RISK_GLOSS[r]), fmtInt(data.byRisk[r] ?? 0), percentText(data.byRisk[r] ?? 0, d)]), [1, 2], 'by-risk')}</div></div>`,
  );
  parts.push(`<div class="chart">${barChart(RISK_LEVEL_NAMES.map((r) => ({ label: RISK_GLOSS[r]!, value: data.byRisk[r] ?? 0, colour: RISK_COLOURS[r]! })), { title: '各风险等级企业数', total: d, width: 560 })}</div>`);
  return parts;
}

/** 三、按地区: the map coloured by C share, and the tables per city and county. */
function regionsSection(data: ReportData, meta: ReportMeta): string[] {
  const t = meta.thresholds ?? DEFAULT_C_THRESHOLDS;
  const cityRows = [...data.cities.values()].sort((a, b) => a.key.localeCompare(b.key));
  const countyRows = [...data.counties.values()].sort((a, b) => a.key.localeCompare(b.key));
  const level: RegionLevel = meta.level ?? mapLevel(cityRows);
  const mapRows = (level === 'city' ? cityRows : countyRows).filter((r) => r.key !== '');
  const parts: string[] = [];
  parts.push(`<h2>三、按地区</h2>`);
  parts.push(`<p class="muted small">按企业行政区划代码的前4位（市）和前6位（县、区）汇总。</p>`);
  parts.push(`<div class="chart">${regionMap(mapRows.map((r) => ({ key: r.key, total: r.total, c: r.byClass.C })), level, t, `各${level === 'city' ? '市' : '县（区）'}C类企业占比`)}</div>`);
  parts.push(
    `<p class="muted small">示意图：每个方块代表一个${level === 'city' ? '市' : '县（区）'}，按大致方位排列，不是地理地图。颜色按C类企业占已分类企业的比例：低于 ${t[0]}% 绿色、${t[0]}%–${t[1]}% 蓝色、${t[1]}%–${t[2]}% 黄色、${t[2]}% 及以上红色（绿、蓝、黄、红依次是本报告图表中 AA、A、B、C 类的颜色）。</p>`,
  );
  const stackRows = (level === 'city' ? cityRows : countyRows).filter((r) => r.total > 0);
  if (stackRows.length) parts.push(`<div class="chart">${stackedBars(stackRows.map((r) => ({ label: regionName(r.key), parts: CLASSES_BEST_FIRST.map((c) => ({ key: `${c} 类`, value: r.byClass[c], colour: CLASS_COLOURS[c]! })) })), { title: '各地区类别构成', width: 920 })}</div>`);
  parts.push(`<h3>按市</h3>${regionTable(cityRows)}`);
  parts.push(`<h3>按县（区）</h3>${regionTable(countyRows)}`);
  return parts;
}

/** 四、与上次类别相比 (第二十一条): moves against the previous class, and who was lowered by a trigger. */
function changesSection(data: ReportData): string[] {
  const parts: string[] = [];
  const ch = data.changes;
  const withPrev = ch.up + ch.same + ch.down;
  parts.push(`<h2>四、与上次类别相比（第二十一条）</h2>`);
  parts.push(
    table(
      ['变化', '企业数', '说明'],
      [
        ['上升', fmtInt(ch.up), '本次类别高于上次类别'],
        ['持平', fmtInt(ch.same), '本次类别与上次相同'],
        ['\u3000其中：因降级情形保持C类', fmtInt(ch.heldByTrigger), '上次为C类，自上次评定以来出现降级情形，本次仍为C类（不上升；不计入“下降”）'],
        ['下降', fmtInt(ch.down), '本次类别低于上次类别'],
        ['\u3000其中：因降级情形降级', fmtInt(ch.loweredByTrigger), '自上次评定以来出现第二十一条（一）至（五）的情形，应当作降级处理，本次类别低于上次类别'],
        ['受“不允许越级上升”限制', fmtInt(ch.heldByCap), '评定类别高于上次类别一级以上（或非定期检查、首次评定上限），按第二十一条保持或只上升一级'],
        ['首次评定', fmtInt(ch.first), '没有上次类别'],
      ].map((r) => [esc(r[0]), r[1]!, esc(r[2])]),
      [1],
      'changes',
    ),
  );
  parts.push(`<p class="muted small">有上次类别的企业 ${fmtInt(withPrev)} 户。下表行为上次类别，列为本次类别。</p>`);
  parts.push(
    table(
      ['上次类别 \\ 本次类别', ...CLASSES_BEST_FIRST.map((c) => `${c} 类`), '合计'],
      [...CLASSES_BEST_FIRST, '首次评定'].map((p) => {
        const row = ch.matrix[p]!;
        const sum = CLASSES_BEST_FIRST.reduce((a, c) => a + row[c], 0);
        return [esc(p === '首次评定' ? p : `${p} 类`), ...CLASSES_BEST_FIRST.map((c) => fmtInt(row[c])), fmtInt(sum)];
      }),
      [1, 2, 3, 4, 5],
      'transition',
    ),
  );
  if (data.triggerList.length) {
    parts.push(`<h3>因第二十一条降级情形降级的企业</h3>`);
    parts.push(table(['行号', '编号', '企业名称', '上次类别', '本次类别', '降级情形'], data.triggerList.map((x) => [String(x.row), esc(x.id), esc(x.name), esc(x.previousClass), esc(x.class), esc(x.triggers.join('、'))]), [0], 'trigger-list'));
  }
  return parts;
}

/** 五、C类企业名单: every class C enterprise with why. */
function cListSection(data: ReportData): string[] {
  const parts: string[] = [];
  parts.push(`<h2 class="page-break">五、C类企业名单</h2>`);
  parts.push(`<p class="muted small">C类企业实施加严监管（第十八条（四）），列为本辖区重点监管企业。共 ${fmtInt(data.byClass.C)} 户${data.cList.length < data.byClass.C ? `，此处列出前 ${fmtInt(data.cList.length)} 户` : ''}。</p>`);
  parts.push(
    data.cList.length
      ? table(
          ['行号', '编号', '企业名称', '区划', '风险等级', '评定类别', '上次类别', '判为C类的原因'],
          data.cList.map((c) => [String(c.row), esc(c.id), esc(c.name), esc(c.region), esc(c.riskLevel), esc(c.assessedClass), esc(c.previousClass ?? '首次'), c.reasons.map((r) => `<div>${esc(r)}</div>`).join('')]),
          [0],
          'c-list',
        )
      : '<p>无C类企业。</p>',
  );
  return parts;
}

/** 六、无法判定的记录: the records in error (only when there are any). */
function errorsSection(data: ReportData): string[] {
  const parts: string[] = [];
  if (data.errorList.length) {
    parts.push(`<h2>六、无法判定的记录</h2>`);
    parts.push(`<p class="muted small">以下记录填写有误，未能分类，请核对登记表后重新判定。共 ${fmtInt(data.errors)} 条。</p>`);
    const cellOf = (x: ReportData['errorList'][number], f: (p: ReportData['errorList'][number]['problems'][number]) => string) => x.problems.map((p) => `<div>${f(p)}</div>`).join('');
    parts.push(
      table(
        ['行号', '编号', '企业名称', '登记表列（字段）', '说明'],
        data.errorList.map((x) => [String(x.row), esc(x.id), esc(x.name), cellOf(x, (p) => `${p.column !== undefined ? `${esc(p.column)} ` : ''}<code>${esc(p.field)}</code>`), cellOf(x, (p) => esc(`${p.message}（${p.code}）`))]),
        [0],
        'error-list',
      ),
    );
  }
  return parts;
}
