import { RingBuffer } from './ring-buffer.ts';

/**
 * Sum and sum of squares over the last `window` values, O(1) per push. Subtracting evicted values
 * lets rounding error accumulate, so the sums are recomputed from the buffer once per `window`
 * pushes: still O(1) amortised, and the drift stays bounded by one window's worth of operations.
 * The sums are of `x - shift` (shift = a recent value, reset at each recompute) so that the variance
 * of prices far from zero (BTC at 47,000, a spread of 1e-5 around EURUSD 1.08) does not lose its
 * digits to cancellation in sumSq - sum^2 / n.
 */
export class RollingMoments {
  private readonly buffer: RingBuffer;
  private sum = 0;
  private sumSq = 0;
  private sinceResum = 0;
  private shift = Number.NaN;

  constructor(readonly window: number) {
    this.buffer = new RingBuffer(window);
  }

  get count(): number {
    return this.buffer.length;
  }

  get full(): boolean {
    return this.buffer.full;
  }

  push(value: number): void {
    if (Number.isNaN(this.shift)) this.shift = value;
    const evicted = this.buffer.push(value);
    const d = value - this.shift;
    this.sum += d;
    this.sumSq += d * d;
    if (evicted !== undefined) {
      const e = evicted - this.shift;
      this.sum -= e;
      this.sumSq -= e * e;
    }
    if (++this.sinceResum >= this.window) this.resum();
  }

  total(): number {
    return this.sum + this.shift * this.count;
  }

  mean(): number {
    return this.count === 0 ? Number.NaN : this.shift + this.sum / this.count;
  }

  /** Sample variance (divisor n - 1); NaN below two values; clamped at 0 against rounding. */
  variance(): number {
    const n = this.count;
    if (n < 2) return Number.NaN;
    return Math.max(0, (this.sumSq - (this.sum * this.sum) / n) / (n - 1));
  }

  /** The newest value, `ago` pushes back. */
  at(ago: number): number | undefined {
    return this.buffer.at(ago);
  }

  private resum(): void {
    this.sinceResum = 0;
    this.shift = this.buffer.at(0)!;
    let sum = 0;
    let sumSq = 0;
    for (let ago = 0; ago < this.buffer.length; ago++) {
      const d = this.buffer.at(ago)! - this.shift;
      sum += d;
      sumSq += d * d;
    }
    this.sum = sum;
    this.sumSq = sumSq;
  }
}
