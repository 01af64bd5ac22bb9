import { type Nanos, NS_PER_SECOND } from '../../domain/time.ts';
import type { DataType } from './cache-key.ts';

export const DEFAULT_TTL_NS: Readonly<Record<DataType, Nanos>> = {
  tick: NS_PER_SECOND,
  quote: 2n * NS_PER_SECOND,
  level2: NS_PER_SECOND,
  bar: 60n * NS_PER_SECOND,
  news: 3_600n * NS_PER_SECOND,
  fundamentals: 86_400n * NS_PER_SECOND,
  economic: 86_400n * NS_PER_SECOND,
};

/** Real-time data must never be served stale: a strategy would act on an old price. */
export const STALE_SAFE: ReadonlySet<DataType> = new Set(['bar', 'news', 'fundamentals', 'economic']);

export const DEFAULT_MAX_ENTRIES = 100_000;

export interface CachePolicyConfig {
  ttlNs?: Partial<Record<DataType, Nanos>>;
  /** How long past its TTL a stale-safe entry may still be served while it refreshes (default: its TTL). */
  graceNs?: Partial<Record<DataType, Nanos>>;
}

export interface TypePolicy {
  ttlNs: Nanos;
  /** 0 for types that are never served stale. */
  graceNs: Nanos;
}

export function resolvePolicies(config: CachePolicyConfig = {}): Record<DataType, TypePolicy> {
  const policies = {} as Record<DataType, TypePolicy>;
  for (const dataType of Object.keys(DEFAULT_TTL_NS) as DataType[]) {
    const ttlNs = config.ttlNs?.[dataType] ?? DEFAULT_TTL_NS[dataType];
    if (ttlNs <= 0n) throw new RangeError(`cache TTL for ${dataType} must be > 0 ns, got ${ttlNs}`);
    const configuredGrace = config.graceNs?.[dataType];
    if (configuredGrace !== undefined && !STALE_SAFE.has(dataType))
      throw new RangeError(`cache grace for ${dataType}: real-time data is never served stale`);
    const graceNs = STALE_SAFE.has(dataType) ? (configuredGrace ?? ttlNs) : 0n;
    if (graceNs < 0n) throw new RangeError(`cache grace for ${dataType} must be >= 0 ns, got ${graceNs}`);
    policies[dataType] = { ttlNs, graceNs };
  }
  return policies;
}
