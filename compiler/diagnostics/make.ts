import { CODES, type Code } from './codes.js';
import type { Diagnostic, Fix, RelatedInformation } from './types.js';
import type { LineIndex } from '../source/line-index.js';

export interface Extra {
  fixes?: Fix[];
  related?: RelatedInformation[];
  data?: unknown;
}

/** Collects diagnostics for one file; offsets are turned into line/column here. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly file: string,
    readonly lines: LineIndex,
  ) {}

  report(code: Code, args: Record<string, string | number>, start: number, end: number, extra: Extra = {}): Diagnostic {
    const spec = CODES[code];
    const d: Diagnostic = {
      code,
      severity: spec.severity,
      message: spec.zh(args),
      messageEn: spec.en(args),
      file: this.file,
      range: this.lines.range(start, end),
      ...extra,
    };
    this.diagnostics.push(d);
    return d;
  }

  /** For diagnostics whose text comes from elsewhere (the expression parser). */
  raw(code: string, message: string, messageEn: string, start: number, end: number, extra: Extra = {}): Diagnostic {
    const d: Diagnostic = { code, severity: 'error', message, messageEn, file: this.file, range: this.lines.range(start, end), ...extra };
    this.diagnostics.push(d);
    return d;
  }
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/**
 * Diagnostics in reading order: by file (in the order the files first appear: a base before the
 * province that uses it), then line and column; those at the same place keep the order found.
 */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  const fileOrder = new Map<string, number>();
  for (const d of ds) if (!fileOrder.has(d.file)) fileOrder.set(d.file, fileOrder.size);
  return ds
    .map((d, i) => ({ d, i }))
    .sort((a, b) => fileOrder.get(a.d.file)! - fileOrder.get(b.d.file)! || a.d.range.start.line - b.d.range.start.line || a.d.range.start.column - b.d.range.start.column || a.i - b.i)
    .map((x) => x.d);
}

/** `file:line:col code message` with 1-based line and column, as the CLI prints. */
export function formatDiagnostic(d: Diagnostic, withEnglish = false): string {
  const loc = `${d.file}:${d.range.start.line + 1}:${d.range.start.column + 1}`;
  const sev = d.severity === 'error' ? '错误' : d.severity === 'warning' ? '警告' : '提示';
  return `${loc} ${d.code} ${sev}：${d.message}${withEnglish ? ` (${d.messageEn})` : ''}`;
}
