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
