/** Risk-adjusted return ratios with empyrical's conventions (NaN-aware, annualised). */
import { dropNaN, nanMean, nanStd } from '../shared/stats.ts';
import { assertNonEmpty, assertSameLength } from '../shared/validate.ts';
import { maxDrawdown } from './drawdown.ts';
import { annualizationFactor, type PeriodOptions } from './periods.ts';
import { annualReturn } from './returns.ts';

/** A per-period rate (scalar) or a series aligned with the returns. */
export type Rate = number | readonly number[];

/** returns - rate, elementwise; a NaN on either side gives NaN (dropped by the nan-aware stats). */
export function excessReturns(returns: readonly number[], rate: Rate, rateName = 'riskFree'): number[] {
  assertNonEmpty('returns', returns);
  if (typeof rate === 'number') return returns.map((r) => r - rate);
  assertSameLength('returns', returns, rateName, rate);
  return returns.map((r, i) => r - rate[i]!);
}

/**
 * Annualised Sharpe ratio: mean(r - rf) / std(r - rf, ddof=1) * sqrt(factor). NaN with fewer than
 * two non-NaN observations or zero standard deviation (empyrical returns inf/nan there).
 */
export function sharpeRatio(
  returns: readonly number[],
  options: PeriodOptions & { riskFree?: Rate } = {},
): number {
  const excess = dropNaN(excessReturns(returns, options.riskFree ?? 0));
  if (excess.length < 2) return Number.NaN;
  const std = nanStd(excess, 1);
  if (std === 0) return Number.NaN;
  return (nanMean(excess) / std) * Math.sqrt(annualizationFactor(options));
}

/**
 * Annualised downside deviation: sqrt(mean(min(r - required, 0)^2)) * sqrt(factor), averaged over
 * ALL non-NaN observations (not just the negative ones).
 */
export function downsideRisk(
  returns: readonly number[],
  options: PeriodOptions & { requiredReturn?: Rate } = {},
): number {
  const diff = dropNaN(excessReturns(returns, options.requiredReturn ?? 0, 'requiredReturn'));
  const sq = diff.map((d) => Math.min(d, 0) ** 2);
  return Math.sqrt(nanMean(sq)) * Math.sqrt(annualizationFactor(options));
}

/**
 * Sortino ratio: mean(r - required) * factor / downsideRisk. NaN with fewer than two observations;
 * +Infinity when there is no downside and the mean excess is positive (as empyrical).
 */
export function sortinoRatio(
  returns: readonly number[],
  options: PeriodOptions & { requiredReturn?: Rate } = {},
): number {
  const excess = dropNaN(excessReturns(returns, options.requiredReturn ?? 0, 'requiredReturn'));
  if (excess.length < 2) return Number.NaN;
  const annualMean = nanMean(excess) * annualizationFactor(options);
  return annualMean / downsideRisk(returns, options);
}

/** Calmar ratio: annualReturn / |maxDrawdown|; NaN when there is no drawdown. */
export function calmarRatio(returns: readonly number[], options: PeriodOptions = {}): number {
  const dd = maxDrawdown(returns);
  if (!(dd < 0)) return Number.NaN;
  const ratio = annualReturn(returns, options) / Math.abs(dd);
  return Number.isFinite(ratio) ? ratio : Number.NaN;
}

/**
 * Omega ratio (empyrical): with threshold = (1 + requiredReturn)^(1/annualization) - 1 (the
 * required return is annual), sum of gains over the threshold divided by the sum of losses under
 * it. NaN when there are no losses or requiredReturn <= -1.
 */
export function omegaRatio(
  returns: readonly number[],
  options: { riskFree?: Rate; requiredReturn?: number; annualization?: number } = {},
): number {
  const required = options.requiredReturn ?? 0;
  const annualization = options.annualization ?? 252;
  if (required <= -1) return Number.NaN;
  const threshold = annualization === 1 ? required : (1 + required) ** (1 / annualization) - 1;
  const excess = dropNaN(excessReturns(returns, options.riskFree ?? 0)).map((r) => r - threshold);
  let gains = 0;
  let losses = 0;
  for (const e of excess) {
    if (e > 0) gains += e;
    else losses -= e;
  }
  return losses > 0 ? gains / losses : Number.NaN;
}
