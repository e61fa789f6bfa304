// The sequencer's list of the longest test files names test files that exist: a renamed file
// would silently lose its early start.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LONGEST_FIRST } from './longest-first.js';

const ROOT = join(import.meta.dirname, '..');

describe('LONGEST_FIRST', () => {
  it('names each test file once, and each exists', () => {
    expect(new Set(LONGEST_FIRST).size).toBe(LONGEST_FIRST.length);
    for (const file of LONGEST_FIRST) {
      expect(file, file).toMatch(/^test\/.+\.test\.ts$/);
      expect(existsSync(join(ROOT, file)), file).toBe(true);
    }
  });
});
