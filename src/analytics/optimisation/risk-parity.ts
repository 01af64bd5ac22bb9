/** Equal-risk-contribution (risk parity) portfolio, long-only and fully invested. */
import { matVec, quadForm } from '../shared/matrix-stats.ts';
import {
  checkInputs,
  type OptimisationInputs,
  type OptimisationOptions,
  type PortfolioResult,
  summarise,
} from './types.ts';

export interface RiskParityOptions extends OptimisationOptions {
  /** Risk budgets (positive, normalised internally); default equal. */
  budgets?: readonly number[];
  /** Stop when every risk-contribution share is within this of its budget; default 1e-10. */
  tolerance?: number;
  maxIterations?: number;
}

/** Fraction of portfolio variance from each asset: w_i (Sw)_i / w'Sw. */
export function riskContributions(
  covariance: readonly (readonly number[])[],
  w: readonly number[],
): number[] {
  const sw = matVec(covariance, w);
  const total = quadForm(covariance, w);
  return w.map((wi, i) => (wi * sw[i]!) / total);
}

/**
 * Cyclical coordinate descent on  1/2 x'Sx - sum b_i ln x_i  (Griveau-Billion, Richard and
 * Roncalli, 2013): each coordinate has the closed form
 * x_i = (-c_i + sqrt(c_i^2 + 4 S_ii b_i)) / (2 S_ii), c_i = sum_{j != i} S_ij x_j,
 * and the minimiser normalised to sum 1 has risk contributions proportional to b.
 */
export function riskParity(inputs: OptimisationInputs, options: RiskParityOptions = {}): PortfolioResult {
  const n = checkInputs(inputs);
  const s = inputs.covariance;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 10_000;
  const raw = options.budgets ?? new Array<number>(n).fill(1);
  if (raw.length !== n) throw new RangeError(`budgets must have ${n} entries, got ${raw.length}`);
  if (raw.some((b) => !(b > 0 && Number.isFinite(b))))
    throw new RangeError('budgets must be positive and finite');
  const sumB = raw.reduce((a, b) => a + b, 0);
  const b = raw.map((v) => v / sumB);
  for (let i = 0; i < n; i++) {
    if (!(s[i]![i]! > 0)) throw new RangeError(`covariance[${i}][${i}] must be > 0 for risk parity`);
  }
  const x = s.map((row, i) => 1 / Math.sqrt(row[i]!));
  for (let iter = 0; iter < maxIterations; iter++) {
    for (let i = 0; i < n; i++) {
      const sii = s[i]![i]!;
      const c = s[i]!.reduce((acc, sij, j) => (j === i ? acc : acc + sij * x[j]!), 0);
      x[i] = (-c + Math.sqrt(c * c + 4 * sii * b[i]!)) / (2 * sii);
    }
    const total = x.reduce((a, v) => a + v, 0);
    const w = x.map((v) => v / total);
    const rc = riskContributions(s, w);
    if (rc.every((r, i) => Math.abs(r - b[i]!) <= tolerance)) return summarise(inputs, w, options);
  }
  throw new Error(`risk parity did not converge to ${tolerance} in ${maxIterations} iterations`);
}
