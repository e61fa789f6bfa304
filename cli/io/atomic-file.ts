// An output file that appears under its name only when complete. The content goes to a
// temporary file beside the target, created exclusively (O_EXCL, O_NOFOLLOW) under a name no
// one can guess, so a link planted there cannot redirect the write. Every write, the flush to
// disk, the close and the final rename are checked: a full disk is an error, never a silent
// success, and the temporary file is removed. Temporaries left by a process that was killed
// (SIGKILL gives no chance to clean up) are removed by the next write to the same target.
import { closeSync, constants, fsync, close, openSync, readdirSync, renameSync, rmSync, write } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { OutputError } from './output-paths.js';

const PARTIAL = '.partial-';

/** Test seam: FENLEI_TEST_WRITE_FAULT=full sends the bytes to /dev/full (a real ENOSPC); read per file, so an in-process run can set it. */
const faultTarget = (): string | undefined => (process.env.FENLEI_TEST_WRITE_FAULT === 'full' ? '/dev/full' : undefined);

const REASONS: Record<string, string> = {
  ENOSPC: '磁盘已满',
  EDQUOT: '超出磁盘配额',
  EFBIG: '文件过大',
  EROFS: '文件系统只读',
  EACCES: '没有写入权限',
  EPERM: '没有写入权限',
  EIO: '输入输出错误',
  EEXIST: '临时文件已存在',
  ELOOP: '临时文件的位置是一个符号链接',
  ENOENT: '目录不存在',
};

/** The error a failed write becomes: what failed, why in words, and that nothing was left. */
export function writeFailed(target: string, e: unknown): OutputError {
  if (e instanceof OutputError) return e;
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const why = REASONS[code] ?? String((e as Error).message ?? e);
  return new OutputError(`写入 ${target} 失败：${why}${code ? `（${code}）` : ''}。未留下不完整的文件。/ writing ${target} failed: ${code || String(e)}; no partial file left`);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes the temporaries of `target` whose process is gone (old `name.partial-PID` too). */
export function removeLeftovers(target: string): void {
  const dir = dirname(target);
  const prefix = basename(target) + PARTIAL;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(prefix)) continue;
    const m = /^(\d+)(?:-[0-9a-f]+)?$/.exec(n.slice(prefix.length));
    if (!m || alive(Number(m[1]))) continue;
    rmSync(join(dir, n), { force: true });
  }
}

function writeSome(fd: number, buf: Uint8Array, offset: number): Promise<number> {
  return new Promise((res, rej) => write(fd, buf, offset, buf.length - offset, null, (e, n) => (e ? rej(e) : res(n))));
}

export class AtomicFile {
  readonly temp: string;
  private readonly fd: number;
  /** Where the bytes go: the temporary file (or /dev/full under the test seam). */
  private readonly sink: number;
  /** Descriptors not yet closed. */
  private open: number[];
  private failure: OutputError | undefined;
  private done = false;

  constructor(readonly path: string) {
    removeLeftovers(path);
    this.temp = `${path}${PARTIAL}${process.pid}-${randomBytes(8).toString('hex')}`;
    try {
      this.fd = openSync(this.temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o666);
    } catch (e) {
      throw writeFailed(path, e);
    }
    const fault = faultTarget();
    this.sink = fault ? openSync(fault, 'w') : this.fd;
    this.open = [...new Set([this.fd, this.sink])];
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    try {
      for (let off = 0; off < buf.length; ) off += await writeSome(this.sink, buf, off);
    } catch (e) {
      this.failure = writeFailed(this.path, e);
      this.abort();
      throw this.failure;
    }
  }

  /**
   * A stream for libraries that write through one (exceljs). It never emits an error, which a
   * library might not pass on (and then hang): the first failure is kept and commit() throws it.
   */
  stream(): Writable {
    return new Writable({
      write: (chunk: Uint8Array, _enc, cb) => {
        if (this.failure) return cb();
        this.write(chunk).then(
          () => cb(),
          () => cb(),
        );
      },
    });
  }

  /** Flushes to disk, closes and renames onto the target; on any failure removes the temporary file. */
  async commit(): Promise<void> {
    if (this.failure) throw this.failure;
    const fd = this.fd;
    try {
      // A delayed-allocation file system may report a full disk only here.
      await new Promise<void>((res, rej) => fsync(fd, (e) => (e ? rej(e) : res())));
      for (const d of this.open.splice(0)) await new Promise<void>((res, rej) => close(d, (e) => (e ? rej(e) : res())));
      renameSync(this.temp, this.path);
      this.done = true;
    } catch (e) {
      this.failure = writeFailed(this.path, e);
      this.abort();
      throw this.failure;
    }
  }

  /** Interrupted or failed: closes and removes the temporary file (synchronous: also from a signal handler). */
  abort(): void {
    if (this.done) return;
    this.done = true;
    for (const fd of this.open.splice(0)) {
      try {
        closeSync(fd);
      } catch {
        // nothing more to do with it
      }
    }
    rmSync(this.temp, { force: true });
  }
}

/** Writes a whole file atomically (documents, workbooks, compiled modules). */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const f = new AtomicFile(path);
  await f.write(data);
  await f.commit();
}
