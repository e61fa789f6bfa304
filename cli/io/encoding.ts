// Text encodings of registers: UTF-8 (with or without BOM) and GB18030, which is what
// Excel on Chinese Windows saves as “CSV (逗号分隔)”. Detected from the first bytes,
// decoded as a stream so a register is never held in memory whole; bytes that are not of
// the encoding are refused with their line and offset, never read as something else.
import { isUtf8 } from 'node:buffer';
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

/** How many bytes at the start of a register the encoding is detected from (whatever the chunks). */
export const DETECT_BYTES = 1 << 20;

/**
 * UTF-8 when the bytes carry its BOM or decode as strict UTF-8 (an incomplete character at
 * the end is allowed), and also when at least as many lines are UTF-8 with Chinese in them
 * as are not UTF-8: a UTF-8 register with a broken byte is then refused at that byte rather
 * than read as GB18030 (食品 → 椋熷搧). GB18030 otherwise (and a UTF-8 line in it is refused). A UTF-16 file (Excel's “Unicode 文本”) is refused with
 * a hint, since it is tab-separated rather than CSV.
 */
export function detectEncoding(head: Uint8Array): TextEncoding {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    throw new EncodingError('文件是 UTF-16 编码（Excel 的“Unicode 文本”），请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”。 The file is UTF-16; save it as CSV.');
  }
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (utf8Invalid(b, 0, b.length, false) < 0) return 'utf-8';
  // Not all UTF-8: the lines that are UTF-8 with Chinese in them against those that are not UTF-8.
  const breaks = new LineBreaks(b);
  let utf8 = 0;
  let other = 0;
  for (let from = 0; from < b.length; ) {
    const e = breaks.next(from);
    if (e < 0) break;
    if (utf8Line(b, from, e)) utf8++;
    else if (utf8Invalid(b, from, e, true) >= 0) other++;
    from = e + 1;
  }
  return utf8 > 0 && utf8 >= other ? 'utf-8' : 'gb18030';
}

/** The next CR or LF at or after an offset (offsets asked in increasing order). */
class LineBreaks {
  private lf = -2;
  private cr = -2;
  constructor(private readonly b: Buffer) {}
  next(from: number): number {
    if (this.lf !== -1 && this.lf < from) this.lf = this.b.indexOf(10, from);
    if (this.cr !== -1 && this.cr < from) this.cr = this.b.indexOf(13, from);
    return this.cr < 0 ? this.lf : this.lf < 0 ? this.cr : Math.min(this.cr, this.lf);
  }
}

/** b[from, to) is UTF-8 with a character of three bytes or more (Chinese): GB18030 text almost never is. */
function utf8Line(b: Buffer, from: number, to: number): boolean {
  let wide = false;
  for (let i = from; i < to; i++) {
    if (b[i]! >= 0xe0) {
      wide = true;
      break;
    }
  }
  return wide && isUtf8(b.subarray(from, to));
}

/**
 * Where b[from, to) stops being UTF-8 (the offset of the first byte of the bad sequence),
 * or -1. A character cut at `to` is bad only when `final`; otherwise -1 - (its offset) is
 * returned, so the caller can keep it for the next chunk.
 */
