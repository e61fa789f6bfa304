// Calendar dates as day numbers (days since 1970-01-01, UTC), checked for existence.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a YYYY-MM-DD date, or NaN when the text is not a real date (2026-02-30). */
export function dayNumber(text: string): number {
  const m = DATE_RE.exec(text);
  if (!m) return NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return t / 86_400_000;
}

export function dateText(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The day `amount` years/months/days before `day`; 29 Feb falls back to 28 Feb. */
export function shiftBack(day: number, amount: number, unit: 'year' | 'month' | 'day'): number {
  if (unit === 'day') return day - amount;
  const d = new Date(day * 86_400_000);
  const months = unit === 'year' ? amount * 12 : amount;
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() - months;
  const y = Math.floor(total / 12);
  const mo = total - y * 12;
  const last = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  return Date.UTC(y, mo, Math.min(d.getUTCDate(), last)) / 86_400_000;
}
