import { describe, expect, it, vi } from 'vitest';
import { TestClock } from '../../core/test-clock.ts';
import { NS_PER_MS, NS_PER_SECOND } from '../../domain/time.ts';
import type { CacheKey, DataType } from './cache-key.ts';
import { TieredCache } from './tiered-cache.ts';

const S = NS_PER_SECOND;

function key(dataType: DataType, symbol = 'AAPL', params?: CacheKey['params']): CacheKey {
  return { source: 'synthetic', dataType, symbol, params };
}

/** A loader whose result the test releases by hand, to hold a load in flight. */
function deferred<V>() {
  let resolve!: (value: V) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<V>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets settled loads run their bookkeeping (storing the value, counting errors). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup(config?: ConstructorParameters<typeof TieredCache>[1]) {
  const clock = new TestClock(1_000n * S);
  const cache = new TieredCache(clock, config);
  const at = (offsetNs: bigint) => clock.advanceTo(1_000n * S + offsetNs);
  return { clock, cache, at };
}

describe('TieredCache TTL', () => {
  it.each([
    ['tick', S],
    ['quote', 2n * S],
    ['level2', S],
    ['bar', 60n * S],
    ['news', 3_600n * S],
    ['fundamentals', 86_400n * S],
    ['economic', 86_400n * S],
  ] as const)('%s is fresh for exactly its TTL', (dataType, ttlNs) => {
    const { cache, at } = setup();
    cache.set(key(dataType), 'v');
    at(ttlNs - 1n);
    expect(cache.get(key(dataType))).toBe('v');
    at(ttlNs);
    expect(cache.get(key(dataType))).toBeUndefined();
  });

  it('honours a per-type override', () => {
    const { cache, at } = setup({ ttlNs: { quote: 100n * NS_PER_MS } });
    cache.set(key('quote'), 'q');
    at(100n * NS_PER_MS);
    expect(cache.get(key('quote'))).toBeUndefined();
  });

  it('reloads after the TTL when stale serving is not allowed', async () => {
    const { cache, at } = setup();
    const loader = vi.fn(async () => 'tick');
    await cache.getOrLoad(key('tick'), loader);
    expect(await cache.getOrLoad(key('tick'), loader)).toBe('tick');
    expect(loader).toHaveBeenCalledTimes(1);
    at(S);
    await cache.getOrLoad(key('tick'), loader);
    expect(loader).toHaveBeenCalledTimes(2);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2, loads: 2, staleServed: 0 });
    expect(cache.hitRate()).toBeCloseTo(1 / 3);
  });
});

