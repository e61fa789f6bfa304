// Reading a workbook's register sheet must not depend on timing. exceljs's streaming unzip (its
// iterate-stream over unzipper's Parse) stopped early at random once the zip's end was reached
// while parts still waited in a paused stream: the workbook then had no sheet names, or no rows,
// or failed inside exceljs — rarely with three sheets (an eval xlsx output read back as
// `--history` in one CI run), most times with eight. Each read here must give every row.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { xlsxRows } from '../../../cli/io/xlsx-read.js';
import { scratch } from '../helpers.js';

describe('xlsxRows', () => {
  it('gives every row of the register sheet of a workbook with eight sheets, read after read', async () => {
    const path = join(scratch('xlsx-read'), '八张表.xlsx');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
    const names = ['填写说明', '登记表', ...Array.from({ length: 6 }, (_, i) => `附表${i + 1}`)];
    for (const name of names) {
      const ws = book.addWorksheet(name);
      ws.addRow(['编号', '企业名称']).commit();
      ws.addRow([`${name}-1`, '杭州甲家具有限公司']).commit();
      ws.commit();
    }
    await book.commit();
    const reads: string[][][] = [];
    for (let i = 0; i < 6; i++) {
      const rows: string[][] = [];
      for await (const r of xlsxRows(path)) rows.push(r.cells);
      reads.push(rows);
    }
    const want = [
      ['编号', '企业名称'],
      ['登记表-1', '杭州甲家具有限公司'],
    ];
    expect(reads).toEqual(Array.from({ length: 6 }, () => want));
  });
});
