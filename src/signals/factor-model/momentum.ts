/**
 * Momentum scores (Toraniko `factor_mom`, Barra RSTR): an exponentially weighted sum of an asset's
 * trailing `window` log returns, lagged by `lag` periods so the most recent month's reversal is
 * left out. Weight of the return `j` periods before the window's end: 2^(-j / halfLife).
 *
 * Deviation from Toraniko, documented: Toraniko compounds weighted simple returns,
 * prod(1 + w_j r_j) - 1, recomputed over the whole window for every date; this sums weighted log
 * returns (Barra USE4's RSTR, as the issue asks), which slides in O(1) per date:
 * S_e = lambda S_(e-1) + x_e - lambda^window x_(e-window). Both rank assets alike for small returns.
 */

export interface MomentumOptions {
  /** Returns in the window (Toraniko `trailing_days`, default 504). */
  window: number;
  /** Periods for a weight to halve (Toraniko default 126). */
  halfLife: number;
  /** Periods between the window's last return and the scored date (Toraniko default 20; >= 1). */
  lag: number;
}

export const TORANIKO_MOMENTUM: MomentumOptions = { window: 504, halfLife: 126, lag: 20 };

export function checkMomentumOptions({ window, halfLife, lag }: MomentumOptions): void {
  if (!Number.isInteger(window) || window < 1)
    throw new RangeError('momentum window must be an integer >= 1');
  if (!(halfLife > 0)) throw new RangeError('momentum half-life must be > 0');
  // lag 0 would put the return being explained into its own exposure.
  if (!Number.isInteger(lag) || lag < 1) throw new RangeError('momentum lag must be an integer >= 1');
}

/** Weights oldest -> newest (`toraniko.math.exp_weights`): the newest return has weight 1. */
export function expWeights(window: number, halfLife: number): Float64Array {
  const decay = Math.LN2 / halfLife;
  const weights = new Float64Array(window);
  for (let k = 0; k < window; k++) weights[k] = Math.exp(-decay * (window - 1 - k));
  return weights;
}

/**
 * Raw (not yet winsorised or standardised) momentum of every asset on every date of a T x N
 * row-major panel of simple returns; NaN where the window is incomplete or holds a missing return.
 */
export function momentumScores(
  returns: Float64Array,
  dates: number,
  assets: number,
  options: MomentumOptions,
): Float64Array {
  checkMomentumOptions(options);
  const { window, halfLife, lag } = options;
  const lambda = 2 ** (-1 / halfLife);
  const lambdaW = lambda ** window;
  const scores = new Float64Array(dates * assets).fill(Number.NaN);
  const logReturn = (e: number, i: number) => Math.log1p(returns[e * assets + i]!);
  for (let i = 0; i < assets; i++) {
    let sum = 0;
    let missing = 0;
    for (let e = 0; e + lag < dates; e++) {
      const x = logReturn(e, i);
      const ok = Number.isFinite(x);
      if (!ok) missing++;
      sum = lambda * sum + (ok ? x : 0);
      if (e >= window) {
        const old = logReturn(e - window, i);
        if (Number.isFinite(old)) sum -= lambdaW * old;
        else missing--;
      }
      if (e >= window - 1 && missing === 0) scores[(e + lag) * assets + i] = sum;
    }
  }
  return scores;
}
