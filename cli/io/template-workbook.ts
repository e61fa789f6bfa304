// The register workbook a county fills in for one rule set (fenlei template): a 登记表 sheet
// with the enterprise and history columns, one column per item (★ marked; the item text as
// the header's comment; answer drop-down lists), a 填写说明 sheet, and a hidden 选项 sheet
// for the product list. `fenlei eval`, `report` and `compare` read it back as it is.
import type ExcelJS from 'exceljs';
import type { RuleSetModel } from '../../compiler/index.js';
import { catalogueProducts, CLASSES_BEST_FIRST, RISK_LEVEL_NAME, RISK_LEVEL_NAMES, withCheckDigit, type RuleSetIR } from '../../runtime/index.js';
import { provinceCode } from '../format/regions.js';
import { ART13_NOTICE } from '../format/explain.js';
import { FIXED_COLUMNS, type FixedKey } from './register-columns.js';

export interface TemplateOptions {
  /** Rows prepared with drop-down lists (default 500). */
  rows?: number;
  rulesFile: string;
}

const FILL = (argb: string) => ({ type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb } });
const GROUP = { enterprise: 'FFDCE6F1', inspection: 'FFE2EFDA', history: 'FFFCE4D6', items: 'FFF2F2F2', fact: 'FFDCE6F1' };
const BORDER = { top: { style: 'thin' as const, color: { argb: 'FF9AA3AD' } }, left: { style: 'thin' as const, color: { argb: 'FF9AA3AD' } }, bottom: { style: 'thin' as const, color: { argb: 'FF9AA3AD' } }, right: { style: 'thin' as const, color: { argb: 'FF9AA3AD' } } };

interface Col {
  header: string;
  note: string;
  width: number;
  group: keyof typeof GROUP;
  validation?: ExcelJS.DataValidation;
  date?: boolean;
  directive?: boolean;
}

const list = (values: readonly string[], prompt: string, strict = true): ExcelJS.DataValidation => ({
  type: 'list',
  allowBlank: true,
  formulae: [`"${values.join(',')}"`],
  showErrorMessage: true,
  errorStyle: strict ? 'stop' : 'information',
  errorTitle: '请从下拉列表中选择',
  error: `可填：${values.join('、')}`,
  showInputMessage: true,
  promptTitle: '填写',
  prompt,
});

function answerWords(pair: 'problem' | 'conform'): [string, string] {
  return pair === 'conform' ? ['符合', '不符合'] : ['未发现问题', '发现问题'];
}

/** An item as a sentence names it: 第7项, but 项目补1 (not 第补1项). */
export function itemName(id: string): string {
  return /^\d/.test(id) ? `第${id}项` : `项目${id}`;
}

export function itemHeader(it: { id: string; directive: boolean }): string {
  return it.directive ? `★${it.id}` : it.id;
}

export async function templateWorkbook(ir: RuleSetIR, model: RuleSetModel | undefined, opts: TemplateOptions): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'fenlei';
  wb.title = `${ir.meta.name} 企业登记表`;
  const rows = opts.rows ?? 500;
  const naText = new Map<string, string>();
  for (const it of model?.items ?? []) if (it.notApplicableWhen) naText.set(it.id, it.notApplicableWhen.source.text);
  const cols = registerColumns(ir, model, naText);
  registerSheet(wb, cols, rows);
  instructionsSheet(wb, ir, cols, naText, opts);
  // 选项 (hidden): the products of the catalogue files (every version) for the drop-down list.
  const opt = wb.addWorksheet('选项', { state: 'hidden' });
  opt.addRow(['产品目录', '风险等级（各版本中最高）', '类别']);
  for (const p of catalogueProducts(ir)) opt.addRow([p.name, RISK_LEVEL_NAME[p.level], p.category ?? '']);
  return wb;
}

const fixedNote = (k: FixedKey) => FIXED_COLUMNS.find((c) => c.key === k)!.note;

