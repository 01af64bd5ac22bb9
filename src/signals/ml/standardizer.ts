/** Plain data for a worker thread. */
export interface StandardizerState {
  counts: number[];
  mean: number[];
  m2: number[];
  clip: number;
}

/**
 * Online z-scores per feature (Welford's mean and variance): SGD diverges on raw features whose
 * scales differ by orders of magnitude (a price near 5000 next to a return near 1e-4). A missing
 * value (NaN: a feature still warming up) is left out of its feature's statistics and scales to 0,
 * the mean; so does a feature seen fewer than twice or constant so far. |z| is clipped so one
 * outlier cannot throw the weights.
 */
export class Standardizer {
  private readonly counts: Float64Array;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;

  constructor(
    readonly dim: number,
    private readonly clip = 8,
  ) {
    this.counts = new Float64Array(dim);
    this.mean = new Float64Array(dim);
    this.m2 = new Float64Array(dim);
  }

  observe(x: ArrayLike<number>): void {
    for (let i = 0; i < this.dim; i++) {
      const value = x[i]!;
      if (!Number.isFinite(value)) continue;
      const count = ++this.counts[i]!;
      const delta = value - this.mean[i]!;
      this.mean[i] = this.mean[i]! + delta / count;
      this.m2[i] = this.m2[i]! + delta * (value - this.mean[i]!);
    }
  }

  transform(x: ArrayLike<number>, out: Float64Array = new Float64Array(this.dim)): Float64Array {
    for (let i = 0; i < this.dim; i++) {
      const count = this.counts[i]!;
      const variance = count > 1 ? this.m2[i]! / (count - 1) : 0;
      const z = variance > 0 && Number.isFinite(x[i]!) ? (x[i]! - this.mean[i]!) / Math.sqrt(variance) : 0;
      out[i] = Math.max(-this.clip, Math.min(this.clip, z));
    }
    return out;
  }

  state(): StandardizerState {
    return { counts: [...this.counts], mean: [...this.mean], m2: [...this.m2], clip: this.clip };
  }

  static restore(state: StandardizerState): Standardizer {
    const standardizer = new Standardizer(state.mean.length, state.clip);
    standardizer.counts.set(state.counts);
    standardizer.mean.set(state.mean);
    standardizer.m2.set(state.m2);
    return standardizer;
  }
}
