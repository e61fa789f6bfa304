// Issue 12 (2, 3, 4) through the real CLI: a stray quote costs its own row only (FL5025),
// `--jobs 2` (small pieces forced by FENLEI_PIECE_BYTES) writes byte for byte what
// `--jobs 1` writes for a seeded family of awkward registers, UTF-8 and GB18030, and a
// register with a broken byte is refused alike on both paths.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { CsvReader } from '../../../cli/io/csv.js';
import { registerText, REGISTER_HEADER } from '../../fixtures/register-family.js';
import { cli, fenlei, scratch, TODAY } from '../helpers.js';

const dir = scratch('parallel-csv');

/**
 * Runs eval with --jobs 1 (in-process) and --jobs 2 (the built CLI, whose worker module exists;
 * pieces of `piece` bytes); both results.
 */
async function bothWays(input: string, piece: number, extra: string[] = []) {
  const result = (jobs: number, r: { code: number; stderr: string }, out: string) => {
    const read = (p: string) => (existsSync(p) ? readFileSync(p) : undefined);
    return { code: r.code, stderr: r.stderr.replaceAll(`out-${jobs}`, 'out'), out: read(out), errors: read(out.replace(/\.csv$/, '.errors.csv')) };
  };
  const args = (jobs: number, out: string) => ['eval', 'national', input, '--out', out, '--jobs', String(jobs), '--today', TODAY, ...extra];
  const out1 = join(dir, `${basename(input, '.csv')}-out-1.csv`);
  const out2 = join(dir, `${basename(input, '.csv')}-out-2.csv`);
  const one = result(1, await fenlei(args(1, out1)), out1);
  const two = result(2, cli(args(2, out2), { env: { FENLEI_PIECE_BYTES: String(piece) } }), out2);
  return [one, two] as const;
}

function outputRows(bytes: Buffer): string[][] {
  const r = new CsvReader(1, Infinity);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  return [...r.push(text), ...r.end()].map((x) => x.cells);
}

describe('a stray quote in a register', () => {
  it('makes its own row an FL5025 error naming the column; every other row is classified', async () => {
    // Well-formed names but one: another stray quote further on could close this one.
    let text = registerText(5, 150, false);
    // Row 4 of the file (record T3): its name opens a quote that never closes.
    text = text.replace(/\r\nT3,([^,\r\n"]*)/, '\r\nT3,"$1');
    const input = join(dir, 'stray.csv');
    writeFileSync(input, text);
    const [one, two] = await bothWays(input, 2000);
    expect(one.code, one.stderr).toBe(0);
    const out = outputRows(one.out!);
    const header = out[0]!;
    const body = out.slice(1);
    const col = (name: string) => header.findIndex((h) => h.startsWith(name));
    // One result per register row, in order, and T3's row is the error.
    const expected = new CsvReader();
    const reg = [...expected.push(text), ...expected.end()].slice(1).filter((r) => r.cells.some((c) => c.trim() !== ''));
    expect(body.length).toBe(reg.length);
    expect(body.map((r) => r[col('行号')])).toEqual(reg.map((r) => String(r.row)));
    const t3 = body.find((r) => r[col('编号')] === 'T3')!;
    expect(t3[col('错误代码')] ?? t3.join('|')).toBe('FL5025');
    expect(t3.join('|')).toContain(`B列（${REGISTER_HEADER[1]}）的单元格以英文双引号开头，但引号没有闭合`);
    expect(body.filter((r) => r[col('编号')] === 'T4').length).toBe(1);
    // Same bytes with worker threads.
    expect(two.code).toBe(0);
    expect(two.stderr).toBe(one.stderr);
    expect(two.out!.equals(one.out!)).toBe(true);
    expect(two.errors!.equals(one.errors!)).toBe(true);
  });
});

describe('--jobs 2 writes what --jobs 1 writes', () => {
  for (const [seed, encoding, piece] of [
    [101, 'utf-8', 900],
    [102, 'gb18030', 700],
  ] as const) {
    it(`seeded register ${seed} (${encoding}, pieces of ${piece} bytes)`, async () => {
      const text = registerText(seed, 100);
      const input = join(dir, `family-${seed}.csv`);
      writeFileSync(input, encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'gb18030'));
      const [one, two] = await bothWays(input, piece);
      expect(one.code, one.stderr).toBe(0);
      expect(one.stderr).toContain(`登记表编码 ${encoding === 'utf-8' ? 'UTF-8' : 'GB18030'}`);
      expect(two.code, two.stderr).toBe(0);
      expect(two.stderr).toBe(one.stderr);
      expect(two.out!.equals(one.out!)).toBe(true);
      expect(two.errors?.equals(one.errors!) ?? one.errors === undefined).toBe(true);
    });
  }
});

describe('a register with a broken byte', () => {
  it('is refused on both paths with the same line and offset, and nothing is written', async () => {
    const text = Buffer.from(registerText(9, 80), 'utf8');
    const at = text.indexOf(Buffer.from('食品', 'utf8'), 3000);
    const input = join(dir, 'broken.csv');
    writeFileSync(input, Buffer.concat([text.subarray(0, at), Buffer.from([0xc3]), text.subarray(at)]));
    const [one, two] = await bothWays(input, 800);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain(`字节偏移 ${at}）有不属于 UTF-8 编码的字节（0xC3）`);
    expect(one.stderr).not.toContain('椋熷搧');
    expect(one.out).toBeUndefined();
    expect(two.code).toBe(2);
    expect(two.stderr).toBe(one.stderr);
    expect(two.out).toBeUndefined();
  });
});
