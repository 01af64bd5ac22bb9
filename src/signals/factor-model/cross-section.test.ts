import { describe, expect, it } from 'vitest';
import { fillMissing, quantile, standardize, winsorize } from './cross-section.ts';

describe('cross-sectional helpers', () => {
  it('takes quantiles with linear interpolation over the finite values (numpy default)', () => {
    // [1..5]: p = 0.1 -> position 0.4 -> 1 + 0.4 * (2 - 1) = 1.4; p = 0.75 -> position 3 -> 4.
    expect(quantile([5, Number.NaN, 1, 3, 2, 4], 0.1)).toBeCloseTo(1.4, 15);
    expect(quantile([5, 1, 3, 2, 4], 0.75)).toBe(4);
    expect(quantile([Number.NaN], 0.5)).toBeNaN();
  });

  it('selection gives the same quantiles as sorting (random arrays with ties)', () => {
    let seed = 3;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 200; trial++) {
      const xs = Array.from({ length: 1 + Math.floor(next() * 40) }, () => Math.floor(next() * 10) / 2);
      const sorted = [...xs].sort((a, b) => a - b);
      for (const p of [0, 0.01, 0.05, 0.3, 0.5, 0.7, 0.95, 1]) {
        const h = (sorted.length - 1) * p;
        const lo = Math.floor(h);
        const expected =
          sorted[lo]! + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!);
        expect(quantile(xs, p)).toBeCloseTo(expected, 12);
      }
    }
  });

  it('winsorises symmetrically and keeps NaN', () => {
    // bounds: 0.25 -> position 1 -> 2; 0.75 -> position 3 -> 4.
    expect([...winsorize([1, 2, 3, 4, 100, Number.NaN], 0.25)]).toEqual([2, 2, 3, 4, 4, Number.NaN]);
    expect([...winsorize([3, 1, 2], 0)]).toEqual([3, 1, 2]);
    expect(() => winsorize([1], 1.5)).toThrow(RangeError);
  });

  it('standardises with the sample standard deviation, ignoring NaN', () => {
    // mean 2, sample variance ((1)^2 + 0 + 1^2) / 2 = 1.
    expect([...standardize([1, 2, 3, Number.NaN])]).toEqual([-1, 0, 1, Number.NaN]);
    // mean 2.5, sample sd sqrt(((1.5)^2 + (0.5)^2) * 2 / 3) = sqrt(5/3).
    const z = standardize([1, 2, 3, 4]);
    expect(z[0]).toBeCloseTo(-1.5 / Math.sqrt(5 / 3), 15);
    expect([...standardize([7, 7, Number.NaN])]).toEqual([0, 0, Number.NaN]);
    expect([...standardize([7])]).toEqual([0]);
  });

  it('fills missing exposures with 0, the cross-sectional mean', () => {
    expect([...fillMissing(Float64Array.from([1, Number.NaN, -1]))]).toEqual([1, 0, -1]);
  });
});
