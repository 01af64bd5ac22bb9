/** Size and value exposures of one cross-section (Toraniko `factor_sze` and `factor_val`). */
import { quantile, standardize, winsorize } from './cross-section.ts';

/** Which assets keep a size exposure: at or below `lower`, or at or above `upper` quantile of log cap. */
export interface SizeQuantiles {
  lower: number;
  upper: number;
}

/**
 * Size: minus the standardised log market cap (small caps score high). With `quantiles`, assets
 * strictly between the two quantiles of log cap get exposure 0, a Fama-French style high-minus-low.
 *
 * Deviation from Toraniko, documented: Toraniko zeroes the middle *log caps* before centring, so
 * those assets end up with a large exposure of a tiny company; here the middle *exposures* are
 * zeroed after standardising, which is what "middle quantiles zeroed" means economically.
 * Caps that are missing or not > 0 give NaN.
 */
export function sizeExposures(marketCaps: ArrayLike<number>, quantiles: SizeQuantiles | null): Float64Array {
  const logCap = new Float64Array(marketCaps.length);
  for (let i = 0; i < logCap.length; i++)
    logCap[i] = marketCaps[i]! > 0 ? Math.log(marketCaps[i]!) : Number.NaN;
  const scores = standardize(logCap);
  for (let i = 0; i < scores.length; i++) scores[i] = -scores[i]!;
  if (quantiles) {
    const lower = quantile(logCap, quantiles.lower);
    const upper = quantile(logCap, quantiles.upper);
    for (let i = 0; i < scores.length; i++) if (logCap[i]! > lower && logCap[i]! < upper) scores[i] = 0;
  }
  return scores;
}

export interface ValueInputs {
  bookPrice?: ArrayLike<number> | undefined;
  salesPrice?: ArrayLike<number> | undefined;
  cashFlowPrice?: ArrayLike<number> | undefined;
}

/**
 * Value: each of book/price, sales/price and cash-flow/price is winsorised (`winsor`, Toraniko
 * default 0.05), book/price and sales/price are logged (as Toraniko does; a ratio <= 0 has no log
 * and counts as missing), each is standardised, the available ones are averaged per asset
 * (polars `mean_horizontal` skips nulls), and the average is standardised again. NaN for an asset
 * with none of the three; all NaN when no ratio is given.
 */
export function valueExposures(inputs: ValueInputs, assets: number, winsor: number | null): Float64Array {
  const parts: Float64Array[] = [];
  const add = (ratio: ArrayLike<number> | undefined, logged: boolean) => {
    if (!ratio) return;
    const clipped = winsor === null ? Float64Array.from(ratio) : winsorize(ratio, winsor);
    if (logged)
      for (let i = 0; i < clipped.length; i++)
        clipped[i] = clipped[i]! > 0 ? Math.log(clipped[i]!) : Number.NaN;
    parts.push(standardize(clipped));
  };
  add(inputs.bookPrice, true);
  add(inputs.salesPrice, true);
  add(inputs.cashFlowPrice, false);
  const composite = new Float64Array(assets).fill(Number.NaN);
  for (let i = 0; i < assets; i++) {
    let sum = 0;
    let n = 0;
    for (const part of parts)
      if (Number.isFinite(part[i]!)) {
        sum += part[i]!;
        n++;
      }
    if (n > 0) composite[i] = sum / n;
  }
  return standardize(composite);
}
