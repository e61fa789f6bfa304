// The streaming path: the CSV reader across chunk boundaries, encodings detected from the
// first bytes, the parallel path (worker threads) byte for byte equal to the sequential one,
// the progress line, and an interrupted run that leaves no output file.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { CsvReader, csvCell, csvLine } from '../../cli/io/csv.js';
import { detectEncoding, makeDecoder } from '../../cli/io/encoding.js';
import { lastRowEnd } from '../../cli/io/csv-cut.js';
import { Progress, progressLine } from '../../cli/io/progress.js';
import { recordToCells, registerHeader } from '../../cli/io/csv-record.js';
import { generateRecords } from '../fixtures/make-register.js';
import { spawn } from 'node:child_process';
import { cli, CLI, fenlei, REPO, rules, scratch, TODAY, ZHEJIANG } from './helpers.js';
import { newEntryIn } from '../fixtures/wait-for-file.js';

const TEXT = 'a,"b ""q"", c",d\r\n"多\n行",,"x"\r\n\r\n末,行';

describe('CsvReader', () => {
  it('gives the same rows, lines and row numbers however the text is cut', () => {
    const whole = new CsvReader();
    const want = [...whole.push(TEXT), ...whole.end()];
    expect(want.map((r) => r.cells)).toEqual([['a', 'b "q", c', 'd'], ['多\n行', '', 'x'], [''], ['末', '行']]);
    expect(want.map((r) => [r.row, r.line])).toEqual([[1, 1], [2, 2], [3, 4], [4, 5]]);
    for (let i = 0; i <= TEXT.length; i++) {
      for (let j = i; j <= TEXT.length; j++) {
        const r = new CsvReader();
        const got = [...r.push(TEXT.slice(0, i)), ...r.push(TEXT.slice(i, j)), ...r.push(TEXT.slice(j))];
        got.push(...r.end());
        expect(got, `cut at ${i}, ${j}`).toEqual(want);
      }
    }
  });

  it('cuts pieces only at row ends outside quotes', () => {
    expect(lastRowEnd(Buffer.from('a,b\nc,"x\ny"\nd'))).toEqual({ end: 12, rows: 2 });
    expect(lastRowEnd(Buffer.from('a,"open\nstill'))).toEqual({ end: -1, rows: 0 });
    expect(lastRowEnd(Buffer.from('1\n2\n3'))).toEqual({ end: 4, rows: 2 });
    // On bytes: 编号 is 6 bytes in UTF-8, 4 in GB18030.
    expect(lastRowEnd(Buffer.from('编号,"甲\n乙"\n丙'))).toEqual({ end: 17, rows: 1 });
    expect(lastRowEnd(iconv.encode('编号,"甲\n乙"\n丙', 'gb18030'))).toEqual({ end: 13, rows: 1 });
  });

  it('neutralises cells Excel would run as formulas, keeps numbers', () => {
    expect(csvLine(['=1+1', '+x', '@a', '-5', -5, 'a,b', 'q"'])).toBe(`'=1+1,'+x,'@a,-5,-5,"a,b","q"""\r\n`);
    expect(csvCell(0.9474)).toBe('0.9474');
  });
});

describe('encodings', () => {
  it('detects UTF-8 (BOM or strict decode, a character cut at the end allowed) and GB18030', () => {
    const utf8 = Buffer.from('编号,企业名称\r\n', 'utf8');
    expect(detectEncoding(utf8)).toBe('utf-8');
    expect(detectEncoding(utf8.subarray(0, utf8.length - 4))).toBe('utf-8');
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]))).toBe('utf-8');
    expect(detectEncoding(iconv.encode('编号,企业名称\r\n', 'gb18030'))).toBe('gb18030');
    expect(() => detectEncoding(Buffer.from([0xff, 0xfe, 0x16, 0x7f]))).toThrow(/UTF-16/);
  });

  it('decodes GB18030 streamed byte by byte, four-byte characters included', () => {
    const text = '浙江𠀀公司，检查日期 2025年3月8日';
    const bytes = iconv.encode(text, 'gb18030');
    const d = makeDecoder('gb18030');
    let out = '';
    for (const b of bytes) out += d.write(Uint8Array.of(b));
    expect(out + d.end()).toBe(text);
  });
});

describe('progress', () => {
  it('shows share, rows, rows per second and time left', () => {
    expect(progressLine(50_000, 50, 100, 2000, 100)).toBe(`[${'█'.repeat(20)}${'░'.repeat(20)}]  50%  50,000 行  25,000 行/秒  剩余约 0:02`);
    expect(progressLine(10, 0, 0, 1000)).toBe('10 行  10 行/秒');
  });

  it('stays quiet when standard error is not a terminal', () => {
    let written = '';
    const p = new Progress({ isTTY: false, write: (s: string) => ((written += s), true) }, () => 1e6);
    p.update(1, 1, 2);
    p.done();
    expect(written).toBe('');
    let t = 0;
    const q = new Progress({ isTTY: true, columns: 100, write: (s: string) => ((written += s), true) }, () => (t += 200));
    q.update(1000, 1, 2);
    q.done();
    expect(written).toContain('50%');
    expect(written.endsWith('\r\x1b[K')).toBe(true);
  });
});

