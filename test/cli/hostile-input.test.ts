// Hostile registers and rule files through the CLI: each gets a
// clear error and the documented exit code, never exit 70, never unbounded work.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, fenlei, scratch } from './helpers.js';
import { zip } from '../fixtures/zip.js';
import { rowToRecord } from '../../cli/io/csv-record.js';
import { MAX_COLUMNS, TooManyColumns, columnLetters, mapColumns } from '../../cli/io/register-columns.js';

const NATIONAL_IDS = Array.from({ length: 19 }, (_, i) => String(i + 1));
const HEADER = ['编号', '企业名称', '主要产品', '检查日期', ...NATIONAL_IDS];
const ROW = ['r1', '某企业', '纺织服装', '2025-03-01', ...NATIONAL_IDS.map(() => '符合')];

describe('register columns (point 6)', () => {
  it('a header past the column limit is refused, naming the first column over it', () => {
    const header = [...HEADER, ...Array.from({ length: 200_000 }, (_, i) => `未知${i}`)];
    expect(() => mapColumns(header, NATIONAL_IDS)).toThrow(TooManyColumns);
    expect(() => mapColumns(header, NATIONAL_IDS)).toThrow(`登记表一行有 ${header.length} 列，超过上限 16384 列（Excel 的最大列数）；第 16385 列（XFE 列，“${header[MAX_COLUMNS]}”）起超出`);
  });

  it('unknown columns up to the limit are each listed once, in order', () => {
    const unknown = Array.from({ length: MAX_COLUMNS - HEADER.length - 1 }, (_, i) => `未知${i % 9000}`);
    const map = mapColumns([...HEADER, ...unknown], NATIONAL_IDS);
    expect(map.extra.length).toBe(9000);
    expect(map.extra.slice(0, 2)).toEqual(['未知0', '未知1']);
    expect(map.items.size).toBe(19);
  });

  it('a facts cell naming __proto__ keeps it as data (no prototype to set)', () => {
    const r = rowToRecord(['r1', '__proto__=是;出口企业=否'], mapColumns(['编号', '企业信息'], NATIONAL_IDS));
    const facts = ('record' in r ? (r.record.enterprise as { facts: Record<string, string> }).facts : {}) as Record<string, string>;
    expect(Object.hasOwn(facts, '__proto__') && facts['__proto__']).toBe('是');
    expect(Object.keys(facts)).toEqual(['__proto__', '出口企业']);
  });

  it('column letters', () => {
    expect([1, 26, 27, 702, 703, 16384, 16385].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA', 'XFD', 'XFE']);
  });

  it('fenlei eval on a register 160,000 columns wide: exit 2 with the message', async () => {
    const dir = scratch('wide');
    const path = join(dir, 'wide.csv');
    const extra = Array.from({ length: 160_000 }, (_, i) => `未知${i}`);
    writeFileSync(path, `${[...HEADER, ...extra].join(',')}\n${ROW.join(',')}\n`);
    const r = await fenlei(['eval', 'national', path, '--today', '2026-01-01']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`错误：登记表一行有 ${HEADER.length + 160_000} 列，超过上限 16384 列（Excel 的最大列数）；第 16385 列（XFE 列，“未知${MAX_COLUMNS - HEADER.length}”）起超出 / ${HEADER.length + 160_000} columns in a row, more than 16384; column XFE is over the limit`);
  });
});

describe('signals (point 9)', () => {
  const record = JSON.stringify({ id: 'r1', enterprise: { name: '某企业', products: ['纺织服装'] }, inspection: { date: '2025-03-01', answers: Object.fromEntries(NATIONAL_IDS.map((id) => [id, '符合'])) } });

  /** Starts eval on standard input, sends the signal once decisions are flowing, and resolves with the exit. */
  function interrupt(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
    const child = spawn(process.execPath, [CLI, 'eval', 'national', '-', '--input-format', 'jsonl', '--today', '2026-01-01'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', () => {
      if (sent) return;
      sent = true;
      child.kill(signal);
    });
    // Enough records for the output to be flushed while standard input stays open.
    child.stdin.write(`${record}\n`.repeat(500));
    return new Promise((res) => child.on('exit', (code, sig) => res({ code, signal: sig, stderr })));
  }

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s ends eval with exit code %i and says so', async (signal, code) => {
    const r = await interrupt(signal);
    expect([r.code, r.signal]).toEqual([code, null]);
    expect(r.stderr).toContain('已中断，未留下不完整的输出文件。');
  });
});

describe('files that are not registers or rules (points 5 and 9)', () => {
  it('an xlsx whose sheet name holds an invalid character reference: exit 2 with a clear error', async () => {
    const dir = scratch('bad-xlsx');
    const path = join(dir, 'bad.xlsx');
    writeFileSync(
      path,
      zip(Object.entries({
        'xl/workbook.xml': '<workbook><sheets><sheet name="登记表&#x110000;" sheetId="1" r:id="rId1"/></sheets></workbook>',
        'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
        'xl/worksheets/sheet1.xml': '<worksheet><sheetData/></worksheet>',
      })),
    );
    const r = await fenlei(['eval', 'national', path, '--today', '2026-01-01']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('错误：xlsx 文件已损坏：工作簿中有无效的字符引用“&#x110000;”。 Corrupt xlsx file: invalid character reference.');
  });

  it('a device as register: exit 2, never read', async () => {
    const r = await fenlei(['eval', 'national', '/dev/zero', '--today', '2026-01-01']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('错误：记录文件不是普通文件（设备、管道或目录）：/dev/zero；从标准输入读取请用 - / not a regular file; use - for standard input');
  });

  it('a rule file based on /dev/zero: FL0011 and FL2014, exit 1', async () => {
    const dir = scratch('dev-base');
    const path = join(dir, 'p.yaml');
    writeFileSync(path, '元数据:\n  名称: 测试\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: /dev/zero\n');
    const r = await fenlei(['check', path]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').map((l) => l.split(' ')[1])).toEqual(['FL0011', 'FL2014', undefined]);
  });

  it('verify on a condition with a number that would overflow: the rule error, not a crash', async () => {
    const dir = scratch('overflow');
    const path = join(dir, 'p.yaml');
    writeFileSync(
      path,
      `元数据:\n  名称: 测试\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n企业信息:\n  - { 名称: 年产值, 类型: 数值, 默认: 0 }\n分类:\n  AA:\n    全部条件:\n      - 名称: 产值\n        条件: 年产值 < 1${'0'.repeat(400)}\n`,
    );
    const r = await fenlei(['verify', path]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('FL2050');
  });
});
