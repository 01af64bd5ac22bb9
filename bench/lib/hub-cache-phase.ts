import { TestClock } from '../../src/core/test-clock.ts';
import { NS_PER_SECOND } from '../../src/domain/time.ts';
import { type CacheKey, cacheKeyId, type DataType } from '../../src/marketdata/cache/cache-key.ts';
import { TieredCache } from '../../src/marketdata/cache/tiered-cache.ts';
import { buildTrace, REQUEST_MIX, type Trace } from './hub-trace.ts';
import { progress } from './report.ts';

export interface CacheSizes {
  requests: number;
  keys: number;
  zipfS: number;
  /** Requests per simulated second: the TestClock moves 1/rate s before each request. */
  ratePerS: number;
  /** Timed runs per loop; the median is reported. */
  runs: number;
}

export interface CacheResult {
  requests: number;
  keys: number;
  distinctRequested: number;
  /** `await cache.getOrLoad(key, loader)` per request, key id computed from the CacheKey: the hub's path. */
  getOrLoadPerS: number;
  getOrLoadRuns: number[];
  /** `cache.get(key)` first, `await getOrLoad` only when it misses: the synchronous fast path. */
  syncGetPerS: number;
  /** `await getOrLoad` with the clock frozen after priming every key: hits only. */
  hitOnlyPerS: number;
  /** `cacheKeyId(key)` alone over the trace. */
  keyIdPerS: number;
  /** `map.get(id)` over pre-computed ids: the ceiling. */
  mapPerS: number;
  /** Clock advance and trace read alone (included in the cache loops, not in the Map loop). */
  harnessPerS: number;
  hitRate: number;
  upstreamCalls: number;
  stats: ReturnType<TieredCache['stats']>;
  hitRateByType: Record<DataType, number>;
  simulatedSeconds: number;
}

const START_NS = 1_700_000_000n * NS_PER_SECOND;

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
  mode: 'getOrLoad' | 'get-then-load',
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
  } else {
    for (let i = 0; i < count; i++) {
      now += stepNs;
      clock.advanceTo(now);
      current = requests[i]!;
      const key = keys[current]!;
      if (cache.get(key) === undefined) await cache.getOrLoad(key, loader);
    }
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
    `cache: building a Zipf(${size.zipfS}) trace of ${size.requests.toLocaleString('en-US')} requests over ${size.keys.toLocaleString('en-US')} keys`,
  );
  const trace = buildTrace(size.requests, size.keys, size.zipfS);
  const stepNs = NS_PER_SECOND / BigInt(size.ratePerS);
  const warmup = Math.min(size.requests, 200_000);

  progress('cache: warm-up');
  await cacheRun(trace, warmup, stepNs, 'getOrLoad');
  await cacheRun(trace, warmup, stepNs, 'get-then-load');

  const runs: Run[] = [];
  for (let run = 0; run < size.runs; run++) {
    progress(`cache: await getOrLoad per request, run ${run + 1} of ${size.runs}`);
    runs.push(await cacheRun(trace, size.requests, stepNs, 'getOrLoad'));
  }
  const syncRuns: number[] = [];
  for (let run = 0; run < size.runs; run++) {
    progress(`cache: get() fast path, getOrLoad on a miss, run ${run + 1} of ${size.runs}`);
    syncRuns.push((await cacheRun(trace, size.requests, stepNs, 'get-then-load')).perS);
  }

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

  const getOrLoadRuns = runs.map((r) => r.perS);
  const { cache, loadsByKey } = runs[0]!;
  const stats = cache.stats();
  const upstreamCalls = loadsByKey.reduce((sum, n) => sum + n, 0);
  if (upstreamCalls !== stats.loads) throw new Error(`loader calls ${upstreamCalls} != loads ${stats.loads}`);

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
  for (const [type] of REQUEST_MIX) {
    const n = requestsByType.get(type) ?? 0;
    hitRateByType[type] = n === 0 ? 0 : 1 - (loadsByType.get(type) ?? 0) / n;
  }

  return {
    requests: size.requests,
    keys: trace.keys.length,
    distinctRequested: trace.distinctRequested,
    getOrLoadPerS: median(getOrLoadRuns),
    getOrLoadRuns,
    syncGetPerS: median(syncRuns),
    hitOnlyPerS: median(hitOnlyRuns),
    keyIdPerS: median(keyIdRuns),
    mapPerS: median(mapRuns),
    harnessPerS: median(harnessRuns),
    hitRate: cache.hitRate(),
    upstreamCalls,
    stats,
    hitRateByType,
    simulatedSeconds: size.requests / size.ratePerS,
  };
}