function utf8Invalid(b: Uint8Array, from: number, to: number, final: boolean): number {
  let i = from;
  while (i < to) {
    const x = b[i]!;
    if (x < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (x >= 0xc2 && x <= 0xdf) need = 1;
    else if (x >= 0xe0 && x <= 0xef) {
      need = 2;
      if (x === 0xe0) lo = 0xa0;
      if (x === 0xed) hi = 0x9f;
    } else if (x >= 0xf0 && x <= 0xf4) {
      need = 3;
      if (x === 0xf0) lo = 0x90;
      if (x === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= to) return final ? i : -1 - i;
      const y = b[i + k]!;
      if (y < (k === 1 ? lo : 0x80) || y > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Where b[from, to) (whole lines) stops being GB18030, or -1. 0x80 is €, as Excel on Windows writes it. */
function gb18030Invalid(b: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const x = b[i]!;
    if (x <= 0x80) {
      i++;
      continue;
    }
    if (x === 0xff || i + 1 >= to) return i;
    const y = b[i + 1]!;
    if (y >= 0x30 && y <= 0x39) {
      if (i + 3 >= to) return i;
      const z = b[i + 2]!;
      const w = b[i + 3]!;
      if (z < 0x81 || z > 0xfe || w < 0x30 || w > 0x39) return i;
      i += 4;
    } else if ((y >= 0x40 && y <= 0x7e) || (y >= 0x80 && y <= 0xfe)) i += 2;
    else return i;
  }
  return -1;
}

const ENCODING_NAME = { 'utf-8': 'UTF-8', gb18030: 'GB18030' } as const;
const hex = (x: number | undefined) => (x === undefined ? '文件结尾 end of file' : `0x${x.toString(16).toUpperCase().padStart(2, '0')}`);

/** Where bytes stop being of their encoding: a byte not of it, or (GB18030 detected) a line that is UTF-8. */
export interface EncodingProblem {
  at: number;
  kind: 'invalid' | 'utf-8 line';
}

/** The refusal for a problem at `offset` of the file (`line`: 1-based, by LF; `byte`: the byte there). */
export function encodingError(encoding: TextEncoding, kind: EncodingProblem['kind'], line: number, offset: number, byte: number | undefined): EncodingError {
  if (kind === 'utf-8 line') {
    return new EncodingError(
      `登记表按 GB18030 读取，但第 ${line} 行（字节偏移 ${offset}）是 UTF-8 编码：文件中混有两种编码，照此读下去会把一些行读错，因此不读。请把整个文件另存为同一种编码；若该行确是 GB18030，请加 --input-encoding gb18030。 The register mixes GB18030 and UTF-8 (line ${line}, byte offset ${offset}); save it in one encoding, or give --input-encoding gb18030.`,
    );
  }
  const name = ENCODING_NAME[encoding];
  return new EncodingError(
    `登记表第 ${line} 行（字节偏移 ${offset}）有不属于 ${name} 编码的字节（${hex(byte)}）：文件已损坏，或混有其他编码的内容，照此读下去会把该行读错，因此不读。请改正该行，或在 Excel 中打开后重新另存为 CSV；编码可用 --input-encoding 指定。 The register is not valid ${name} at line ${line} (byte offset ${offset}).`,
  );
}

/** The first problem of UTF-8 bytes b[0, to), an incomplete character at `to` included. */
function utf8Problem(b: Buffer, to: number): EncodingProblem | undefined {
  if (isUtf8(b.subarray(0, to))) return undefined;
  return { at: Math.max(0, utf8Invalid(b, 0, to, true)), kind: 'invalid' };
}

/**
 * GB18030 bytes checked line by line (whole lines only, unless `final`): how far they were
 * checked, and the first problem. `detected`: a line that is UTF-8 is a problem too.
 */
function gb18030Lines(b: Buffer, detected: boolean, final: boolean): { cut: number; problem?: EncodingProblem } {
  const breaks = new LineBreaks(b);
  let from = 0;
  for (;;) {
    let e = breaks.next(from);
    if (e < 0) {
      if (!final) break;
      e = b.length;
    }
    if (e > from) {
      if (detected && utf8Line(b, from, e)) return { cut: from, problem: { at: from, kind: 'utf-8 line' } };
      const bad = gb18030Invalid(b, from, e);
      if (bad >= 0) return { cut: from, problem: { at: bad, kind: 'invalid' } };
    }
    from = e + 1;
    if (from >= b.length) break;
  }
  return { cut: Math.min(from, b.length) };
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A piece of a register that starts at a line start, read to its end (the parallel path's
 * workers): its text, or its first encoding problem, found as ByteCheck finds it. UTF-8 is
 * checked by the decoder itself, at no extra cost.
 */
export function decodePiece(bytes: Uint8Array, encoding: TextEncoding, detected: boolean): { text: string } | { problem: EncodingProblem } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (encoding === 'utf-8') {
    try {
      return { text: fatalUtf8.decode(b) };
    } catch {
      return { problem: utf8Problem(b, b.length) ?? { at: 0, kind: 'invalid' } };
    }
  }
  const { problem } = gb18030Lines(b, detected, true);
  return problem ? { problem } : { text: decodeWhole(b, encoding) };
}

/**
 * Checks a register's bytes as they stream by and gives back the part that is whole and
 * valid: whole characters (UTF-8) or whole lines (GB18030, checked line by line). Refuses,
 * with the line and byte offset, bytes that are not of the encoding and — when GB18030 was
 * only detected — a line that is UTF-8: a row is never read in an encoding it is not in.
 * Where the error is found does not depend on how the bytes are chunked, so the parallel
 * path (whose workers check their pieces with decodePiece) and this one refuse a file alike.
 */
export class ByteCheck {
  /** File offset of the first pending byte, and LF bytes before it. */
  private offset = 0;
  private lfs = 0;
  private pending: Buffer = Buffer.alloc(0);

  constructor(
    readonly encoding: TextEncoding,
    /** The encoding was detected, not given: refuse lines of the other encoding. */
    private readonly detected: boolean,
  ) {}

  /** Feeds bytes; returns those now checked (whole), keeping the rest for the next call. */
  push(chunk: Uint8Array): Buffer {
    const c = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const b = this.pending.length ? Buffer.concat([this.pending, c]) : c;
    const cut = this.check(b, false);
    this.pending = cut < b.length ? Buffer.from(b.subarray(cut)) : Buffer.alloc(0);
    return b.subarray(0, cut);
  }

  /** The bytes left at the end of the file, checked. */
  end(): Buffer {
    const b = this.pending;
    this.pending = Buffer.alloc(0);
    this.check(b, true);
    return b;
  }

  private check(b: Buffer, final: boolean): number {
    let cut = b.length;
    let problem: EncodingProblem | undefined;
    if (this.encoding === 'utf-8') {
      // A character cut at the end waits for the next chunk.
      for (let k = 1; !final && k <= 3 && k <= b.length; k++) {
        const x = b[b.length - k]!;
        if ((x & 0xc0) !== 0x80) {
          if (x >= 0xc0 && k < (x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : 2)) cut = b.length - k;
          break;
        }
      }
      problem = utf8Problem(b, cut);
    } else ({ cut, problem } = gb18030Lines(b, this.detected, final));
    if (problem) {
      let line = this.lfs + 1;
      for (let i = b.indexOf(10); i >= 0 && i < problem.at; i = b.indexOf(10, i + 1)) line++;
      throw encodingError(this.encoding, problem.kind, line, this.offset + problem.at, b[problem.at]);
    }
    for (let i = b.indexOf(10); i >= 0 && i < cut; i = b.indexOf(10, i + 1)) this.lfs++;
    this.offset += cut;
    return cut;
  }
}

/** A streaming decoder: bytes in, text out, checked by ByteCheck; a character split across chunks is kept for the next. */
export interface Decoder {
  write(chunk: Uint8Array): string;
  end(): string;
}

/** `detected`: the encoding was detected rather than given (see ByteCheck). */
export function makeDecoder(encoding: TextEncoding, detected = false): Decoder {
  const check = new ByteCheck(encoding, detected);
  let first = true;
  const text = (b: Uint8Array) => {
    let t = decodeWhole(b, encoding);
    if (first && t !== '') {
      first = false;
      if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
    }
    return t;
  };
  return { write: (c) => text(check.push(c)), end: () => text(check.end()) };
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
