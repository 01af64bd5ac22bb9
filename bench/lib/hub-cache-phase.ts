import { TestClock } from '../../src/core/test-clock.ts';
import { NS_PER_SECOND } from '../../src/domain/time.ts';
import { type CacheKey, cacheKeyId, type DataType } from '../../src/marketdata/cache/cache-key.ts';
import { DEFAULT_TTL_NS } from '../../src/marketdata/cache/cache-policy.ts';
import { TieredCache } from '../../src/marketdata/cache/tiered-cache.ts';
import { forcedUpstreamCalls } from './hub-forced-calls.ts';
import { buildTrace, KEY_MIX, type Trace } from './hub-trace.ts';
import { progress } from './report.ts';

export interface CacheSizes {
  requests: number;
  keys: number;
  zipfS: number;
  /** Requests per simulated second: the TestClock moves 1/rate s before each request. */
  ratePerS: number;
  /** Other request rates whose hit rate is reported too (the hit rate depends on the rate). */
  sweepRatesPerS: number[];
  /** The trace's seed: it draws each key's data type and the requests. */
  seed: number;
  /** Other trace seeds whose hit rate is reported too (the seed draws key types and requests). */
  otherSeeds: number[];
  /** Timed runs per loop; the median is reported. */
  runs: number;
}

export interface CacheResult {
  requests: number;
  keys: number;
  distinctRequested: number;
  /** `get`, and `set` on a miss: the same loop as the Map baseline, with TTLs, LRU and the key index. */
  lookupsPerS: number;
  lookupRuns: number[];
  /** `lookupOrLoad`: hits answered synchronously, misses start or join a load without blocking the next request. */
  concurrentPerS: number;
  concurrentRuns: number[];
  /** `await cache.getOrLoad(key, loader)` per request, one after the other. */
  serialAwaitPerS: number;
  /** `await getOrLoad` with the clock frozen after priming every key: hits only. */
  hitOnlyPerS: number;
  /** `cacheKeyId(key)` alone over the trace. */
  keyIdPerS: number;
  /** `map.get(id)` over pre-computed ids: the ceiling. */
  mapPerS: number;
  /** Clock advance and trace read alone (included in the cache loops, not in the Map loop). */
  harnessPerS: number;
  /** Requests answered without an upstream call: 1 - upstreamCalls / requests. */
  hitRate: number;
  /** TieredCache.hitRate(): reads served fresh or stale (a request joining a load in flight is a miss). */
  cacheHitRate: number;
  hitRateByRate: Record<string, number>;
  hitRateBySeed: Record<string, number>;
  /** The same requests drawn the bench's first way: a separate Zipf per data type. */
  zipfPerTypeHitRate: number;
  /** Each data type's share of the trace's requests. */
  requestShareByType: Record<DataType, number>;
  upstreamCalls: number;
  /** What the TTL rules force on the trace (a reference model): the fewest calls any TTL-keeping cache makes. */
  forcedUpstreamCalls: number;
  stats: ReturnType<TieredCache['stats']>;
  hitRateByType: Record<DataType, number>;
  simulatedSeconds: number;
}

const START_NS = 1_700_000_000n * NS_PER_SECOND;
const CONCURRENT_BATCH = 1_000;

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

interface Run {
  perS: number;
  cache: TieredCache;
  loadsByKey: Uint32Array;
}

/** One pass of the trace through a fresh cache on a fresh TestClock. */
async function cacheRun(
  trace: Trace,
  count: number,
  stepNs: bigint,
  mode: 'getOrLoad' | 'get-then-set' | 'concurrent',
): Promise<Run> {
  const { keys, requests } = trace;
  const clock = new TestClock(START_NS);
  const cache = new TieredCache(clock);
  const loadsByKey = new Uint32Array(keys.length);
  let current = 0;
  const value = { price: 100 };
  // Resolves at once, like an upstream answering instantly; counts upstream calls per key.
  const loader = () => {
    loadsByKey[current]!++;
    return Promise.resolve(value);
  };
  let now = START_NS;
  const started = process.hrtime.bigint();
  if (mode === 'getOrLoad') {
    for (let i = 0; i < count; i++) {
      now += stepNs;
      clock.advanceTo(now);
      current = requests[i]!;
      await cache.getOrLoad(keys[current]!, loader);
    }
  } else if (mode === 'get-then-set') {
    // The Map baseline's loop: look up, and store on a miss (counted as an upstream call).
    for (let i = 0; i < count; i++) {
      now += stepNs;
      clock.advanceTo(now);
      current = requests[i]!;
      const key = keys[current]!;
      if (cache.get(key) === undefined) {
        loadsByKey[current]!++;
        cache.set(key, value);
      }
    }
  } else {
    // As the hub serves many requesters: a hit answers at once, a miss starts (or joins) a load and
    // the next request does not wait for it. Loads settle every CONCURRENT_BATCH requests, so an
    // upstream call stays in flight for up to that many requests (100 ms of trace at 10k req/s).
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < count; i++) {
      now += stepNs;
      clock.advanceTo(now);
      current = requests[i]!;
      const key = keys[current]!;
      const answer = cache.lookupOrLoad(key, loader);
      if (answer instanceof Promise) pending.push(answer);
      if (pending.length >= CONCURRENT_BATCH || (i + 1) % CONCURRENT_BATCH === 0) {
        await Promise.all(pending);
        pending.length = 0;
      }
    }
    await Promise.all(pending);
  }
  return { perS: count / seconds(started), cache, loadsByKey };
}

