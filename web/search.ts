// The enterprise search of the pages: the API's filters and access rule (scopeSql, the one SQL
// function), over the current class the database keeps on each enterprise row, so that a page of
// 50 costs the same with 100,000 enterprises.
import type { Queryable } from '../server/db/types.js';
import { scopeSpanSql, scopeSql } from '../server/domain/access.js';
import type { User } from '../server/domain/user.js';

export interface SearchQuery {
  q?: string;
  region?: string;
  class?: string;
  limit: number;
  offset: number;
}

export interface Listed {
  id: number;
  creditCode: string | null;
  name: string;
  region: string;
  class: string | null;
  mode: string | null;
  decidedOn: string | null;
}

// The standing the database keeps on each enterprise row (migration 0005): its latest decision's class, mode and date.
const COLUMNS = `e.id, e.credit_code AS "creditCode", e.name, e.region, e.current_class AS class, e.current_mode AS mode, e.current_decided_on AS "decidedOn"`;

export async function searchEnterprises(db: Queryable, user: User, s: SearchQuery): Promise<Listed[]> {
  const params: unknown[] = [user.regions];
  const where = [scopeSql('e.region', 1), scopeSpanSql('e.region', '$1::text[]')];
  if (s.q) {
    params.push(`%${s.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(e.name LIKE $${params.length} OR e.credit_code LIKE upper($${params.length}))`);
  }
  if (s.region) {
    params.push(s.region);
    where.push(`fenlei_in_scope(e.region, ARRAY[$${params.length}::text])`, scopeSpanSql('e.region', `ARRAY[$${params.length}::text]`));
  }
  if (s.class) {
    params.push(s.class);
    where.push(`e.current_class = $${params.length}`);
  }
  params.push(s.limit, s.offset);
  const n = params.length;
  // The indexes enterprises_listed and enterprises_current_class (with a class) give the rows in page order.
  return db.query<Listed>(`SELECT ${COLUMNS} FROM enterprises e WHERE ${where.join(' AND ')} ORDER BY e.region, e.name, e.id LIMIT $${n - 1} OFFSET $${n}`, params);
}
