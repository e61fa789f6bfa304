// Text encodings of registers: UTF-8 (with or without BOM) and GB18030, which is what
// Excel on Chinese Windows saves as “CSV (逗号分隔)”. Detected from the first bytes,
// decoded as a stream so a register is never held in memory whole.
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'gb18030';

/** `--encoding` values people type: utf8, UTF-8, gbk, gb2312, gb18030, ansi … */
export function parseEncoding(given: string | undefined): TextEncoding | undefined {
  if (given === undefined) return undefined;
  const g = given.trim().toLowerCase().replace(/[-_]/g, '');
  if (g === 'utf8' || g === 'utf8bom' || g === 'utf8sig') return 'utf-8';
  if (g === 'gb18030' || g === 'gbk' || g === 'gb2312' || g === 'cp936' || g === 'ansi') return 'gb18030';
  return undefined;
}

export class EncodingError extends Error {}

/**
 * UTF-8 when the bytes carry its BOM or decode as strict UTF-8 (an incomplete character at
 * the end of the chunk is allowed); GB18030 otherwise. A UTF-16 file (Excel's “Unicode 文本”)
 * is refused with a hint, since it is tab-separated rather than CSV.
 */
export function detectEncoding(head: Uint8Array): TextEncoding {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    throw new EncodingError('文件是 UTF-16 编码（Excel 的“Unicode 文本”），请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”。 The file is UTF-16; save it as CSV.');
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** A streaming decoder: bytes in, text out; a character split across chunks is kept for the next. */
export interface Decoder {
  write(chunk: Uint8Array): string;
  end(): string;
}

export function makeDecoder(encoding: TextEncoding): Decoder {
  if (encoding === 'utf-8') {
    const d = new TextDecoder('utf-8', { ignoreBOM: false });
    return { write: (c) => d.decode(c, { stream: true }), end: () => d.decode() };
  }
  // Whole characters only go to iconv: the bytes of a character cut at the end of a chunk
  // (two or four bytes in GB18030) wait for the next chunk.
  const d = iconv.getDecoder('gb18030', { stripBOM: true });
  let carry: Buffer = Buffer.alloc(0);
  return {
    write(c) {
      const buf = carry.length ? Buffer.concat([carry, c]) : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
      const cut = gb18030Whole(buf);
      carry = Buffer.from(buf.subarray(cut));
      return d.write(buf.subarray(0, cut));
    },
    end() {
      const rest = carry.length ? d.write(carry) : '';
      carry = Buffer.alloc(0);
      return rest + (d.end() ?? '');
    },
  };
}

/** The length of the longest prefix of `b` made of whole GB18030 characters. */
function gb18030Whole(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const x = b[i]!;
    if (x < 0x80) i++;
    else if (i + 1 >= n) break;
    else {
      const y = b[i + 1]!;
      if (y >= 0x30 && y <= 0x39) {
        if (i + 3 >= n) break;
        i += 4;
      } else i += 2;
    }
  }
  return i;
}

/** Text to bytes for output files: UTF-8 (the BOM is the caller's choice) or GB18030. */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  return encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'gb18030');
}

const wholeUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Bytes that hold whole characters (a piece of a register cut after a newline byte, which is
 * never part of a multi-byte character in UTF-8 or GB18030) → text. A BOM is kept: only the
 * start of a file may drop it, and that piece is decoded by the streaming decoder.
 */
export function decodeWhole(bytes: Uint8Array, encoding: TextEncoding): string {
  if (encoding === 'utf-8') return wholeUtf8.decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030', { stripBOM: false });
}
