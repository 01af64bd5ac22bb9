import type { Nanos } from '../../domain/time.ts';
import { normalCdf } from './distributions.ts';
import { BOUNDARY_TOLERANCE, clamp01, type VpinBucket } from './volume-clock.ts';

export interface BarColumns {
  open: ArrayLike<number>;
  close: ArrayLike<number>;
  volume: ArrayLike<number>;
  endNs: readonly Nanos[];
}

export interface BatchOptions {
  bucketVolume: number;
  window: number;
  sigmaWindow: number;
  cdf?: (z: number) => number;
}

/**
 * VPIN of a whole bar series at once, written independently of the incremental classes (it is
 * their oracle): σ by a two-pass mean/variance over each trailing window, bucket boundaries found
 * on the cumulative volume curve, each bucket's buy volume read off the cumulative buy curve
 * (linear inside a bar, which is the pro-rata split), and each VPIN summed directly over its
 * window. Same definitions as BvcClassifier + VolumeClockVpin; only the arithmetic order differs.
 */
export function batchVpin(bars: BarColumns, options: BatchOptions): VpinBucket[] {
  const fractions = bvcFractions(bars, options.sigmaWindow, options.cdf ?? normalCdf);
  const { volume, endNs } = bars;
  const V = options.bucketVolume;
  const buckets: VpinBucket[] = [];
  let cumVolume = 0;
  let cumBuy = 0;
  let boundaryBuy = 0;
  const slack = V * BOUNDARY_TOLERANCE;
  for (let t = 0; t < volume.length; t++) {
    const v = volume[t]!;
    const f = fractions[t]!;
    // Every boundary k·V this bar reaches completes a bucket at this bar.
    while (v > 0 && cumVolume + v >= (buckets.length + 1) * V - slack) {
      const boundary = (buckets.length + 1) * V;
      const buyAtBoundary = cumBuy + (boundary - cumVolume) * f;
      const buy = buyAtBoundary - boundaryBuy;
      boundaryBuy = buyAtBoundary;
      buckets.push({
        index: buckets.length + 1,
        endNs: endNs[t]!,
        buyVolume: buy,
        sellVolume: V - buy,
        imbalance: Math.abs(2 * buy - V),
        vpin: 0,
        full: false,
      });
    }
    cumVolume += v;
    cumBuy += v * f;
  }
  for (let k = 0; k < buckets.length; k++) {
    const from = Math.max(0, k - options.window + 1);
    let sum = 0;
    for (let j = from; j <= k; j++) sum += buckets[j]!.imbalance;
    buckets[k]!.vpin = clamp01(sum / ((k - from + 1) * V));
    buckets[k]!.full = k + 1 >= options.window;
  }
  return buckets;
}

/** Φ(ΔP_t / σ_t) per bar, σ_t the sample deviation of the changes in (t − window, t]. */
function bvcFractions(bars: BarColumns, window: number, cdf: (z: number) => number): Float64Array {
  const n = bars.close.length;
  const changes = new Float64Array(n);
  for (let t = 0; t < n; t++) changes[t] = bars.close[t]! - (t === 0 ? bars.open[0]! : bars.close[t - 1]!);
  const fractions = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const from = Math.max(0, t - window + 1);
    const m = t - from + 1;
    if (m < 2) {
      fractions[t] = 0.5;
      continue;
    }
    let mean = 0;
    for (let i = from; i <= t; i++) mean += changes[i]!;
    mean /= m;
    let ss = 0;
    for (let i = from; i <= t; i++) ss += (changes[i]! - mean) ** 2;
    const sigma = Math.sqrt(ss / (m - 1));
    fractions[t] = sigma > 0 ? cdf(changes[t]! / sigma) : 0.5;
  }
  return fractions;
}
