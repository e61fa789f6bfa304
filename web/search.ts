// The enterprise search of the pages: the API's filters and access rule (scopeSql, the one SQL
// function), in a shape that stays fast with 100,000 enterprises: the page of enterprises is
// chosen first and only its 50 rows look up their latest decision; a class filter starts from
// the decisions of that class that no later decision of the same enterprise replaced.
import type { Queryable } from '../server/db/types.js';
import { scopeSql } from '../server/domain/access.js';
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

const COLUMNS = `e.id, e.credit_code AS "creditCode", e.name, e.region, cur.class, cur.mode, cur.decided_on AS "decidedOn"`;

export async function searchEnterprises(db: Queryable, user: User, s: SearchQuery): Promise<Listed[]> {
  const params: unknown[] = [user.regions];
  const where = [scopeSql('e.region', 1)];
  if (s.q) {
    params.push(`%${s.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(e.name LIKE $${params.length} OR e.credit_code LIKE upper($${params.length}))`);
  }
  if (s.region) {
    params.push(s.region);
    where.push(`fenlei_in_scope(e.region, ARRAY[$${params.length}::text])`);
  }
  if (s.class) {
    params.push(s.class, s.limit, s.offset);
    const n = params.length;
    return db.query<Listed>(
      `SELECT ${COLUMNS} FROM decisions cur JOIN enterprises e ON e.id = cur.enterprise_id
        WHERE cur.class = $${n - 2} AND ${where.join(' AND ')}
          AND NOT EXISTS (SELECT 1 FROM decisions later WHERE later.enterprise_id = cur.enterprise_id AND (later.decided_on, later.id) > (cur.decided_on, cur.id))
        ORDER BY e.region, e.name, e.id LIMIT $${n - 1} OFFSET $${n}`,
      params,
    );
  }
  params.push(s.limit, s.offset);
  const n = params.length;
  return db.query<Listed>(
    `SELECT ${COLUMNS} FROM (SELECT e.* FROM enterprises e WHERE ${where.join(' AND ')} ORDER BY e.region, e.name, e.id LIMIT $${n - 1} OFFSET $${n}) e
       LEFT JOIN LATERAL (SELECT d.class, d.mode, d.decided_on FROM decisions d WHERE d.enterprise_id = e.id ORDER BY d.decided_on DESC, d.id DESC LIMIT 1) cur ON true
      ORDER BY e.region, e.name, e.id`,
    params,
  );
}
