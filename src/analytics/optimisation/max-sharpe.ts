/** Long-only, fully invested maximum-Sharpe (tangency) portfolio. */
import { solveSimplexQp } from './active-set-qp.ts';
import {
  checkInputs,
  type OptimisationInputs,
  type OptimisationOptions,
  type PortfolioResult,
  resolveOptions,
  summarise,
} from './types.ts';

/**
 * Maximises (mu'w - rf) / sqrt(w'Sw) over w >= 0, sum(w) = 1, where rf is the per-period rate
 * riskFree / periodsPerYear (so the annualised Sharpe is maximised too). Uses the standard
 * homogenisation: minimise y'Sy subject to (mu - rf)'y = 1, y >= 0, then w = y / sum(y).
 * Throws a RangeError when no asset's expected return exceeds the risk-free rate (the maximum
 * Sharpe ratio would be <= 0 and is not a meaningful tangency portfolio).
 */
export function maximumSharpe(
  inputs: OptimisationInputs,
  options: OptimisationOptions = {},
): PortfolioResult {
  const n = checkInputs(inputs);
  const { riskFree, periodsPerYear } = resolveOptions(options);
  const excess = inputs.expectedReturns.map((m) => m - riskFree / periodsPerYear);
  let best = 0;
  for (let i = 1; i < n; i++) if (excess[i]! > excess[best]!) best = i;
  if (!(excess[best]! > 0)) {
    throw new RangeError('expectedReturns: no asset has an expected return above the risk-free rate');
  }
  const y0 = new Array<number>(n).fill(0);
  y0[best] = 1 / excess[best]!;
  const y = solveSimplexQp(inputs.covariance, excess, y0);
  const total = y.reduce((s, v) => s + v, 0);
  return summarise(
    inputs,
    y.map((v) => v / total),
    options,
  );
}
