// D10 for a whole register at once: RuleBook.inForceOn chooses, for every province and day, the
// version inForce chooses for that one day — the province's version in force, else the national
// one, never the latest — in two queries whatever the number of days.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { nationalRulesPath } from '../../../compiler/index.js';
import { ApiError } from '../../../server/domain/errors.js';
import { installNationalRules } from '../../../server/domain/install.js';
import { inForceKey, RuleBook } from '../../../server/domain/rule-book.js';
import { describeOnBackend } from '../backends.js';

describeOnBackend('rules in force for many days', (db) => {
  it('chooses per province and day as inForce does, in two queries', async () => {
    const rules = new RuleBook();
    await installNationalRules(db(), rules);
    // A provincial version in force through 2025 only (its text: the national rules, enough to compile).
    await db().query("INSERT INTO regions (code, name) VALUES ('330000', '浙江省') ON CONFLICT DO NOTHING");
    await db().query("INSERT INTO rule_versions (region, name, version, effective, expires, yaml, check_result) VALUES ('330000', '浙江', '2025.1', '2025-01-01', '2026-01-01', $1, '{}')", [readFileSync(nationalRulesPath(), 'utf8')]);
    const days = [
      { region: '330110', date: '2024-06-01' },
      { region: '330110', date: '2025-06-01' },
      { region: '330782', date: '2025-06-01' },
      { region: '330110', date: '2026-01-01' },
      { region: '320100', date: '2025-06-01' },
    ];
    // Compiled once and cached by id; then choosing for any number of days is two queries.
    await rules.inForceOn(db(), days);
    let queries = 0;
    const counted = { query: <T>(sql: string, params?: readonly unknown[]) => (queries++, db().query<T>(sql, params)) };
    const got = await rules.inForceOn(counted, days);
    expect(queries).toBe(2);
    const version = (f: unknown) => (f instanceof ApiError ? f.code : (f as { version: { region: string; version: string } }).version);
    expect([...got.keys()]).toEqual(['330000|2024-06-01', '330000|2025-06-01', '330000|2026-01-01', '320000|2025-06-01']);
    expect(days.map((d) => version(got.get(inForceKey(d.region, d.date))))).toEqual([
      expect.objectContaining({ region: '000000' }),
      expect.objectContaining({ region: '330000', version: '2025.1' }),
      expect.objectContaining({ region: '330000', version: '2025.1' }),
      expect.objectContaining({ region: '000000' }),
      expect.objectContaining({ region: '000000' }),
    ]);
    for (const d of days) expect((await rules.inForce(db(), d.region, d.date)).version).toEqual(version(got.get(inForceKey(d.region, d.date))));
  }, 120_000);
});
