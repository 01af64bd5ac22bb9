import type { Prng } from './prng.ts';

const NS_PER_SECOND = 1e9;

/**
 * Self-exciting (Hawkes) arrival clock with an exponential kernel, simulated by Ogata thinning.
 * Each arrival raises the intensity by alpha, which then decays at rate beta: trades come in bursts.
 * Times are integer nanoseconds held in a number (exact up to ~104 days of simulated time).
 */
export class HawkesArrivals {
  private clockNs = 0;
  private excitation = 0;

  constructor(
    private readonly alpha: number,
    private readonly beta: number,
    private readonly rng: Prng,
  ) {
    if (alpha < 0 || beta <= 0 || alpha >= beta) throw new RangeError('Hawkes needs 0 <= alpha < beta');
  }

  /** Current intensity (arrivals per second) given the baseline rate. */
  intensity(baseRate: number): number {
    return baseRate + this.excitation;
  }

  /**
   * Next arrival at the given baseline rate, or undefined when none occurs before horizonNs; the
   * clock then rests at the horizon so the caller can change the baseline (a regime switch) and retry.
   */
  next(baseRate: number, horizonNs: number): number | undefined {
    for (;;) {
      // Between arrivals the intensity only decays, so its current value bounds the whole wait.
      const bound = baseRate + this.excitation;
      const candidate = this.clockNs + Math.max(1, Math.round(this.rng.exponential(bound) * NS_PER_SECOND));
      if (candidate > horizonNs) {
        this.advanceTo(horizonNs);
        return undefined;
      }
      this.advanceTo(candidate);
      if (this.rng.uniform() * bound <= baseRate + this.excitation) {
        this.excitation += this.alpha;
        return candidate;
      }
    }
  }

  private advanceTo(ns: number): void {
    this.excitation *= Math.exp((-this.beta * (ns - this.clockNs)) / NS_PER_SECOND);
    this.clockNs = ns;
  }
}
