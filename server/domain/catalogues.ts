// Product catalogues (第二十条; D6′): a catalogue file, read by the compiler's own reader, stored
// under its file name so that rule versions (产品目录) find it. A national catalogue (地区 全国)
// is published for 000000 only.
import { readCatalogue, NATIONAL_REGION, formatDiagnostic } from '../../compiler/index.js';
import type { Queryable } from '../db/types.js';
import { audit } from './audit.js';
import { ApiError, conflict, invalid } from './errors.js';
import { ensureRegion } from './regions.js';
import { NATIONAL } from './rule-book.js';
import type { User } from './user.js';

export interface NewCatalogue {
  region: string;
  fileName: string;
  yaml: string;
}

export async function publishCatalogue(q: Queryable, by: User | null, c: NewCatalogue): Promise<{ id: number; name: string; version: string; effective: string; expires: string | null }> {
  if (!/^[^/\\]+\.ya?ml$/.test(c.fileName)) throw invalid('目录文件名应为不含路径的 .yaml 文件名', 'the catalogue file name must be a bare .yaml name');
  const read = readCatalogue(c.fileName, c.yaml);
  const diagnostics = read.diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.range.start.line + 1, message: d.message, messageEn: d.messageEn, text: formatDiagnostic(d) }));
  const m = read.model;
  if (!m) throw new ApiError(422, 'checkFailed', '目录文件有错误，未发布', 'the catalogue has errors; not published', { diagnostics });
  if ((m.region === NATIONAL_REGION) !== (c.region === NATIONAL)) throw invalid(`“地区: ${m.region}”的目录应发布在${m.region === NATIONAL_REGION ? '全国（000000）' : '省级区划'}下`, 'a national catalogue is published for 000000, a regional one for its province');
  if (c.region !== NATIONAL) await ensureRegion(q, c.region);
  const rows = await q.query<{ id: number }>(
    `INSERT INTO catalogues (region, file_name, name, version, effective, expires, yaml, published_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (file_name) DO NOTHING RETURNING id`,
    [c.region, c.fileName, m.name, m.version, m.effective, m.expires, c.yaml, by?.id ?? null],
  );
  if (!rows.length) throw conflict(`目录文件 ${c.fileName} 已发布；新版本请用新的文件名`, `catalogue ${c.fileName} exists; publish a new version under a new file name`);
  const out = { id: rows[0]!.id, name: m.name, version: m.version, effective: m.effective, expires: m.expires };
  await audit(q, by?.id ?? null, 'publish', 'catalogue', out.id, null, { ...out, region: c.region, fileName: c.fileName });
  return out;
}
