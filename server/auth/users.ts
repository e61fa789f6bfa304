// Users: created by a province administrator (or `fenlei user add` for the first one).
import type { Queryable } from '../db/types.js';
import { audit } from '../domain/audit.js';
import { conflict, invalid } from '../domain/errors.js';
import { ensureRegion, REGION_CODE } from '../domain/regions.js';
import type { Role, User } from '../domain/user.js';
import { hashPassword, passwordProblem } from './password.js';

export interface NewUser {
  login: string;
  password: string;
  role: Role;
  regions: string[];
  displayName?: string;
}

/** `hash` hashes the password (tests pass one that hashes their one password once: scrypt is slow by design). */
export async function createUser(q: Queryable, by: User | null, u: NewUser, hash: (password: string) => Promise<string> = hashPassword): Promise<User> {
  const problem = passwordProblem(u.password);
  if (problem) throw invalid(problem, problem);
  if (!u.regions.length || u.regions.some((r) => !REGION_CODE.test(r))) throw invalid('管辖区域应为6位行政区划代码', 'regions must be 6-digit division codes');
  for (const r of u.regions) if (r !== '000000') await ensureRegion(q, r);
  const passwordHash = await hash(u.password);
  const rows = await q.query<{ id: number }>(
    'INSERT INTO users (login, display_name, role, regions, password_hash) VALUES ($1, $2, $3, $4::text[], $5) ON CONFLICT (login) DO NOTHING RETURNING id',
    [u.login, u.displayName ?? '', u.role, u.regions, passwordHash],
  );
  if (!rows.length) throw conflict(`用户名“${u.login}”已存在`, `login '${u.login}' exists`);
  const user: User = { id: rows[0]!.id, login: u.login, displayName: u.displayName ?? '', role: u.role, regions: u.regions };
  await audit(q, by?.id ?? null, 'add', 'user', user.id, null, user);
  return user;
}

/** The columns of a user as `userOf` reads them (table alias u). */
export const USER_COLUMNS = 'u.id, u.login, u.display_name, u.role, u.regions';

export interface UserColumns {
  id: number;
  login: string;
  display_name: string;
  role: Role;
  regions: string[];
}

export const userOf = (r: UserColumns): User => ({ id: r.id, login: r.login, displayName: r.display_name, role: r.role, regions: r.regions });

export async function userRow(q: Queryable, where: string, param: unknown): Promise<(User & { passwordHash: string }) | undefined> {
  const [r] = await q.query<UserColumns & { password_hash: string }>(`SELECT ${USER_COLUMNS}, u.password_hash FROM users u WHERE ${where} AND NOT u.disabled`, [param]);
  return r && { ...userOf(r), passwordHash: r.password_hash };
}
