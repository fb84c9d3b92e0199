// Bounded FIFO for trace records: O(1) push, drop-oldest and batch take. A plain array with a head
// index (Array#shift is O(n) on large arrays); the consumed prefix is compacted away lazily.

export class BoundedBuffer<T> {
  #items: (T | undefined)[] = [];
  #head = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`buffer capacity must be ≥ 1, got ${capacity}`);
  }

  get length(): number {
    return this.#items.length - this.#head;
  }

  /** Appends; when that exceeds `capacity - reserved`, drops the oldest items and returns how
   * many were dropped (`reserved` = records held elsewhere that count against the bound). */
  push(item: T, reserved = 0): number {
    this.#items.push(item);
    let dropped = 0;
    while (this.length > 0 && this.length + reserved > this.capacity) {
      this.#items[this.#head++] = undefined;
      dropped++;
    }
    if (dropped) this.#compact();
    return dropped;
  }

  /** Removes and returns up to `max` oldest items. */
  take(max: number): T[] {
    const end = Math.min(this.#items.length, this.#head + max);
    const out = this.#items.slice(this.#head, end) as T[];
    for (let i = this.#head; i < end; i++) this.#items[i] = undefined;
    this.#head = end;
    this.#compact();
    return out;
  }

  #compact(): void {
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > 4096 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }
}
