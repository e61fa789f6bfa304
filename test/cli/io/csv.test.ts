// Issue 12 (2, 3): the CSV reader. A stray opening quote ends its own row (FL5025) instead of
// swallowing the register; the rows after it are read as usual. The byte cutter of the
// parallel path (csv-cut.ts) ends rows exactly where the reader does, so pieces read on
// their own give the rows the whole text gives.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { CsvReader, MAX_CELL_BREAKS, type CsvRow } from '../../../cli/io/csv.js';
import { makeDecoder } from '../../../cli/io/encoding.js';
import { csvCase } from '../../fixtures/csv-family.js';
import { readInPieces, readWhole, shape } from '../../fixtures/csv-pieces.js';
import { rng } from '../../fixtures/prng.js';

const read = readWhole;

describe('a stray opening quote', () => {
  it('never closed: its row ends at its line break, is flagged, and the rows after it are read', () => {
    const rows = read('编号,名称\r\n1,"杭州恒达家具\r\n2,食品\r\n3,"多\n行",x\r\n');
    expect(shape(rows)).toEqual([
      { cells: ['编号', '名称'], row: 1, unclosed: undefined },
      { cells: ['1', '杭州恒达家具'], row: 2, unclosed: 1 },
      { cells: ['2', '食品'], row: 3, unclosed: undefined },
      { cells: ['3', '多\n行', 'x'], row: 4, unclosed: undefined },
    ]);
  });

  it('closed by the opening quote of a later row (text after the quote): its row alone is flagged', () => {
    const rows = read('1,"名称\n2,"有限,公司",x\n3,y\n');
    expect(shape(rows)).toEqual([
      { cells: ['1', '名称'], row: 1, unclosed: 1 },
      { cells: ['2', '有限,公司', 'x'], row: 2, unclosed: undefined },
      { cells: ['3', 'y'], row: 3, unclosed: undefined },
    ]);
  });

  it('past the line-break limit: flagged even when a quote closes it later', () => {
    const lines = Array.from({ length: MAX_CELL_BREAKS + 1 }, (_, i) => `${i + 2},ok`);
    const rows = read(`1,"甲\n${lines.join('\n')}\n"\n`);
    expect(rows.length).toBe(MAX_CELL_BREAKS + 3);
    expect(shape(rows.slice(0, 2))).toEqual([
      { cells: ['1', '甲'], row: 1, unclosed: 1 },
      { cells: ['2', 'ok'], row: 2, unclosed: undefined },
    ]);
    // Within the limit, a cell may hold line breaks (a multi-line address, a list of events).
    const within = Array.from({ length: MAX_CELL_BREAKS }, (_, i) => `第${i}行`).join('\n');
    expect(shape(read(`1,"${within}",x\n2,y\n`))).toEqual([
      { cells: ['1', within, 'x'], row: 1, unclosed: undefined },
      { cells: ['2', 'y'], row: 2, unclosed: undefined },
    ]);
  });

  it('at the end of the file, on the last row or with rows after it', () => {
    expect(shape(read('1,a\n2,"b'))).toEqual([
      { cells: ['1', 'a'], row: 1, unclosed: undefined },
      { cells: ['2', 'b'], row: 2, unclosed: 1 },
    ]);
    expect(shape(read('"1,a\r2,b\r'))).toEqual([
      { cells: ['1,a'], row: 1, unclosed: 0 },
      { cells: ['2', 'b'], row: 2, unclosed: undefined },
    ]);
  });
});

describe('pieces cut on bytes read as the whole text', () => {
  it('for a seeded family of awkward texts, UTF-8 and GB18030, every chunk size, small and default line-break limits', () => {
    const r = rng(1212);
    for (let n = 0; n < 120; n++) {
      const { text } = csvCase(Math.floor(r() * 1e9), 3 + Math.floor(r() * 25), 1 + Math.floor(r() * 4));
      for (const max of [2, MAX_CELL_BREAKS]) {
        const want = shape(read(text, max));
        // Chunked text gives the same rows.
        const chunked = new CsvReader(1, max);
        const got: CsvRow[] = [];
        for (let at = 0; at < text.length; at += 7) got.push(...chunked.push(text.slice(at, at + 7)));
        got.push(...chunked.end());
        expect(shape(got), text).toEqual(want);
        for (const enc of ['utf-8', 'gb18030'] as const) {
          for (const chunk of [1, 5, 16, 64]) expect(shape(readInPieces(text, enc, chunk, max)), `${enc} ${chunk} ${JSON.stringify(text)}`).toEqual(want);
        }
      }
    }
  });

  it('a GB18030 stream decoded across chunks gives the same text', () => {
    const { text } = csvCase(7, 40, 3);
    const bytes = iconv.encode(text, 'gb18030');
    const d = makeDecoder('gb18030');
    let out = '';
    for (let at = 0; at < bytes.length; at += 3) out += d.write(bytes.subarray(at, at + 3));
    expect(out + d.end()).toBe(text);
  });
});
