// The few reads the pages need beyond the JSON API. Each is reached only after the API has
// checked the user's scope for the same enterprise or decision, or checks it itself here.
import type { Queryable } from '../server/db/types.js';
import { forbidden, notFound } from '../server/domain/errors.js';
import type { RuleVersionRow } from '../server/domain/rule-book.js';
import type { UploadSummary } from '../server/domain/upload.js';
import type { User } from '../server/domain/user.js';

/** The inspection record exactly as submitted (the caller has checked the decision's enterprise). */
export async function inspectionRecord(q: Queryable, inspectionId: number): Promise<unknown> {
  const [r] = await q.query<{ record: unknown }>('SELECT record FROM inspections WHERE id = $1', [inspectionId]);
  return r?.record;
}

export async function ruleVersion(q: Queryable, region: string, version: string): Promise<RuleVersionRow | undefined> {
  const [v] = await q.query<RuleVersionRow>('SELECT id, region, version, name, effective, expires, yaml FROM rule_versions WHERE region = $1 AND version = $2', [region, version]);
  return v;
}

/** An upload's summary, for the user who uploaded it. */
export async function uploadSummary(q: Queryable, user: User, id: number): Promise<UploadSummary & { uploadedAt: string }> {
  const [u] = await q.query<{ summary: UploadSummary | null; uploaded_by: number; file_name: string; uploaded_at: string }>('SELECT summary, uploaded_by, file_name, uploaded_at FROM uploads WHERE id = $1', [id]);
  if (!u || !u.summary) throw notFound(`上传 ${id}`, `upload ${id}`);
  if (u.uploaded_by !== user.id) throw forbidden(`上传 ${id} 不是您提交的`, `upload ${id} was not yours`);
  return { ...u.summary, uploadId: id, uploadedAt: u.uploaded_at };
}
