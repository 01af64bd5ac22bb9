import { describe, expect, it } from 'vitest';
import { covarianceFactor, monteCarloVar } from './monte-carlo-var.ts';
import { parametricVarFromMoments } from './parametric-var.ts';

// Two assets, four days; moments by hand below (sample covariance, ddof = 1).
const returns = [
  [0.01, 0.02],
  [-0.02, -0.01],
  [0.03, 0.0],
  [-0.01, 0.0],
];
// asset 1: mean 0.0025, deviations 0.0075, -0.0225, 0.0275, -0.0125 -> sum sq 0.001475 -> var 0.001475/3
// asset 2: mean 0.0025, deviations 0.0175, -0.0125, -0.0025, -0.0025 -> sum sq 0.000475 -> var 0.000475/3
// cross: 0.0075*0.0175 + (-0.0225)(-0.0125) + 0.0275(-0.0025) + (-0.0125)(-0.0025) = 0.000375 -> /3
const weights = [0.6, 0.4];
const portVar = (0.36 * 0.001475 + 0.16 * 0.000475 + 2 * 0.24 * 0.000375) / 3;

describe('monteCarloVar', () => {
  it('converges to the parametric VaR/ES of the same moments', () => {
    const mc = monteCarloVar(weights, returns, { paths: 200_000, seed: 7, confidence: 0.99, horizonDays: 5 });
    const exact = parametricVarFromMoments(0.0025, Math.sqrt(portVar), { confidence: 0.99, horizonDays: 5 });
    expect(mc.method).toBe('monte-carlo');
    expect(Math.abs(mc.var - exact.var) / exact.var).toBeLessThan(0.01);
    expect(Math.abs(mc.es - exact.es) / exact.es).toBeLessThan(0.015);
    expect(mc.es).toBeGreaterThanOrEqual(mc.var);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = monteCarloVar(weights, returns, { paths: 2000, seed: 1 });
    const b = monteCarloVar(weights, returns, { paths: 2000, seed: 1 });
    const c = monteCarloVar(weights, returns, { paths: 2000, seed: 2 });
    expect(a).toEqual(b);
    expect(a.var).not.toBe(c.var);
  });

  it('factors a singular covariance (duplicated asset) through its eigen-decomposition', () => {
    const a = covarianceFactor([
      [4, 4],
      [4, 4],
    ]);
    // A A' must reproduce the matrix
    const aat = (i: number, j: number) => a[i]![0]! * a[j]![0]! + a[i]![1]! * a[j]![1]!;
    expect(aat(0, 0)).toBeCloseTo(4, 12);
    expect(aat(0, 1)).toBeCloseTo(4, 12);
    expect(aat(1, 1)).toBeCloseTo(4, 12);
  });

  it('rejects mismatched weights and ragged matrices', () => {
    expect(() => monteCarloVar([1], returns)).toThrow(/weights/);
    expect(() => monteCarloVar([1, 0], [[0.1, 0.2], [0.1]])).toThrow(/returns row 1/);
    expect(() => monteCarloVar(weights, returns, { paths: 0 })).toThrow(/paths/);
  });
});
