import type { Clock } from '../../core/clock.ts';
import type { Nanos } from '../../domain/time.ts';
import { type CacheKey, cacheKeyId, type DataType } from './cache-key.ts';
import {
  type CachePolicyConfig,
  DEFAULT_MAX_ENTRIES,
  resolvePolicies,
  type TypePolicy,
} from './cache-policy.ts';

export interface TieredCacheConfig extends CachePolicyConfig {
  maxEntries?: number;
}

export interface CacheStats {
  /** Fresh values returned. */
  hits: number;
  /** Calls that had to wait for a load (their own or a coalesced one). */
  misses: number;
  /** Stale values returned within the grace window while a refresh ran. */
  staleServed: number;
  /** Loader calls started, i.e. upstream requests made. */
  loads: number;
  /** Loads avoided by joining one already in flight: upstream calls saved. */
  coalesced: number;
  evictions: number;
  loadErrors: number;
  size: number;
}

interface Entry {
  value: unknown;
  dataType: DataType;
  storedNs: Nanos;
}

type Freshness = 'fresh' | 'stale' | 'expired';

/**
 * The hub's cache: TTL per data type, LRU bound (a Map's insertion order is the recency order),
 * single-flight loads and stale-while-revalidate for stale-safe types. Values are heterogeneous,
 * so the caller picks the value type per call and must use one type per key.
 */
export class TieredCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly policies: Record<DataType, TypePolicy>;
  private readonly maxEntries: number;
  private readonly counters = {
    hits: 0,
    misses: 0,
    staleServed: 0,
    loads: 0,
    coalesced: 0,
    evictions: 0,
    loadErrors: 0,
  };

  constructor(
    private readonly clock: Clock,
    config: TieredCacheConfig = {},
  ) {
    this.policies = resolvePolicies(config);
    this.maxEntries = config.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (!Number.isSafeInteger(this.maxEntries) || this.maxEntries < 1)
      throw new RangeError(`cache maxEntries must be a positive integer, got ${this.maxEntries}`);
  }

  /** A fresh value or undefined; never loads and never serves stale. */
  get<V>(key: CacheKey): V | undefined {
    const id = cacheKeyId(key);
    const entry = this.lookup(id);
    if (!entry || this.freshness(entry) !== 'fresh') return undefined;
    this.counters.hits++;
    return entry.value as V;
  }

  /** Whether a fresh value is cached; counts nothing and leaves the LRU order alone. */
  has(key: CacheKey): boolean {
    const entry = this.entries.get(cacheKeyId(key));
    return entry !== undefined && this.freshness(entry) === 'fresh';
  }

  set<V>(key: CacheKey, value: V): void {
    this.store(cacheKeyId(key), key.dataType, value);
  }

  getOrLoad<V>(key: CacheKey, loader: () => Promise<V>): Promise<V> {
    const id = cacheKeyId(key);
    const entry = this.lookup(id);
    const freshness = entry ? this.freshness(entry) : 'expired';
    if (entry && freshness === 'fresh') {
      this.counters.hits++;
      return Promise.resolve(entry.value as V);
    }
    if (entry && freshness === 'stale') {
      this.counters.staleServed++;
      // A failed refresh is counted in load(); the stale value stays until its grace runs out.
      this.load(id, key.dataType, loader).catch(() => {});
      return Promise.resolve(entry.value as V);
    }
    this.counters.misses++;
    return this.load(id, key.dataType, loader);
  }

  invalidate(key: CacheKey): boolean {
    const id = cacheKeyId(key);
    // Dropping the flight too stops a load started before the invalidation from storing its result.
    this.inFlight.delete(id);
    return this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
    this.inFlight.clear();
  }

  stats(): CacheStats {
    return { ...this.counters, size: this.entries.size };
  }

  /** Share of reads answered from the cache (fresh or stale); 0 before any read. */
  hitRate(): number {
    const served = this.counters.hits + this.counters.staleServed;
    const reads = served + this.counters.misses;
    return reads === 0 ? 0 : served / reads;
  }

  private load<V>(id: string, dataType: DataType, loader: () => Promise<V>): Promise<V> {
    const pending = this.inFlight.get(id);
    if (pending) {
      this.counters.coalesced++;
      return pending as Promise<V>;
    }
    this.counters.loads++;
    // Wrapping catches a loader that throws synchronously instead of returning a rejection.
    const flight: Promise<V> = new Promise<V>((resolve) => resolve(loader())).then(
      (value) => {
        if (this.inFlight.get(id) === flight) {
          this.inFlight.delete(id);
          this.store(id, dataType, value);
        }
        return value;
      },
      (error: unknown) => {
        if (this.inFlight.get(id) === flight) this.inFlight.delete(id);
        this.counters.loadErrors++;
        throw error;
      },
    );
    this.inFlight.set(id, flight);
    return flight;
  }

  /** Returns the entry and marks it most recently used; drops it once past TTL and grace. */
  private lookup(id: string): Entry | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    if (this.freshness(entry) === 'expired') return undefined;
    this.entries.set(id, entry);
    return entry;
  }

  private store(id: string, dataType: DataType, value: unknown): void {
    this.entries.delete(id);
    this.entries.set(id, { value, dataType, storedNs: this.clock.nowNs() });
    // One insert overflows by at most one; the first key is the least recently used.
    if (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
      this.counters.evictions++;
    }
  }

  /** Fresh for [stored, stored + ttl), stale for the following grace, then expired. */
  private freshness(entry: Entry): Freshness {
    const { ttlNs, graceNs } = this.policies[entry.dataType];
    const ageNs = this.clock.nowNs() - entry.storedNs;
    if (ageNs < ttlNs) return 'fresh';
    return ageNs < ttlNs + graceNs ? 'stale' : 'expired';
  }
}
