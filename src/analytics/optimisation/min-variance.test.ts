import { describe, expect, it } from 'vitest';
import { minimumVariance } from './min-variance.ts';

const two = (s1: number, s2: number, rho: number) => ({
  assets: ['A', 'B'],
  expectedReturns: [0.0004, 0.0006],
  covariance: [
    [s1 * s1, rho * s1 * s2],
    [rho * s1 * s2, s2 * s2],
  ],
});

describe('minimumVariance', () => {
  it('2 assets: w1 = (s2^2 - s12) / (s1^2 + s2^2 - 2 s12)', () => {
    const s1 = 0.02;
    const s2 = 0.03;
    const s12 = 0.3 * s1 * s2;
    const w1 = (s2 * s2 - s12) / (s1 * s1 + s2 * s2 - 2 * s12); // 0.00072 / 0.00094
    const r = minimumVariance(two(s1, s2, 0.3));
    expect(r.weights.A).toBeCloseTo(w1, 14);
    expect(r.weights.B).toBeCloseTo(1 - w1, 14);
    const variance = w1 * w1 * s1 * s1 + (1 - w1) ** 2 * s2 * s2 + 2 * w1 * (1 - w1) * s12;
    expect(r.volatility).toBeCloseTo(Math.sqrt(252 * variance), 14);
    expect(r.expectedReturn).toBeCloseTo(252 * (0.0004 * w1 + 0.0006 * (1 - w1)), 14);
    expect(r.sharpe).toBeCloseTo(r.expectedReturn / r.volatility, 14);
  });

  it('2 assets where the unconstrained optimum shorts B: long-only gives (1, 0)', () => {
    // w1 = (0.0009 - 0.00027) / (0.0001 + 0.0009 - 0.00054) = 1.37 > 1
    const r = minimumVariance(two(0.01, 0.03, 0.9));
    expect(r.weights.A).toBeCloseTo(1, 14);
    expect(r.weights.B).toBeCloseTo(0, 14);
  });

  it('uncorrelated assets: weights proportional to 1 / variance', () => {
    const r = minimumVariance({
      assets: ['x', 'y', 'z'],
      expectedReturns: [0, 0, 0],
      covariance: [
        [1, 0, 0],
        [0, 2, 0],
        [0, 0, 4],
      ],
    });
    // 1/1 : 1/2 : 1/4 = 4/7, 2/7, 1/7
    expect(r.weights.x).toBeCloseTo(4 / 7, 14);
    expect(r.weights.y).toBeCloseTo(2 / 7, 14);
    expect(r.weights.z).toBeCloseTo(1 / 7, 14);
  });

  it('rejects bad covariance and mismatched inputs', () => {
    expect(() =>
      minimumVariance({ assets: ['a', 'b'], expectedReturns: [0, 0], covariance: [[1, 0]] }),
    ).toThrow(/covariance must be 2x2/);
    expect(() =>
      minimumVariance({ assets: ['a', 'b'], expectedReturns: [0, 0], covariance: [[1, 0], [0]] }),
    ).toThrow(/square/);
    expect(() =>
      minimumVariance({
        assets: ['a', 'b'],
        expectedReturns: [0],
        covariance: [
          [1, 0],
          [0, 1],
        ],
      }),
    ).toThrow(/expectedReturns/);
    expect(() => minimumVariance({ assets: [], expectedReturns: [], covariance: [] })).toThrow(/assets/);
    expect(() =>
      minimumVariance({
        assets: ['a', 'a'],
        expectedReturns: [0, 0],
        covariance: [
          [1, 0],
          [0, 1],
        ],
      }),
    ).toThrow(/unique/);
  });
});
