// Fuzz budgets: small and fixed in `npm test`; `npm run fuzz` raises them via FENLEI_FUZZ_RUNS.
import { appendFileSync } from 'node:fs';

export const FUZZ_RUNS = Number(process.env.FENLEI_FUZZ_RUNS ?? 100);
export const FUZZ_SEED = Number(process.env.FENLEI_FUZZ_SEED ?? 20261128);
/**
 * Random edits per file and seed in the language server's stress tests (incremental YAML, the
 * server against a full compile, test/lsp/): 60 in `npm test`; under `npm run fuzz` one for every
 * ten fuzz cases (500 at the default 5000), as each edit is compared with a full parse or compile.
 */
export const EDIT_RUNS = process.env.FENLEI_FUZZ_RUNS ? Math.max(60, Math.round(FUZZ_RUNS / 10)) : 60;

/** Prints (and, for `npm run fuzz`, records) how many cases a suite tried. */
export function report(suite: string, tried: number, found = 0): void {
  const line = `fuzz: ${suite}: ${tried} cases tried, ${found} failures found`;
  if (process.env.FENLEI_FUZZ_LOG) appendFileSync(process.env.FENLEI_FUZZ_LOG, line + '\n');
  else if (process.env.FENLEI_FUZZ_RUNS) console.log(line);
}
