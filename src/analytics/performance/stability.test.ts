import { describe, expect, it } from 'vitest';
import { flatLine1, mixedReturns } from './fixtures.ts';
import { stability } from './stability.ts';

describe('stability', () => {
  it('matches the empyrical reference values', () => {
    expect(stability(mixedReturns)).toBeCloseTo(0.1529973665111273, 12);
    expect(stability(flatLine1)).toBeCloseTo(1, 14);
  });

  it('by hand: cumulative log wealth 0, a, 0 is uncorrelated with time', () => {
    const a = 0.1;
    // log1p returns a, -a -> y = [a, 0]; plus a leading 0 return -> y = [0, a, 0]: sxy = 0
    expect(stability([0, Math.expm1(a), Math.expm1(-a)])).toBeCloseTo(0, 14);
  });

  it('is NaN with fewer than two observations and 0 for all-zero returns', () => {
    expect(stability([0.01, Number.NaN])).toBeNaN();
    expect(stability([0, 0, 0])).toBe(0);
  });
});
