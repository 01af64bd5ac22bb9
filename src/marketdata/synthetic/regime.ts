import type { Dynamics } from './dynamics.ts';
import type { Prng } from './prng.ts';

export type Side = 'buy' | 'sell';

export type RegimeState = { kind: 'normal' } | { kind: 'toxic'; side: Side };

/**
 * Alternates normal periods with toxic one-sided flow episodes at exponentially distributed times,
 * so order-flow toxicity metrics (VPIN) and risk alerts have realistic episodes to detect.
 */
export class RegimeSwitcher {
  private current: RegimeState = { kind: 'normal' };
  private switchAt: number;

  constructor(
    private readonly dynamics: Dynamics,
    private readonly rng: Prng,
  ) {
    this.switchAt = this.waitNs(dynamics.toxicEpisodeRatePerSecond);
  }

  get state(): RegimeState {
    return this.current;
  }

  /** Nanosecond offset of the next switch (Infinity when episodes are disabled). */
  get switchAtNs(): number {
    return this.switchAt;
  }

  /** Flips the regime at switchAtNs and schedules the following switch. */
  switchNow(): void {
    const at = this.switchAt;
    if (this.current.kind === 'normal') {
      this.current = { kind: 'toxic', side: this.rng.uniform() < 0.5 ? 'buy' : 'sell' };
      this.switchAt = at + this.waitNs(1 / this.dynamics.toxicMeanSeconds);
    } else {
      this.current = { kind: 'normal' };
      this.switchAt = at + this.waitNs(this.dynamics.toxicEpisodeRatePerSecond);
    }
  }

  private waitNs(ratePerSecond: number): number {
    if (ratePerSecond <= 0) return Number.POSITIVE_INFINITY;
    return Math.max(1, Math.round(this.rng.exponential(ratePerSecond) * 1e9));
  }
}
