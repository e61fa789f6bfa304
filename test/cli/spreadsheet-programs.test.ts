// Issue 12, point 8: the workbooks fenlei writes, opened by a real spreadsheet program.
// LibreOffice Calc (headless, its own profile in a temp folder) converts each one; the
// conversion must succeed and read back the same cells. The template's validations are one
// range per column (two overlapping ranges make Excel offer a "repair"), and its
// instruction sheet speaks of the rule set's own province.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { CsvReader, csvLine } from '../../cli/io/csv.js';
import { xlsxPartText } from '../../cli/io/xlsx-index.js';
import { creditCodeValid } from '../../runtime/index.js';
import { fenlei, JIANGSU, scratch, TODAY, ZHEJIANG } from './helpers.js';

const SOFFICE = process.env.FENLEI_SOFFICE ?? 'soffice';
const hasCalc = spawnSync(SOFFICE, ['--version'], { encoding: 'utf8' }).status === 0;
/** In CI a missing LibreOffice is a failure, not a skip (.ci/run installs it). */
const run = hasCalc || process.env.CI ? describe : describe.skip;

/** A workbook's cells as text, sheet by sheet (what a person sees, whichever program wrote it). */
async function cells(path: string): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const text = (v: ExcelJS.CellValue): string => {
    if (v === null || v === undefined) return '';
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v === 'object') {
      if ('richText' in v) return v.richText.map((r) => r.text).join('');
      if ('result' in v) return text(v.result as ExcelJS.CellValue);
      if ('text' in v) return String(v.text);
      return JSON.stringify(v);
    }
    return String(v);
  };
  const out: Record<string, string[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      rows[n - 1] = Array.from({ length: ws.columnCount }, (_, i) => text(row.getCell(i + 1).value));
    });
    // Trailing empty cells and rows are not content.
    const trimmed = Array.from(rows, (r) => {
      const row = [...(r ?? [])];
      while (row.length && row.at(-1) === '') row.pop();
      return row;
    });
    while (trimmed.length && trimmed.at(-1)!.length === 0) trimmed.pop();
    out[ws.name] = trimmed;
  }
  return out;
}

/** The sqref ranges of every data validation of a sheet, as written. */
async function validationRanges(path: string, sheet = 'xl/worksheets/sheet1.xml'): Promise<string[]> {
  const xml = await xlsxPartText(path, sheet);
  return [...xml.matchAll(/<dataValidation\b[^>]*\bsqref="([^"]*)"/g)].flatMap((m) => m[1]!.split(/\s+/));
}

function bounds(range: string): { c1: string; r1: number; c2: string; r2: number } {
  const [a, b = a] = range.split(':') as [string, string?];
  const p = (s: string) => /^([A-Z]+)(\d+)$/.exec(s)!;
  const [, c1, r1] = p(a);
  const [, c2, r2] = p(b!);
  return { c1: c1!, r1: Number(r1), c2: c2!, r2: Number(r2) };
}

