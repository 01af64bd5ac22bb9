import type { CacheKey, DataType, ParamValue } from '../../src/marketdata/cache/cache-key.ts';

/**
 * Share of the keys per data type (sums to 1). In the `zipf-per-type` layout it is also each type's
 * share of the requests; in `one-zipf` a type's share of requests follows from where its keys rank.
 */
export const KEY_MIX: ReadonlyArray<readonly [DataType, number]> = [
  ['quote', 0.3],
  ['tick', 0.15],
  ['level2', 0.1],
  ['bar', 0.25],
  ['economic', 0.1],
  ['fundamentals', 0.05],
  ['news', 0.05],
];

const SOURCES = ['ibkr', 'alpha-vantage', 'yahoo', 'fred', 'sec-edgar', 'trading-economics'] as const;

/** Deterministic PRNG (mulberry32): the same seed gives the same trace in every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Cumulative Zipf(s) weights over ranks 1..n, normalised to end at 1. */
function zipfCdf(n: number, s: number): Float64Array {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += 1 / (k + 1) ** s;
    cdf[k] = sum;
  }
  for (let k = 0; k < n; k++) cdf[k]! /= sum;
  return cdf;
}

function sample(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What the hub puts in a key's params for each data type (it always adds the operation name). */
function paramsFor(dataType: DataType, symbolIndex: number): Record<string, ParamValue> {
  switch (dataType) {
    case 'quote':
      return { operation: 'quote' };
    case 'tick':
      return { operation: 'ticks', limit: 100 };
    case 'level2':
      return { operation: 'depth', levels: 10 };
    case 'bar':
      return {
        operation: 'bars',
        interval: ['1m', '5m', '1h', '1d'][symbolIndex % 4]!,
        limit: 500,
        adjusted: true,
      };
    case 'news':
      return { operation: 'news', limit: 20 };
    case 'fundamentals':
      return { operation: 'fundamentals', form: '10-Q' };
    case 'economic':
      return { operation: 'series', frequency: 'm', units: 'lin' };
  }
}

export interface Trace {
  /** The distinct keys; `requests` holds indexes into it. */
  keys: CacheKey[];
  requests: Uint32Array;
  /** Distinct keys actually requested. */
  distinctRequested: number;
}

/**
 * - `one-zipf`, the trace: one Zipf(s) over all the keys, each key's data type drawn with
 *   KEY_MIX's shares, so a quote and a bar compete in one popularity ranking.
 * - `zipf-per-type`, the bench's first trace: the data type drawn first, with KEY_MIX as request
 *   shares, then a Zipf(s) rank within that type's own keys (seven separate distributions).
 */
export type TraceLayout = 'one-zipf' | 'zipf-per-type';

export interface TraceOptions {
  layout?: TraceLayout;
  seed?: number;
}

/** The n-th most popular key of a data type is symbol n (SERIESn for economic series). */
function keyOf(dataType: DataType, n: number, sourceOffset: number): CacheKey {
  return {
    source: SOURCES[(n + sourceOffset) % SOURCES.length]!,
    dataType,
    symbol: dataType === 'economic' ? `SERIES${n}` : `SYM${n}`,
    params: paramsFor(dataType, n),
  };
}

/** Draws a data type with KEY_MIX's shares. */
function drawType(u: number): DataType {
  for (const [dataType, share] of KEY_MIX) {
    if (u < share) return dataType;
    u -= share;
  }
  return KEY_MIX[KEY_MIX.length - 1]![0];
}

/** `requestCount` requests over `keyCount` keys, Zipf(s) distributed as `layout` says. */
export function buildTrace(
  requestCount: number,
  keyCount: number,
  s: number,
  { layout = 'one-zipf', seed = 42 }: TraceOptions = {},
): Trace {
  const random = prng(seed);
  const keys: CacheKey[] = [];
  const requests = new Uint32Array(requestCount);
  if (layout === 'one-zipf') {
    const perType = new Map<DataType, number>();
    for (let rank = 0; rank < keyCount; rank++) {
      const dataType = drawType(random());
      const n = perType.get(dataType) ?? 0;
      perType.set(dataType, n + 1);
      keys.push(keyOf(dataType, n, 0));
    }
    const cdf = zipfCdf(keyCount, s);
    for (let r = 0; r < requestCount; r++) requests[r] = sample(cdf, random());
  } else {
    const pools: Array<{ firstKey: number; cdf: Float64Array; share: number }> = [];
    for (const [dataType, share] of KEY_MIX) {
      const size = Math.round(keyCount * share);
      pools.push({ firstKey: keys.length, cdf: zipfCdf(size, s), share });
      const offset = keys.length;
      for (let n = 0; n < size; n++) keys.push(keyOf(dataType, n, offset + n));
    }
    for (let r = 0; r < requestCount; r++) {
      let u = random();
      let pool = pools[pools.length - 1]!;
      for (const candidate of pools) {
        if (u < candidate.share) {
          pool = candidate;
          break;
        }
        u -= candidate.share;
      }
      requests[r] = pool.firstKey + sample(pool.cdf, random());
    }
  }
  const seen = new Uint8Array(keys.length);
  let distinctRequested = 0;
  for (const index of requests) {
    if (seen[index] === 0) {
      seen[index] = 1;
      distinctRequested++;
    }
  }
  return { keys, requests, distinctRequested };
}
