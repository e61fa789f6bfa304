// One register row → its outcome, the same in the sequential and the parallel path of
// `fenlei eval`: last year's decision filled in (--history), every problem of the row
// together (the cells that could not be read and what the record check finds), each
// named by the register's column as well as the record's field.
import { isError, type EvaluateOptions, type Evaluator, type Notice, type Outcome, type RecordError } from '../../runtime/index.js';
import type { InputRecord } from './read-records.js';
import { columnIndexOf, columnOf, type ColumnMap } from './register-columns.js';
import { applyHistory, type HistoryCounts, type HistoryIndex } from './history.js';

export interface RowOptions extends EvaluateOptions {
  history?: { index: HistoryIndex; counts: HistoryCounts };
}

type ErrorNotice = RecordError['error'];

/** All problems of an error, the first included. */
export const problemsOf = (e: RecordError): ErrorNotice[] => e.errors ?? [e.error];

/** An error of these problems (at least one). */
function errorOf(id: string, list: ErrorNotice[]): RecordError {
  return list.length > 1 ? { id, error: list[0]!, errors: list } : { id, error: list[0]! };
}

/**
 * The problems in the order of the register's columns (an inspector reads a row left to
 * right), each with the column's header beside the field.
 */
export function withColumns(e: RecordError, cols: ColumnMap): RecordError {
  const list = problemsOf(e).map((n, k) => ({ n, k, i: columnIndexOf(cols, n.field) ?? Number.MAX_SAFE_INTEGER }));
  list.sort((a, b) => a.i - b.i || a.k - b.k);
  const named = list.map(({ n }) => {
    const column = columnOf(cols, n.field);
    return column === undefined ? n : { code: n.code, field: n.field, column, message: n.message, messageEn: n.messageEn };
  });
  return errorOf(e.id, named);
}

export function rowOutcome(ev: Evaluator, input: InputRecord, opts: RowOptions): Outcome {
  let notes: Notice[] | undefined;
  if (opts.history && input.raw !== undefined) notes = applyHistory(input.raw, opts.history.index, opts.history.counts);
  let o: Outcome;
  if (input.raw === undefined) o = input.error!;
  else {
    const judged = ev.evaluate(input.raw, opts);
    // Cells that could not be read, then what the check of the rest finds (but not which answers
    // are missing when a fact or an event could not be read: which items apply may turn on them).
    const unread = input.error ? problemsOf(input.error) : [];
    const conditional = unread.some((n) => n.field.startsWith('enterprise.facts') || n.field.startsWith('history.events'));
    const found = isError(judged) ? problemsOf(judged).filter((n) => !conditional || (n.code !== 'FL5005' && n.code !== 'FL5009')) : [];
    o = input.error ? errorOf(input.error.id, [...unread, ...found]) : judged;
  }
  if (isError(o)) return input.cols ? withColumns(o, input.cols) : o;
  if (notes) o.warnings = [...(o.warnings ?? []), ...notes];
  return o;
}
