// Every write goes into the audit log in the same transaction as the write itself.
import type { Queryable } from '../db/types.js';

export async function audit(q: Queryable, userId: number | null, action: string, entity: string, entityId: string | number | null, before: unknown, after: unknown): Promise<void> {
  await q.query('INSERT INTO audit_log (user_id, action, entity, entity_id, before, after) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)', [
    userId,
    action,
    entity,
    entityId === null ? null : String(entityId),
    before === undefined || before === null ? null : JSON.stringify(before),
    after === undefined || after === null ? null : JSON.stringify(after),
  ]);
}
