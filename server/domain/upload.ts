// A register (the project's CSV or xlsx format, read by cli/io) taken in as ONE transaction:
// every row is stored with its decision, or none is. Idempotent twice over: the same file
// (by its SHA-256) is taken once, and an enterprise's inspection of a day is stored once.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isInputProblem, readRecords, type InputFormat, type InputRecord, type ReadStats } from '../../cli/io/read-records.js';
import type { Database } from '../db/types.js';
import { requireRole, WRITERS } from './access.js';
import { audit } from './audit.js';
import { newTxCache, storeInspection, type RecordResult } from './classify.js';
import { invalid } from './errors.js';
import { identify } from './identity.js';
import type { RuleBook } from './rule-book.js';
import type { User } from './user.js';

export interface UploadSummary {
  uploadId: number;
  fileHash: string;
  fileName: string;
  /** The same file was taken before: nothing was written now. */
  alreadyTaken: boolean;
  rows: number;
  stored: number;
  duplicates: number;
  errors: number;
  results: RecordResult[];
  extraColumns: string[];
  missingItems: string[];
}

export interface UploadInput {
  bytes: Buffer;
  fileName: string;
  format: 'csv' | 'xlsx';
  /** Rows done so far (progress), called as the transaction goes. */
  onProgress?: (done: number, total: number) => void;
}

/** Reads the register with the project's readers (a temporary copy: they read files). */
async function readRegister(input: UploadInput, itemIds: string[], factNames: string[]): Promise<{ records: InputRecord[]; stats: ReadStats }> {
  const dir = mkdtempSync(join(tmpdir(), 'fenlei-upload-'));
  try {
    const path = join(dir, input.format === 'xlsx' ? 'register.xlsx' : 'register.csv');
    writeFileSync(path, input.bytes);
    const stats: ReadStats = { skippedBlank: 0, extraColumns: [] };
    const records: InputRecord[] = [];
    try {
      for await (const r of readRecords(path, input.format as InputFormat, { itemIds, factNames }, stats)) records.push(r);
    } catch (e) {
      // The file as a whole cannot be read (encoding, not a workbook…): said as the CLI says it.
      if (isInputProblem(e)) throw invalid(`登记表无法读取：${e.message}`, `the register cannot be read: ${e.message}`);
      throw e;
    }
    return { records, stats };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rows of one enterprise together and by date, so that each sees the one before in its history, and locks are taken in one order. */
function order(records: InputRecord[]): InputRecord[] {
  const key = (r: InputRecord) => {
    const who = r.raw === undefined ? undefined : identify(r.raw, r.position);
    return who && !('error' in who) ? `${who.creditCode ?? `${who.region}|${who.name}`}\u0000${who.date}` : '';
  };
  return records.map((r) => ({ r, k: key(r) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.r.position - b.r.position)).map((x) => x.r);
}

export async function uploadRegister(db: Database, user: User, rules: RuleBook, input: UploadInput): Promise<UploadSummary> {
  requireRole(user, ...WRITERS);
  const fileHash = createHash('sha256').update(input.bytes).digest('hex');
  const { itemIds, factNames } = await rules.columnsFor(db, user.regions);
  const { records, stats } = await readRegister(input, itemIds, factNames);
  if (records.length === 0) throw invalid('登记表中没有记录', 'the register has no records');

  return db.transaction(async (tx) => {
    // The same file uploaded twice at once: the second waits here, then finds the first.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [fileHash]);
    const [prior] = await tx.query<{ id: number; summary: UploadSummary }>('SELECT id, summary FROM uploads WHERE file_hash = $1', [fileHash]);
    if (prior) return { ...prior.summary, uploadId: prior.id, alreadyTaken: true };
    const [up] = await tx.query<{ id: number }>('INSERT INTO uploads (file_hash, file_name, uploaded_by) VALUES ($1, $2, $3) RETURNING id', [fileHash, input.fileName, user.id]);
    const results: RecordResult[] = [];
    const cache = newTxCache();
    let done = 0;
    for (const r of order(records)) {
      results.push(r.error ? { row: r.position, id: r.error.id, status: 'error', error: r.error.error } : await storeInspection(tx, user, rules, r.raw, r.position, { uploadId: up!.id, fileHash }, cache));
      if (++done % 100 === 0) input.onProgress?.(done, records.length);
    }
    results.sort((a, b) => a.row - b.row);
    const count = (s: RecordResult['status']) => results.filter((x) => x.status === s).length;
    const summary: UploadSummary = {
      uploadId: up!.id,
      fileHash,
      fileName: input.fileName,
      alreadyTaken: false,
      rows: results.length,
      stored: count('stored'),
      duplicates: count('duplicate'),
      errors: count('error'),
      results: results.map(compact),
      extraColumns: stats.extraColumns,
      missingItems: stats.missingItems ?? [],
    };
    await tx.query('UPDATE uploads SET summary = $2::jsonb WHERE id = $1', [up!.id, JSON.stringify(summary)]);
    await audit(tx, user.id, 'upload', 'upload', up!.id, null, { fileName: input.fileName, fileHash, rows: summary.rows, stored: summary.stored, duplicates: summary.duplicates, errors: summary.errors });
    input.onProgress?.(records.length, records.length);
    return summary;
  });
}

/** What the upload answer says of each row (the decision itself is one request away). */
function compact(r: RecordResult): RecordResult {
  const { decision, ...rest } = r;
  return decision ? { ...rest, decision: { ...decision, trace: [], measures: [] } } : rest;
}
