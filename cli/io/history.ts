// Last year's decisions as this year's history (第二十一条 needs the previous class and the
// date of the previous review): `eval --history <previous decisions>` fills each register row's
// 上次类别 and 上次评定日期 from a previous `fenlei eval` output, per enterprise.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { classRank, recordNotice, type Notice } from '../../runtime/index.js';
import { detectFormat, InputError, tableRows } from './read-records.js';
import { headerText } from './register-columns.js';

/** What a previous decision says about one enterprise. */
export interface PreviousDecision {
  class: string;
  /** The inspection date of that decision (the previous review), when the file has it. */
  date?: string;
}

/** The previous decisions by credit code and by record id (plain data: it goes to the worker threads). */
export interface HistoryIndex {
  file: string;
  byCredit: Map<string, PreviousDecision>;
  byId: Map<string, PreviousDecision>;
}

/** How the rows of a register met the history: matched by credit code, by id, or not at all, and how many disagreed. */
export interface HistoryCounts {
  byCredit: number;
  byId: number;
  unmatched: number;
  disagreed: number;
}

export const noHistoryCounts = (): HistoryCounts => ({ byCredit: 0, byId: 0, unmatched: 0, disagreed: 0 });

export function addHistoryCounts(a: HistoryCounts, b: HistoryCounts): void {
  a.byCredit += b.byCredit;
  a.byId += b.byId;
  a.unmatched += b.unmatched;
  a.disagreed += b.disagreed;
}

const creditKey = (s: string) => s.trim().toUpperCase();

/** A decisions-file header cell (`类别 class`, `类别`, `class`) → the key it names. */
function headerKey(cell: string): string | undefined {
  const h = headerText(cell);
  const both = /^(\S+)\s+([A-Za-z]+)$/.exec(h);
  const names: Record<string, string> = { 编号: 'id', id: 'id', 统一社会信用代码: 'creditCode', creditcode: 'creditCode', 类别: 'class', class: 'class', 检查日期: 'date', date: 'date' };
  return names[both ? both[2]!.toLowerCase() : h] ?? names[h.toLowerCase()];
}

function add(index: HistoryIndex, id: string | undefined, credit: string | undefined, cls: string | undefined, date: string | undefined): void {
  // An error or an enterprise outside the Measures has no class to carry over.
  if (!cls || classRank(cls) < 0) return;
  const d: PreviousDecision = date ? { class: cls, date } : { class: cls };
  if (credit) index.byCredit.set(creditKey(credit), d);
  if (id) index.byId.set(id.trim(), d);
}

/** Reads a previous `fenlei eval` output: .csv or .xlsx (decisions with their header) or .jsonl (one decision a line). */
export async function loadHistory(path: string): Promise<HistoryIndex> {
  const index: HistoryIndex = { file: basename(path), byCredit: new Map(), byId: new Map() };
  const format = detectFormat(path);
  if (format === 'jsonl' || format === 'json') {
    let line = 0;
    for await (const text of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
      line++;
      const t = text.replace(/^\uFEFF/, '').trim();
      if (!t) continue;
      let o: { id?: unknown; class?: unknown; creditCode?: unknown; date?: unknown };
      try {
        o = JSON.parse(t) as typeof o;
      } catch {
        throw new InputError(`上次判定结果 ${path} 第 ${line} 行不是 JSON / line ${line} of the previous decisions is not JSON`);
      }
      const s = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
      add(index, s(o.id), s(o.creditCode), s(o.class), s(o.date));
    }
    return index;
  }
  let cols: Record<string, number> | undefined;
  for await (const r of tableRows(path, format)) {
    if (!cols) {
      const found: Record<string, number> = {};
      r.cells.forEach((c, i) => {
        const k = headerKey(c ?? '');
        if (k && found[k] === undefined) found[k] = i;
      });
      if (found.class !== undefined && (found.id !== undefined || found.creditCode !== undefined)) cols = found;
      continue;
    }
    const at = (k: string) => (cols![k] === undefined ? undefined : r.cells[cols![k]!]?.trim() || undefined);
    add(index, at('id'), at('creditCode'), at('class'), at('date'));
  }
  if (!cols) throw new InputError(`上次判定结果 ${path} 中没有“编号”和“类别”列（应为 fenlei eval 的输出）/ no id and class columns: not a fenlei eval output`);
  return index;
}

interface RawRecord {
  id?: unknown;
  enterprise?: { creditCode?: unknown };
  history?: Record<string, unknown>;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/**
 * Fills the record's previous class and review date from the history (in place), and says
 * where the register's own value differs (FL5130; the previous decision is used). Returns
 * the warnings, and counts the match.
 */
export function applyHistory(raw: unknown, index: HistoryIndex, counts: HistoryCounts): Notice[] | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const rec = raw as RawRecord;
  const credit = text(rec.enterprise?.creditCode);
  let last = credit ? index.byCredit.get(creditKey(credit)) : undefined;
  if (last) counts.byCredit++;
  else {
    const id = text(rec.id);
    last = id ? index.byId.get(id) : undefined;
    if (!last) {
      counts.unmatched++;
      return undefined;
    }
    counts.byId++;
  }
  const h = (rec.history && typeof rec.history === 'object' ? rec.history : (rec.history = {})) as Record<string, unknown>;
  let warnings: Notice[] | undefined;
  const given = text(h.previousClass).replace(/类$/, '');
  if (given && given !== '无' && given !== last.class) (warnings ??= []).push(recordNotice('FL5130', 'history.previousClass', { what: '上次类别', whatEn: 'previous class', given: text(h.previousClass), last: last.class, file: index.file }));
  h.previousClass = last.class;
  if (last.date) {
    const givenDate = text(h.previousReviewDate);
    if (givenDate && givenDate !== last.date) (warnings ??= []).push(recordNotice('FL5130', 'history.previousReviewDate', { what: '上次评定日期', whatEn: 'previous review date', given: givenDate, last: last.date, file: index.file }));
    h.previousReviewDate = last.date;
  }
  if (warnings) counts.disagreed++;
  return warnings;
}
