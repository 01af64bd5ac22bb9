/** Small nan-aware float64 statistics helpers (numpy conventions). */

export function dropNaN(values: readonly number[]): number[] {
  return values.filter((v) => !Number.isNaN(v));
}

/** Mean of the non-NaN values; NaN when there are none (numpy nanmean). */
export function nanMean(values: readonly number[]): number {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    sum += v;
    n++;
  }
  return n === 0 ? Number.NaN : sum / n;
}

/** Standard deviation of the non-NaN values with `ddof` (numpy nanstd); NaN when n - ddof <= 0. */
export function nanStd(values: readonly number[], ddof = 1): number {
  const clean = dropNaN(values);
  const n = clean.length;
  if (n - ddof <= 0) return Number.NaN;
  const mean = clean.reduce((a, b) => a + b, 0) / n;
  let ss = 0;
  for (const v of clean) ss += (v - mean) ** 2;
  return Math.sqrt(ss / (n - ddof));
}

/**
 * numpy.percentile with the default 'linear' method: rank h = (n - 1) * q / 100 on the sorted
 * values, interpolated between floor(h) and ceil(h). NaNs are ignored (nanpercentile).
 */
export function percentile(values: readonly number[], q: number): number {
  if (!(q >= 0 && q <= 100)) throw new RangeError(`q must be in [0, 100], got ${q}`);
  const sorted = dropNaN(values).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const h = ((sorted.length - 1) * q) / 100;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (h - lo) * (b - a);
}

/** Sample covariance of two equal-length vectors (no NaNs), with `ddof`. */
export function covariance(a: readonly number[], b: readonly number[], ddof = 1): number {
  const n = a.length;
  if (n - ddof <= 0) return Number.NaN;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (a[i]! - ma) * (b[i]! - mb);
  return s / (n - ddof);
}