/** Every key loaded once, then the trace with the clock frozen: every request is a fresh hit. */
async function hitOnlyRun(trace: Trace): Promise<number> {
  const cache = new TieredCache(new TestClock(START_NS));
  const loader = () => Promise.resolve(1);
  for (const key of trace.keys) await cache.getOrLoad(key, loader);
  const { keys, requests } = trace;
  const started = process.hrtime.bigint();
  for (let i = 0; i < requests.length; i++) await cache.getOrLoad(keys[requests[i]!]!, loader);
  const perS = requests.length / seconds(started);
  if (cache.stats().loads !== keys.length) throw new Error('a hit-only run loaded');
  return perS;
}

function keyIdRun(keys: CacheKey[], requests: Uint32Array): number {
  let length = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < requests.length; i++) length += cacheKeyId(keys[requests[i]!]!).length;
  const perS = requests.length / seconds(started);
  if (length === 0) throw new Error('unreachable');
  return perS;
}

function mapRun(ids: string[]): number {
  const map = new Map<string, object>();
  const value = { price: 100 };
  let misses = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (map.get(id) === undefined) {
      misses++;
      map.set(id, value);
    }
  }
  const perS = ids.length / seconds(started);
  if (misses > ids.length) throw new Error('unreachable');
  return perS;
}

function harnessRun(trace: Trace, stepNs: bigint): number {
  const clock = new TestClock(START_NS);
  let now = START_NS;
  let sum = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < trace.requests.length; i++) {
    now += stepNs;
    clock.advanceTo(now);
    sum += trace.keys[trace.requests[i]!]!.symbol.length;
  }
  const perS = trace.requests.length / seconds(started);
  if (sum === 0) throw new Error('unreachable');
  return perS;
}

