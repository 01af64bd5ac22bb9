/** Expected returns and covariance from a wide price matrix whose assets start trading at different times. */
import { covarianceMatrix, meanVector } from '../shared/matrix-stats.ts';
import { assertNonEmpty } from '../shared/validate.ts';
import type { OptimisationInputs } from './types.ts';

/** A missing price: null, undefined or NaN. */
export type PriceCell = number | null | undefined;

export interface InputsFromPrices extends OptimisationInputs {
  /** Row index (into `prices`) of the first return in the common window. */
  firstRow: number;
  /** Number of return observations used. */
  observations: number;
}

const blank = (p: PriceCell): boolean => p === null || p === undefined || Number.isNaN(p);

/**
 * `prices` has one row per period (oldest first) and one column per asset. Each asset may have
 * blank LEADING prices (not yet listed); a blank after its first price is an error. Simple returns
 * p_t / p_{t-1} - 1 are computed per asset from its first price; then the mean and the sample
 * covariance (ddof = 1) use the COMMON window, the rows where every asset has a return. That drops
 * older history of early assets but keeps the covariance positive semi-definite and the means
 * consistent with it, which the optimisers rely on (pairwise-overlap covariances can be indefinite).
 */
export function inputsFromPrices(
  assets: readonly string[],
  prices: readonly (readonly PriceCell[])[],
): InputsFromPrices {
  assertNonEmpty('assets', assets);
  assertNonEmpty('prices', prices);
  const k = assets.length;
  let start = 0;
  for (let j = 0; j < k; j++) {
    let first = -1;
    prices.forEach((row, t) => {
      if (row.length !== k) throw new RangeError(`prices row ${t} has ${row.length} columns, expected ${k}`);
      const p = row[j];
      if (blank(p)) {
        if (first >= 0)
          throw new RangeError(`prices: ${assets[j]} has a blank at row ${t} after its first price`);
        return;
      }
      if (!(p! > 0 && Number.isFinite(p)))
        throw new RangeError(`prices: ${assets[j]} has a non-positive price at row ${t}`);
      if (first < 0) first = t;
    });
    if (first < 0) throw new RangeError(`prices: ${assets[j]} has no prices`);
    start = Math.max(start, first + 1);
  }
  const rows: number[][] = [];
  for (let t = start; t < prices.length; t++) {
    rows.push(assets.map((_, j) => (prices[t]![j] as number) / (prices[t - 1]![j] as number) - 1));
  }
  if (rows.length < 2)
    throw new RangeError(`prices: the common window has ${rows.length} returns, need at least 2`);
  return {
    assets: [...assets],
    expectedReturns: meanVector(rows),
    covariance: covarianceMatrix(rows, 1),
    firstRow: start,
    observations: rows.length,
  };
}
