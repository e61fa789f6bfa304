// Issue 12 (4): one invalid byte never switches a register's encoding, and bytes that are not
// of the encoding are refused with their line and byte offset, wherever the chunks are cut.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { detectEncoding, EncodingError, makeDecoder, type TextEncoding } from '../../../cli/io/encoding.js';

const ROWS = ['编号,企业名称,主要产品', '1,杭州恒达家具有限公司,家具', '2,浙江某食品有限公司,食品', '3,宁波某燃气具厂𠀀,燃气灶具'];

/** Decodes `bytes` in chunks of `size`; the text, or the refusal's message. */
function decode(bytes: Buffer, encoding: TextEncoding, detected: boolean, size: number): string {
  const d = makeDecoder(encoding, detected);
  let out = '';
  try {
    for (let at = 0; at < bytes.length; at += size) out += d.write(bytes.subarray(at, at + size));
    return out + d.end();
  } catch (e) {
    if (!(e instanceof EncodingError)) throw e;
    return `refused: ${e.message}`;
  }
}

/** The same outcome for every chunk size. */
function decodeAnyhow(bytes: Buffer, encoding: TextEncoding, detected: boolean): string {
  const whole = decode(bytes, encoding, detected, bytes.length);
  for (const size of [1, 2, 3, 5, 7, 64]) expect(decode(bytes, encoding, detected, size), `chunks of ${size}`).toBe(whole);
  return whole;
}

describe('register encodings', () => {
  it('a UTF-8 register with one invalid byte stays UTF-8 and is refused at that byte (line and offset)', () => {
    const good = Buffer.from(ROWS.join('\r\n') + '\r\n', 'utf8');
    const at = good.indexOf(Buffer.from('食品', 'utf8'));
    const bad = Buffer.concat([good.subarray(0, at), Buffer.from([0xff]), good.subarray(at)]);
    expect(detectEncoding(good)).toBe('utf-8');
    expect(detectEncoding(bad)).toBe('utf-8');
    expect(decodeAnyhow(good, 'utf-8', true)).toBe(ROWS.join('\r\n') + '\r\n');
    const out = decodeAnyhow(bad, 'utf-8', true);
    expect(out).toMatch(/^refused: 登记表第 3 行（字节偏移 (\d+)）有不属于 UTF-8 编码的字节（0xFF）/);
    expect(out).toContain(`(byte offset ${at})`);
    expect(out).not.toContain('椋熷搧');
    // A character cut off by the end of the file is refused too.
    expect(decodeAnyhow(good.subarray(0, good.length - 4), 'utf-8', true)).toContain(`第 4 行（字节偏移 ${good.length - 5}）`);
  });

  it('GB18030 is detected, decoded with four-byte characters, and refused at an invalid byte', () => {
    const text = ROWS.join('\n') + '\n';
    const gb = iconv.encode(text, 'gb18030');
    expect(detectEncoding(gb)).toBe('gb18030');
    expect(decodeAnyhow(gb, 'gb18030', true)).toBe(text);
    const at = gb.indexOf(iconv.encode('食品', 'gb18030'));
    const bad = Buffer.concat([gb.subarray(0, at), Buffer.from([0xff]), gb.subarray(at)]);
    expect(decodeAnyhow(bad, 'gb18030', true)).toContain(`refused: 登记表第 3 行（字节偏移 ${at}）有不属于 GB18030 编码的字节（0xFF）`);
  });

  it('a GB18030 register with a UTF-8 row is refused at that row, unless GB18030 is given', () => {
    const gbHead = iconv.encode(ROWS.slice(0, 3).join('\n') + '\n', 'gb18030');
    const utf8Row = Buffer.from(ROWS[3] + '\n', 'utf8');
    const mixed = Buffer.concat([gbHead, utf8Row]);
    expect(detectEncoding(mixed)).toBe('gb18030');
    expect(decodeAnyhow(mixed, 'gb18030', true)).toContain(`refused: 登记表按 GB18030 读取，但第 4 行（字节偏移 ${gbHead.length}）是 UTF-8 编码`);
    // Given explicitly, the encoding is honoured: the row is GB18030 text (garbled, but it is what the file says in GB18030).
    expect(decodeAnyhow(mixed, 'gb18030', false)).toBe(ROWS.slice(0, 3).join('\n') + '\n' + iconv.decode(utf8Row, 'gb18030'));
    // A UTF-8 register with a GB18030 row: not UTF-8 at that row.
    const other = Buffer.concat([Buffer.from(ROWS.slice(0, 3).join('\n') + '\n', 'utf8'), iconv.encode(ROWS[3]!, 'gb18030')]);
    expect(detectEncoding(other)).toBe('utf-8');
    expect(decodeAnyhow(other, 'utf-8', true)).toMatch(/^refused: 登记表第 4 行（字节偏移 \d+）有不属于 UTF-8 编码的字节/);
  });
});
