// D10 on the command line: eval, explain, report and compare given a folder (or several files)
// of versions of one province use, per record, the version in force on its inspection date.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { cli, fenlei, rules, scratch } from './helpers.js';

const head = (version: string, effective: string, expires?: string) =>
  `元数据:\n  名称: 测试省实施细则\n  地区: 测试省\n  版本: "${version}"\n  生效日期: ${effective}\n${expires ? `  失效日期: ${expires}\n` : ''}  基于: national\n`;
// 2024.1 keeps the national A threshold (90%); 2025.1 raises it to 95%.
const V2024 = head('2024.1', '2024-07-01', '2025-07-01');
// 2025.1 also adds a measure to 信用监管, so the two versions' 监管措施 differ.
const V2025 =
  head('2025.1', '2025-07-01') +
  `分类:\n  A:\n    全部条件:\n      - 名称: 通过率\n        条件: 通过率 >= 95%\n` +
  `监管方式:\n  - 名称: 信用监管\n    措施:\n      - 内容: 在本省质量信用平台公示企业质量信用承诺\n        依据: 第十八条（一）；测试省细则\n`;
const CONFORM = new Set(['8', '13', '14', '17', '18', '19']);
const ITEMS = Array.from({ length: 19 }, (_, i) => String(i + 1));
// Item 18 fails: 18 of 19 (94.7%) is A under 2024.1, B under 2025.1.
const answers = ITEMS.map((id) => (id === '18' ? '不符合' : CONFORM.has(id) ? '符合' : '未发现问题'));
const DATES = ['2025-03-01', '2025-09-01', '2024-01-01'];

const dir = scratch('versions');
const folder = join(dir, 'versions');
mkdirSync(join(folder, 'tests'), { recursive: true });
writeFileSync(join(folder, 'v2024.yaml'), V2024);
writeFileSync(join(folder, 'v2025.yaml'), V2025);
// Neither a test file nor a catalogue file in the folder is taken for a version.
writeFileSync(join(folder, 'rules.test.yaml'), 'not rules: [');
writeFileSync(join(folder, 'catalogue.yaml'), '元数据:\n  名称: 目录\n  地区: 测试省\n  版本: "1"\n  生效日期: 2024-01-01\n产品:\n  - { 名称: 水泥, 风险等级: Ⅰ级 }\n');
const row = (i: number) => `R${i},测试企业${i},320281,纺织服装,${DATES[i % 3]},定期监督检查,${answers.join(',')}\n`;
const small = join(dir, 'small.csv');
const header = `id,name,region,products,date,form,${ITEMS.join(',')}\n`;
writeFileSync(small, header + [0, 1, 2].map(row).join(''));
const big = join(dir, 'big.csv');
writeFileSync(big, header + Array.from({ length: 600 }, (_, i) => row(i)).join(''));

const lines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as { id: string; class?: string; rulesVersion?: string; error?: { code: string } });
const summary = (text: string) => lines(text).map((o) => `${o.id} ${o.error ? o.error.code : `${o.class} ${o.rulesVersion}`}`);

describe('versions in force on the command line (D10)', () => {
  it('eval with a folder: each record by the version in force, one outside every version is FL5021', async () => {
    const r = await fenlei(['eval', folder, small, '--today', '2026-01-01']);
    expect(r.code, r.stderr).toBe(0);
    expect(summary(r.stdout)).toEqual(['R0 A 2024.1', 'R1 B 2025.1', 'R2 FL5021']);
    expect(r.stderr).toContain('共 3 条记录：A 1，B 1，错误 1。');
  });
  it('eval with several files gives the same', async () => {
    const r = await fenlei(['eval', join(folder, 'v2025.yaml'), join(folder, 'v2024.yaml'), small, '--today', '2026-01-01']);
    expect(r.stdout).toBe((await fenlei(['eval', folder, small, '--today', '2026-01-01'])).stdout);
  });
  it('the parallel register path writes exactly what --jobs 1 writes', async () => {
    const one = join(dir, 'one.jsonl');
    const two = join(dir, 'two.jsonl');
    const a = await fenlei(['eval', folder, big, '--out', one, '--jobs', '1', '--today', '2026-01-01']);
    const b = cli(['eval', folder, big, '--out', two, '--jobs', '2', '--today', '2026-01-01'], { env: { FENLEI_PIECE_BYTES: '8000' } });
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(readFileSync(two, 'utf8')).toBe(readFileSync(one, 'utf8'));
    expect(a.stderr).toContain('共 600 条记录：A 200，B 200，错误 200。');
    expect(b.stderr).toContain('共 600 条记录：A 200，B 200，错误 200。');
  });
  it('versions of different regions are refused', async () => {
    const other = join(dir, 'other.yaml');
    writeFileSync(other, V2025.replace('地区: 测试省', '地区: 别的省').replace('"2025.1"', '"9"'));
    const r = await fenlei(['eval', join(folder, 'v2024.yaml'), other, small]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('同时给出的规则应是同一地区的不同版本，这里有：测试省、别的省');
  });
  it('xlsx: the 监管措施 sheet lists the measures of each version, named by version', async () => {
    const out = join(dir, 'decisions.xlsx');
    const r = await fenlei(['eval', folder, small, '--out', out, '--today', '2026-01-01']);
    expect(r.code, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ms = wb.getWorksheet('监管措施')!;
    expect(ms.getRow(1).values).toEqual([undefined, '规则版本 rules version', '监管方式 mode', '序号', '监管措施 measure', '依据 article']);
    const rows = ms.getSheetValues().slice(2).map((v) => (v as unknown[]).slice(1, 5));
    const credit = (version: string) => rows.filter((x) => x[0] === version && x[1] === '信用监管').map((x) => x[3]);
    const national = rules('national').ir.measures['信用监管'].map((m) => m.text);
    expect(credit('2024.1')).toEqual(national);
    expect(credit('2025.1')).toEqual(rules(join(folder, 'v2025.yaml')).ir.measures['信用监管'].map((m) => m.text));
    expect(credit('2025.1')).toContain('在本省质量信用平台公示企业质量信用承诺');
    expect(credit('2024.1')).not.toContain('在本省质量信用平台公示企业质量信用承诺');
  });
  it('explain names the version used', async () => {
    const r = await fenlei(['explain', folder, small, '--id', 'R1', '--today', '2026-01-01']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('结论：B 类，常态监管');
    expect(r.stdout).toContain('规则版本：2025.1\n');
    expect((await fenlei(['explain', folder, small, '--id', 'R0', '--today', '2026-01-01'])).stdout).toContain('规则版本：2024.1\n');
  });
  it('report lists each version with the decisions it gave', async () => {
    const out = join(dir, 'report.html');
    const r = await fenlei(['report', folder, small, '--out', out, '--today', '2026-01-01']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('按各企业的检查日期选用施行中的版本（生效日期、失效日期）判定：2024.1（2024-07-01 起，2025-07-01 失效）：1 户；2025.1（2025-07-01 起）：1 户');
  });
  it('compare: the versions against the national rules, each record by its version', async () => {
    const out = join(dir, 'compare.html');
    const r = await fenlei(['compare', folder, small, '--against', 'national', '--out', out, '--today', '2026-01-01']);
    expect(r.code, r.stderr).toBe(0);
    // R0 is A both ways; R1 is A nationally and B under 2025.1; R2 is an error under the versions only.
    expect(r.stdout).toContain('登记企业 3 户：类别变化 2 户（上升 0，下降 1），监管方式变化 2 户。');
    expect(r.stdout).toContain('\nA             1     1     1\n');
  });
});
