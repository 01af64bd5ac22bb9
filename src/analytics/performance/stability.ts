/** empyrical `stability_of_timeseries`: R^2 of a linear fit to cumulative log returns. */
import { dropNaN } from '../shared/stats.ts';
import { assertNonEmpty } from '../shared/validate.ts';

/**
 * R-squared of an ordinary least squares line through (i, sum_{j<=i} log(1 + r_j)) over the
 * non-NaN returns. NaN with fewer than two observations; 1 for a constant non-zero return (a
 * perfectly straight line); 0 for all-zero returns (scipy's convention for a zero variance).
 */
export function stability(returns: readonly number[]): number {
  assertNonEmpty('returns', returns);
  const clean = dropNaN(returns);
  const n = clean.length;
  if (n < 2) return Number.NaN;
  const y: number[] = [];
  let acc = 0;
  for (const r of clean) {
    acc += Math.log1p(r);
    y.push(acc);
  }
  const mx = (n - 1) / 2;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = i - mx;
    const dy = y[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  // scipy.stats.linregress reports r = 0 when a variance is zero (all-zero returns: a flat line).
  if (syy === 0) return 0;
  return (sxy * sxy) / (sxx * syy);
}