describe('TieredCache LRU', () => {
  it('evicts the least recently used entry at the bound', () => {
    const { cache } = setup({ maxEntries: 3 });
    cache.set(key('bar', 'A'), 'a');
    cache.set(key('bar', 'B'), 'b');
    cache.set(key('bar', 'C'), 'c');
    expect(cache.get(key('bar', 'A'))).toBe('a'); // A is now the most recent
    cache.set(key('bar', 'D'), 'd');
    expect(cache.get(key('bar', 'B'))).toBeUndefined();
    cache.set(key('bar', 'E'), 'e');
    expect(cache.get(key('bar', 'C'))).toBeUndefined();
    expect(cache.get(key('bar', 'A'))).toBe('a');
    expect(cache.stats()).toMatchObject({ evictions: 2, size: 3 });
  });

  it('does not evict when overwriting an existing key', () => {
    const { cache } = setup({ maxEntries: 2 });
    cache.set(key('bar', 'A'), 'a');
    cache.set(key('bar', 'B'), 'b');
    cache.set(key('bar', 'A'), 'a2');
    expect(cache.stats()).toMatchObject({ evictions: 0, size: 2 });
    expect(cache.get(key('bar', 'A'))).toBe('a2');
  });

  it('rejects a bad bound', () => {
    expect(() => setup({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => setup({ maxEntries: 1.5 })).toThrow(RangeError);
  });
});

describe('TieredCache single-flight', () => {
  it('coalesces concurrent misses into one loader call', async () => {
    const { cache } = setup();
    const upstream = deferred<number>();
    const loader = vi.fn(() => upstream.promise);
    const calls = Array.from({ length: 5 }, () => cache.getOrLoad(key('bar'), loader));
    expect(loader).toHaveBeenCalledTimes(1);
    upstream.resolve(42);
    expect(await Promise.all(calls)).toEqual([42, 42, 42, 42, 42]);
    expect(await cache.getOrLoad(key('bar'), loader)).toBe(42);
    expect(loader).toHaveBeenCalledTimes(1);
    expect(cache.stats()).toMatchObject({ misses: 5, loads: 1, coalesced: 4, hits: 1, size: 1 });
  });

  it('propagates a loader error to every waiter and does not cache it', async () => {
    const { cache } = setup();
    const upstream = deferred<number>();
    const failing = vi.fn(() => upstream.promise);
    const calls = Array.from({ length: 3 }, () => cache.getOrLoad(key('bar'), failing));
    upstream.reject(new Error('rate limited'));
    for (const call of calls) await expect(call).rejects.toThrow('rate limited');
    expect(failing).toHaveBeenCalledTimes(1);
    expect(cache.stats()).toMatchObject({ loads: 1, coalesced: 2, loadErrors: 1, size: 0 });

    expect(await cache.getOrLoad(key('bar'), async () => 7)).toBe(7);
    expect(cache.stats().loads).toBe(2);
  });

  it('turns a synchronously throwing loader into a rejection', async () => {
    const { cache } = setup();
    const throwing = (): Promise<number> => {
      throw new Error('boom');
    };
    await expect(cache.getOrLoad(key('bar'), throwing)).rejects.toThrow('boom');
    expect(cache.stats()).toMatchObject({ loadErrors: 1, size: 0 });
  });

  it('does not store a load that was in flight when its key was invalidated', async () => {
    const { cache } = setup();
    const upstream = deferred<string>();
    const call = cache.getOrLoad(key('bar'), () => upstream.promise);
    cache.invalidate(key('bar'));
    upstream.resolve('old');
    expect(await call).toBe('old');
    expect(cache.get(key('bar'))).toBeUndefined();
  });
});

describe('TieredCache stale-while-revalidate', () => {
  it.each(['bar', 'news', 'fundamentals', 'economic'] as const)(
    'serves stale %s within grace and refreshes once in the background',
    async (dataType) => {
      const { cache, at } = setup({ ttlNs: { [dataType]: 10n * S } });
      await cache.getOrLoad(key(dataType), async () => 'v1');
      at(15n * S);
      const upstream = deferred<string>();
      const refresh = vi.fn(() => upstream.promise);
      expect(await cache.getOrLoad(key(dataType), refresh)).toBe('v1');
      expect(await cache.getOrLoad(key(dataType), refresh)).toBe('v1');
      expect(refresh).toHaveBeenCalledTimes(1);
      upstream.resolve('v2');
      await settle();
      expect(await cache.getOrLoad(key(dataType), refresh)).toBe('v2');
      expect(cache.stats()).toMatchObject({ staleServed: 2, loads: 2, coalesced: 1, hits: 1, misses: 1 });
    },
  );

  it.each(['tick', 'quote', 'level2'] as const)('never serves stale %s', async (dataType) => {
    const { cache, at } = setup();
    await cache.getOrLoad(key(dataType), async () => 'old');
    at(2n * S);
    expect(await cache.getOrLoad(key(dataType), async () => 'new')).toBe('new');
    expect(cache.stats()).toMatchObject({ staleServed: 0, misses: 2, loads: 2 });
  });

  it('is a miss once the grace window (default: the TTL) has passed', async () => {
    const { cache, at } = setup();
    await cache.getOrLoad(key('bar'), async () => 'old');
    at(120n * S);
    expect(await cache.getOrLoad(key('bar'), async () => 'new')).toBe('new');
    expect(cache.stats()).toMatchObject({ staleServed: 0, misses: 2 });
  });

  it('honours a configured grace', async () => {
    const { cache, at } = setup({ graceNs: { bar: 5n * S } });
    await cache.getOrLoad(key('bar'), async () => 'old');
    at(65n * S);
    expect(await cache.getOrLoad(key('bar'), async () => 'new')).toBe('new');
    expect(cache.stats().staleServed).toBe(0);
  });

  it('keeps serving stale when the background refresh fails', async () => {
    const { cache, at } = setup();
    await cache.getOrLoad(key('bar'), async () => 'old');
    at(61n * S);
    const upstream = deferred<string>();
    expect(await cache.getOrLoad(key('bar'), () => upstream.promise)).toBe('old');
    upstream.reject(new Error('down'));
    await settle();
    expect(cache.stats().loadErrors).toBe(1);
    expect(await cache.getOrLoad(key('bar'), async () => 'new')).toBe('old');
  });

  it('lets a miss after grace join a refresh already in flight', async () => {
    const { cache, at } = setup();
    await cache.getOrLoad(key('bar'), async () => 'old');
    at(100n * S);
    const upstream = deferred<string>();
    const loader = vi.fn(() => upstream.promise);
    expect(await cache.getOrLoad(key('bar'), loader)).toBe('old');
    at(130n * S);
    const waiting = cache.getOrLoad(key('bar'), loader);
    upstream.resolve('new');
    expect(await waiting).toBe('new');
    expect(loader).toHaveBeenCalledTimes(1);
    expect(cache.stats()).toMatchObject({ coalesced: 1, loads: 2 });
  });
});

describe('TieredCache keys, invalidate and clear', () => {
  it('treats params in any order as the same key', async () => {
    const { cache } = setup();
    const loader = vi.fn(async () => 'bars');
    await cache.getOrLoad(key('bar', 'AAPL', { interval: '1m', limit: 100 }), loader);
    expect(await cache.getOrLoad(key('bar', 'AAPL', { limit: 100, interval: '1m' }), loader)).toBe('bars');
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('invalidate drops one key; clear drops all and keeps counters', () => {
    const { cache } = setup();
    cache.set(key('bar', 'A'), 'a');
    cache.set(key('bar', 'B'), 'b');
    expect(cache.invalidate(key('bar', 'A'))).toBe(true);
    expect(cache.invalidate(key('bar', 'A'))).toBe(false);
    expect(cache.get(key('bar', 'B'))).toBe('b');
    cache.clear();
    expect(cache.get(key('bar', 'B'))).toBeUndefined();
    expect(cache.stats()).toMatchObject({ size: 0, hits: 1 });
  });

  it('reports a zero hit rate before any read', () => {
    expect(setup().cache.hitRate()).toBe(0);
  });
});

describe('TieredCache lookupOrLoad', () => {
  it('answers a fresh or stale entry synchronously and a miss with the load', async () => {
    const { cache, at } = setup();
    const loader = vi.fn(() => Promise.resolve(42));
    const miss = cache.lookupOrLoad(key('bar'), loader);
    expect(miss).toBeInstanceOf(Promise);
    expect(await miss).toBe(42);
    expect(cache.lookupOrLoad(key('bar'), loader)).toBe(42);
    at(61n * S);
    expect(cache.lookupOrLoad(key('bar'), () => Promise.resolve(43))).toBe(42);
    await settle();
    expect(cache.lookupOrLoad(key('bar'), loader)).toBe(43);
    expect(loader).toHaveBeenCalledTimes(1);
    expect(cache.stats()).toMatchObject({ hits: 2, staleServed: 1, misses: 1, loads: 2 });
  });
});

describe('TieredCache key index', () => {
  it('keeps entries and loads in flight when the index starts over, and drops idle keys', async () => {
    const { cache } = setup({ maxEntries: 10 });
    cache.set(key('bar', 'KEPT'), 'kept');
    const upstream = deferred<string>();
    const loading = cache.getOrLoad(key('bar', 'LOADING'), () => upstream.promise);
    // More distinct keys than the index remembers (65,536) forces it to start over at least once.
    for (let n = 0; n < 70_000; n++) cache.has(key('quote', `S${n}`));
    upstream.resolve('loaded');
    expect(await loading).toBe('loaded');
    expect(cache.get(key('bar', 'LOADING'))).toBe('loaded');
    expect(cache.get(key('bar', 'KEPT'))).toBe('kept');
    expect(cache.stats().size).toBe(2);
    expect((cache as unknown as { slots: Map<string, unknown> }).slots.size).toBeLessThan(70_000);
  });

  it('does not let a load in flight at clear() store into the cleared cache', async () => {
    const { cache } = setup();
    const upstream = deferred<string>();
    const call = cache.getOrLoad(key('bar'), () => upstream.promise);
    cache.clear();
    upstream.resolve('old');
    expect(await call).toBe('old');
    expect(cache.stats().size).toBe(0);
    expect(await cache.getOrLoad(key('bar'), async () => 'new')).toBe('new');
  });
});
