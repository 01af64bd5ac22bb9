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
  id: string;
  value: unknown;
  /** Fresh while now < freshUntilNs (stored + TTL), stale while now < staleUntilNs (+ grace). */
  freshUntilNs: Nanos;
  staleUntilNs: Nanos;
  /** The recency list: `older` towards the least recently used entry, `newer` towards the most. */
  older: Entry | undefined;
  newer: Entry | undefined;
}

/**
 * The hub's cache: TTL per data type, LRU bound (a linked recency list: a hit moves two pointers),
 * single-flight loads and stale-while-revalidate for stale-safe types. Values are heterogeneous,
 * so the caller picks the value type per call and must use one type per key.
 */
export class TieredCache {
  private readonly entries = new Map<string, Entry>();
  /** Least and most recently used entries. */
  private oldest: Entry | undefined;
  private newest: Entry | undefined;
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
    const nowNs = this.clock.nowNs();
    const entry = this.lookup(id, nowNs);
    if (entry === undefined || nowNs >= entry.freshUntilNs) return undefined;
    this.counters.hits++;
    return entry.value as V;
  }

  /** Whether a fresh value is cached; counts nothing and leaves the LRU order alone. */
  has(key: CacheKey): boolean {
    const entry = this.entries.get(cacheKeyId(key));
    return entry !== undefined && this.clock.nowNs() < entry.freshUntilNs;
  }

  set<V>(key: CacheKey, value: V): void {
    this.store(cacheKeyId(key), key.dataType, value);
  }

  getOrLoad<V>(key: CacheKey, loader: () => Promise<V>): Promise<V> {
    const result = this.lookupOrLoad(key, loader);
    return result instanceof Promise ? result : Promise.resolve(result);
  }

  /**
   * The hub's path: a cached value (fresh, or stale within its grace while a refresh runs) is
   * returned synchronously, so a hit costs no promise; a miss returns the (possibly shared) load.
   */
  lookupOrLoad<V>(key: CacheKey, loader: () => Promise<V>): V | Promise<V> {
    const id = cacheKeyId(key);
    const nowNs = this.clock.nowNs();
    const entry = this.lookup(id, nowNs);
    if (entry !== undefined && nowNs < entry.freshUntilNs) {
      this.counters.hits++;
      return entry.value as V;
    }
    if (entry !== undefined) {
      // lookup() drops expired entries: this one is stale, within its grace.
      this.counters.staleServed++;
      // A failed refresh is counted in load(); the stale value stays until its grace runs out.
      this.load(id, key.dataType, loader).catch(() => {});
      return entry.value as V;
    }
    this.counters.misses++;
    return this.load(id, key.dataType, loader);
  }

  invalidate(key: CacheKey): boolean {
    const id = cacheKeyId(key);
    // Dropping the flight too stops a load started before the invalidation from storing its result.
    this.inFlight.delete(id);
    const entry = this.entries.get(id);
    if (entry === undefined) return false;
    this.remove(entry);
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.oldest = this.newest = undefined;
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
    let started: Promise<V>;
    try {
      // Promise.resolve returns a native promise as it is: no extra wrapper, no extra turns.
      started = Promise.resolve(loader());
    } catch (error) {
      // A loader that throws synchronously becomes a rejection like any other.
      started = Promise.reject(error);
    }
    const flight: Promise<V> = started.then(
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
  private lookup(id: string, nowNs: Nanos): Entry | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    if (nowNs >= entry.staleUntilNs) {
      this.remove(entry);
      return undefined;
    }
    if (entry !== this.newest) {
      this.unlink(entry);
      this.append(entry);
    }
    return entry;
  }

  private store(id: string, dataType: DataType, value: unknown): void {
    // Fresh for [stored, stored + ttl), stale for the following grace, then expired.
    const { ttlNs, graceNs } = this.policies[dataType];
    const freshUntilNs = this.clock.nowNs() + ttlNs;
    const previous = this.entries.get(id);
    if (previous !== undefined) this.remove(previous);
    const entry: Entry = {
      id,
      value,
      freshUntilNs,
      staleUntilNs: freshUntilNs + graceNs,
      older: undefined,
      newer: undefined,
    };
    this.entries.set(id, entry);
    this.append(entry);
    // One insert overflows by at most one: drop the least recently used entry.
    if (this.entries.size > this.maxEntries) {
      this.remove(this.oldest!);
      this.counters.evictions++;
    }
  }

  private remove(entry: Entry): void {
    this.entries.delete(entry.id);
    this.unlink(entry);
  }

  private unlink(entry: Entry): void {
    const { older, newer } = entry;
    if (older === undefined) this.oldest = newer;
    else older.newer = newer;
    if (newer === undefined) this.newest = older;
    else newer.older = older;
    entry.older = entry.newer = undefined;
  }

  /** Makes the entry the most recently used. */
  private append(entry: Entry): void {
    entry.older = this.newest;
    if (this.newest === undefined) this.oldest = entry;
    else this.newest.newer = entry;
    this.newest = entry;
  }
}
