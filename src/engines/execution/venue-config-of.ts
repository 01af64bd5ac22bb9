import type { InstrumentRegistry } from '../../trading/instruments/registry.ts';
import type { VenueConfig } from '../../trading/venue/venue-config.ts';
import type { ExecutionConfig } from './manifest.ts';

const NS_PER_MS = 1_000_000;
const NS_PER_S = 1_000_000_000n;

/** "HH:MM" or "HH:MM:SS" (UTC) -> ns after midnight. */
export function sessionEndNs(text: string): bigint {
  const [h = 0, m = 0, s = 0] = text.split(':').map(Number);
  return BigInt((h * 60 + m) * 60 + s) * NS_PER_S;
}

/** The engine's options as the simulated venue's config (venue order ids are "<VENUE>-<n>"). */
export function venueConfigOf(config: ExecutionConfig, instruments: InstrumentRegistry): VenueConfig {
  return {
    instruments,
    venueName: config.venue.toUpperCase(),
    fill: {
      tradeLimitRule: config.fill.tradeLimitRule,
      barLimitRule: config.fill.barLimitRule,
      kinds: config.fill.kinds,
    },
    slippageTicks: config.slippageTicks,
    latencyNs: BigInt(Math.round(config.latencyMs * NS_PER_MS)),
    oms: config.oms,
    sessionEndUtcNs: sessionEndNs(config.sessionEnd),
  };
}
