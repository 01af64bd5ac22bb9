/**
 * A fixed-capacity FIFO of numbers on a Float64Array: push is O(1) and returns the value it
 * evicted, so rolling sums can subtract it without a second lookup.
 */
export class RingBuffer {
  private readonly values: Float64Array;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`ring buffer capacity must be a positive integer, got ${capacity}`);
    this.values = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count === this.capacity;
  }

  /** Appends `value`; returns the evicted oldest value, or undefined while not yet full. */
  push(value: number): number | undefined {
    let evicted: number | undefined;
    if (this.count === this.capacity) evicted = this.values[this.head];
    else this.count++;
    this.values[this.head] = value;
    this.head = (this.head + 1) % this.capacity;
    return evicted;
  }

  /** `ago` = 0 is the newest value, `length - 1` the oldest; undefined outside that range. */
  at(ago: number): number | undefined {
    if (ago < 0 || ago >= this.count) return undefined;
    return this.values[(this.head - 1 - ago + this.capacity * 2) % this.capacity];
  }

  /** Oldest to newest (a copy). */
  toArray(): number[] {
    const out: number[] = [];
    for (let ago = this.count - 1; ago >= 0; ago--) out.push(this.at(ago)!);
    return out;
  }
}
