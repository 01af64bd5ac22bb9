import type { Clock } from '../../core/clock.ts';
import { NautilusError } from '../../core/errors.ts';
import { RateLimiter } from '../rate-limit/rate-limiter.ts';
import type { SourceRateLimit } from './source.ts';
import { SourceHttpClient } from './source-http-client.ts';

/** What every source factory takes; the hub fills it from config and env. */
export interface SourceOptions {
  clock: Clock;
  /** Default: the real API. Tests point it at a local replay server. */
  baseUrl?: string;
  /** API key or token where the source needs one; never logged. */
  apiKey?: string;
  rateLimit?: Partial<Omit<SourceRateLimit, 'published'>>;
  timeoutMs?: number;
  /** Calls allowed to wait for rate-limit tokens before new ones are refused. */
  maxQueued?: number;
}

export interface SourceKitDefaults {
  name: string;
  baseUrl: string;
  rateLimit: SourceRateLimit;
  headers?: Record<string, string>;
}

export interface SourceKit {
  client: SourceHttpClient;
  limiter: RateLimiter;
  rateLimit: SourceRateLimit;
}

/** The limiter and the single-connection client a source is built on. */
export function sourceKit(
  defaults: SourceKitDefaults,
  options: SourceOptions,
  secrets: readonly string[] = [],
): SourceKit {
  const rateLimit = { ...defaults.rateLimit, ...options.rateLimit };
  const limiter = new RateLimiter(options.clock, {
    source: defaults.name,
    capacity: rateLimit.capacity,
    refillPerSecond: rateLimit.refillPerSecond,
    maxQueued: options.maxQueued ?? 1_000,
  });
  const client = new SourceHttpClient({
    source: defaults.name,
    baseUrl: options.baseUrl ?? defaults.baseUrl,
    limiter,
    headers: defaults.headers,
    secrets: [...secrets, ...(options.apiKey ? [options.apiKey] : [])],
    timeoutMs: options.timeoutMs,
  });
  return { client, limiter, rateLimit };
}

/** A source that cannot work without a credential says which one and where to set it. */
export function requireCredential(source: string, value: string | undefined, env: string): string {
  if (value && value.length > 0) return value;
  throw new NautilusError(
    'CONFIG_INVALID',
    `${source}: no API key (set engineConfig.marketdata.sources.${source}.apiKey or ${env})`,
  );
}
