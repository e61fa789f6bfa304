// The one access rule: a user reads and writes only enterprises (and filings) of its regions;
// read-only users never write. The region test itself is SQL (fenlei_in_scope), so lists
// are filtered by the database and single rows are checked by the same function.
import type { Queryable } from '../db/types.js';
import { forbidden, notFound } from './errors.js';
import type { Role, User } from './user.js';

/** The SQL predicate for a region column `col` against the user's scope bound as parameter `$n`. */
export const scopeSql = (col: string, n: number) => `fenlei_in_scope(${col}, $${n}::text[])`;

/**
 * A bound beside scopeSql (never instead of it): `col` within the span of codes the scope array
 * `scope` (an SQL expression) covers, so that an index on the region column starts at the user's
 * regions. The functions are immutable: the planner folds them into constants.
 */
export const scopeSpanSql = (col: string, scope: string) => `${col} BETWEEN fenlei_scope_low(${scope}) AND fenlei_scope_high(${scope})`;

export async function regionInScope(q: Queryable, user: User, region: string): Promise<boolean> {
  const [r] = await q.query<{ ok: boolean }>(`SELECT ${scopeSql('$1', 2)} AS ok`, [region, user.regions]);
  return r!.ok;
}

export async function requireRegion(q: Queryable, user: User, region: string): Promise<void> {
  if (!(await regionInScope(q, user, region))) throw forbidden(`行政区划 ${region} 不在您的管辖范围内`, `region ${region} is outside your scope`);
}

/** The enterprise's region after checking that the user may see it (404 when it does not exist). */
export async function requireEnterprise(q: Queryable, user: User, enterpriseId: number): Promise<{ region: string }> {
  const [e] = await q.query<{ region: string; ok: boolean }>(`SELECT region, ${scopeSql('region', 2)} AS ok FROM enterprises WHERE id = $1`, [enterpriseId, user.regions]);
  if (!e) throw notFound(`企业 ${enterpriseId}`, `enterprise ${enterpriseId}`);
  if (!e.ok) throw forbidden(`企业 ${enterpriseId} 不在您的管辖范围内`, `enterprise ${enterpriseId} is outside your scope`);
  return { region: e.region };
}

export function requireRole(user: User, ...roles: Role[]): void {
  if (!roles.includes(user.role)) throw forbidden(`需要${roles.map((r) => ROLE_NAMES[r]).join('或')}权限`, `needs role ${roles.join(' or ')}`);
}

export const ROLE_NAMES: Record<Role, string> = { province: '省级', county: '县级', readonly: '只读' };

/** Roles that may write enterprise data (inspections, events, filings). */
export const WRITERS: Role[] = ['province', 'county'];
