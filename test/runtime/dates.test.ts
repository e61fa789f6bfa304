import { describe, expect, it } from 'vitest';
import { dateText, dayNumber, shiftBack } from '../../runtime/dates.js';

// The calendar as JavaScript's Date sees it: the reference the arithmetic must match.
const viaDate = {
  day(y: number, m: number, d: number): number {
    const t = Date.UTC(y, m - 1, d);
    const b = new Date(t);
    return b.getUTCFullYear() === y && b.getUTCMonth() === m - 1 && b.getUTCDate() === d ? t / 86_400_000 : NaN;
  },
  shift(day: number, amount: number, unit: 'year' | 'month' | 'day'): number {
    if (unit === 'day') return day - amount;
    const d = new Date(day * 86_400_000);
    const total = d.getUTCFullYear() * 12 + d.getUTCMonth() - (unit === 'year' ? amount * 12 : amount);
    const y = Math.floor(total / 12);
    const mo = total - y * 12;
    return Date.UTC(y, mo, Math.min(d.getUTCDate(), new Date(Date.UTC(y, mo + 1, 0)).getUTCDate())) / 86_400_000;
  },
};

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('dates', () => {
  it('reads exactly the real YYYY-MM-DD dates of 1900–2100, as Date does', () => {
    const wrong: string[] = [];
    for (let y = 1900; y <= 2100; y++)
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const t = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          if (!Object.is(dayNumber(t), viaDate.day(y, m, d))) wrong.push(t);
        }
    expect(wrong).toEqual([]);
  });

  it('refuses other forms and typo years', () => {
    expect(['2025-1-01', '2025/01/01', ' 2025-01-01', '2025-01-0１', '0025-03-01', '2026-02-29', ''].map(dayNumber)).toEqual([NaN, NaN, NaN, NaN, NaN, NaN, NaN]);
    expect([dayNumber('1970-01-01'), dayNumber('2024-02-29'), dayNumber('2000-03-01')]).toEqual([0, 19782, 11017]);
  });

  it('writes and shifts back as Date does, 29 Feb falling back to 28 Feb', () => {
    const wrong: string[] = [];
    for (let day = -30_000; day < 60_000; day += 3) {
      if (dayNumber(dateText(day)) !== day) wrong.push(`text ${day}`);
      for (const [a, u] of [[1, 'year'], [3, 'year'], [6, 'month'], [13, 'month'], [30, 'day']] as const) if (shiftBack(day, a, u) !== viaDate.shift(day, a, u)) wrong.push(`${day} − ${a} ${u}`);
    }
    expect(wrong).toEqual([]);
    expect(dateText(shiftBack(dayNumber('2024-02-29'), 1, 'year'))).toBe('2023-02-28');
    expect(dateText(shiftBack(dayNumber('2025-03-31'), 1, 'month'))).toBe('2025-02-28');
  });
});
