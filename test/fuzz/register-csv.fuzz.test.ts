// Registers as CSV, fuzzed: awkward texts read in pieces cut on their bytes give
// exactly the rows read in one go, and through the CLI `--jobs 2` with small pieces writes
// byte for byte what `--jobs 1` writes (`npm run fuzz` tries more of both).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { MAX_CELL_BREAKS } from '../../cli/io/csv.js';
import { csvCase } from '../fixtures/csv-family.js';
import { readInPieces, readWhole, shape } from '../fixtures/csv-pieces.js';
import { rng } from '../fixtures/prng.js';
import { registerText } from '../fixtures/register-family.js';
import { cli, scratch, TODAY } from '../cli/helpers.js';
import { FUZZ_RUNS, FUZZ_SEED, report } from './settings.js';

describe('CSV pieces (fuzz)', () => {
  it('pieces cut on bytes read as the whole text, UTF-8 and GB18030', () => {
    const r = rng(FUZZ_SEED);
    let tried = 0;
    for (let n = 0; n < FUZZ_RUNS; n++) {
      const { text } = csvCase(Math.floor(r() * 2 ** 31), 2 + Math.floor(r() * 30), 1 + Math.floor(r() * 5));
      const max = r() < 0.5 ? 1 + Math.floor(r() * 3) : MAX_CELL_BREAKS;
      const want = shape(readWhole(text, max));
      const enc = r() < 0.5 ? 'utf-8' : 'gb18030';
      const chunk = 1 + Math.floor(r() * 80);
      expect(shape(readInPieces(text, enc, chunk, max)), `${enc}, chunks of ${chunk}, max ${max}: ${JSON.stringify(text)}`).toEqual(want);
      tried++;
    }
    report('CSV pieces', tried);
  });

  // Each case runs the CLI twice: one in `npm test`, one per thousand runs in `npm run fuzz`.
  const cases = Math.max(1, Math.floor(FUZZ_RUNS / 1000));
  it('eval --jobs 2 writes what --jobs 1 writes', { timeout: 60_000 + cases * 30_000 }, () => {
    const dir = scratch('fuzz-jobs');
    const r = rng(FUZZ_SEED + 1);
    for (let n = 0; n < cases; n++) {
      const seed = Math.floor(r() * 2 ** 31);
      const gb = r() < 0.4;
      const text = registerText(seed, 40 + Math.floor(r() * 80));
      const input = join(dir, `r${n}.csv`);
      writeFileSync(input, gb ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8'));
      const piece = String(500 + Math.floor(r() * 3000));
      const outs = [1, 2].map((jobs) => {
        const out = join(dir, `r${n}-${jobs}.csv`);
        const res = cli(['eval', 'national', input, '--out', out, '--jobs', String(jobs), '--today', TODAY], { env: { FENLEI_PIECE_BYTES: piece } });
        const errors = out.replace(/\.csv$/, '.errors.csv');
        return { code: res.code, stderr: res.stderr.replaceAll(`r${n}-${jobs}`, 'out'), out: readFileSync(out), errors: existsSync(errors) ? readFileSync(errors) : undefined };
      });
      const what = `seed ${seed}, ${gb ? 'GB18030' : 'UTF-8'}, pieces of ${piece}`;
      expect(outs[0]!.code, what).toBe(0);
      expect(outs[1]!.code, what).toBe(0);
      expect(outs[1]!.stderr, what).toBe(outs[0]!.stderr);
      expect(outs[1]!.out.equals(outs[0]!.out), what).toBe(true);
      expect(outs[1]!.errors?.equals(outs[0]!.errors!) ?? outs[0]!.errors === undefined, what).toBe(true);
    }
    report('eval --jobs 2 = --jobs 1', cases);
  });
});
