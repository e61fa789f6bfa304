// Bit counting over the item words of a prepared record.

export function pc(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Events of one type with a day in (from, to]. The list is sorted. */
export function countEvents(days: readonly number[], from: number, to: number): number {
  let n = 0;
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    if (d > from && d <= to) n++;
  }
  return n;
}

/** Events of one type with a day in (from, to] whose sampling level is one of the bits of `mask` (0: unknown level, never counted). */
export function countEventsAt(days: readonly number[], levels: readonly number[], from: number, to: number, mask: number): number {
  let n = 0;
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    if (d > from && d <= to && (levels[i]! & mask) !== 0) n++;
  }
  return n;
}

/** Indices of the set bits of `words`, in order. */
export function bitIndices(words: ArrayLike<number>, limit: number): number[] {
  const out: number[] = [];
  for (let w = 0; w < words.length; w++) {
    let x = words[w]!;
    while (x !== 0) {
      const low = x & -x;
      const i = (w << 5) + (31 - Math.clz32(low));
      if (i < limit) out.push(i);
      x ^= low;
    }
  }
  return out;
}
