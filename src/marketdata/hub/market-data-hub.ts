import type { Clock } from '../../core/clock.ts';
import { NautilusError } from '../../core/errors.ts';
import type { Nanos } from '../../domain/time.ts';
import type { CacheKey, ParamValue } from '../cache/cache-key.ts';
import { cacheKeyId } from '../cache/cache-key.ts';
import type { TieredCache } from '../cache/tiered-cache.ts';
import type { AnyOperation, DataSource } from '../sources/source.ts';
import { AccessPredictor, type AccessPredictorOptions } from './access-predictor.ts';
import type { SourceSlots } from './source-slot.ts';

export interface FetchRequest {
  source: string;
  operation: string;
  params?: Record<string, unknown>;
  /** Backtests set it: answer as known at this instant; unsafe operations are refused. */
  asOfNs?: Nanos;
  /** Opt-in to use a source that is not point-in-time safe in a backtest. */
  allowLookahead?: boolean;
}

export interface HubStats {
  requests: number;
  /** Upstream calls per source (loads the cache could not avoid). */
  upstreamCalls: Record<string, number>;
  upstreamErrors: Record<string, number>;
  prefetches: number;
  /** Requests answered by an entry a prefetch loaded before anyone asked. */
  prefetchHits: number;
  refusedLookahead: number;
}

export interface HubOptions {
  clock: Clock;
  slots: SourceSlots;
  cache: TieredCache;
  prefetch?: false | AccessPredictorOptions;
}

interface Resolved {
  source: DataSource;
  operation: AnyOperation;
  params: unknown;
  key: CacheKey;
  id: string;
  request: FetchRequest;
}

/**
 * The hub's request path: validate, refuse look-ahead in backtests, then the tiered cache with
 * single-flight loads through the source's rate limiter, and prefetch of what usually comes next.
 */
export class MarketDataHub {
  readonly stats: HubStats = {
    requests: 0,
    upstreamCalls: {},
    upstreamErrors: {},
    prefetches: 0,
    prefetchHits: 0,
    refusedLookahead: 0,
  };
  private readonly predictor: AccessPredictor | undefined;
  /** Requests by cache id, so a predicted key can be fetched; bounded like the predictor. */
  private readonly knownRequests = new Map<string, FetchRequest>();
  private readonly prefetched = new Set<string>();

  constructor(private readonly options: HubOptions) {
    this.predictor = options.prefetch === false ? undefined : new AccessPredictor(options.prefetch);
  }

  get cache(): TieredCache {
    return this.options.cache;
  }

  get slots(): SourceSlots {
    return this.options.slots;
  }

  /** `requester` keys the access sequence prefetch learns from (an engine name, 'http', 'cli'). */
  async fetch<R = unknown>(request: FetchRequest, requester = 'anonymous'): Promise<R> {
    this.stats.requests++;
    const resolved = this.resolve(request);
    if (this.prefetched.delete(resolved.id) && this.cache.has(resolved.key)) this.stats.prefetchHits++;
    this.learn(requester, resolved);
    return this.load<R>(resolved);
  }

  private load<R>(resolved: Resolved): R | Promise<R> {
    const { source, operation, params, key, request } = resolved;
    return this.cache.lookupOrLoad(key, async () => {
      this.stats.upstreamCalls[source.name] = (this.stats.upstreamCalls[source.name] ?? 0) + 1;
      try {
        return (await operation.run(params, { asOfNs: request.asOfNs })) as R;
      } catch (error) {
        this.stats.upstreamErrors[source.name] = (this.stats.upstreamErrors[source.name] ?? 0) + 1;
        throw error;
      }
    });
  }

  private learn(requester: string, resolved: Resolved): void {
    if (!this.predictor) return;
    this.remember(resolved.id, resolved.request);
    for (const nextId of this.predictor.record(requester, resolved.id)) {
      const next = this.knownRequests.get(nextId);
      if (!next) continue;
      let target: Resolved;
      try {
        target = this.resolve(next);
      } catch {
        continue;
      }
      if (this.cache.has(target.key)) continue;
      this.stats.prefetches++;
      this.prefetched.add(target.id);
      // A failed prefetch costs nothing but the call: the real request will retry and report it.
      Promise.resolve(this.load(target)).catch(() => this.prefetched.delete(target.id));
    }
  }

  private remember(id: string, request: FetchRequest): void {
    this.knownRequests.delete(id);
    this.knownRequests.set(id, request);
    if (this.knownRequests.size > 10_000) {
      const oldest = this.knownRequests.keys().next().value!;
      this.knownRequests.delete(oldest);
      this.prefetched.delete(oldest);
    }
  }

  private resolve(request: FetchRequest): Resolved {
    const { slots } = this.options;
    if (!slots.slot(request.source))
      throw new NautilusError(
        'NOT_FOUND',
        `unknown source "${request.source}" (sources: ${slots.names().join(', ')})`,
      );
    const source = slots.source(request.source)!;
    const operation = source.operations[request.operation];
    if (!operation)
      throw new NautilusError(
        'NOT_FOUND',
        `${source.name} has no operation "${request.operation}" (operations: ${Object.keys(source.operations).join(', ')})`,
      );
    const parsed = operation.params.safeParse(request.params ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues
        .map((issue) => `${issue.path.join('.') || '(params)'}: ${issue.message}`)
        .join('; ');
      throw new NautilusError('BAD_REQUEST', `${source.name}.${request.operation}: ${issues}`);
    }
    if (request.asOfNs !== undefined && !operation.pointInTime.safe && !request.allowLookahead) {
      this.stats.refusedLookahead++;
      throw new NautilusError(
        'POINT_IN_TIME_UNSAFE',
        `${source.name}.${request.operation} is not point-in-time safe (${operation.pointInTime.note}); a backtest refuses it unless allowLookahead is set`,
      );
    }
    const key: CacheKey = {
      source: source.name,
      dataType: operation.dataType,
      symbol: operation.keySymbol(parsed.data),
      params: keyParams(request.operation, parsed.data, request.asOfNs),
    };
    return { source, operation, params: parsed.data, key, id: cacheKeyId(key), request };
  }
}

function keyParams(
  operation: string,
  params: unknown,
  asOfNs: Nanos | undefined,
): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = { operation };
  for (const [name, value] of Object.entries((params ?? {}) as Record<string, unknown>)) {
    if (value === undefined) continue;
    out[name] =
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      typeof value === 'bigint'
        ? value
        : JSON.stringify(value);
  }
  if (asOfNs !== undefined) out.asOfNs = asOfNs;
  return out;
}
