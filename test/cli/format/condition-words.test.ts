import { describe, expect, it } from 'vitest';
import { negatedFact } from '../../../cli/format/condition-words.js';

// The printed rules negate a yes/no fact as Chinese does, not with a bare “不是” prefix.
describe('negatedFact', () => {
  it.each([
    ['涉及行政许可', '不涉及行政许可'],
    ['持有生产许可证', '未持有生产许可证'],
    ['已通过认证', '未通过认证'],
    ['有出口业务', '无出口业务'],
    ['是小微企业', '不是小微企业'],
    ['属于重点企业', '不属于重点企业'],
    ['小微企业', '不是小微企业'],
    ['规模以上', '不是规模以上'],
  ])('%s → %s', (fact, words) => {
    expect(negatedFact(fact)).toBe(words);
  });
});
