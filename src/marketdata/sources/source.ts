import type { z } from 'zod';
import type { Nanos } from '../../domain/time.ts';
import type { DataType } from '../cache/cache-key.ts';
import type { RateLimiter } from '../rate-limit/rate-limiter.ts';

/**
 * Whether an operation can answer "what was known at time t". A safe operation given `asOfNs`
 * returns only what had been published by then (vintages, filing dates, closed bars); an unsafe
 * one would leak later revisions into a backtest, so the hub refuses it there unless opted in.
 */
export interface PointInTime {
  safe: boolean;
  /** Why: which field makes it safe, or what would leak. */
  note: string;
}

export interface SourceContext {
  /** Set by backtests: the operation answers as of this instant (safe operations only). */
  asOfNs?: Nanos;
}

/** One typed request a source serves, e.g. FRED `series` or Yahoo `bars`. */
export interface SourceOperation<P = never, R = unknown> {
  description: string;
  dataType: DataType;
  /** Parses params from the bus, HTTP query strings or the CLI (strings are coerced); strict. */
  params: z.ZodType<P, unknown>;
  /** The symbol (or series id, CIK, query) the cache key is filed under. */
  keySymbol: (params: P) => string;
  pointInTime: PointInTime;
  run: (params: P, ctx: SourceContext) => Promise<R>;
}

/** Erases P for registries; call `params.parse` before `run`. */
// biome-ignore lint/suspicious/noExplicitAny: a registry of operations with different param types
export type AnyOperation = SourceOperation<any, unknown>;

/** A published limit of an upstream API, as a token bucket. */
export interface SourceRateLimit {
  capacity: number;
  refillPerSecond: number;
  /** The limit as the provider documents it, for /sources and the README. */
  published: string;
}

/** An external data source: one HTTP connection, one rate limiter, typed operations. */
export interface DataSource {
  readonly name: string;
  readonly title: string;
  /** Hosts of the real API; only the hub may reach them (see egress-guard.ts). */
  readonly hosts: readonly string[];
  readonly limiter: RateLimiter;
  readonly operations: Readonly<Record<string, AnyOperation>>;
  close(): Promise<void>;
}
