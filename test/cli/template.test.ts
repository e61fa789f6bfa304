// fenlei template: the register workbook of a rule set — columns, ★, header comments,
// drop-down lists, instructions — and a filled copy that fenlei eval reads back.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { fenlei, rules, scratch, TODAY, TODAY_DAY, ZHEJIANG } from './helpers.js';
import { isError } from '../../runtime/index.js';

describe('fenlei template', () => {
  it('writes the register workbook of the rule set, and a filled copy classifies as the rules say', async () => {
    const dir = scratch('template');
    const out = join(dir, '浙江登记表.xlsx');
    const r = await fenlei(['template', ZHEJIANG, '--out', out, '--rows', '20']);
    expect(r.code, r.stderr).toBe(0);
    const { ir, ev } = rules(ZHEJIANG);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['登记表', 'visible'],
      ['填写说明', 'visible'],
      ['选项', 'hidden'],
    ]);
    const ws = wb.getWorksheet('登记表')!;
    const head = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(head.slice(0, 14)).toEqual(['编号', '企业名称', '统一社会信用代码', '行政区划代码', '主要产品', '产品所属类别', '涉及行政许可', '持有生产许可证', '出口企业', '小微企业', '住所/生产地址', '法定代表人', '生产许可证书', '强制性认证证书']);
    expect(head.slice(-ir.items.length)).toEqual(ir.items.map((i) => (i.directive ? `★${i.id}` : i.id)));
    const col = (h: string) => head.indexOf(h) + 1;
    const raw = ws.getRow(1).getCell(col('★2.1')).note as unknown;
    const note = typeof raw === 'string' ? raw : ((raw as { texts?: { text: string }[] }).texts ?? []).map((t) => t.text).join('');
    expect(note).toContain(ir.items.find((i) => i.id === '2.1')!.text);
    expect(note).toContain('细化国家第2项');
    expect(ws.getRow(2).getCell(col('3')).dataValidation.formulae).toEqual(['"未发现问题,发现问题"']);
    expect(ws.getRow(21).getCell(col('补2')).dataValidation.formulae).toEqual(['"符合,不符合,不适用"']);
    expect(ws.getRow(2).getCell(col('监督检查形式')).dataValidation.formulae).toEqual(['"定期监督检查,专项监督检查,回访"']);
    const info = wb.getWorksheet('填写说明')!;
    const infoText = info.getSheetValues().flat().join(' ');
    expect(infoText).toContain('第十三条');
    expect(infoText).toContain('fenlei eval');

    // Fill two enterprises as an inspector would (an Excel date, a number as id) and classify.
    const fill = (row: number, id: number | string, fail: string[]) => {
      const rr = ws.getRow(row);
      rr.getCell(col('编号')).value = id;
      rr.getCell(col('企业名称')).value = `企业${id}`;
      rr.getCell(col('行政区划代码')).value = '330106';
      rr.getCell(col('主要产品')).value = '家具';
      rr.getCell(col('检查日期')).value = new Date(Date.UTC(2025, 4, 6));
      rr.getCell(col('出口企业')).value = '否';
      for (const it of ir.items) {
        const pass = it.pair === 'conform' ? '符合' : '未发现问题';
        const failW = it.pair === 'conform' ? '不符合' : '发现问题';
        rr.getCell(col(it.directive ? `★${it.id}` : it.id)).value = it.id === '补4' ? '不适用' : fail.includes(it.id) ? failW : pass;
      }
      rr.commit();
    };
    fill(2, 1001, []);
    fill(3, 'QY-2', ['3', '18']);
    const filled = join(dir, '已填写.xlsx');
    await wb.xlsx.writeFile(filled);
    const res = await fenlei(['eval', ZHEJIANG, filled, '--today', TODAY]);
    expect(res.code, res.stderr).toBe(0);
    const outs = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const record = (id: string, fail: string[]) => ({
      id,
      enterprise: { name: `企业${id}`, region: '330106', products: ['家具'], facts: { 出口企业: '否' } },
      inspection: { date: '2025-05-06', answers: Object.fromEntries(ir.items.filter((i) => i.id !== '补4').map((i) => [i.id, fail.includes(i.id) ? (i.pair === 'conform' ? '不符合' : '发现问题') : i.pair === 'conform' ? '符合' : '未发现问题'])) },
    });
    const want = [ev.evaluate(record('1001', []), { today: TODAY_DAY }), ev.evaluate(record('QY-2', ['3', '18']), { today: TODAY_DAY })];
    expect(want.map((o) => (isError(o) ? o.error.code : o.class))).toEqual(['AA', 'B']);
    expect(outs.map((o) => [o.id, o.class, o.mode, o.passed, o.answered])).toEqual(want.map((o) => (isError(o) ? [] : [o.id, o.class, o.mode, o.passed, o.answered])));
    expect(res.stderr).not.toContain('跳过空行');
  });
});
