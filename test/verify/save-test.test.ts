import { describe, expect, it } from 'vitest';
import { counterexampleCase } from '../../compiler/verify/save-test.js';

describe('counterexampleCase', () => {
  const record = { id: 'cx', inspection: { answers: { '18': '不符合' } } };

  it('expects the national class and mode of an enterprise inside the Measures', () => {
    expect(counterexampleCase('本省A类，国家B类', record, { inScope: true, class: 'B', mode: '常态监管' })).toEqual({
      名称: 'fenlei verify 反例：本省A类，国家B类',
      记录: record,
      预期: { inScope: true, class: 'B', mode: '常态监管' },
    });
  });

  it('expects “outside the Measures” when the national rules do not classify it', () => {
    expect(counterexampleCase('范围', record, { inScope: false, class: null, mode: null }).预期).toEqual({ inScope: false });
  });

  it('reads a decision without inScope (the editor’s payload) by whether it has a class', () => {
    expect(counterexampleCase('x', record, { class: 'C', mode: '加严监管' }).预期).toEqual({ inScope: true, class: 'C', mode: '加严监管' });
    expect(counterexampleCase('x', record, {}).预期).toEqual({ inScope: false });
  });
});
