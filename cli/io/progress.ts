// A progress bar on standard error for long registers: only on a terminal (in a pipe or a
// log it stays quiet), redrawn at most ten times a second: share of the file read, rows,
// rows per second and an estimate of the time left (from the bytes read so far).

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): boolean;
}

const fmt = new Intl.NumberFormat('en-US');

function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
}

/** One line of the bar; `total` 0 means unknown size (no share, no estimate). */
export function progressLine(rows: number, bytes: number, total: number, elapsedMs: number, width = 80): string {
  const rate = elapsedMs > 0 ? (rows * 1000) / elapsedMs : 0;
  const parts = [`${fmt.format(rows)} 行`, `${fmt.format(Math.round(rate))} 行/秒`];
  if (total > 0) {
    const share = Math.min(1, bytes / total);
    const left = share > 0 ? (elapsedMs / 1000) * ((1 - share) / share) : NaN;
    parts.push(`剩余约 ${clock(left)}`);
    const text = `${(share * 100).toFixed(0).padStart(3)}%  ${parts.join('  ')}`;
    const barWidth = Math.max(10, Math.min(40, width - text.length - 6));
    const full = Math.round(share * barWidth);
    return `[${'█'.repeat(full)}${'░'.repeat(barWidth - full)}] ${text}`;
  }
  return parts.join('  ');
}

export class Progress {
  private readonly start: number;
  private last = 0;
  private shown = false;
  readonly enabled: boolean;

  constructor(
    private readonly out: ProgressStream = process.stderr,
    private readonly now: () => number = Date.now,
    enabled?: boolean,
  ) {
    this.enabled = enabled ?? out.isTTY === true;
    this.start = now();
  }

  /** Call as often as you like; it redraws at most every 100 ms. */
  update(rows: number, bytes: number, total: number): void {
    if (!this.enabled) return;
    const t = this.now();
    if (t - this.last < 100) return;
    this.last = t;
    this.shown = true;
    this.out.write(`\r${progressLine(rows, bytes, total, t - this.start, this.out.columns ?? 80)}\x1b[K`);
  }

  /** Clears the bar so the summary line starts clean. */
  done(): void {
    if (this.enabled && this.shown) this.out.write('\r\x1b[K');
  }
}