/** The register's columns: enterprise, facts, form header fields, inspection, history, then one per item. */
function registerColumns(ir: RuleSetIR, model: RuleSetModel | undefined, naText: Map<string, string>): Col[] {
  const fixed = (k: FixedKey, extra: Partial<Col> = {}): Col => ({ header: FIXED_COLUMNS.find((c) => c.key === k)!.zh, note: fixedNote(k), width: 14, group: 'enterprise', ...extra });
  const cols: Col[] = [
    fixed('id', { width: 12 }),
    fixed('name', { width: 30 }),
    fixed('creditCode', { width: 21 }),
    fixed('region', { width: 12 }),
    fixed('products', {
      width: 20,
      validation: {
        type: 'list',
        allowBlank: true,
        formulae: [`选项!$A$2:$A$${Math.max(2, catalogueProducts(ir).length + 1)}`],
        showErrorMessage: true,
        errorStyle: 'information',
        errorTitle: '目录外的产品',
        error: '该产品不在规则集的产品目录中（不据以确定风险等级，并给出提示）；多个产品用“；”分隔。',
        showInputMessage: true,
        promptTitle: '主要产品',
        prompt: '从目录中选择，或填写多个产品，用“；”分隔。',
      },
    }),
    fixed('productCategories', { width: 18 }),
  ];
  for (const f of ir.facts) {
    const desc = model?.facts.find((x) => x.name === f.name)?.description ?? '';
    const values = f.type === 'bool' ? ['是', '否'] : f.type === 'enum' ? f.values : [];
    const def = f.default === null ? '（必填）' : `（空着按“${f.default === true ? '是' : f.default === false ? '否' : String(f.default)}”）`;
    cols.push({
      header: f.name,
      note: `企业信息：${desc}${def}`,
      width: Math.max(10, f.name.length * 2 + 4),
      group: 'fact',
      validation: values.length
        ? list(values, `${f.name}：${values.join('/')}`)
        : { type: 'decimal', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [-1e15], showErrorMessage: true, error: '请填写数值', errorTitle: '数值' },
    });
  }
  // The form's header fields (recorded, printed on the filled form).
  for (const k of ['address', 'legalRepresentative', 'productionLicenceNo', 'cccCertificateNo'] as const) cols.push(fixed(k, { width: 16 }));
  cols.push(
    fixed('date', { width: 12, group: 'inspection', date: true, validation: { type: 'date', operator: 'greaterThan', allowBlank: true, formulae: [new Date(Date.UTC(2000, 0, 1))], showErrorMessage: true, errorStyle: 'warning', errorTitle: '日期', error: '请填写日期，如 2025-03-18 或 2025/3/18' } }),
    fixed('form', { width: 14, group: 'inspection', validation: list(['定期监督检查', '专项监督检查', '回访'], '第十四条至第十七条：定期监督检查、专项监督检查或回访') }),
    fixed('riskLevel', { width: 9, group: 'inspection', validation: list([...RISK_LEVEL_NAMES], '第二十条：Ⅰ级（高风险）、Ⅱ级（较高风险）、Ⅲ级（一般风险）；空着按产品目录。也可写 Ⅲ、III级、三级、3级、一般风险', false) }),
    fixed('previousClass', { width: 9, group: 'history', validation: list([...CLASSES_BEST_FIRST, '无'], '上次评定的类别；首次评定填“无”或空着') }),
    fixed('previousReviewDate', { width: 12, group: 'history', date: true }),
    fixed('events', { width: 26, group: 'history', note: `${fixedNote('events')}。事件类型：${ir.events.map((e) => `${e.name}${e.trigger ? '（降级情形）' : ''}`).join('、')}` }),
  );
  for (const it of ir.items) {
    const [pass, fail] = answerWords(it.pair);
    const words = naText.has(it.id) ? [pass, fail, '不适用'] : [pass, fail];
    const refines = it.origin === 'refined' && it.nationalId ? `\n细化国家第${it.nationalId}项。` : it.origin === 'supplementary' ? '\n省级补充项目。' : '';
    const na = naText.has(it.id) ? `\n不适用条件：${naText.get(it.id)}（不适用时填“不适用”或空着）。` : '';
    cols.push({
      header: itemHeader(it),
      note: `${it.directive ? '★（C类指向型指标，不通过直接判定为C类）\n' : ''}${itemName(it.id)}：${it.text}${refines}${na}\n答案：${words.join(' / ')}${it.article ? `\n依据：${it.article}` : ''}`,
      width: Math.max(8, it.id.length + 6),
      group: 'items',
      directive: it.directive,
      validation: list(words, `${itemName(it.id)}：${words.join(' / ')}`),
    });
  }

  return cols;
}

