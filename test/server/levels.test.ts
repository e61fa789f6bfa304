// The server stores an event's sampling level under the record format's English name; the words
// it accepts are the runtime's event levels an event may hold (filters such as 省级以上 are not).
import { describe, expect, it } from 'vitest';
import { levelOf } from '../../server/domain/levels.js';

describe('levelOf', () => {
  it.each([
    ['国家', 'national'],
    ['国家级', 'national'],
    ['national', 'national'],
    ['省级', 'provincial'],
    [' provincial ', 'provincial'],
    ['市级', 'municipal'],
    ['县级', 'county'],
    ['区县级', 'county'],
  ])('%s → %s', (word, stored) => {
    expect(levelOf(word)).toBe(stored);
  });
  it('no level written is null; a filter word or anything else is not a level', () => {
    expect([levelOf(undefined), levelOf(null), levelOf('')]).toEqual([null, null, null]);
    expect([levelOf('省级以上'), levelOf('provincialOrAbove'), levelOf('乡级'), levelOf(2)]).toEqual([undefined, undefined, undefined, undefined]);
  });
});