run('workbooks opened in LibreOffice Calc', () => {
  let dir: string;
  let profile: string;

  /** Converts files with Calc (one process for all of them) into `to` format; returns the converted paths. */
  function calc(files: string[], to: string, infilter?: string): string[] {
    const outdir = mkdtempSync(join(dir, 'calc-'));
    const args = ['--headless', '--norestore', `-env:UserInstallation=file://${profile}`, ...(infilter ? [`--infilter=${infilter}`] : []), '--convert-to', to, '--outdir', outdir, ...files];
    const r = spawnSync(SOFFICE, args, { encoding: 'utf8', timeout: 170_000 });
    expect(r.status, r.stderr).toBe(0);
    return files.map((f) => {
      const out = join(outdir, basename(f).replace(/\.[^.]+$/, `.${to.split(':')[0]}`));
      expect(existsSync(out), `Calc did not convert ${basename(f)}: ${r.stdout}${r.stderr}`).toBe(true);
      return out;
    });
  }

  let template: string;
  let jiangsu: string;
  let decisions: string;
  let errorsCsv: string;
  /**
   * One Calc run converts all four files (its start is most of the cost). The CSV filter
   * (comma, quote, UTF-8, from line 1) is taken by the CSV only: Calc still detects each
   * workbook as Excel 2007 XML, which the cell-by-cell comparisons below check.
   */
  let converted: string[] | undefined;
  const calcAll = () => (converted ??= calc([template, decisions, jiangsu, errorsCsv], 'xlsx', 'CSV:44,34,76,1'));

  beforeAll(async () => {
    dir = scratch('calc');
    profile = mkdtempSync(join(tmpdir(), 'fenlei-test-calc-'));
    template = join(dir, '浙江模板.xlsx');
    jiangsu = join(dir, '江苏模板.xlsx');
    expect((await fenlei(['template', ZHEJIANG, '--out', template, '--rows', '30'])).code).toBe(0);
    expect((await fenlei(['template', JIANGSU, '--out', jiangsu, '--rows', '12'])).code).toBe(0);
    // A register with a decided row, a row with several problems and one outside the Measures.
    const items = Array.from({ length: 19 }, (_, i) => String(i + 1));
    const register = join(dir, '登记表.csv');
    writeFileSync(
      register,
      csvLine(['编号', '企业名称', '统一社会信用代码', '行政区划代码', '主要产品', '检查日期', '风险等级', '上次类别', ...items.map((i) => (['1', '2'].includes(i) ? `★${i}` : i))]) +
        csvLine(['A1', '甲家具有限公司', '', '330106', '家具', '2026-03-01', '', 'B', ...items.map((i) => (i === '19' ? '不符合' : '未发现问题'))]) +
        csvLine(['A2', '乙家具厂', '', '330106', '家具', '2026-03-01', '四级', 'D', ...items.map((i) => (i === '1' ? '合格' : i === '7' ? '' : '未发现问题'))]) +
        csvLine(['A3', '丙食品有限公司', '', '330102', '食品', '2026-03-01', '', '', ...items.map(() => '')]),
    );
    decisions = join(dir, '判定结果.xlsx');
    expect((await fenlei(['eval', 'national', register, '--out', decisions, '--today', TODAY])).code).toBe(0);
    const csvOut = join(dir, '判定结果.csv');
    expect((await fenlei(['eval', 'national', register, '--out', csvOut, '--today', TODAY])).code).toBe(0);
    errorsCsv = join(dir, '判定结果.errors.csv');
  }, 120_000);
  afterAll(() => {
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('the template has one validation range per column, none overlapping', async () => {
    const ranges = await validationRanges(template);
    expect(ranges.length).toBeGreaterThan(20);
    for (const r of ranges) expect(bounds(r), r).toEqual({ c1: bounds(r).c1, r1: 2, c2: bounds(r).c1, r2: 31 });
    const columns = ranges.map((r) => bounds(r).c1);
    expect(new Set(columns).size).toBe(columns.length);
  });

  it('the template’s instruction sheet uses the province’s own examples, and prompts name supplementary items properly', async () => {
    const js = await cells(jiangsu);
    const example = (header: string) => js['填写说明']!.find((r) => r[0] === header)![3];
    expect(example('行政区划代码')).toBe('320100');
    expect(example('统一社会信用代码')!.slice(0, 8)).toBe('91320100');
    expect(creditCodeValid(example('统一社会信用代码')!)).toBe(true);
    expect(JSON.stringify(js)).not.toMatch(/3301|330106|浙江/);
    const zj = new ExcelJS.Workbook();
    await zj.xlsx.readFile(template);
    const ws = zj.getWorksheet('登记表')!;
    const prompts = ws.getRow(1).values as unknown[];
    const col = prompts.findIndex((h) => h === '补1');
    expect(ws.getRow(2).getCell(col).dataValidation.prompt).toBe('项目补1：未发现问题 / 发现问题');
    expect(ws.getRow(2).getCell(col - 1).dataValidation.prompt).toMatch(/^第19项：/);
    const notes = JSON.stringify(ws.getRow(1).values) + JSON.stringify((await cells(template))['填写说明']);
    expect(notes).not.toContain('第补');
  });

  it('Calc converts the template, the decisions (with the 错误 sheet) and reads back the same cells', async () => {
    const [t, d, j] = calcAll();
    for (const [ours, theirs] of [
      [template, t!],
      [decisions, d!],
      [jiangsu, j!],
    ] as const) {
      const a = await cells(ours);
      const b = await cells(theirs);
      expect(Object.keys(b), basename(ours)).toEqual(Object.keys(a));
      for (const sheet of Object.keys(a)) expect(b[sheet], `${basename(ours)} / ${sheet}`).toEqual(a[sheet]);
    }
    // The decisions as a person sees them: the error row has its four problems, by column.
    const b = await cells(d!);
    const head = b['判定结果']![0]!;
    const a2 = b['判定结果']!.find((r) => r[1] === 'A2')!;
    expect(a2[head.indexOf('错误字段 errorField')]).toBe('风险等级（inspection.riskLevel）\n上次类别（history.previousClass）\n★1（inspection.answers.1）\n7（inspection.answers.7）');
    expect(b['错误']!.slice(1).map((r) => r[5])).toEqual(['风险等级', '上次类别', '★1', '7']);
    // Calc kept the validation of every column of the template.
    const after = await validationRanges(t!);
    expect(new Set(after.flatMap((r) => bounds(r).c1)).size).toBe((await validationRanges(template)).length);
  }, 180_000);

  it('Calc opens the errors CSV (UTF-8 with BOM) with the same cells', async () => {
    const x = calcAll()[3];
    const r = new CsvReader();
    const rows = r.push(readFileSync(errorsCsv, 'utf8').replace(/^\uFEFF/, ''));
    rows.push(...r.end());
    const b = await cells(x!);
    expect(Object.values(b)[0]).toEqual(rows.map((row) => row.cells));
    expect(rows.length).toBe(5);
  }, 180_000);
});