describe('large registers', () => {
  const { ir, ev } = rules(ZHEJIANG);
  const ids = ir.items.map((i) => i.id);
  const dir = scratch('stream');
  const recs = generateRecords(ir, ev, { count: 1500, seed: 11 });
  recs[5]!.enterprise.name = '多行\n名称，"引号"';
  recs[9]!.inspection.answers[ids[0]!] = '也许';
  recs[20]!.id = recs[10]!.id;
  // Far apart: the second is classified by a worker, the first by the main thread.
  recs[1400]!.id = recs[30]!.id;
  const input = join(dir, 'big.csv');
  let text = '\uFEFF' + csvLine(registerHeader(ids));
  recs.forEach((r, i) => {
    text += csvLine(recordToCells(r, ids));
    if (i % 250 === 125) text += ',,,\r\n';
  });
  text += '\r\n\r\n';
  writeFileSync(input, text);

  it('worker threads write exactly what one thread writes (CSV and JSON Lines), duplicates and blank rows included', async () => {
    for (const ext of ['csv', 'jsonl']) {
      const one = join(dir, `one.${ext}`);
      const two = join(dir, `two.${ext}`);
      const a = await fenlei(['eval', ZHEJIANG, input, '--out', one, '--jobs', '1', '--today', TODAY]);
      const b = cli(['eval', ZHEJIANG, input, '--out', two, '--jobs', '2', '--today', TODAY], { env: { FENLEI_PIECE_BYTES: '20000' } });
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      expect(b.stderr).toBe(a.stderr.replace(`one.${ext}`, `two.${ext}`).replace(`one.errors`, `two.errors`));
      expect(a.stderr).toContain('跳过空行 6');
      expect(readFileSync(two, 'utf8')).toBe(readFileSync(one, 'utf8'));
      expect(readFileSync(join(dir, `two.errors.${ext === 'csv' ? 'csv' : 'jsonl'}`), 'utf8')).toBe(readFileSync(join(dir, `one.errors.${ext === 'csv' ? 'csv' : 'jsonl'}`), 'utf8'));
      expect(readFileSync(one, 'utf8').match(/FL5108/g)?.length).toBe(2);
    }
  });

  it('worker threads read and write GB18030 exactly as one thread does', async () => {
    const gbInput = join(dir, 'big-gb.csv');
    writeFileSync(gbInput, iconv.encode(text.replace(/^\uFEFF/, ''), 'gb18030'));
    const one = join(dir, 'one-gb.csv');
    const two = join(dir, 'two-gb.csv');
    const a = await fenlei(['eval', ZHEJIANG, gbInput, '--out', one, '--jobs', '1', '--encoding', 'gb18030', '--today', TODAY]);
    const b = cli(['eval', ZHEJIANG, gbInput, '--out', two, '--jobs', '2', '--encoding', 'gb18030', '--today', TODAY], { env: { FENLEI_PIECE_BYTES: '15000' } });
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(a.stderr).toContain('登记表编码 GB18030');
    const bytes = readFileSync(two);
    expect(bytes.equals(readFileSync(one))).toBe(true);
    expect(iconv.decode(bytes, 'gb18030').match(/FL5108 id：记录编号/g)?.length).toBe(2);
    expect(readFileSync(join(dir, 'two-gb.errors.csv')).equals(readFileSync(join(dir, 'one-gb.errors.csv')))).toBe(true);
  });

  it('an interrupted run leaves no output file behind', async () => {
    const out = join(dir, 'interrupted.xlsx');
    const started = newEntryIn(dir);
    // The register comes through standard input, which stays open: the run cannot finish
    // before it is interrupted, however slow or fast the machine.
    const child = spawn(process.execPath, [CLI, 'eval', ZHEJIANG, '-', '--input-format', 'csv', '--out', out, '--today', TODAY], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    // The killed run closes its end of the pipe: a late write may fail (EPIPE), which is expected.
    child.stdin.on('error', () => {});
    child.stdin.write(text);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
    // Interrupt once the run has begun writing its (temporary) output (a run that ends before fails here).
    expect(await Promise.race([started.then(() => 'writing'), exited.then((c) => `exited ${c}: ${err}`)])).toBe('writing');
    child.kill('SIGINT');
    const code = await exited;
    expect(code).toBe(130);
    expect(err).toContain('未留下不完整的输出文件');
    expect(readdirSync(dir).filter((f) => f.startsWith('interrupted'))).toEqual([]);
  });
});
