import type { Clock } from '../../core/clock.ts';
import type { Nanos } from '../../domain/time.ts';
import type { CacheKey, DataType } from './cache-key.ts';
import {
  type CachePolicyConfig,
  DEFAULT_MAX_ENTRIES,
  resolvePolicies,
  type TypePolicy,
} from './cache-policy.ts';
import { KeyIndex } from './key-index.ts';

/** The key index remembers at least this many ways of writing keys before it starts over. */
const MIN_ALIASES = 65_536;

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

/**
 * One canonical key, found through the key index: its cached value, if any, and its load in
 * flight. A slot is its own recency-list node, so storing a value allocates nothing.
 */
interface Slot {
  readonly id: string;
  /** Whether a value is cached; the value, deadlines and list links mean something only then. */
  cached: boolean;
  value: unknown;
  /** Fresh while now < freshUntilNs (stored + TTL), stale while now < staleUntilNs (+ grace). */
  freshUntilNs: Nanos;
  staleUntilNs: Nanos;
  /** The recency list: `older` towards the least recently used value, `newer` towards the most. */
  older: Slot | undefined;
  newer: Slot | undefined;
  flight: Promise<unknown> | undefined;
}

/**
 * The hub's cache: TTL per data type, LRU bound (a linked recency list: a hit moves two pointers),
 * single-flight loads and stale-while-revalidate for stale-safe types. Values are heterogeneous,
 * so the caller picks the value type per call and must use one type per key. A request finds its
 * slot through a key index (one Map lookup by symbol), not by building and hashing the key's id.
 */
export class TieredCache {
  /** Every key seen since the index last reset, holding a value or not. */
  private readonly slots = new Map<string, Slot>();
  private readonly index: KeyIndex<Slot>;
  private size = 0;
  /** Least and most recently used entries. */
  private oldest: Slot | undefined;
  private newest: Slot | undefined;
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
    this.index = new KeyIndex<Slot>(
      (id) => this.slotFor(id),
      Math.max(MIN_ALIASES, 2 * this.maxEntries),
      () => this.dropIdleSlots(),
    );
  }

  /** A fresh value or undefined; never loads and never serves stale. */
  get<V>(key: CacheKey): V | undefined {
    const slot = this.index.slot(key);
    const nowNs = this.clock.nowNs();
    if (!this.lookup(slot, nowNs) || nowNs >= slot.freshUntilNs) return undefined;
    this.counters.hits++;
    return slot.value as V;
  }

  /** Whether a fresh value is cached; counts nothing and leaves the LRU order alone. */
  has(key: CacheKey): boolean {
    const slot = this.index.slot(key);
    return slot.cached && this.clock.nowNs() < slot.freshUntilNs;
  }

  set<V>(key: CacheKey, value: V): void {
    this.store(this.index.slot(key), key.dataType, value);
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
    const slot = this.index.slot(key);
    const nowNs = this.clock.nowNs();
    const cached = this.lookup(slot, nowNs);
    if (cached && nowNs < slot.freshUntilNs) {
      this.counters.hits++;
      return slot.value as V;
    }
    if (cached) {
      // lookup() drops expired entries: this one is stale, within its grace.
      this.counters.staleServed++;
      // A failed refresh is counted in load(); the stale value stays until its grace runs out.
      this.load(slot, key.dataType, loader).catch(() => {});
      return slot.value as V;
    }
    this.counters.misses++;
    return this.load(slot, key.dataType, loader);
  }

  invalidate(key: CacheKey): boolean {
    const slot = this.index.slot(key);
    // Dropping the flight too stops a load started before the invalidation from storing its result.
    slot.flight = undefined;
    if (!slot.cached) return false;
    this.remove(slot);
    return true;
  }

  clear(): void {
    // Loads in flight must not store into slots the cache no longer indexes.
    for (const slot of this.slots.values()) {
      slot.flight = undefined;
      slot.cached = false;
      slot.value = slot.older = slot.newer = undefined;
    }
    this.slots.clear();
    this.index.reset();
    this.oldest = this.newest = undefined;
    this.size = 0;
  }

  stats(): CacheStats {
    return { ...this.counters, size: this.size };
  }

  /** Share of reads answered from the cache (fresh or stale); 0 before any read. */
  hitRate(): number {
    const served = this.counters.hits + this.counters.staleServed;
    const reads = served + this.counters.misses;
    return reads === 0 ? 0 : served / reads;
  }

  private slotFor(id: string): Slot {
    let slot = this.slots.get(id);
    if (slot === undefined) {
      slot = {
        id,
        cached: false,
        value: undefined,
        freshUntilNs: 0n,
        staleUntilNs: 0n,
        older: undefined,
        newer: undefined,
        flight: undefined,
      };
      this.slots.set(id, slot);
    }
    return slot;
  }

  /** Runs when the key index forgets its aliases: slots without a value or a load go too. */
  private dropIdleSlots(): void {
    for (const [id, slot] of this.slots) if (!slot.cached && slot.flight === undefined) this.slots.delete(id);
  }

  private load<V>(slot: Slot, dataType: DataType, loader: () => Promise<V>): Promise<V> {
    const pending = slot.flight;
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
        if (slot.flight === flight) {
          slot.flight = undefined;
          this.store(slot, dataType, value);
        }
        return value;
      },
      (error: unknown) => {
        if (slot.flight === flight) slot.flight = undefined;
        this.counters.loadErrors++;
        throw error;
      },
    );
    slot.flight = flight;
    return flight;
  }

  /** Whether the slot holds a value, which it marks most recently used; drops it once past TTL and grace. */
  private lookup(slot: Slot, nowNs: Nanos): boolean {
    if (!slot.cached) return false;
    if (nowNs >= slot.staleUntilNs) {
      this.remove(slot);
      return false;
    }
    if (slot !== this.newest) {
      this.unlink(slot);
      this.append(slot);
    }
    return true;
  }

  private store(slot: Slot, dataType: DataType, value: unknown): void {
    // Fresh for [stored, stored + ttl), stale for the following grace, then expired.
    const { ttlNs, graceNs } = this.policies[dataType];
    if (slot.cached) this.unlink(slot);
    else this.size++;
    slot.cached = true;
    slot.value = value;
    slot.freshUntilNs = this.clock.nowNs() + ttlNs;
    slot.staleUntilNs = slot.freshUntilNs + graceNs;
    this.append(slot);
    // One insert overflows by at most one: drop the least recently used value.
    if (this.size > this.maxEntries) {
      this.remove(this.oldest!);
      this.counters.evictions++;
    }
  }

  private remove(slot: Slot): void {
    slot.cached = false;
    slot.value = undefined;
    this.size--;
    this.unlink(slot);
  }

  private unlink(slot: Slot): void {
    const { older, newer } = slot;
    if (older === undefined) this.oldest = newer;
    else older.newer = newer;
    if (newer === undefined) this.newest = older;
    else newer.older = older;
    slot.older = slot.newer = undefined;
  }

  /** Makes the slot's value the most recently used. */
  private append(slot: Slot): void {
    slot.older = this.newest;
    if (this.newest === undefined) this.oldest = slot;
    else this.newest.newer = slot;
    this.newest = slot;
  }
}
