/** Model parameters shared by every symbol; rates are per second of event time. */
export interface Dynamics {
  /** Multiplies every instrument's base trade rate, e.g. 0.1 for a quiet feed. */
  rateScale: number;
  /** Hawkes excitation added to the intensity per trade, and its decay rate (1/s). alpha/beta < 1. */
  hawkesAlpha: number;
  hawkesBeta: number;
  /** GARCH(1,1) weights on the last squared one-second return and the last variance. */
  garchAlpha: number;
  garchBeta: number;
  /** Poisson jump rate and jump size, in multiples of the long-run per-second volatility. */
  jumpRatePerSecond: number;
  jumpSizeVols: number;
  /** Price impact per aggressor trade as a fraction of the long-run per-trade volatility. */
  impactPerTrade: number;
  /** Toxic one-sided flow episodes: start rate, mean length, share of volume on the toxic side. */
  toxicEpisodeRatePerSecond: number;
  toxicMeanSeconds: number;
  toxicAggressorShare: number;
  /** Trade arrivals speed up this much while an episode runs. */
  toxicRateMultiplier: number;
}

export const DEFAULT_DYNAMICS: Dynamics = {
  rateScale: 1,
  hawkesAlpha: 0.6,
  hawkesBeta: 1,
  garchAlpha: 0.15,
  garchBeta: 0.8,
  jumpRatePerSecond: 1 / 300,
  jumpSizeVols: 8,
  impactPerTrade: 0.1,
  toxicEpisodeRatePerSecond: 1 / 120,
  toxicMeanSeconds: 15,
  toxicAggressorShare: 0.85,
  toxicRateMultiplier: 2,
};