/** 登记表: one row per enterprise, headers with notes, one validation per column. */
function registerSheet(wb: ExcelJS.Workbook, cols: Col[], rows: number): void {
  const ws = wb.addWorksheet('登记表', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }], properties: { defaultRowHeight: 18 } });
  ws.columns = cols.map((c) => ({ header: c.header, width: c.width }));
  const head = ws.getRow(1);
  head.height = 30;
  cols.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.font = { bold: true, color: { argb: c.directive ? 'FFC00000' : 'FF1D2329' } };
    cell.fill = FILL(GROUP[c.group]);
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = BORDER;
    cell.note = { texts: [{ text: c.note }], margins: { insetmode: 'auto', inset: [0.1, 0.1, 0.1, 0.1] } };
    const col = ws.getColumn(i + 1);
    if (c.date) col.numFmt = 'yyyy-mm-dd';
    else col.numFmt = '@';
  });
  // One validation per column over its whole range (E2:E501). Set cell by cell, exceljs merges
  // the cells in text order (AA10 before AA2) and writes two overlapping ranges per column,
  // which Excel offers to "repair".
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  cols.forEach((c, i) => {
    const letter = ws.getColumn(i + 1).letter;
    if (c.validation) validations.add(`${letter}2:${letter}${rows + 1}`, c.validation);
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
}

/** 填写说明: the steps, every column with an example in the province's own terms, the items and event types. */
function instructionsSheet(wb: ExcelJS.Workbook, ir: RuleSetIR, cols: Col[], naText: Map<string, string>, opts: TemplateOptions): void {
  const info = wb.addWorksheet('填写说明', { properties: { defaultRowHeight: 18 } });
  info.columns = [{ width: 18 }, { width: 70 }, { width: 16 }, { width: 30 }];
  const line = (cells: (string | number)[], opts: { bold?: boolean; fill?: string; size?: number } = {}) => {
    const row = info.addRow(cells);
    row.alignment = { vertical: 'top', wrapText: true };
    if (opts.bold || opts.size) row.font = { bold: opts.bold ?? false, size: opts.size ?? 11 };
    if (opts.fill) row.eachCell((c) => (c.fill = FILL(opts.fill!)));
    return row;
  };
  line([`${ir.meta.name} — 企业登记表填写说明`], { bold: true, size: 14 });
  line([`规则集：${ir.meta.region} ${ir.meta.name}，版本 ${ir.meta.version}，${ir.meta.effective} 起施行（规则文件 ${opts.rulesFile}）。`]);
  line([ART13_NOTICE], { fill: 'FFFFF5F5' });
  line([]);
  line(['步骤', '说明'], { bold: true, fill: 'FFEEF1F4' });
  const steps = [
    ['1. 填写', '在“登记表”工作表中每家企业填一行。列的顺序可以调整，列名不能改；可以增加自用的列（判定时忽略，并提示一次）。'],
    ['2. 检查项目', `每个评定项目一列，列名为项目编号，带★的是C类指向型指标（不通过直接判定为C类）。把鼠标移到列名上可看到项目内容；单元格有下拉列表（${ir.items.some((i) => i.pair === 'conform') ? '未发现问题/发现问题 或 符合/不符合' : '未发现问题/发现问题'}）。`],
    ['3. 日期', '检查日期、上次评定日期按日期填写，如 2025-03-18 或 2025/3/18；事件写成“类型@日期”，多个用“；”分隔。'],
    ['4. 保存', '保存为 Excel 工作簿（.xlsx）。也可以另存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”（GB18030 编码），fenlei 都能读取。'],
    ['5. 判定', '在命令行运行：fenlei eval <规则文件> 登记表.xlsx --out 判定结果.xlsx （每家企业一行结果；填写有误的记录另见“错误”工作表）。'],
    ['6. 备案', '生成备案报告：fenlei report <规则文件> 登记表.xlsx --out 备案报告.html --pdf （第十二条：将企业分类报上级质监部门备案）。'],
  ];
  for (const s of steps) line(s);
  line([]);
  line(['列名', '说明', '必填', '示例'], { bold: true, fill: 'FFEEF1F4' });
  // Examples in the province's own terms: its capital city's division code, a credit code
  // registered there (with a right check digit), its catalogue's first product, its first event type.
  const region = `${provinceCode(ir.meta.region) ?? '11'}0100`;
  const examples: Partial<Record<FixedKey, string>> = {
    id: 'QY0001',
    name: `某某${catalogueProducts(ir)[0]?.name ?? '电器'}有限公司`,
    creditCode: withCheckDigit(`91${region}MA1B2C3D4`),
    region,
    products: catalogueProducts(ir)[0]?.name ?? '',
    date: '2025-03-18',
    form: '定期监督检查',
    riskLevel: '',
    previousClass: 'A',
    previousReviewDate: '2024-03-20',
    events: `${ir.events[0]?.name ?? '抽查不合格'}@2024-11-05`,
  };
  for (const c of cols.slice(0, 5)) line([c.header, c.note, c.header === '编号' || c.header === '企业名称' ? '是' : '', examples[FIXED_COLUMNS.find((f) => f.zh === c.header)?.key ?? 'id'] ?? '']);
  for (const f of ir.facts) line([f.name, cols.find((c) => c.header === f.name)!.note, f.default === null ? '是' : '', f.type === 'bool' ? '是 / 否' : f.values.join(' / ')]);
  for (const k of ['date', 'form', 'riskLevel', 'previousClass', 'previousReviewDate', 'events'] as const) line([FIXED_COLUMNS.find((c) => c.key === k)!.zh, cols.find((c) => c.header === FIXED_COLUMNS.find((x) => x.key === k)!.zh)!.note, k === 'date' ? '是' : '', examples[k] ?? '']);
  line([]);
  line(['项目', '内容', '答案', '不适用条件'], { bold: true, fill: 'FFEEF1F4' });
  for (const it of ir.items) {
    const [pass, fail] = answerWords(it.pair);
    const r = line([itemHeader(it), it.text, `${pass} / ${fail}`, naText.get(it.id) ?? '']);
    if (it.directive) r.getCell(1).font = { bold: true, color: { argb: 'FFC00000' } };
  }
  line([]);
  line(['事件类型', '说明'], { bold: true, fill: 'FFEEF1F4' });
  for (const e of ir.events) line([e.name, `${e.trigger ? '第二十一条降级情形：自上次评定以来出现的，应当作降级处理。' : '不单独作为降级情形。'}${e.article ? `依据：${e.article}` : ''}`]);
}
