// A FIFO of operation ids in a ring buffer: its storage is bounded by the most ids queued at
// once, however many pass through (an array indexed by a head that resets only when it
// empties kept one entry per operation ever queued while the engine stayed busy).

export class IdQueue {
  #ids = new Int32Array(64);
  #mask = 63;
  #head = 0; // index of the first id, unwrapped (masked on access)
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Ids the storage holds without growing (a power of two). */
  get capacity(): number {
    return this.#ids.length;
  }

  push(id: number): void {
    if (this.#size === this.#ids.length) this.#grow();
    this.#ids[(this.#head + this.#size++) & this.#mask] = id;
  }

  /** The first id (the queue is not empty). */
  peek(): number {
    return this.#ids[this.#head & this.#mask];
  }

  /** Removes and returns the first id (the queue is not empty). */
  shift(): number {
    const id = this.#ids[this.#head & this.#mask];
    this.#head = (this.#head + 1) & this.#mask;
    this.#size--;
    return id;
  }

  /** Puts `ids` in front of the queue, in their order. */
  unshiftAll(ids: readonly number[]): void {
    while (this.#size + ids.length > this.#ids.length) this.#grow();
    for (let i = ids.length - 1; i >= 0; i--) {
      this.#head = (this.#head - 1) & this.#mask;
      this.#ids[this.#head] = ids[i];
      this.#size++;
    }
  }

  /** Doubles the storage, the ids laid out from index 0 again. */
  #grow(): void {
    const old = this.#ids;
    const ids = new Int32Array(old.length * 2);
    for (let i = 0; i < this.#size; i++) ids[i] = old[(this.#head + i) & this.#mask];
    this.#ids = ids;
    this.#mask = ids.length - 1;
    this.#head = 0;
  }
}
