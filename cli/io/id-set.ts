// The ids of a register seen so far, to warn of a duplicate (FL5108). A register may have a
// million rows: a Set of a million short strings costs ~50 MB of heap, so the ids are kept
// as UTF-8 bytes (each after its length) in one growing buffer, found through an
// open-addressing table of offsets (~20 MB for a million). Exact: a match is compared byte
// by byte.

const encoder = new TextEncoder();

export class IdSet {
  /** Each id as a varint length, then its UTF-8 bytes. */
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  private count = 0;
  /** Slot → offset of the id in `bytes` + 1 (0 = empty). */
  private slots = new Int32Array(1 << 12);
  private scratch = new Uint8Array(256);
  /** Length of the id last encoded into `scratch`. */
  private length = 0;

  get size(): number {
    return this.count;
  }

  /** Adds `id`; false when it was already there. */
  add(id: string): boolean {
    const h = this.encode(id);
    const mask = this.slots.length - 1;
    let s = h & mask;
    for (let e = this.slots[s]!; e !== 0; s = (s + 1) & mask, e = this.slots[s]!) if (this.same(e - 1)) return false;
    this.slots[s] = this.store() + 1;
    if (++this.count * 2 > this.slots.length) this.rehash();
    return true;
  }

  /** Encodes `id` into `scratch` and returns its hash (FNV-1a over the bytes). */
  private encode(id: string): number {
    if (this.scratch.length < id.length * 3) this.scratch = new Uint8Array(id.length * 3);
    const key = this.scratch;
    this.length = encoder.encodeInto(id, key).written;
    return hash(key, 0, this.length);
  }

  /** Whether the id stored at `at` equals the one in `scratch`. */
  private same(at: number): boolean {
    const b = this.bytes;
    const len = lengthAt(b, at);
    if (len !== this.length) return false;
    at += varintSize(len);
    const key = this.scratch;
    for (let i = 0; i < len; i++) if (b[at + i] !== key[i]) return false;
    return true;
  }

  /** Appends the id in `scratch`; returns its offset. */
  private store(): number {
    const n = this.length;
    if (this.used + n + 5 > this.bytes.length) {
      // Grows by half: the buffer is most of the memory, doubling would waste up to half of it.
      const grown = new Uint8Array(Math.max(Math.ceil(this.bytes.length * 1.5), this.used + n + 5));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    const at = this.used;
    let i = at;
    for (let rest = n; ; rest = Math.floor(rest / 128)) {
      if (rest < 0x80) {
        this.bytes[i++] = rest;
        break;
      }
      this.bytes[i++] = (rest & 0x7f) | 0x80;
    }
    this.bytes.set(this.scratch.subarray(0, n), i);
    this.used = i + n;
    return at;
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    const mask = this.slots.length - 1;
    const b = this.bytes;
    for (const e of old) {
      if (e === 0) continue;
      // Re-hashed from the stored bytes: hashes are not kept, to save their memory.
      const len = lengthAt(b, e - 1);
      const at = e - 1 + varintSize(len);
      let s = hash(b, at, at + len) & mask;
      while (this.slots[s] !== 0) s = (s + 1) & mask;
      this.slots[s] = e;
    }
  }
}

/** FNV-1a over bytes [from, to). */
function hash(b: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h;
}

/** The varint length stored at `at`. */
function lengthAt(b: Uint8Array, at: number): number {
  let len = 0;
  for (let shift = 0; ; shift += 7) {
    const x = b[at++]!;
    len += (x & 0x7f) * 2 ** shift;
    if (x < 0x80) return len;
  }
}

function varintSize(len: number): number {
  let n = 1;
  while (len >= 0x80) {
    len = Math.floor(len / 128);
    n++;
  }
  return n;
}
