import { describe, expect, it } from 'vitest';
import { mixedReturns } from './fixtures.ts';
import { conditionalValueAtRisk, tailRatio, valueAtRisk } from './tail.ts';

describe('tailRatio', () => {
  it('by hand on the empyrical mixed series (NaN dropped, 8 values)', () => {
    // sorted % [-10, -4, 1, 1, 2, 2, 3, 10]; p95 rank 6.65 -> 3 + 0.65 * 7 = 7.55;
    // p5 rank 0.35 -> -10 + 0.35 * 6 = -7.9. (empyrical asserts ~0.95 to one decimal.)
    expect(tailRatio(mixedReturns)).toBeCloseTo(7.55 / 7.9, 12);
  });
});

describe('valueAtRisk / conditionalValueAtRisk', () => {
  const r = Array.from({ length: 21 }, (_, i) => (i - 10) / 100); // -0.10 .. 0.10

  it('uses the linear-interpolated percentile', () => {
    // rank 0.05 * 20 = 1 -> exactly -0.09
    expect(valueAtRisk(r)).toBeCloseTo(-0.09, 15);
    // rank 0.1 * 20 = 2 -> -0.08; rank 0.01 * 20 = 0.2 -> -0.10 + 0.2 * 0.01
    expect(valueAtRisk(r, 0.1)).toBeCloseTo(-0.08, 15);
    expect(valueAtRisk(r, 0.01)).toBeCloseTo(-0.098, 15);
  });

  it('CVaR is the mean of the k + 1 worst returns, k = floor((n - 1) * cutoff)', () => {
    expect(conditionalValueAtRisk(r)).toBeCloseTo(-0.095, 15); // k = 1: mean(-0.10, -0.09)
    expect(conditionalValueAtRisk(r, 0.01)).toBeCloseTo(-0.1, 15); // k = 0
    // 8 non-NaN values, k = floor(7 * 0.3) = 2: mean(-0.10, -0.04, 0.01)
    expect(conditionalValueAtRisk(mixedReturns, 0.3)).toBeCloseTo(-0.13 / 3, 15);
  });

  it('CVaR <= VaR', () => {
    expect(conditionalValueAtRisk(mixedReturns)).toBeLessThanOrEqual(valueAtRisk(mixedReturns));
  });

  it('rejects cutoff outside (0, 1) and empty input', () => {
    expect(() => valueAtRisk(r, 0)).toThrow(/cutoff/);
    expect(() => conditionalValueAtRisk(r, 1)).toThrow(/cutoff/);
    expect(() => valueAtRisk([])).toThrow(/returns/);
  });
});
