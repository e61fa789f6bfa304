// At first start the database gets the national rules that ship with fenlei (全国 000000), so
// that classification works before a province publishes its own (D10: the version in force).
import { readFileSync } from 'node:fs';
import { nationalRulesPath } from '../../compiler/index.js';
import type { Database } from '../db/types.js';
import { NATIONAL, type RuleBook } from './rule-book.js';

export async function installNationalRules(db: Database, rules: RuleBook): Promise<void> {
  const [any] = await db.query('SELECT 1 FROM rule_versions WHERE region = $1 LIMIT 1', [NATIONAL]);
  if (any) return;
  const yaml = readFileSync(nationalRulesPath(), 'utf8');
  const r = await rules.compile(db, NATIONAL, 'bundled', yaml);
  if (!r.ir) throw new Error('the bundled national rules do not compile');
  const m = r.ir.meta;
  await db.query(
    `INSERT INTO rule_versions (region, name, version, effective, expires, yaml, check_result, published_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, NULL) ON CONFLICT (region, version) DO NOTHING`,
    [NATIONAL, m.name, m.version, m.effective || null, m.expires, yaml, JSON.stringify({ diagnostics: r.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message })) })],
  );
}
