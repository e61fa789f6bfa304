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
import { briefDecision, storeInspections, type BriefDecision, type RecordResult, type StoreProgress } from './classify.js';
import { invalid } from './errors.js';
import type { UploadProgress } from './upload-progress.js';
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
  results: UploadRow[];
  extraColumns: string[];
  missingItems: string[];
}

export interface UploadInput {
  bytes: Buffer;
  fileName: string;
  format: 'csv' | 'xlsx';
  /** Rows decided, then rows written, so far (progress), called as the transaction goes. */
  onProgress?: (p: StoreProgress) => void;
  /** Where the server keeps every upload's progress (GET /api/uploads/{hash}/progress). */
  progress?: UploadProgress;
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

export async function uploadRegister(db: Database, user: User, rules: RuleBook, input: UploadInput): Promise<UploadSummary> {
  requireRole(user, ...WRITERS);
  const fileHash = createHash('sha256').update(input.bytes).digest('hex');
  input.progress?.start(fileHash, input.fileName, user.id);
  try {
    const summary = await take(db, user, rules, input, fileHash);
    input.progress?.finish(fileHash, true);
    return summary;
  } catch (e) {
    input.progress?.finish(fileHash, false);
    throw e;
  }
}

async function take(db: Database, user: User, rules: RuleBook, input: UploadInput, fileHash: string): Promise<UploadSummary> {
  const { itemIds, factNames } = await rules.columnsFor(db, user.regions);
  const { records, stats } = await readRegister(input, itemIds, factNames);
  if (records.length === 0) throw invalid('登记表中没有记录', 'the register has no records');
  const onProgress = (p: StoreProgress) => {
    input.progress?.update(fileHash, p);
    input.onProgress?.(p);
  };

  return db.transaction(async (tx) => {
    // The same file uploaded twice at once: the second waits here, then finds the first.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [fileHash]);
    const [prior] = await tx.query<{ id: number; summary: UploadSummary }>('SELECT id, summary FROM uploads WHERE file_hash = $1', [fileHash]);
    if (prior) return { ...prior.summary, uploadId: prior.id, alreadyTaken: true };
    const [up] = await tx.query<{ id: number }>('INSERT INTO uploads (file_hash, file_name, uploaded_by) VALUES ($1, $2, $3) RETURNING id', [fileHash, input.fileName, user.id]);
    const results = await storeInspections(tx, user, rules, records.map((r) => ({ raw: r.raw, row: r.position, error: r.error })), { uploadId: up!.id, fileHash }, { onProgress, keep: briefDecision });
    results.sort((a, b) => a.row - b.row);
    const count = (s: UploadRow['status']) => results.filter((x) => x.status === s).length;
    const summary: UploadSummary = {
      uploadId: up!.id,
      fileHash,
      fileName: input.fileName,
      alreadyTaken: false,
      rows: results.length,
      stored: count('stored'),
      duplicates: count('duplicate'),
      errors: count('error'),
      results,
      extraColumns: stats.extraColumns,
      missingItems: stats.missingItems ?? [],
    };
    await tx.query('UPDATE uploads SET summary = $2::jsonb WHERE id = $1', [up!.id, JSON.stringify(summary)]);
    await audit(tx, user.id, 'upload', 'upload', up!.id, null, { fileName: input.fileName, fileHash, rows: summary.rows, stored: summary.stored, duplicates: summary.duplicates, errors: summary.errors });
    return summary;
  });
}

/** What the upload answer says of each row: the class and mode (the whole decision is one request away, GET /api/decisions/{id}). */
export type UploadRow = RecordResult<BriefDecision>;
