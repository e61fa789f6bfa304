// Versioned migrations: server/migrations/NNNN_name.sql, applied in order at start, each in a
// transaction together with its row in fenlei_migrations (a failed one leaves nothing behind).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../compiler/index.js';
import type { Database } from './types.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function migrationsDir(): string {
  return join(packageRoot(), 'server', 'migrations');
}

export function readMigrations(dir = migrationsDir()): Migration[] {
  return readdirSync(dir)
    .flatMap((f) => {
      const m = /^(\d{4})_(.+)\.sql$/.exec(f);
      return m ? [{ version: Number(m[1]), name: m[2]!, sql: readFileSync(join(dir, f), 'utf8') }] : [];
    })
    .sort((a, b) => a.version - b.version);
}

/** Applies the migrations not yet applied; returns their versions. */
export async function migrate(db: Database, migrations = readMigrations()): Promise<number[]> {
  await db.exec('CREATE TABLE IF NOT EXISTS fenlei_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  const applied: number[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      // Two servers starting on one database: the second waits, then finds the migration applied.
      await tx.query('SELECT pg_advisory_xact_lock(4715001)');
      const rows = await tx.query('SELECT 1 FROM fenlei_migrations WHERE version = $1', [m.version]);
      if (rows.length) return false;
      for (const stmt of splitStatements(m.sql)) await tx.query(stmt);
      await tx.query('INSERT INTO fenlei_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

/**
 * Splits a migration file into statements at semicolons outside quotes, comments and
 * dollar-quoted bodies (functions), so that each runs through the parameterised query path.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (c === "'") {
      i = sql.indexOf("'", i + 1) + 1 || sql.length;
    } else if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i));
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        i = end < 0 ? sql.length : end + tag[0].length;
      } else i++;
    } else if (c === ';') {
      push(sql.slice(start, i));
      start = ++i;
    } else i++;
  }
  push(sql.slice(start));
  return out;

  function push(s: string): void {
    const body = s.replace(/^(\s|--[^\n]*\n)*/, '').trim();
    if (body) out.push(s.trim());
  }
}
