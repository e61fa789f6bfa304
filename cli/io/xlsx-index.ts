// What the streaming xlsx reader cannot tell before the rows go by: the workbook's sheet
// names and the merged ranges of a sheet (they are written after its rows). Read from the
// zip directly: the central directory, workbook.xml and its relationships, and one pass
// over the sheet's XML that only looks for <mergeCell ref="…"/>.
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { pipeline, Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

export interface SheetInfo {
  name: string;
  /** visible, hidden or veryHidden. */
  state: string;
  /** Zip path of the sheet's XML, e.g. xl/worksheets/sheet1.xml. */
  path: string;
}

/** A merged range, 1-based rows and columns, inclusive. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export class XlsxFormatError extends Error {}

async function readAt(fh: Awaited<ReturnType<typeof open>>, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

async function zipEntries(path: string): Promise<Map<string, ZipEntry>> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const tailLen = Math.min(size, 65_557);
    const tail = await readAt(fh, size - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new XlsxFormatError('不是有效的 xlsx 文件（缺少 zip 目录）。 Not an xlsx (zip) file.');
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || cdSize === 0xffffffff || count === 0xffff) {
      const loc = eocd - 20;
      if (loc >= 0 && tail.readUInt32LE(loc) === 0x07064b50) {
        const z64 = Number(tail.readBigUInt64LE(loc + 8));
        const rec = await readAt(fh, z64, 56);
        if (rec.readUInt32LE(0) === 0x06064b50) {
          count = Number(rec.readBigUInt64LE(32));
          cdSize = Number(rec.readBigUInt64LE(40));
          cdOffset = Number(rec.readBigUInt64LE(48));
        }
      }
    }
    const cd = await readAt(fh, cdOffset, cdSize);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let k = 0; k < count && p + 46 <= cd.length; k++) {
      if (cd.readUInt32LE(p) !== 0x02014b50) break;
      const method = cd.readUInt16LE(p + 10);
      let compressedSize = cd.readUInt32LE(p + 20);
      const uncompressed = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      let localOffset = cd.readUInt32LE(p + 42);
      const name = cd.subarray(p + 46, p + 46 + nameLen).toString('utf8');
      // Zip64 extra field: the 64-bit sizes and offset that did not fit.
      let e = p + 46 + nameLen;
      const extraEnd = e + extraLen;
      while (e + 4 <= extraEnd) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (uncompressed === 0xffffffff) q += 8;
          if (compressedSize === 0xffffffff) {
            compressedSize = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
          if (localOffset === 0xffffffff) localOffset = Number(cd.readBigUInt64LE(q));
        }
        e += 4 + len;
      }
      entries.set(name, { name, method, compressedSize, localOffset });
      p = extraEnd + commentLen;
    }
    // Where each entry's data starts: after its local header.
    for (const entry of entries.values()) {
      const lh = await readAt(fh, entry.localOffset, 30);
      if (lh.readUInt32LE(0) !== 0x04034b50) throw new XlsxFormatError(`xlsx 文件已损坏（${entry.name}）。 Corrupt xlsx file.`);
      entry.localOffset += 30 + lh.readUInt16LE(26) + lh.readUInt16LE(28);
    }
    return entries;
  } finally {
    await fh.close();
  }
}

function entryStream(path: string, entry: ZipEntry, onBytes?: (bytes: number) => void): NodeJS.ReadableStream {
  if (entry.method !== 0 && entry.method !== 8) throw new XlsxFormatError(`xlsx 文件使用了不支持的压缩方式（${entry.method}）。`);
  const file = createReadStream(path, { start: entry.localOffset, end: entry.localOffset + entry.compressedSize - 1 });
  let at = entry.localOffset;
  const stages: NodeJS.ReadWriteStream[] = [];
  if (onBytes) stages.push(new Transform({ transform: (chunk: Buffer, _enc, done) => (onBytes((at += chunk.length)), done(null, chunk)) }));
  if (entry.method === 8) stages.push(createInflateRaw());
  if (!stages.length) return file;
  // One pipeline: a read error reaches the reader, and closing the reader early closes the file.
  pipeline([file, ...stages], () => {});
  return stages[stages.length - 1]!;
}

async function entryText(path: string, entry: ZipEntry | undefined): Promise<string> {
  if (!entry) return '';
  const parts: Buffer[] = [];
  for await (const chunk of entryStream(path, entry)) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

const xmlText = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (m, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : codePoint(m, e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );

/** A character reference's character; one naming no character (&#x110000;) is a damaged workbook, not a crash. */
function codePoint(ref: string, n: number): string {
  if (!(n >= 0 && n <= 0x10ffff)) throw new XlsxFormatError(`xlsx 文件已损坏：工作簿中有无效的字符引用“${ref.slice(0, 24)}”。 Corrupt xlsx file: invalid character reference.`);
  return String.fromCodePoint(n);
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) out[m[1]!] = xmlText(m[2]!);
  return out;
}

export interface XlsxIndex {
  sheets: SheetInfo[];
  /** Merged ranges of a sheet (read on demand: one pass over its XML). */
  merges(sheet: SheetInfo): Promise<MergedRange[]>;
  /** The bytes of one part (`xl/styles.xml`), undefined when there is none; `onBytes` gets the file offset read up to. */
  part(name: string, onBytes?: (bytes: number) => void): NodeJS.ReadableStream | undefined;
}

export async function readXlsxIndex(path: string): Promise<XlsxIndex> {
  const entries = await zipEntries(path);
  const book = await entryText(path, entries.get('xl/workbook.xml'));
  const rels = await entryText(path, entries.get('xl/_rels/workbook.xml.rels'));
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attrs(m[0]);
    if (a.Id && a.Target) targets.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}`);
  }
  const sheets: SheetInfo[] = [];
  for (const m of book.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attrs(m[0]);
    const rid = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
    const target = rid ? targets.get(rid) : undefined;
    if (a.name && target) sheets.push({ name: a.name, state: a.state ?? 'visible', path: target });
  }
  return {
    sheets,
    part(name, onBytes) {
      const entry = entries.get(name);
      return entry ? entryStream(path, entry, onBytes) : undefined;
    },
    async merges(sheet) {
      const entry = entries.get(sheet.path);
      if (!entry) return [];
      const out: MergedRange[] = [];
      const decoder = new TextDecoder('utf-8');
      let carry = '';
      for await (const chunk of entryStream(path, entry)) {
        const text = carry + decoder.decode(chunk as Buffer, { stream: true });
        let last = 0;
        for (const m of text.matchAll(/<(?:\w+:)?mergeCell\b[^>]*?ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"[^>]*>/g)) {
          const [, c1, r1, c2 = c1!, r2 = r1!] = m;
          out.push({ top: Number(r1), left: colNumber(c1!), bottom: Number(r2), right: colNumber(c2!) });
          last = m.index! + m[0].length;
        }
        // Keep a short tail in case a tag is split between chunks.
        carry = text.slice(Math.max(last, text.length - 256));
      }
      return out;
    },
  };
}

export function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/** The text of one part of an xlsx (`xl/worksheets/sheet1.xml`), '' when there is none: for checks of what we wrote. */
export async function xlsxPartText(path: string, part: string): Promise<string> {
  return entryText(path, (await zipEntries(path)).get(part));
}
