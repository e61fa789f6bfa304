// compiler/syntax/align.ts: offsets of a YAML scalar's value mapped back to the file.
import { describe, expect, it } from 'vitest';
import { parseDocument, isMap, isPair, isScalar, Scalar } from 'yaml';
import { alignOffsets } from '../../../compiler/syntax/align.js';

/** The value of key `k` in `source` and its file offset map. */
function aligned(source: string): { value: string; offsets: number[] } {
  const doc = parseDocument(source);
  const map = doc.contents;
  if (!isMap(map)) throw new Error('not a map');
  const pair = map.items[0];
  if (!isPair(pair) || !isScalar(pair.value)) throw new Error('no scalar');
  const node = pair.value;
  const [start, end] = node.range!;
  const value = String(node.value);
  return { value, offsets: alignOffsets(value, source, start, end, node.type ?? Scalar.PLAIN) };
}

/** For every character of the value that appears literally in the source, the source has it there. */
function expectLiteralCharsAligned(source: string, skip: (ch: string) => boolean = () => false): void {
  const { value, offsets } = aligned(source);
  expect(offsets).toHaveLength(value.length + 1);
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (/\s/.test(ch) || skip(ch)) continue;
    expect(source[offsets[i]!], `value[${i}] = ${ch}`).toBe(ch);
  }
  // Monotonic.
  for (let i = 1; i < offsets.length; i++) expect(offsets[i]!).toBeGreaterThanOrEqual(offsets[i - 1]!);
}

describe('alignOffsets', () => {
  it('plain scalar: identity shifted by the start', () => {
    const src = 'k: 通过率 < 60%\n';
    const { value, offsets } = aligned(src);
    expect(value).toBe('通过率 < 60%');
    expect(offsets).toEqual(Array.from({ length: value.length + 1 }, (_, i) => 3 + i));
  });

  it('double-quoted: skips the quote and escapes', () => {
    const src = 'k: "产品包含(\\"水泥\\") 且 不通过(#20)"\n';
    const { value, offsets } = aligned(src);
    expect(value).toBe('产品包含("水泥") 且 不通过(#20)');
    const hash = value.indexOf('#');
    expect(src.slice(offsets[hash]!, offsets[hash + 3]!)).toBe('#20');
    expectLiteralCharsAligned(src);
  });

  it('double-quoted: a \\u escape whose character occurs later does not pull the mapping forward', () => {
    const src = 'k: "\\u4e0d通过(#1) 或 不通过(#20)"\n';
    const { value, offsets } = aligned(src);
    expect(value).toBe('不通过(#1) 或 不通过(#20)');
    const hash = value.lastIndexOf('#');
    expect(src.slice(offsets[hash]!, offsets[hash + 3]!)).toBe('#20');
    const first = value.indexOf('#');
    expect(src.slice(offsets[first]!, offsets[first + 2]!)).toBe('#1');
  });

  it('single-quoted: a doubled quote is one character', () => {
    const src = "k: '产品包含(\"it''s\") 且 不通过(#20)'\n";
    const { value, offsets } = aligned(src);
    expect(value).toBe('产品包含("it\'s") 且 不通过(#20)');
    const hash = value.indexOf('#');
    expect(src.slice(offsets[hash]!, offsets[hash + 3]!)).toBe('#20');
    expectLiteralCharsAligned(src);
  });

  it('literal block scalar: lines and indentation', () => {
    const src = 'k: |\n  产品包含("电线电缆") 且\n  任一不通过([#1, #2]) 或 不通过(#二十)\n';
    const { value, offsets } = aligned(src);
    expect(value).toBe('产品包含("电线电缆") 且\n任一不通过([#1, #2]) 或 不通过(#二十)\n');
    const hash = value.indexOf('#二十');
    expect(src.slice(offsets[hash]!, offsets[hash + 3]!)).toBe('#二十');
    expectLiteralCharsAligned(src);
  });

  it('folded block scalar: a line break read as a space', () => {
    const src = 'k: >-\n    产品包含("电线电缆") 且\n    不通过(#二十)\n';
    const { value, offsets } = aligned(src);
    expect(value).toBe('产品包含("电线电缆") 且 不通过(#二十)');
    const hash = value.indexOf('#');
    expect(src.slice(offsets[hash]!, offsets[hash + 3]!)).toBe('#二十');
    expectLiteralCharsAligned(src);
  });

  it('CRLF block scalar', () => {
    const src = 'k: |\r\n  产品包含("x") 且\r\n  不通过(#二十)\r\n';
    const { value, offsets } = aligned(src);
    const hash = value.indexOf('#');
    expect(src.slice(offsets[hash]!, offsets[hash + 3]!)).toBe('#二十');
  });

  it('the end offset maps to the end of the value', () => {
    const src = 'k: "不通过(#1)"\n';
    const { value, offsets } = aligned(src);
    expect(offsets[value.length]).toBe(src.indexOf('"', 4));
  });
});
