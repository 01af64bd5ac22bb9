/** Shared shapes and checks for the portfolio optimisers. */
import { dot, quadForm } from '../shared/matrix-stats.ts';
import { assertCovariance, assertFinite, assertNonEmpty, assertSameLength } from '../shared/validate.ts';

/** Per-period (daily by default) expected returns and covariance of asset returns. */
export interface OptimisationInputs {
  assets: readonly string[];
  expectedReturns: readonly number[];
  covariance: readonly (readonly number[])[];
}

export interface OptimisationOptions {
  /** Annual risk-free rate; default 0. Daily-equivalent rate used internally: riskFree / periodsPerYear. */
  riskFree?: number;
  /** Periods per year used to annualise; default 252. */
  periodsPerYear?: number;
}

export interface PortfolioResult {
  /** Long-only weights summing to 1, keyed by asset name. */
  weights: Record<string, number>;
  /** Annualised expected return: periodsPerYear * mu'w. */
  expectedReturn: number;
  /** Annualised volatility: sqrt(periodsPerYear * w'Sw). */
  volatility: number;
  /** (expectedReturn - riskFree) / volatility; NaN when volatility is 0. */
  sharpe: number;
}

/** Validates names, lengths and the covariance matrix; returns the asset count. */
export function checkInputs(inputs: OptimisationInputs): number {
  const { assets, expectedReturns, covariance } = inputs;
  assertNonEmpty('assets', assets);
  if (new Set(assets).size !== assets.length) throw new RangeError('assets must have unique names');
  assertSameLength('assets', assets, 'expectedReturns', expectedReturns);
  expectedReturns.forEach((m, i) => {
    assertFinite(`expectedReturns[${i}]`, m);
  });
  assertCovariance('covariance', covariance, assets.length);
  return assets.length;
}

export function resolveOptions(options: OptimisationOptions): { riskFree: number; periodsPerYear: number } {
  const riskFree = options.riskFree ?? 0;
  const periodsPerYear = options.periodsPerYear ?? 252;
  assertFinite('riskFree', riskFree);
  if (!(periodsPerYear > 0)) throw new RangeError(`periodsPerYear must be > 0, got ${periodsPerYear}`);
  return { riskFree, periodsPerYear };
}

/** Builds the result for weight vector `w` (in asset order). */
export function summarise(
  inputs: OptimisationInputs,
  w: readonly number[],
  options: OptimisationOptions,
): PortfolioResult {
  const { riskFree, periodsPerYear } = resolveOptions(options);
  const expectedReturn = periodsPerYear * dot(inputs.expectedReturns, w);
  const volatility = Math.sqrt(Math.max(0, periodsPerYear * quadForm(inputs.covariance, w)));
  const weights: Record<string, number> = {};
  inputs.assets.forEach((name, i) => {
    weights[name] = w[i]!;
  });
  return {
    weights,
    expectedReturn,
    volatility,
    sharpe: volatility === 0 ? Number.NaN : (expectedReturn - riskFree) / volatility,
  };
}
