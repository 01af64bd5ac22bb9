/** Tail statistics of a return series: tail ratio, VaR and CVaR (empyrical conventions). */
import { dropNaN, percentile } from '../shared/stats.ts';
import { assertNonEmpty, assertProbability } from '../shared/validate.ts';

/** |95th percentile| / |5th percentile| (numpy linear interpolation, NaNs ignored). */
export function tailRatio(returns: readonly number[]): number {
  assertNonEmpty('returns', returns);
  return Math.abs(percentile(returns, 95)) / Math.abs(percentile(returns, 5));
}

/**
 * Empirical Value at Risk as a RETURN (so usually negative): the `cutoff` percentile of the
 * non-NaN returns with numpy linear interpolation (empyrical `value_at_risk`, cutoff 0.05).
 */
export function valueAtRisk(returns: readonly number[], cutoff = 0.05): number {
  assertNonEmpty('returns', returns);
  assertProbability('cutoff', cutoff);
  return percentile(returns, 100 * cutoff);
}

/**
 * Conditional VaR (expected shortfall) as a return, exactly as empyrical: the mean of the
 * k + 1 smallest non-NaN returns with k = floor((n - 1) * cutoff). Since the linearly interpolated
 * VaR lies in [sorted[k], sorted[k + 1]], these are the returns <= VaR (up to ties at sorted[k + 1]).
 */
export function conditionalValueAtRisk(returns: readonly number[], cutoff = 0.05): number {
  assertNonEmpty('returns', returns);
  assertProbability('cutoff', cutoff);
  const sorted = dropNaN(returns).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const k = Math.floor((sorted.length - 1) * cutoff);
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += sorted[i]!;
  return sum / (k + 1);
}
