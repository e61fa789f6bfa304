// fenlei_in_scope (migration 0002) keeps the rule it had: a region is in a scope exactly when
// it starts with fenlei_region_prefix of one of the scope's entries — checked on every pair of
// a set of regions and scopes at every level, on PGlite.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../server/db/types.js';
import { freshDatabase } from './backends.js';

let db: Database;
beforeAll(async () => {
  db = (await freshDatabase('pglite')).db;
}, 60_000);
afterAll(async () => {
  await db?.close();
});

const REGIONS = ['330000', '330100', '330110', '330106', '331000', '320000', '320100', '320102', '110000', '110101', '330010', '330200'];
const SCOPES = [['000000'], ['330000'], ['330100'], ['330110'], ['330110', '320100'], ['320000', '330106'], ['110101'], ['330200', '331000'], ['330010']];

it('answers as the prefix rule for every region and scope', async () => {
  const rows = await db.query<{ region: string; scope: string[]; got: boolean; want: boolean }>(
    `SELECT r AS region, s.scope, fenlei_in_scope(r, s.scope) AS got,
            EXISTS (SELECT 1 FROM unnest(s.scope) x WHERE r LIKE fenlei_region_prefix(x) || '%') AS want
       FROM unnest($1::text[]) r, (SELECT string_to_array(unnest($2::text[]), ',') AS scope) s`,
    [REGIONS, SCOPES.map((s) => s.join(','))],
  );
  expect(rows.length).toBe(REGIONS.length * SCOPES.length);
  expect(rows.filter((r) => r.got !== r.want)).toEqual([]);
  // And the rule says what it should: a county sees itself only, a city its counties, a province all of it.
  const inScope = (scope: string[]) => rows.filter((r) => r.scope.join(',') === scope.join(',') && r.got).map((r) => r.region).sort();
  expect(inScope(['330110'])).toEqual(['330110']);
  expect(inScope(['330100'])).toEqual(['330100', '330106', '330110']);
  expect(inScope(['330000'])).toEqual(['330000', '330010', '330100', '330106', '330110', '330200', '331000']);
  expect(inScope(['000000']).length).toBe(REGIONS.length);
});
