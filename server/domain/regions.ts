// Administrative divisions: a county's code brings its city and province (GB/T 2260 structure).
import type { Queryable } from '../db/types.js';

export const REGION_CODE = /^[0-9]{6}$/;

/** The province (XX0000) of a division code. */
export const provinceOf = (code: string) => `${code.slice(0, 2)}0000`;

/** Inserts the region and its parents when missing (names default to the code until named). */
export async function ensureRegion(q: Queryable, code: string, name?: string): Promise<void> {
  const province = provinceOf(code);
  const city = `${code.slice(0, 4)}00`;
  const chain: [string, string][] = [[province, '000000']];
  if (city !== province) chain.push([city, province]);
  if (code !== city && code !== province) chain.push([code, city]);
  for (const [c, parent] of chain) {
    await q.query('INSERT INTO regions (code, name, parent) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING', [c, c === code && name ? name : c, parent]);
  }
  if (name) await q.query('UPDATE regions SET name = $2 WHERE code = $1 AND name = code', [code, name]);
}

/** The regions and their parents, inserted where missing (one statement for a whole register). */
export async function ensureRegions(q: Queryable, codes: string[]): Promise<void> {
  const parent = new Map<string, string>();
  for (const code of codes) {
    const province = provinceOf(code);
    const city = `${code.slice(0, 4)}00`;
    parent.set(province, '000000');
    if (city !== province) parent.set(city, province);
    if (code !== city && code !== province) parent.set(code, city);
  }
  if (!parent.size) return;
  await q.query('INSERT INTO regions (code, name, parent) SELECT c, c, p FROM unnest($1::text[], $2::text[]) AS t(c, p) ON CONFLICT (code) DO NOTHING', [[...parent.keys()], [...parent.values()]]);
}
