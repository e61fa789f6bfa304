import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validatorSource } from '../../../grammar/schema/write-validator.js';

describe('precompiled rule-file validator', () => {
  it('is generated from the current field table (run `npm run schema` if this fails)', () => {
    const committed = readFileSync(join(import.meta.dirname, '../../../grammar/schema/validator.generated.ts'), 'utf8');
    expect(committed).toBe(validatorSource());
  });
});
