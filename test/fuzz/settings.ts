// Fuzz budgets: small and fixed in `npm test`; `npm run fuzz` raises them via FENLEI_FUZZ_RUNS.
import { appendFileSync } from 'node:fs';

export const FUZZ_RUNS = Number(process.env.FENLEI_FUZZ_RUNS ?? 150);
export const FUZZ_SEED = Number(process.env.FENLEI_FUZZ_SEED ?? 20261128);

/** Prints (and, for `npm run fuzz`, records) how many cases a suite tried. */
export function report(suite: string, tried: number, found = 0): void {
  const line = `fuzz: ${suite}: ${tried} cases tried, ${found} failures found`;
  if (process.env.FENLEI_FUZZ_LOG) appendFileSync(process.env.FENLEI_FUZZ_LOG, line + '\n');
  else if (process.env.FENLEI_FUZZ_RUNS) console.log(line);
}
