/**
 * Cross-sectional helpers of the Toraniko model (`toraniko/math.py`): one value per asset on one
 * date, NaN where an asset has no value. NaN never enters a statistic and stays NaN in the output.
 */

/** The finite values of `xs`, in a fresh buffer (order unspecified). */
function finiteCopy(xs: ArrayLike<number>): Float64Array {
  const out = new Float64Array(xs.length);
  let n = 0;
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i]!)) out[n++] = xs[i]!;
  return out.subarray(0, n);
}

/**
 * Rearranges `a` so that a[k] is its k-th smallest value, everything before it <= a[k] and
 * everything after >= a[k] (Hoare's selection, O(n) on average). A quantile needs two order
 * statistics, not a sort: this is what makes per-date winsorisation cheap on wide panels.
 */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

/** The p-quantile of finite values in `a` (reordered in place), with linear interpolation (numpy's default). */
function quantileInPlace(a: Float64Array, p: number): number {
  if (a.length === 0) return Number.NaN;
  const h = (a.length - 1) * p;
  const lo = Math.floor(h);
  const low = select(a, lo);
  if (lo + 1 >= a.length || h === lo) return low;
  let next = a[lo + 1]!;
  for (let i = lo + 2; i < a.length; i++) if (a[i]! < next) next = a[i]!;
  return low + (h - lo) * (next - low);
}

/** The p-quantile of the finite values of `xs` (NaN when there are none), as `np.nanpercentile`. */
export function quantile(xs: ArrayLike<number>, p: number): number {
  return quantileInPlace(finiteCopy(xs), p);
}

/**
 * Symmetric winsorisation (`toraniko.math.winsorize`): values below the `percentile` quantile or
 * above the `1 - percentile` quantile of the finite values are clipped to it; NaN stays NaN.
 */
export function winsorize(xs: ArrayLike<number>, percentile: number): Float64Array {
  if (!(percentile >= 0 && percentile <= 1)) throw new RangeError('winsorize: percentile must be in [0, 1]');
  const finite = finiteCopy(xs);
  const lower = quantileInPlace(finite, percentile);
  const upper = quantileInPlace(finite, 1 - percentile);
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    out[i] = Number.isNaN(x) ? x : Math.min(Math.max(x, lower), upper);
  }
  return out;
}

/**
 * Centres and scales to unit sample standard deviation (`center_xsection(..., standardize=True)`:
 * polars' std has ddof 1). Where fewer than two finite values exist, or all are equal, the
 * cross-section carries no information: finite entries become 0 (a neutral exposure) instead of
 * the NaN or infinity polars would give.
 */
export function standardize(xs: ArrayLike<number>): Float64Array {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (Number.isFinite(x)) {
      n++;
      sum += x;
    }
  }
  const mean = n > 0 ? sum / n : 0;
  let squares = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (Number.isFinite(x)) squares += (x - mean) * (x - mean);
  }
  const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    out[i] = !Number.isFinite(x) ? Number.NaN : sd > 0 ? (x - mean) / sd : 0;
  }
  return out;
}

/** NaN -> 0: an asset with no score gets the cross-sectional mean exposure (0 after standardising). */
export function fillMissing(xs: Float64Array): Float64Array {
  for (let i = 0; i < xs.length; i++) if (!Number.isFinite(xs[i]!)) xs[i] = 0;
  return xs;
}
