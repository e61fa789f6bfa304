// The input limits of docs/security.md, each with its diagnostic.
import { describe, it, expect } from 'vitest';
import { codes, compileText } from '../helpers.js';
import { LIMITS } from '../../../compiler/source/load-yaml.js';

describe('limits on rule files', () => {
  it('refuses YAML nested deeper than the limit (FL0006) without overflowing the stack', () => {
    const depth = 5000;
    const r = compileText(`说明: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    expect(codes(r)).toEqual(['FL0006']);
    expect(r.ok).toBe(false);
  });

  it('accepts nesting just inside the limit as far as depth goes', () => {
    const r = compileText(`说明: ${'['.repeat(LIMITS.maxDepth - 2)}${']'.repeat(LIMITS.maxDepth - 2)}\n`);
    expect(codes(r)).not.toContain('FL0006');
  });

  it('states the limits it enforces', () => {
    expect(LIMITS).toEqual({ maxFileBytes: 4 * 1024 * 1024, maxAliases: 100, maxDepth: 64 });
  });
});
