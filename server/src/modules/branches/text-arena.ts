/**
 * Texts encoded once per branch position, side by side in one growing buffer rather than a
 * Buffer object each: an answer copies its branches' parts without reaching through objects
 * scattered over the heap. A changed text is appended anew; when the buffer is full and half of
 * it is stale, it starts over empty and texts are made again as asked.
 */
export class TextArena {
  #bytes: Buffer;
  #used = 0;
  // After rearrange() the new arena owns the bytes: appending here would overwrite its texts.
  #retired = false;
  #live = 0;
  /** Byte offset of position i's text; -1: not made yet. */
  readonly start: Int32Array;
  readonly length: Int32Array;

  constructor(capacity: number, bytes: Buffer = Buffer.allocUnsafe(1 << 16)) {
    this.#bytes = bytes;
    this.start = new Int32Array(capacity).fill(-1);
    this.length = new Int32Array(capacity);
  }

  has(i: number): boolean {
    return (this.start[i] as number) >= 0;
  }

  set(i: number, text: string): void {
    if (this.#retired) throw new Error('TextArena: written after rearrange()');
    this.forget(i);
    const most = text.length * 3; // UTF-8 bytes at most
    if (this.#used + most > this.#bytes.length) {
      if ((this.#used - this.#live) * 2 > this.#used) this.clear();
      if (this.#used + most > this.#bytes.length) {
        const bytes = Buffer.allocUnsafe(Math.max(this.#bytes.length * 2, this.#used + most));
        this.#bytes.copy(bytes, 0, 0, this.#used);
        this.#bytes = bytes;
      }
    }
    const written = this.#bytes.write(text, this.#used, 'utf8');
    this.start[i] = this.#used;
    this.length[i] = written;
    this.#used += written;
    this.#live += written;
  }

  /** Every text to be made again (the buffer kept for them). */
  clear(): void {
    this.start.fill(-1);
    this.#used = 0;
    this.#live = 0;
  }

  forget(i: number): void {
    if ((this.start[i] as number) < 0) return;
    this.#live -= this.length[i] as number;
    this.start[i] = -1;
  }

  /** Copies position i's text into `out` at `at`; the bytes copied. */
  copy(i: number, out: Buffer, at: number): number {
    const start = this.start[i] as number;
    return this.#bytes.copy(out, at, start, start + (this.length[i] as number));
  }

  /** The same texts for positions in a new order; `from[k]`: position k's previous one, -1 for none. */
  rearrange(from: Int32Array): TextArena {
    this.#retired = true;
    const next = new TextArena(from.length, this.#bytes);
    next.#used = this.#used;
    for (let k = 0; k < from.length; k++) {
      const f = from[k] as number;
      if (f < 0 || (this.start[f] as number) < 0) continue;
      next.start[k] = this.start[f] as number;
      next.length[k] = this.length[f] as number;
      next.#live += this.length[f] as number;
    }
    return next;
  }
}
