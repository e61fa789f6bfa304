// The one database interface the server uses: the same SQL runs on PGlite (embedded) and on a
// PostgreSQL server. Dates and timestamps come back as text ('YYYY-MM-DD'), never as JS Dates.

export type Row = Record<string, unknown>;

export interface Queryable {
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Several statements separated by semicolons, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL type OIDs kept as their text form (date, timestamp, timestamptz). */
export const TEXT_TYPES = [1082, 1114, 1184] as const;

/**
 * SQL texts run on every request (authentication, the enterprise page): a PostgreSQL server keeps
 * them parsed and planned per connection (a named prepared statement) instead of planning them
 * again each time. Wrap a constant SQL text once, where it is defined; PGlite runs it as any other.
 */
const preparedNames = new Map<string, string>();
export function prepared(sql: string): string {
  if (!preparedNames.has(sql)) preparedNames.set(sql, `fenlei_${preparedNames.size + 1}`);
  return sql;
}
/** The prepared statement's name of an SQL text given to prepared(), if it was. */
export const preparedName = (sql: string): string | undefined => preparedNames.get(sql);
