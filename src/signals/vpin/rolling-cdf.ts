/**
 * Empirical CDF of a value against its last `window` values: after `push(x)`, (number of window
 * values strictly below x, + 1 for x itself) / window size. Ties rank low, so a flat stretch of
 * equal VPIN values reads 1/size, not 1, and does not look like a new extreme. A FIFO ring plus a sorted copy: binary search and one
 * `copyWithin` per push, so O(log w) compares and a memmove of at most w doubles, no allocation.
 * It runs once per VPIN bucket, far rarer than bars.
 */
export class RollingCdf {
  private readonly fifo: Float64Array;
  private readonly sorted: Float64Array;
  private head = 0;
  private count = 0;

  constructor(readonly window: number) {
    if (!Number.isInteger(window) || window < 1)
      throw new RangeError(`CDF window must be an integer >= 1, got ${window}`);
    this.fifo = new Float64Array(window);
    this.sorted = new Float64Array(window);
  }

  get size(): number {
    return this.count;
  }

  /** Adds `x` (evicting the oldest value when full) and returns its CDF in (0, 1]. */
  push(x: number): number {
    if (Number.isNaN(x)) throw new RangeError('RollingCdf: NaN has no rank');
    const { sorted } = this;
    if (this.count === this.window) {
      const at = this.lowerBound(this.fifo[this.head]!);
      sorted.copyWithin(at, at + 1, this.count);
      this.count--;
    }
    this.fifo[this.head] = x;
    this.head = (this.head + 1) % this.window;
    const at = this.lowerBound(x);
    sorted.copyWithin(at + 1, at, this.count);
    sorted[at] = x;
    this.count++;
    return (at + 1) / this.count;
  }

  private lowerBound(x: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
