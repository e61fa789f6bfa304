// Enterprises: found by credit code (unique), else by name within the region. Their name,
// products and facts follow their latest inspection.
import type { Queryable } from '../db/types.js';
import { forbidden } from './errors.js';
import type { Identity } from './identity.js';
import { regionInScope } from './access.js';
import type { TxCache } from './classify.js';
import { ensureRegion } from './regions.js';
import type { User } from './user.js';

export interface Found {
  id: number;
  region: string;
}

export async function findEnterprise(q: Queryable, who: Pick<Identity, 'creditCode' | 'name' | 'region'>): Promise<Found | undefined> {
  const [e] = who.creditCode
    ? await q.query<Found>('SELECT id, region FROM enterprises WHERE credit_code = $1', [who.creditCode])
    : await q.query<Found>('SELECT id, region FROM enterprises WHERE credit_code IS NULL AND region = $1 AND name = $2', [who.region, who.name]);
  return e;
}

/**
 * Inserts or updates (and row-locks, until the transaction ends) the enterprise of a record.
 * A user may not touch an enterprise whose stored region is outside its scope.
 */
export async function upsertEnterprise(q: Queryable, user: User, who: Identity, cache?: TxCache): Promise<Found> {
  if (!cache?.regions.has(who.region)) {
    await ensureRegion(q, who.region);
    cache?.regions.add(who.region);
  }
  const newer = 'NOT EXISTS (SELECT 1 FROM inspections i WHERE i.enterprise_id = enterprises.id AND i.inspection_date > $6::date)';
  const set = `updated_at = now(),
      name = CASE WHEN ${newer} THEN EXCLUDED.name ELSE enterprises.name END,
      region = CASE WHEN ${newer} THEN EXCLUDED.region ELSE enterprises.region END,
      products = CASE WHEN ${newer} THEN EXCLUDED.products ELSE enterprises.products END,
      facts = CASE WHEN ${newer} THEN EXCLUDED.facts ELSE enterprises.facts END`;
  const target = who.creditCode ? '(credit_code)' : '(region, name) WHERE credit_code IS NULL';
  // The region before this write, to check the scope of an enterprise that exists already.
  const [before] = await q.query<{ region: string }>(
    who.creditCode ? 'SELECT region FROM enterprises WHERE credit_code = $1 FOR UPDATE' : 'SELECT region FROM enterprises WHERE credit_code IS NULL AND region = $2 AND name = $1 FOR UPDATE',
    who.creditCode ? [who.creditCode] : [who.name, who.region],
  );
  if (before && before.region !== who.region) {
    let ok = cache?.scope.get(before.region);
    if (ok === undefined) ok = await regionInScope(q, user, before.region);
    cache?.scope.set(before.region, ok);
    if (!ok) throw forbidden(`企业“${who.name}”登记在行政区划 ${before.region}，不在您的管辖范围内`, `enterprise '${who.name}' is registered in region ${before.region}, outside your scope`);
  }
  const [row] = await q.query<Found>(
    `INSERT INTO enterprises (credit_code, name, region, products, facts) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)
     ON CONFLICT ${target} DO UPDATE SET ${set}
     RETURNING id, region`,
    [who.creditCode, who.name, who.region, JSON.stringify(who.products), JSON.stringify(who.facts), who.date],
  );
  return row!;
}
