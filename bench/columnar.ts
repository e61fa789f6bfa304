// A reference point for the memory-layout question, not a like-for-like competitor: the
// national class and mode (no Decision objects, no item lists or measures) computed over
// records laid out as columns — one typed array per field, one slot per record — instead of
// one Prepared object (with its own typed arrays and event lists) per record.
import type { Prepared } from '../runtime/index.js';
import { settledAnswers } from './hand-written.js';

export interface Columns {
  n: number;
  /** Bit 0 in scope, bit 1 periodic review, bit 2 an Art. 21 trigger event since the previous review. */
  flags: Uint8Array;
  /** The answer bit word (bit k − 1 = item k passes). */
  pass: Int32Array;
  /** Previous class rank, −1 at a first classification. */
  prev: Int8Array;
  /** 1 Ⅰ级, 2 Ⅱ级, 3 Ⅲ级. */
  risk: Int8Array;
}

const ALL = (1 << 19) - 1;
const STAR = (1 << 0) | (1 << 1) | (1 << 11) | (1 << 13) | (1 << 14) | (1 << 15) | (1 << 16);
const TRIGGER_TYPES = 5;

/** Lays prepared records out as columns (a one-off step, like prepare; not timed). */
export function toColumns(ps: readonly Prepared[]): Columns {
  const n = ps.length;
  const c: Columns = { n, flags: new Uint8Array(n), pass: new Int32Array(n), prev: new Int8Array(n), risk: new Int8Array(n) };
  for (let i = 0; i < n; i++) {
    const p = ps[i]!;
    let triggered = false;
    for (let t = 0; t < TRIGGER_TYPES; t++) for (const d of p.events[t]!) if (d > p.reviewStart && d <= p.day) triggered = true;
    // D11: an adjustment without inspection is laid out as all items passing between reviews:
    // the class loop then keeps the previous class, lowered by a trigger.
    c.flags[i] = (p.inScope ? 1 : 0) | (p.periodic && !p.adjustmentOnly ? 2 : 0) | (triggered ? 4 : 0);
    c.pass[i] = p.adjustmentOnly ? ALL : settledAnswers(p);
    c.prev[i] = p.prev;
    c.risk[i] = p.risk;
  }
  return c;
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Class rank (C 0 … AA 3) and mode rank (加严 0 … 信用 3) of every record, 255 when out of
 * scope; the same rules as hand-written.ts. Returns a checksum.
 */
export function classifyColumns(c: Columns, classOut: Uint8Array, modeOut: Uint8Array): number {
  const { n, flags, pass, prev, risk } = c;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const f = flags[i]!;
    if ((f & 1) === 0) {
      classOut[i] = 255;
      modeOut[i] = 255;
      continue;
    }
    const ok = pass[i]! & ALL;
    const failed = ALL & ~ok;
    const passed = popcount(ok);
    let rank = (failed & STAR) !== 0 || passed * 100 < 60 * 19 ? 0 : failed === 0 ? 3 : passed * 100 >= 90 * 19 ? 2 : 1;
    const pv = prev[i]!;
    if (pv >= 0) {
      if (f & 2) {
        if (rank > pv + 1) rank = pv + 1;
      } else if (rank > pv) rank = pv;
      if (f & 4) {
        const limit = pv > 0 ? pv - 1 : 0;
        if (rank > limit) rank = limit;
      }
    }
    const mode = risk[i] === 1 && rank > 0 ? rank - 1 : rank;
    classOut[i] = rank;
    modeOut[i] = mode;
    sum += rank + mode;
  }
  return sum;
}
