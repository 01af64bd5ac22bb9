/** CAPM alpha and beta against a benchmark (factor) series, empyrical `alpha_beta_aligned`. */
import { covariance } from '../shared/stats.ts';
import { assertNonEmpty, assertSameLength } from '../shared/validate.ts';
import { annualizationFactor, type PeriodOptions } from './periods.ts';
import type { Rate } from './ratios.ts';

export interface AlphaBeta {
  /** Annualised alpha: (1 + mean(r - rf - beta * (b - rf)))^factor - 1. */
  alpha: number;
  /** cov(r, b) / var(b) over the observations where both are present (same ddof, so it cancels). */
  beta: number;
}

/** Pairs (r - rf, b - rf) where neither value is NaN. */
function pairs(
  returns: readonly number[],
  benchmark: readonly number[],
  riskFree: Rate,
): [number[], number[]] {
  assertNonEmpty('returns', returns);
  assertSameLength('returns', returns, 'benchmark', benchmark);
  if (typeof riskFree !== 'number') assertSameLength('returns', returns, 'riskFree', riskFree);
  const r: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < returns.length; i++) {
    const rf = typeof riskFree === 'number' ? riskFree : riskFree[i]!;
    const x = returns[i]! - rf;
    const y = benchmark[i]! - rf;
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    r.push(x);
    b.push(y);
  }
  return [r, b];
}

/** Beta alone; NaN with fewer than two paired observations or a constant benchmark. */
export function beta(returns: readonly number[], benchmark: readonly number[]): number {
  return alphaBeta(returns, benchmark).beta;
}

/**
 * Alpha and beta. Beta is unaffected by a constant risk-free rate; alpha is the per-period mean
 * residual compounded over a year. Both NaN with fewer than two paired observations or when the
 * benchmark has zero variance.
 */
export function alphaBeta(
  returns: readonly number[],
  benchmark: readonly number[],
  options: PeriodOptions & { riskFree?: Rate } = {},
): AlphaBeta {
  const [r, b] = pairs(returns, benchmark, options.riskFree ?? 0);
  if (r.length < 2) return { alpha: Number.NaN, beta: Number.NaN };
  const varB = covariance(b, b, 1);
  if (varB === 0) return { alpha: Number.NaN, beta: Number.NaN };
  const bt = covariance(r, b, 1) / varB;
  let residual = 0;
  for (let i = 0; i < r.length; i++) residual += r[i]! - bt * b[i]!;
  residual /= r.length;
  return { alpha: (1 + residual) ** annualizationFactor(options) - 1, beta: bt };
}
