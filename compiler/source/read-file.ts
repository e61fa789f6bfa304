// Reading a rule or test file from disk with its limits holding before the read: only regular
// files (a device or FIFO reports size 0 and never ends: `基于: /dev/zero`), and never more
// than the size limit, however the file grows while it is read.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export type ReadOutcome =
  | { bytes: Buffer }
  | { problem: 'not-found' | 'not-regular' }
  | { problem: 'too-large'; size: number }
  | { problem: 'other'; message: string };

export function readRegularFile(path: string, maxBytes: number): ReadOutcome {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { problem: 'not-found' };
    if (code === 'EISDIR') return { problem: 'not-regular' };
    return { problem: 'other', message: (e as Error).message };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { problem: 'not-regular' };
    if (st.size > maxBytes) return { problem: 'too-large', size: st.size };
    // Read to the end, but never past the limit (the file may have grown since fstat).
    let buf = Buffer.alloc(st.size + 1);
    let got = 0;
    for (;;) {
      if (got === buf.length) {
        if (got > maxBytes) return { problem: 'too-large', size: got };
        const bigger = Buffer.alloc(Math.min(maxBytes + 1, buf.length * 2));
        buf.copy(bigger, 0, 0, got);
        buf = bigger;
      }
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
    }
    return { bytes: buf.subarray(0, got) };
  } catch (e) {
    return { problem: 'other', message: (e as Error).message };
  } finally {
    closeSync(fd);
  }
}
