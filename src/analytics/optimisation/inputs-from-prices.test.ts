import { describe, expect, it } from 'vitest';
import { inputsFromPrices } from './inputs-from-prices.ts';

describe('inputsFromPrices', () => {
  it('uses the common window after the latest first price', () => {
    // A trades from row 0, B from row 1: returns of B start at row 2, so the window is rows 2..4.
    const prices = [
      [100, null],
      [110, 50],
      [121, 55],
      [108.9, 49.5],
      [119.79, 49.5],
    ];
    const r = inputsFromPrices(['A', 'B'], prices);
    expect(r.firstRow).toBe(2);
    expect(r.observations).toBe(3);
    // A: 0.1, -0.1, 0.1; B: 0.1, -0.1, 0
    expect(r.expectedReturns[0]).toBeCloseTo(0.1 / 3, 14);
    expect(r.expectedReturns[1]).toBeCloseTo(0, 14);
    // A deviations 0.2/3, -0.4/3, 0.2/3 -> var (0.04+0.16+0.04)/9/2 = 0.24/18
    expect(r.covariance[0]![0]).toBeCloseTo(0.24 / 18, 14);
    // B deviations 0.1, -0.1, 0 -> var 0.02/2
    expect(r.covariance[1]![1]).toBeCloseTo(0.01, 14);
    // cross: (0.2/3)(0.1) + (-0.4/3)(-0.1) + 0 = 0.06/3 = 0.02 -> /2
    expect(r.covariance[0]![1]).toBeCloseTo(0.01, 14);
    expect(r.covariance[1]![0]).toBe(r.covariance[0]![1]);
  });

  it('rejects interior blanks, bad prices and short windows', () => {
    expect(() => inputsFromPrices(['A'], [[1], [Number.NaN], [2]])).toThrow(/A has a blank at row 1/);
    expect(() => inputsFromPrices(['A'], [[1], [-2], [2]])).toThrow(/non-positive/);
    expect(() => inputsFromPrices(['A'], [[1], [2]])).toThrow(/common window/);
    expect(() =>
      inputsFromPrices(
        ['A', 'B'],
        [
          [1, null],
          [2, null],
        ],
      ),
    ).toThrow(/B has no prices/);
    expect(() => inputsFromPrices(['A', 'B'], [[1]])).toThrow(/row 0/);
    expect(() => inputsFromPrices([], [])).toThrow(/assets/);
  });
});
