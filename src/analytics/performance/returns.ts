/** Cumulative and annualised returns and volatility, empyrical conventions (simple returns, NaN-aware). */
import { nanStd } from '../shared/stats.ts';
import { assertNonEmpty } from '../shared/validate.ts';
import { annualizationFactor, type PeriodOptions } from './periods.ts';

/**
 * Cumulative simple returns: prod(1 + r) - 1 at each step. As in empyrical, NaN returns count as 0
 * (no change in wealth), so the output has the input's length and no NaNs.
 */
export function cumReturns(returns: readonly number[], startingValue = 0): number[] {
  assertNonEmpty('returns', returns);
  const out: number[] = [];
  let wealth = 1;
  for (const r of returns) {
    if (!Number.isNaN(r)) wealth *= 1 + r;
    out.push(startingValue === 0 ? wealth - 1 : wealth * startingValue);
  }
  return out;
}

/** Final cumulative return prod(1 + r) - 1 (NaNs count as 0). */
export function cumReturnsFinal(returns: readonly number[]): number {
  const cum = cumReturns(returns);
  return cum[cum.length - 1]!;
}

/**
 * Compound annual growth rate: (prod(1 + r))^(factor / n) - 1, where n is the number of
 * observations INCLUDING NaNs (empyrical divides by len(returns)).
 */
export function annualReturn(returns: readonly number[], options: PeriodOptions = {}): number {
  const factor = annualizationFactor(options);
  const ending = cumReturnsFinal(returns) + 1;
  return ending ** (factor / returns.length) - 1;
}

/** Sample standard deviation (ddof = 1) of the non-NaN returns times sqrt(factor); NaN if < 2 obs. */
export function annualVolatility(returns: readonly number[], options: PeriodOptions = {}): number {
  assertNonEmpty('returns', returns);
  return nanStd(returns, 1) * Math.sqrt(annualizationFactor(options));
}
