import { describe, expect, it } from 'vitest';
import { covarianceMatrix, meanVector, portfolioReturns, quadForm } from './matrix-stats.ts';
import { assertCovariance } from './validate.ts';

describe('matrix stats', () => {
  const rows = [
    [1, 2],
    [3, 6],
    [5, 4],
  ];

  it('column means and sample covariance by hand', () => {
    expect(meanVector(rows)).toEqual([3, 4]);
    // deviations a: -2, 0, 2; b: -2, 2, 0 -> var a 8/2, var b 8/2, cov 4/2
    expect(covarianceMatrix(rows)).toEqual([
      [4, 2],
      [2, 4],
    ]);
  });

  it('portfolio returns and quadratic form', () => {
    expect(portfolioReturns([0.5, 0.5], rows)).toEqual([1.5, 4.5, 4.5]);
    expect(
      quadForm(
        [
          [4, 2],
          [2, 4],
        ],
        [0.5, 0.5],
      ),
    ).toBe(3);
  });

  it('rejects ragged, empty and non-finite input', () => {
    expect(() => meanVector([])).toThrow(/returns must not be empty/);
    expect(() => meanVector([[1, 2], [1]])).toThrow(/row 1/);
    expect(() => meanVector([[1, Number.NaN]])).toThrow(/row 0/);
    expect(() => covarianceMatrix([[1, 2]])).toThrow(/observations/);
    expect(() => portfolioReturns([1], rows)).toThrow(/weights/);
  });

  it('assertCovariance checks shape and symmetry', () => {
    expect(() => assertCovariance('cov', [[1, 0]])).toThrow(/square/);
    expect(() =>
      assertCovariance('cov', [
        [1, 0.5],
        [0.4, 1],
      ]),
    ).toThrow(/symmetric/);
    expect(() => assertCovariance('cov', [[1]], 2)).toThrow(/2x2/);
    expect(() => assertCovariance('cov', [])).toThrow(/empty/);
    expect(() => assertCovariance('cov', [[-1]])).toThrow(/variance/);
  });
});
