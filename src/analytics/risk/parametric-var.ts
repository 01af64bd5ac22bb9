/** Gaussian (variance-covariance) Value at Risk and Expected Shortfall. */
import { normInv, normPdf } from '../shared/normal.ts';
import { nanMean, nanStd } from '../shared/stats.ts';
import { assertFinite, assertNonEmpty } from '../shared/validate.ts';
import { resolveVarOptions, type VarOptions, type VarResult } from './types.ts';

/**
 * From a daily mean `mu` and standard deviation `sigma`, with z = Phi^-1(c) and h days:
 * VaR = -mu h + z sigma sqrt(h);  ES = sigma sqrt(h) phi(z) / (1 - c) - mu h.
 */
export function parametricVarFromMoments(mu: number, sigma: number, options: VarOptions = {}): VarResult {
  const { confidence, horizonDays } = resolveVarOptions(options);
  assertFinite('mu', mu);
  assertFinite('sigma', sigma);
  if (sigma < 0) throw new RangeError(`sigma must be >= 0, got ${sigma}`);
  const z = normInv(confidence);
  const s = sigma * Math.sqrt(horizonDays);
  const m = mu * horizonDays;
  return {
    var: -m + z * s,
    es: (s * normPdf(z)) / (1 - confidence) - m,
    method: 'parametric',
    confidence,
    horizonDays,
  };
}

/** Parametric VaR/ES with mu and sigma (ddof = 1) estimated from daily returns (NaNs dropped). */
export function parametricVar(returns: readonly number[], options: VarOptions = {}): VarResult {
  assertNonEmpty('returns', returns);
  const sigma = nanStd(returns, 1);
  if (Number.isNaN(sigma))
    throw new RangeError('returns needs at least two numbers for a standard deviation');
  return parametricVarFromMoments(nanMean(returns), sigma, options);
}
