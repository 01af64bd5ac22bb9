/** Hierarchical Risk Parity, López de Prado (2016), "Building Diversified Portfolios that Outperform Out-of-Sample". */
import { quadForm } from '../shared/matrix-stats.ts';
import { quasiDiagonalOrder, singleLinkage } from './single-linkage.ts';
import {
  checkInputs,
  type OptimisationInputs,
  type OptimisationOptions,
  type PortfolioResult,
  summarise,
} from './types.ts';

export interface HrpOptions extends OptimisationOptions {
  /**
   * 'distance-of-distances' (default, as in the paper and its code): cluster on the Euclidean
   * distance between columns of d, d~_ij = sqrt(sum_k (d_ki - d_kj)^2).
   * 'correlation': cluster on d itself.
   */
  linkageDistance?: 'distance-of-distances' | 'correlation';
}

/** d_ij = sqrt(0.5 (1 - rho_ij)), with rho from the covariance. */
export function correlationDistance(covariance: readonly (readonly number[])[]): number[][] {
  const sd = covariance.map((row, i) => {
    if (!(row[i]! > 0)) throw new RangeError(`covariance[${i}][${i}] must be > 0 for HRP`);
    return Math.sqrt(row[i]!);
  });
  return covariance.map((row, i) =>
    row.map((c, j) => (i === j ? 0 : Math.sqrt(Math.max(0, 0.5 * (1 - c / (sd[i]! * sd[j]!)))))),
  );
}

/** Variance of the inverse-variance portfolio of the given assets. */
function clusterVariance(covariance: readonly (readonly number[])[], items: readonly number[]): number {
  const ivp = items.map((i) => 1 / covariance[i]![i]!);
  const total = ivp.reduce((a, b) => a + b, 0);
  const sub = items.map((i) => items.map((j) => covariance[i]![j]!));
  return quadForm(
    sub,
    ivp.map((v) => v / total),
  );
}

/** HRP weights in asset order, plus the quasi-diagonal order used. */
export function hrpWeights(
  covariance: readonly (readonly number[])[],
  linkageDistance: HrpOptions['linkageDistance'] = 'distance-of-distances',
): { weights: number[]; order: number[] } {
  const n = covariance.length;
  const d = correlationDistance(covariance);
  const dist =
    linkageDistance === 'correlation'
      ? d
      : d.map((_, i) => d.map((__, j) => Math.sqrt(d.reduce((s, row) => s + (row[i]! - row[j]!) ** 2, 0))));
  const order = quasiDiagonalOrder(singleLinkage(dist), n);
  const w = new Array<number>(n).fill(1);
  // Recursive bisection: split each ordered cluster in halves, allocate inversely to cluster variance.
  let clusters: number[][] = [order];
  while (clusters.length > 0) {
    const next: number[][] = [];
    for (const c of clusters) {
      if (c.length < 2) continue;
      const half = Math.floor(c.length / 2);
      const left = c.slice(0, half);
      const right = c.slice(half);
      const vl = clusterVariance(covariance, left);
      const vr = clusterVariance(covariance, right);
      const alpha = 1 - vl / (vl + vr);
      for (const i of left) w[i]! *= alpha;
      for (const i of right) w[i]! *= 1 - alpha;
      next.push(left, right);
    }
    clusters = next;
  }
  return { weights: w, order };
}

/** Hierarchical Risk Parity portfolio: single linkage, quasi-diagonalisation, recursive bisection. */
export function hierarchicalRiskParity(
  inputs: OptimisationInputs,
  options: HrpOptions = {},
): PortfolioResult {
  checkInputs(inputs);
  return summarise(inputs, hrpWeights(inputs.covariance, options.linkageDistance).weights, options);
}
