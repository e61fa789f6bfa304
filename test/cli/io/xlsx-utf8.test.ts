// Issue 12 (1): Chinese text in a workbook read back exactly, whatever chunk boundary cuts
// its characters. The workbooks are written here byte by byte (own zip, own XML), with
// shared and inline strings, and padded so that the boundaries fall at every byte of a
// three-byte character.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { utf8Text } from '../../../cli/io/xlsx-utf8.js';
import { xlsxRows } from '../../../cli/io/xlsx-read.js';
import { zip } from '../../fixtures/zip.js';
import { scratch } from '../helpers.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A one-sheet workbook: column A shared strings, column B inline strings. */
function workbook(rows: readonly (readonly [string, string])[], sheetFirst: boolean): Buffer {
  const shared = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${rows.length}" uniqueCount="${rows.length}">${rows.map(([a]) => `<si><t>${esc(a)}</t></si>`).join('')}</sst>`;
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
    .map(([, b], i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c><c r="B${i + 1}" t="inlineStr"><is><t>${esc(b)}</t></is></c></row>`)
    .join('')}</sheetData></worksheet>`;
  const ns = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const entries: [string, string][] = [
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'],
    ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${ns}"><sheets><sheet name="登记表" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${ns}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`],
  ];
  const parts: [string, string][] = [
    ['xl/sharedStrings.xml', shared],
    ['xl/worksheets/sheet1.xml', sheet],
  ];
  // The sheet before the shared strings takes exceljs's other path (a temporary file).
  return zip([...entries, ...(sheetFirst ? parts.reverse() : parts)]);
}

describe('xlsx text across chunk boundaries', () => {
  it('decodes a character split anywhere between chunks, for every chunk size', async () => {
    const text = '杭州恒达家具有限公司第1452分厂；燃气灶具；未发现问题 𠀀';
    const bytes = Buffer.from(text, 'utf8');
    for (let size = 1; size <= 8; size++) {
      for (let first = 0; first < size; first++) {
        const chunks: Uint8Array[] = [bytes.subarray(0, first)];
        for (let i = first; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
        let out = '';
        for await (const t of utf8Text((async function* () { yield* chunks; })())) out += t;
        expect(out, `chunks of ${size} after ${first}`).toBe(text);
      }
    }
  });

  it('reads every shared and inline string of a workbook exactly, boundaries at every byte offset', async () => {
    const dir = scratch('xlsx-utf8');
    for (const sheetFirst of [false, true]) {
      // Padding of 0, 1 and 2 bytes shifts every later boundary by one byte of a character.
      for (let pad = 0; pad < 3; pad++) {
        const rows: [string, string][] = [[`名称${'x'.repeat(pad)}`, '产品']];
        for (let i = 1; i <= 1500; i++) rows.push([`杭州恒达家具有限公司第${i}分厂`, `燃气灶具；家具；未发现问题${'食品'.repeat(i % 7)}`]);
        const path = join(dir, `pad${pad}-${sheetFirst ? 'sheet' : 'strings'}-first.xlsx`);
        writeFileSync(path, workbook(rows, sheetFirst));
        const got: string[][] = [];
        for await (const r of xlsxRows(path)) got.push(r.cells);
        expect(got.length).toBe(rows.length);
        const bad = got.findIndex((cells, i) => cells[0] !== rows[i]![0] || cells[1] !== rows[i]![1]);
        expect(bad === -1 ? 'all exact' : `row ${bad + 1}: ${got[bad]!.join(' | ')}`).toBe('all exact');
      }
    }
  });
});
