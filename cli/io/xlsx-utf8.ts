// exceljs's streaming reader turns every chunk of a zip entry into text on its own
// (parse-sax.js), so a Chinese character cut by a chunk boundary comes out as U+FFFD
// (“第1452��厂”). This reader hands it text instead: each entry is decoded by one streaming
// UTF-8 decoder, which keeps a character's first bytes until the rest arrive.
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';

/** Byte chunks → text, a character split between chunks decoded whole. */
export async function* utf8Text(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const c of chunks) {
    const t = typeof c === 'string' ? c : decoder.decode(c, { stream: true });
    if (t !== '') yield t;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** A zip entry (a stream of bytes) → a stream of text, as exceljs's iterate-stream reads it. */
const textStream = (entry: NodeJS.ReadableStream) => Readable.from(utf8Text(entry as AsyncIterable<Buffer>), { objectMode: true });

type ReaderClass = typeof ExcelJS.stream.xlsx.WorkbookReader;
/** The methods of exceljs 4's WorkbookReader that read an entry's bytes. */
const ENTRY_METHODS = ['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseStyles'] as const;
const ITERATOR_METHODS = ['_parseWorksheet', '_parseHyperlinks'] as const;

/** exceljs's WorkbookReader with every XML entry decoded across chunk boundaries. */
export function utf8WorkbookReader(Base: ReaderClass): ReaderClass {
  const proto = Base.prototype as unknown as Record<string, unknown>;
  for (const m of [...ENTRY_METHODS, ...ITERATOR_METHODS]) {
    // A later exceljs may read entries differently: fail loudly rather than corrupt text again.
    if (typeof proto[m] !== 'function') throw new Error(`exceljs WorkbookReader has no ${m}: the UTF-8 fix in cli/io/xlsx-utf8.ts needs updating`);
  }
  type Method = (this: unknown, ...args: unknown[]) => unknown;
  const Reader = class extends (Base as unknown as new (...args: unknown[]) => object) {};
  const rp = Reader.prototype as unknown as Record<string, Method>;
  for (const m of ENTRY_METHODS) {
    const base = proto[m] as Method;
    rp[m] = function (this: unknown, entry: unknown, ...rest: unknown[]) {
      return base.call(this, textStream(entry as NodeJS.ReadableStream), ...rest);
    };
  }
  for (const m of ITERATOR_METHODS) {
    const base = proto[m] as Method;
    rp[m] = function (this: unknown, iterator: unknown, ...rest: unknown[]) {
      return base.call(this, utf8Text(iterator as AsyncIterable<Uint8Array>), ...rest);
    };
  }
  return Reader as unknown as ReaderClass;
}
