// Several versions of one province's rules (D10): each record is decided by the version in
// force on its inspection date (生效日期/失效日期), and its decision names that version. A date
// where no version is in force is a record error (FL5021), never a silent use of the latest.
// The time line is cut at the versions' dates once; a record then costs one date read and
// one search.
import { stretchAt } from './catalogues.js';
import { dayNumber } from './dates.js';
import type { Evaluator } from './evaluator.js';
import type { Prepared } from './prepare.js';
import { recordError, recordId } from './prepare.js';
import type { RecordError } from './record.js';

export interface VersionedEvaluator extends Evaluator {
  /** The versions, oldest first (by 生效日期). */
  readonly versions: readonly Evaluator[];
  /** The version in force for a record, or the record's error; the latest when the date is unreadable (its checks say why). */
  pick(record: unknown, position?: number): Evaluator | RecordError;
}

interface Stretch {
  from: number;
  /** The version in force from `from` on, or null when none is. */
  ev: Evaluator | null;
}

const dayOr = (text: string | null, none: number) => {
  const d = text ? dayNumber(text) : NaN;
  return Number.isNaN(d) ? none : d;
};

/** How a version is named in messages: 2024.1（2024-07-01 起，2025-07-01 失效）. */
export function versionText(ev: Evaluator): string {
  const m = ev.ir.meta;
  const span = [m.effective ? `${m.effective} 起` : '', m.expires ? `${m.expires} 失效` : ''].filter(Boolean).join('，');
  return `${m.version}${span ? `（${span}）` : ''}`;
}

export function isVersioned(ev: Evaluator): ev is VersionedEvaluator {
  return 'versions' in ev;
}

/** The versions of one rule set as one evaluator. */
export function versionedEvaluator(evaluators: readonly Evaluator[]): VersionedEvaluator {
  if (evaluators.length === 0) throw new Error('no rule versions');
  const spans = evaluators
    .map((ev) => ({ ev, from: dayOr(ev.ir.meta.effective, -Infinity), to: dayOr(ev.ir.meta.expires, Infinity) }))
    .sort((a, b) => a.from - b.from);
  const versions = spans.map((s) => s.ev);
  const latest = versions[versions.length - 1]!;
  const cuts = [...new Set(spans.flatMap((s) => [s.from, s.to]).filter((d) => Number.isFinite(d)))].sort((a, b) => a - b);
  // Per stretch: the latest version that has taken effect and not expired (a newer version
  // supersedes an older one that names no 失效日期).
  const stretches: Stretch[] = [-Infinity, ...cuts].map((from) => {
    let ev: Evaluator | null = null;
    for (const s of spans) if (s.from <= from && from < s.to) ev = s.ev;
    return { from, ev };
  });
  const listed = versions.map(versionText).join('、');
  const listedEn = versions.map((v) => `${v.ir.meta.version} (${v.ir.meta.effective ? `from ${v.ir.meta.effective}` : 'no effective date'}${v.ir.meta.expires ? ` until ${v.ir.meta.expires}` : ''})`).join(', ');
  const name = latest.ir.meta.name;

  const at = (d: number): Evaluator | null => stretchAt(stretches, d).ev;
  const pick = (record: unknown, position = 0): Evaluator | RecordError => {
    const date = (record as { inspection?: { date?: unknown } } | null)?.inspection?.date;
    const text = typeof date === 'string' ? date.trim() : undefined;
    const d = text ? dayNumber(text) : NaN;
    // An unreadable date: the latest version's own checks report it (FL5002, FL5007).
    if (Number.isNaN(d)) return latest;
    return at(d) ?? recordError(recordId(record, position), 'FL5021', 'inspection.date', { value: text!, rules: name, versions: listed, versionsEn: listedEn });
  };
  // prepare then decide (the register path): the version that prepared a record decides it.
  const preparedBy = new WeakMap<Prepared, Evaluator>();
  return {
    ir: latest.ir,
    rules: latest.rules,
    versions,
    pick,
    evaluate(record, options = {}) {
      const ev = pick(record, options.position);
      return 'error' in ev ? ev : ev.evaluate(record, options);
    },
    prepare(record, position = 0, today) {
      const ev = pick(record, position);
      if ('error' in ev) return ev;
      const p = ev.prepare(record, position, today);
      if (!('error' in p)) preparedBy.set(p, ev);
      return p;
    },
    decide(p, trace = false) {
      return (preparedBy.get(p) ?? latest).decide(p, trace);
    },
  };
}
