import { describe, expect, it } from 'vitest';
import { HawkesArrivals } from './hawkes-arrivals.ts';
import { Prng } from './prng.ts';

describe('HawkesArrivals', () => {
  it('runs at the stationary mean rate mu / (1 - alpha/beta) with bursty (overdispersed) counts', () => {
    const arrivals = new HawkesArrivals(3, 5, new Prng(11));
    const seconds = 400;
    const counts = new Array<number>(seconds).fill(0);
    for (;;) {
      const t = arrivals.next(10, seconds * 1e9);
      if (t === undefined) break;
      counts[Math.floor(t / 1e9)]! += 1;
    }
    const mean = counts.reduce((a, b) => a + b, 0) / seconds;
    const variance = counts.reduce((a, b) => a + (b - mean) ** 2, 0) / seconds;
    expect(mean).toBeGreaterThan(20);
    expect(mean).toBeLessThan(30); // theory: 10 / (1 - 0.6) = 25
    expect(variance / mean).toBeGreaterThan(2); // a Poisson process would give ~1
  });

  it('rejects an explosive kernel', () => {
    expect(() => new HawkesArrivals(5, 5, new Prng(1))).toThrow(RangeError);
  });
});
