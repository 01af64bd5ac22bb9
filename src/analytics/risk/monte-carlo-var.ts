/** Monte Carlo Value at Risk: multivariate normal asset returns via a Cholesky factor. */
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { covarianceMatrix, dot, meanVector } from '../shared/matrix-stats.ts';
import { createPrng } from '../shared/prng.ts';
import { assertPositiveInteger, assertSameLength } from '../shared/validate.ts';
import { empiricalTail, resolveVarOptions, type VarOptions, type VarResult } from './types.ts';

export interface MonteCarloVarOptions extends VarOptions {
  /** Number of simulated paths; default 10 000. */
  paths?: number;
  /** PRNG seed; the same seed gives the same result. Default 42. */
  seed?: number;
}

/**
 * A factor A with A A' = cov: Cholesky when positive definite, otherwise (singular but PSD, e.g.
 * duplicated assets) V sqrt(max(lambda, 0)) from the eigen-decomposition.
 */
export function covarianceFactor(cov: readonly (readonly number[])[]): number[][] {
  const m = new Matrix(cov.map((r) => [...r]));
  const chol = new CholeskyDecomposition(m);
  if (chol.isPositiveDefinite()) return chol.lowerTriangularMatrix.to2DArray();
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const v = evd.eigenvectorMatrix;
  const sqrtL = evd.realEigenvalues.map((l) => Math.sqrt(Math.max(l, 0)));
  return v.to2DArray().map((row) => row.map((x, j) => x * sqrtL[j]!));
}

/**
 * Simulates h-day asset returns x = h mu + sqrt(h) A z with z ~ N(0, I) (the sum of h i.i.d.
 * daily multivariate normal draws, fitted to the daily `returns` matrix: rows = days, columns =
 * assets), takes the portfolio return w'x per path and reports the empirical VaR/ES of the paths.
 * Converges to the parametric result as `paths` grows.
 */
export function monteCarloVar(
  weights: readonly number[],
  returns: readonly (readonly number[])[],
  options: MonteCarloVarOptions = {},
): VarResult {
  const { confidence, horizonDays } = resolveVarOptions(options);
  const paths = options.paths ?? 10_000;
  assertPositiveInteger('paths', paths);
  const mu = meanVector(returns);
  assertSameLength('weights', weights, 'returns columns', mu);
  const cov = covarianceMatrix(returns, 1);
  const a = covarianceFactor(cov);
  const k = mu.length;
  // w' A z = b'z with b = A' w
  const b = Array.from({ length: k }, (_, j) => a.reduce((s, row, i) => s + weights[i]! * row[j]!, 0));
  const drift = horizonDays * dot(weights, mu);
  const scale = Math.sqrt(horizonDays);
  const prng = createPrng(options.seed ?? 42);
  const sample = new Array<number>(paths);
  for (let p = 0; p < paths; p++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += b[j]! * prng.normal();
    sample[p] = drift + scale * s;
  }
  return { ...empiricalTail(sample, confidence), method: 'monte-carlo', confidence, horizonDays };
}
