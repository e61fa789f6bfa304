// Registers in and decisions out through the real CLI: Excel workbooks (formula cells, merged
// cells, Excel dates, numbers in id columns, empty rows, a title row, extra columns, any
// column order) and CSV in UTF-8 or GB18030; .xlsx, CSV and JSON Lines out. Every row is
// checked against the in-process evaluator with exact values.
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { generateRecords } from '../fixtures/make-register.js';
import { CsvReader, csvLine } from '../../cli/io/csv.js';
import { recordToCells, registerHeader } from '../../cli/io/csv-record.js';
import { ERROR_COLUMNS, OUTPUT_COLUMNS, columnHeader, errorCells, outcomeCells } from '../../cli/io/write-outcomes.js';
import { isError, RECORD_CODES, type EnterpriseRecord, type Outcome } from '../../runtime/index.js';
import { mapColumns } from '../../cli/io/register-columns.js';
import { withColumns } from '../../cli/io/row-outcome.js';
import { fenlei, rules, scratch, TODAY, TODAY_DAY, ZHEJIANG } from './helpers.js';

/** A register: generated records plus hand-made ones that are errors, duplicates or awkward text. */
function sampleRecords(spec: string, n: number): EnterpriseRecord[] {
  const { ir, ev } = rules(spec);
  const recs = generateRecords(ir, ev, { count: n, seed: 7 });
  const first = recs[0]!;
  const clone = (r: EnterpriseRecord): EnterpriseRecord => JSON.parse(JSON.stringify(r)) as EnterpriseRecord;
  const odd = clone(first);
  odd.id = 'X-引号';
  odd.enterprise.name = '"引号",逗号，换行\n第二行 𠀀 有限公司';
  const badAnswer = clone(first);
  badAnswer.id = 'X-答案';
  badAnswer.inspection.answers[ir.items[2]!.id] = '可能';
  const badDate = clone(first);
  badDate.id = 'X-日期';
  badDate.inspection.date = '2025-02-30';
  const dup = clone(recs[1]!);
  return [...recs, odd, badAnswer, badDate, dup];
}

/** What the CLI must output for these rows (row numbers given), duplicates warned as eval does. */
function expected(spec: string, recs: EnterpriseRecord[], rows: number[]): { o: Outcome; ctx: { row: number; name: string; creditCode: string; region: string; date: string } }[] {
  const { ev } = rules(spec);
  const seen = new Set<string>();
  // Error rows name the register column of each problem (the columns of registerHeader).
  const cols = mapColumns(registerHeader(ev.ir.items.map((i) => i.id)), ev.ir.items.map((i) => i.id));
  return recs.map((r, i) => {
    let o = ev.evaluate(JSON.parse(JSON.stringify(r)), { today: TODAY_DAY, position: rows[i] });
    if (isError(o)) o = withColumns(o, cols);
    if (seen.has(o.id)) {
      if (!isError(o)) o.warnings = [...(o.warnings ?? []), { code: 'FL5108', field: 'id', message: RECORD_CODES.FL5108.zh({ value: o.id }), messageEn: `Record id '${o.id}' repeats an earlier record` }];
    } else seen.add(o.id);
    return { o, ctx: { row: rows[i]!, name: r.enterprise.name, creditCode: r.enterprise.creditCode ?? '', region: r.enterprise.region ?? '', date: r.inspection.date } };
  });
}

const csvText = (header: string[], rows: string[][]) => header.length ? csvLine(header) + rows.map((r) => csvLine(r)).join('') : '';

function parseCsv(text: string): string[][] {
  const r = new CsvReader();
  const rows = r.push(text.replace(/^\uFEFF/, ''));
  rows.push(...r.end());
  return rows.map((x) => x.cells);
}

/** Cells as CSV text gives them back. */
const asText = (cells: (string | number)[]) => cells.map((c) => String(c));