export async function runCachePhase(size: CacheSizes): Promise<CacheResult> {
  progress(
    `cache: building a trace of ${size.requests.toLocaleString('en-US')} requests over ${size.keys.toLocaleString('en-US')} keys, one Zipf(${size.zipfS}) over all of them`,
  );
  const trace = buildTrace(size.requests, size.keys, size.zipfS, { seed: size.seed });
  const stepNs = NS_PER_SECOND / BigInt(size.ratePerS);
  const warmup = Math.min(size.requests, 200_000);

  progress('cache: warm-up');
  await cacheRun(trace, warmup, stepNs, 'getOrLoad');
  await cacheRun(trace, warmup, stepNs, 'concurrent');
  await cacheRun(trace, warmup, stepNs, 'get-then-set');

  const lookupRuns: number[] = [];
  for (let run = 0; run < size.runs; run++) {
    progress(`cache: get, set on a miss, run ${run + 1} of ${size.runs}`);
    lookupRuns.push((await cacheRun(trace, size.requests, stepNs, 'get-then-set')).perS);
  }
  const runs: Run[] = [];
  for (let run = 0; run < size.runs; run++) {
    progress(
      `cache: lookupOrLoad at ${size.ratePerS.toLocaleString('en-US')} req/s, run ${run + 1} of ${size.runs}`,
    );
    runs.push(await cacheRun(trace, size.requests, stepNs, 'concurrent'));
  }
  const serialRuns: number[] = [];
  for (let run = 0; run < size.runs; run++) {
    progress(`cache: await getOrLoad per request, run ${run + 1} of ${size.runs}`);
    serialRuns.push((await cacheRun(trace, size.requests, stepNs, 'getOrLoad')).perS);
  }
  const hitRateOf = async (of: Trace, ratePerS: number) => {
    const { cache } = await cacheRun(of, size.requests, NS_PER_SECOND / BigInt(ratePerS), 'concurrent');
    return 1 - cache.stats().loads / size.requests;
  };
  const hitRateByRate: Record<string, number> = {};
  for (const ratePerS of size.sweepRatesPerS) {
    progress(`cache: hit rate at ${ratePerS.toLocaleString('en-US')} req/s`);
    hitRateByRate[ratePerS] = await hitRateOf(trace, ratePerS);
  }
  const hitRateBySeed: Record<string, number> = {};
  for (const seed of size.otherSeeds) {
    progress(`cache: hit rate on the trace drawn with seed ${seed}`);
    hitRateBySeed[seed] = await hitRateOf(
      buildTrace(size.requests, size.keys, size.zipfS, { seed }),
      size.ratePerS,
    );
  }
  progress('cache: hit rate on the same requests drawn with a separate Zipf per data type');
  const zipfPerType = buildTrace(size.requests, size.keys, size.zipfS, {
    layout: 'zipf-per-type',
    seed: size.seed,
  });
  const zipfPerTypeHitRate = await hitRateOf(zipfPerType, size.ratePerS);

  progress(
    'cache: hit path alone and baselines (cacheKeyId alone, plain Map over pre-computed ids, harness alone)',
  );
  const ids = trace.keys.map(cacheKeyId);
  const traceIds = Array.from(trace.requests, (index) => ids[index]!);
  const keyIdRuns: number[] = [];
  const mapRuns: number[] = [];
  const harnessRuns: number[] = [];
  const hitOnlyRuns: number[] = [];
  for (let run = 0; run < size.runs; run++) {
    hitOnlyRuns.push(await hitOnlyRun(trace));
    keyIdRuns.push(keyIdRun(trace.keys, trace.requests));
    mapRuns.push(mapRun(traceIds));
    harnessRuns.push(harnessRun(trace, stepNs));
  }

  const concurrentRuns = runs.map((r) => r.perS);
  const { cache, loadsByKey } = runs[0]!;
  const stats = cache.stats();
  const upstreamCalls = loadsByKey.reduce((sum, n) => sum + n, 0);
  if (upstreamCalls !== stats.loads) throw new Error(`loader calls ${upstreamCalls} != loads ${stats.loads}`);
  const forced = forcedUpstreamCalls(trace, {
    startNs: START_NS,
    stepNs,
    batch: CONCURRENT_BATCH,
    count: size.requests,
    ttlNs: DEFAULT_TTL_NS,
  });

  // Per type: 1 - loads / requests (every request either hit, was served stale, or caused a load).
  const requestsByType = new Map<DataType, number>();
  const loadsByType = new Map<DataType, number>();
  for (const index of trace.requests) {
    const type = trace.keys[index]!.dataType;
    requestsByType.set(type, (requestsByType.get(type) ?? 0) + 1);
  }
  trace.keys.forEach((key, index) => {
    loadsByType.set(key.dataType, (loadsByType.get(key.dataType) ?? 0) + loadsByKey[index]!);
  });
  const hitRateByType = {} as Record<DataType, number>;
  const requestShareByType = {} as Record<DataType, number>;
  for (const [type] of KEY_MIX) {
    const n = requestsByType.get(type) ?? 0;
    hitRateByType[type] = n === 0 ? 0 : 1 - (loadsByType.get(type) ?? 0) / n;
    requestShareByType[type] = n / size.requests;
  }

  return {
    requests: size.requests,
    keys: trace.keys.length,
    distinctRequested: trace.distinctRequested,
    lookupsPerS: median(lookupRuns),
    lookupRuns,
    concurrentPerS: median(concurrentRuns),
    concurrentRuns,
    serialAwaitPerS: median(serialRuns),
    hitOnlyPerS: median(hitOnlyRuns),
    keyIdPerS: median(keyIdRuns),
    mapPerS: median(mapRuns),
    harnessPerS: median(harnessRuns),
    hitRate: 1 - upstreamCalls / size.requests,
    cacheHitRate: cache.hitRate(),
    hitRateByRate: { ...hitRateByRate, [size.ratePerS]: 1 - upstreamCalls / size.requests },
    hitRateBySeed: { [size.seed]: 1 - upstreamCalls / size.requests, ...hitRateBySeed },
    zipfPerTypeHitRate,
    requestShareByType,
    upstreamCalls,
    forcedUpstreamCalls: forced,
    stats,
    hitRateByType,
    simulatedSeconds: size.requests / size.ratePerS,
  };
}
