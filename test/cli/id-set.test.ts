import { describe, expect, it } from 'vitest';
import { IdSet } from '../../cli/io/id-set.js';

describe('IdSet (duplicate record ids)', () => {
  it('reports an id seen before, and only such an id', () => {
    const s = new IdSet();
    expect(['QY1', 'QY2', 'QY1', '', '', '编号一', '编号一', 'qy1'].map((id) => s.add(id))).toEqual([true, true, false, true, false, true, false, true]);
    expect(s.size).toBe(5);
    expect([s.add('QY2'), s.add('QY3'), s.size]).toEqual([false, true, 6]);
  });

  it('keeps ids of every length exactly (length prefixes of 1, 2 and 3 bytes)', () => {
    const s = new IdSet();
    const ids = [127, 128, 129, 16383, 16384, 40000].map((n) => 'x'.repeat(n - 1));
    for (const id of ids) expect(s.add(id)).toBe(true);
    for (const id of ids) expect(s.add(id)).toBe(false);
    expect(s.add('x'.repeat(126) + 'y')).toBe(true);
    expect(s.size).toBe(7);
  });

  it('agrees with a Set over 200,000 ids with many repeats, across every resize', () => {
    const s = new IdSet();
    const ref = new Set<string>();
    let x = 12345;
    const disagreements: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const id = `QY${x % 150_000}${i % 7 === 0 ? '甲' : ''}`;
      if (s.add(id) !== !ref.has(id)) disagreements.push(i);
      ref.add(id);
    }
    expect(disagreements).toEqual([]);
    expect(s.size).toBe(ref.size);
  });
});
