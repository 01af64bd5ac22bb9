import { RollingMoments } from './rolling-moments.ts';

/** z = (x_t - mean) / s over the last n values including x_t, s the sample standard deviation (n - 1). */
export function zScore(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return sd === 0 ? 0 : (values[n - 1]! - mean) / sd;
}

/** The same z-score, O(1) per value; NaN until the window is full, 0 for a constant window. */
export class RollingZScore {
  private readonly moments: RollingMoments;

  constructor(readonly window: number) {
    this.moments = new RollingMoments(window);
  }

  update(value: number): number {
    this.moments.push(value);
    return this.value();
  }

  value(): number {
    if (!this.moments.full) return Number.NaN;
    const sd = Math.sqrt(this.moments.variance());
    // A window of equal values has sd 0 exactly after the shifted resum; rounding can leave ~1e-17.
    if (!(sd > 1e-12 * Math.abs(this.moments.mean()))) return 0;
    return (this.moments.at(0)! - this.moments.mean()) / sd;
  }
}
