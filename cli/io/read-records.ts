// Records from JSON, JSON Lines or CSV, streamed in input order. Every record that
// cannot be read still yields an entry (an error), so nothing is lost.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { extname } from 'node:path';
import { recordError, type RecordError } from '../../runtime/index.js';
import { CsvReader } from './csv.js';
import { mapColumns, type ColumnMap } from './register-columns.js';
import { rowToRecord } from './csv-record.js';

export type InputFormat = 'json' | 'jsonl' | 'csv';

export interface InputRecord {
  /** 1-based record number (JSON), or line number (JSON Lines, CSV). */
  position: number;
  raw?: unknown;
  error?: RecordError;
}

export interface ReadStats {
  skippedBlank: number;
  extraColumns: string[];
}

export function detectFormat(path: string, given?: string): InputFormat {
  if (given === 'json' || given === 'jsonl' || given === 'csv') return given;
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return 'json';
}

export async function* readRecords(path: string, format: InputFormat, itemIds: readonly string[], stats: ReadStats = { skippedBlank: 0, extraColumns: [] }): AsyncGenerator<InputRecord> {
  const input = () => (path === '-' ? process.stdin : createReadStream(path));
  if (format === 'json') {
    const text = readFileSync(path === '-' ? 0 : path, 'utf8').replace(/^\uFEFF/, '');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      yield { position: 1, error: recordError('#1', 'FL5001', '(文件)', { detail: (e as Error).message }) };
      return;
    }
    const list = Array.isArray(value) ? value : [value];
    for (let i = 0; i < list.length; i++) yield { position: i + 1, raw: list[i] };
    return;
  }
  if (format === 'jsonl') {
    let line = 0;
    for await (const text of createInterface({ input: input(), crlfDelay: Infinity })) {
      line++;
      const t = line === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (t.trim() === '') {
        stats.skippedBlank++;
        continue;
      }
      try {
        yield { position: line, raw: JSON.parse(t) };
      } catch (e) {
        yield { position: line, error: recordError(`#${line}`, 'FL5001', `(第${line}行)`, { detail: (e as Error).message }) };
      }
    }
    return;
  }
  const reader = new CsvReader();
  let cols: ColumnMap | undefined;
  const handle = function* (row: { cells: string[]; line: number }): Generator<InputRecord> {
    if (!cols) {
      cols = mapColumns(row.cells, itemIds);
      stats.extraColumns = cols.extra;
      return;
    }
    if (row.cells.every((c) => c.trim() === '')) {
      stats.skippedBlank++;
      return;
    }
    const r = rowToRecord(row.cells, cols);
    if ('problem' in r) {
      const id = cols.fixed.id !== undefined && row.cells[cols.fixed.id]?.trim() ? row.cells[cols.fixed.id]!.trim() : `#${row.line}`;
      yield { position: row.line, error: { id, error: { code: 'FL5003', field: r.problem.field, message: r.problem.message, messageEn: r.problem.message } } };
    } else yield { position: row.line, raw: r.record };
  };
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of input()) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    for (const row of reader.push(text)) yield* handle(row);
  }
  for (const row of reader.push(decoder.decode())) yield* handle(row);
  const last = reader.end();
  if (last) yield* handle(last);
}
