import { describe, expect, it } from 'vitest';
import { drawdownSeries, maxDrawdown } from './drawdown.ts';
import { mixedReturns, negativeReturns, positiveReturns, simpleBenchmark } from './fixtures.ts';

describe('drawdown', () => {
  it('matches empyrical max_drawdown reference values', () => {
    expect(maxDrawdown(mixedReturns)).toBeCloseTo(-0.1, 12);
    expect(maxDrawdown(negativeReturns)).toBeCloseTo(-0.365907303498736, 12);
    expect(maxDrawdown(simpleBenchmark)).toBe(0);
    expect(maxDrawdown(positiveReturns)).toBe(0);
    expect(maxDrawdown([0.1, -0.1, 0.1])).toBeCloseTo(-0.1, 14);
  });

  it('counts the starting wealth of 1 as a peak', () => {
    // wealth 0.9, 0.99, 0.891: peak stays 1
    const dd = drawdownSeries([-0.1, 0.1, -0.1]);
    expect(dd[0]).toBeCloseTo(-0.1, 15);
    expect(dd[1]).toBeCloseTo(-0.01, 15);
    expect(dd[2]).toBeCloseTo(-0.109, 15);
    expect(maxDrawdown([-0.5])).toBe(-0.5);
  });

  it('resets after a new high', () => {
    const dd = drawdownSeries([0.5, -0.2, 0.5, -0.1]);
    // wealth 1.5, 1.2, 1.8, 1.62
    expect(dd[0]).toBe(0);
    expect(dd[1]).toBeCloseTo(-0.2, 14);
    expect(dd[2]).toBe(0);
    expect(dd[3]).toBeCloseTo(-0.1, 14);
  });

  it('rejects an empty series', () => {
    expect(() => maxDrawdown([])).toThrow(RangeError);
  });
});
