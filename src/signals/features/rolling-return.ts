import { RingBuffer } from './ring-buffer.ts';

/** Simple returns C_t / C_{t-k} - 1 for each horizon k in bars, from one buffer of the last max(k) + 1 closes. */
export class RollingReturns {
  private readonly closes: RingBuffer;

  constructor(readonly horizons: readonly number[]) {
    for (const k of horizons)
      if (!Number.isInteger(k) || k < 1)
        throw new RangeError(`return horizon must be a positive integer, got ${k}`);
    this.closes = new RingBuffer(Math.max(1, ...horizons) + 1);
  }

  update(close: number): void {
    this.closes.push(close);
  }

  /** NaN until k + 1 closes have been seen. */
  value(k: number): number {
    const then = this.closes.at(k);
    return then === undefined ? Number.NaN : this.closes.at(0)! / then - 1;
  }
}
