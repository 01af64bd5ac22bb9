import { describe, expect, it } from 'vitest';
import { covariance, nanMean, nanStd, percentile } from './stats.ts';

describe('stats', () => {
  it('nan-aware mean and std', () => {
    expect(nanMean([1, Number.NaN, 3])).toBe(2);
    expect(nanMean([Number.NaN])).toBeNaN();
    expect(nanStd([1, Number.NaN, 3], 1)).toBeCloseTo(Math.SQRT2, 15);
    expect(nanStd([1, 3], 0)).toBe(1);
    expect(nanStd([1], 1)).toBeNaN();
  });

  it('percentile follows numpy linear interpolation', () => {
    // np.percentile([1, 2, 3, 4], 25) == 1.75; 50 -> 2.5; 100 -> 4
    expect(percentile([4, 1, 3, 2], 25)).toBe(1.75);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([4, 1, 3, 2, Number.NaN], 100)).toBe(4);
    expect(() => percentile([1], 101)).toThrow(/q must be/);
  });

  it('covariance with ddof', () => {
    expect(covariance([1, 2, 3], [2, 4, 6], 1)).toBe(2);
    expect(covariance([1, 2, 3], [2, 4, 6], 0)).toBeCloseTo(4 / 3, 15);
  });
});
