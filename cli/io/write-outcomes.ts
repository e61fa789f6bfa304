// Decisions and errors out, as JSON Lines or CSV, to standard output or to a file
// that appears only when complete (written beside it, then renamed).
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { isError, type Outcome } from '../../runtime/index.js';
import { csvLine } from './csv.js';

export type OutputFormat = 'jsonl' | 'csv';

export const CSV_COLUMNS = ['id', 'inScope', 'assessedClass', 'class', 'mode', 'riskLevel', 'passed', 'answered', 'passRatio', 'failedItems', 'directiveFailures', 'warnings', 'errorCode', 'errorField', 'errorMessage'];

export function outcomeRow(o: Outcome): unknown[] {
  if (isError(o)) return [o.id, '', '', '', '', '', '', '', '', '', '', '', o.error.code, o.error.field, o.error.message];
  return [o.id, o.inScope, o.assessedClass ?? '', o.class ?? '', o.mode ?? '', o.riskLevel ?? '', o.passed, o.answered, o.passRatio ?? '', o.failedItems.join(';'), o.directiveFailures.join(';'), (o.warnings ?? []).map((w) => `${w.code} ${w.field}`).join(';'), '', '', ''];
}

export class OutcomeWriter {
  private readonly stream: WriteStream | NodeJS.WriteStream;
  private readonly temp: string | undefined;
  private buffer = '';

  constructor(
    private readonly format: OutputFormat,
    private readonly path: string | undefined,
  ) {
    this.temp = path ? `${path}.partial-${process.pid}` : undefined;
    this.stream = this.temp ? createWriteStream(this.temp) : process.stdout;
    if (format === 'csv') this.buffer += '\uFEFF' + csvLine(CSV_COLUMNS);
  }

  async write(o: Outcome): Promise<void> {
    this.buffer += this.format === 'csv' ? csvLine(outcomeRow(o)) : JSON.stringify(o) + '\n';
    if (this.buffer.length > 1 << 16) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await new Promise<void>((res) => this.stream.once('drain', () => res()));
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.temp && this.path) {
      await new Promise<void>((res, rej) => (this.stream as WriteStream).end((e?: Error | null) => (e ? rej(e) : res())));
      renameSync(this.temp, this.path);
    }
  }

  /** Interrupted: leave no half-written file behind. */
  abort(): void {
    if (this.temp) {
      (this.stream as WriteStream).destroy();
      rmSync(this.temp, { force: true });
    }
  }
}