describe('CSV registers: UTF-8 and GB18030 in, CSV and JSON Lines out', () => {
  const spec = ZHEJIANG;
  let recs: EnterpriseRecord[];
  let dir: string;
  let ids: string[];
  beforeAll(() => {
    recs = sampleRecords(spec, 120);
    dir = scratch('csv');
    ids = rules(spec).ir.items.map((i) => i.id);
  });

  it('reads a GB18030 register (as Excel on Chinese Windows saves it) and writes a GB18030 CSV that round-trips exactly', async () => {
    const text = csvText(registerHeader(ids), recs.map((r) => recordToCells(r, ids)));
    const input = join(dir, '登记表-gb18030.csv');
    writeFileSync(input, iconv.encode(text, 'gb18030'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(input))).toThrow();
    const out = join(dir, '结果-gb.csv');
    const r = await fenlei(['eval', spec, input, '--out', out, '--encoding', 'gb18030', '--today', TODAY]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('登记表编码 GB18030');
    const got = parseCsv(iconv.decode(readFileSync(out), 'gb18030'));
    expect(got[0]).toEqual(OUTPUT_COLUMNS.map(columnHeader));
    const want = expected(spec, recs, recs.map((_, i) => i + 2));
    expect(got.length - 1).toBe(want.length);
    want.forEach((w, i) => expect(got[i + 1], `row ${i + 2}`).toEqual(asText(outcomeCells(w.o, w.ctx))));
    // Errors: their own file, with row number, field and message.
    const errs = parseCsv(iconv.decode(readFileSync(join(dir, '结果-gb.errors.csv')), 'gb18030'));
    expect(errs[0]).toEqual(ERROR_COLUMNS.map(columnHeader));
    const wantErrors = want.filter((w) => isError(w.o));
    expect(wantErrors.map((w) => w.o.id)).toEqual(['X-答案', 'X-日期']);
    expect(errs.slice(1)).toEqual(wantErrors.flatMap((w) => errorCells(w.o as never, w.ctx).map(asText)));
    expect(errs[1]!.slice(0, 8)).toEqual([String(recs.length - 1), 'X-答案', recs[0]!.enterprise.name, recs[0]!.enterprise.creditCode ?? '', recs[0]!.enterprise.region ?? '', ids[2], `inspection.answers.${ids[2]}`, 'FL5006']);
  });

  it('reads UTF-8 with and without BOM, with blank lines and columns in any order, and writes UTF-8 CSV with BOM and JSON Lines', async () => {
    const header = registerHeader(ids);
    const order = header.map((_, i) => i).reverse();
    const body = recs.map((r) => recordToCells(r, ids));
    const lines = [csvLine([...order.map((i) => header[i]!), '备注'])];
    const rows: number[] = [];
    body.forEach((cells, k) => {
      if (k % 40 === 39) lines.push('\r\n', ',,,\r\n'); // blank rows between records
      lines.push(csvLine([...order.map((i) => cells[i]!), '自用']));
    });
    // Row numbers as Excel shows them: count rows, a quoted newline does not start a row.
    let row = 1;
    for (const l of lines.slice(1)) {
      row++;
      if (l.trim().replace(/,/g, '') !== '') rows.push(row);
    }
    for (const bom of [true, false]) {
      const input = join(dir, `登记表-utf8-${bom}.csv`);
      writeFileSync(input, (bom ? '\uFEFF' : '') + lines.join(''));
      const out = join(dir, `结果-${bom}.csv`);
      const r = await fenlei(['eval', spec, input, '--out', out, '--today', TODAY]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('跳过空行 6');
      expect(r.stderr).toContain('未使用的列：备注');
      expect(r.stderr.match(/备注/g)).toHaveLength(1);
      const bytes = readFileSync(out);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const got = parseCsv(bytes.toString('utf8'));
      const want = expected(spec, recs, rows);
      expect(got.length - 1).toBe(want.length);
      want.forEach((w, i) => expect(got[i + 1], `row ${rows[i]}`).toEqual(asText(outcomeCells(w.o, w.ctx))));
    }
    const jl = join(dir, '结果.jsonl');
    const r = await fenlei(['eval', spec, join(dir, '登记表-utf8-true.csv'), '--out', jl, '--today', TODAY]);
    expect(r.code).toBe(0);
    const outs = readFileSync(jl, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Outcome);
    expect(outs).toEqual(expected(spec, recs, rows).map((w) => w.o));
    const errs = readFileSync(join(dir, '结果.errors.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { row: number; id: string; field: string; code: string });
    expect(errs.map((e) => [e.id, e.code, e.field])).toEqual([
      ['X-答案', 'FL5006', `inspection.answers.${ids[2]}`],
      ['X-日期', 'FL5007', 'inspection.date'],
    ]);
    expect(errs[0]!.row).toBe(rows[recs.length - 3]);
  });

  it('writes nothing for a register that cannot be read, and says why (exit 2)', async () => {
    const r = await fenlei(['eval', spec, join(dir, '不存在.csv'), '--out', join(dir, 'x.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('找不到登记表');
    expect(readdirSync(dir).filter((f) => f.startsWith('x.'))).toEqual([]);
  });
});

describe('Excel registers: formula, merged, date, number and empty cells', () => {
  const spec = ZHEJIANG;
  let dir: string;
  let recs: EnterpriseRecord[];
  let rowsOf: number[];
  let input: string;
  beforeAll(async () => {
    dir = scratch('xlsx');
    recs = sampleRecords(spec, 90);
    const { ir } = rules(spec);
    const ids = ir.items.map((i) => i.id);
    // Every enterprise of rows 3..5 in the same county: the region cell is merged over them.
    for (const k of [1, 2]) recs[k]!.enterprise.region = recs[0]!.enterprise.region;
    // Numeric ids (Excel stores 20250001 as a number).
    recs[3]!.id = '20250001';
    recs[4]!.id = '20250002';
    const header = registerHeader(ids);
    const cols = [...header.slice(12), '备注', ...header.slice(0, 12)]; // items first, then the rest
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('填写说明').addRow(['说明：请勿在此页填写']);
    const ws = wb.addWorksheet('登记表');
    ws.addRow(['某某县工业企业产品质量分类登记表（2025年）']);
    ws.mergeCells(1, 1, 1, cols.length);
    ws.addRow(cols);
    rowsOf = [];
    let r = 2;
    recs.forEach((rec, k) => {
      if (k === 30 || k === 31) r++; // two empty rows in the middle (Excel stores none)
      r++;
      rowsOf.push(r);
      const cells = recordToCells(rec, ids);
      const byHeader = new Map(header.map((h, i) => [h, cells[i]!]));
      const row = ws.getRow(r);
      cols.forEach((h, c) => {
        const v = h === '备注' ? '自用' : byHeader.get(h)!;
        const cell = row.getCell(c + 1);
        const asDate = v ? new Date(`${v}T00:00:00Z`) : undefined;
        if ((h === '检查日期' || h === '上次评定日期') && asDate && !Number.isNaN(asDate.getTime()) && asDate.toISOString().slice(0, 10) === v) {
          // Typed as an Excel date (an invalid date such as 2025-02-30 stays text, as Excel keeps it).
          cell.value = asDate;
          cell.numFmt = 'yyyy/m/d';
        } else if (h === '编号' && /^\d+$/.test(v)) cell.value = Number(v);
        else if (h === ids[0] && k % 3 === 0) cell.value = { formula: `IF(1=1,"${v}","x")`, result: v };
        else if (h === '企业名称' && k === 5) cell.value = { formula: `CONCATENATE("${v.slice(0, 2)}","${v.slice(2)}")`, result: v };
        else if (h === '行政区划代码' && (k === 1 || k === 2)) cell.value = null;
        else cell.value = v;
      });
      row.commit();
    });
    const regionCol = cols.indexOf('行政区划代码') + 1;
    ws.mergeCells(rowsOf[0]!, regionCol, rowsOf[2]!, regionCol);
    input = join(dir, '登记表.xlsx');
    await wb.xlsx.writeFile(input);
  });

  it('reads the register sheet with exact values and writes an xlsx with a 判定结果 and an 错误 sheet', async () => {
    const out = join(dir, '判定结果.xlsx');
    const r = await fenlei(['eval', spec, input, '--out', out, '--today', TODAY]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('表头在第 2 行，跳过上方标题行 1 行');
    expect(r.stderr).toContain('跳过空行 2');
    expect(r.stderr).toContain('未使用的列：备注');
    expect(r.stderr).toContain('出错记录另见“错误”工作表');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['判定结果', '错误', '监管措施']);
    const ms = wb.getWorksheet('监管措施')!;
    expect(ms.getRow(2).values).toEqual([undefined, '信用监管', 1, rules(spec).ir.measures['信用监管'][0]!.text, rules(spec).ir.measures['信用监管'][0]!.article]);
    const ws = wb.getWorksheet('判定结果')!;
    const want = expected(spec, recs, rowsOf);
    const values = (row: ExcelJS.Row, n: number) => Array.from({ length: n }, (_, i) => row.getCell(i + 1).value ?? '');
    expect(values(ws.getRow(1), OUTPUT_COLUMNS.length)).toEqual(OUTPUT_COLUMNS.map(columnHeader));
    expect(ws.rowCount - 1).toBe(want.length);
    want.forEach((w, i) => expect(values(ws.getRow(i + 2), OUTPUT_COLUMNS.length), `row ${w.ctx.row}`).toEqual(outcomeCells(w.o, w.ctx)));
    // The merged region, the numeric ids and the formula name came through as the inspector sees them.
    expect([2, 3, 4].map((k) => ws.getRow(k).getCell(OUTPUT_COLUMNS.findIndex((c) => c.key === 'region') + 1).value)).toEqual([recs[0]!.enterprise.region, recs[0]!.enterprise.region, recs[0]!.enterprise.region]);
    expect(ws.getRow(5).getCell(2).value).toBe('20250001');
    expect(ws.getRow(7).getCell(3).value).toBe(recs[5]!.enterprise.name);
    expect(ws.getColumn(OUTPUT_COLUMNS.findIndex((c) => c.key === 'passRatio') + 1).numFmt).toBe('0.00%');
    const es = wb.getWorksheet('错误')!;
    const wantErrors = want.filter((w) => isError(w.o));
    expect(es.rowCount - 1).toBe(2);
    wantErrors.forEach((w, i) => expect(values(es.getRow(i + 2), ERROR_COLUMNS.length)).toEqual(errorCells(w.o as never, w.ctx)[0]));
    expect(es.getRow(2).getCell(1).value).toBe(rowsOf[rowsOf.length - 3]);
  });

  it('leaves no half-written file when the output cannot be completed', async () => {
    const r = await fenlei(['eval', spec, input, '--out', join(dir, 'nodir', 'x.xlsx'), '--today', TODAY]);
    expect(r.code).not.toBe(0);
    expect(existsSync(join(dir, 'nodir'))).toBe(false);
  });
});
