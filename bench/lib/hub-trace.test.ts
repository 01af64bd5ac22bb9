import { describe, expect, it } from 'vitest';
import { TestClock } from '../../src/core/test-clock.ts';
import { NS_PER_MS, NS_PER_SECOND } from '../../src/domain/time.ts';
import { DEFAULT_TTL_NS } from '../../src/marketdata/cache/cache-policy.ts';
import { TieredCache } from '../../src/marketdata/cache/tiered-cache.ts';
import { forcedUpstreamCalls } from './hub-forced-calls.ts';
import { buildTrace, KEY_MIX, type Trace } from './hub-trace.ts';

const START_NS = 1_000n * NS_PER_SECOND;
const BATCH = 100;

/** The bench's concurrent run, small: loads land every BATCH requests. */
async function cacheLoads(trace: Trace, stepNs: bigint, ttlNs = DEFAULT_TTL_NS): Promise<number> {
  const clock = new TestClock(START_NS);
  const cache = new TieredCache(clock, { ttlNs });
  const pending: Promise<unknown>[] = [];
  let nowNs = START_NS;
  for (let i = 0; i < trace.requests.length; i++) {
    nowNs += stepNs;
    clock.advanceTo(nowNs);
    const answer = cache.lookupOrLoad(trace.keys[trace.requests[i]!]!, () => Promise.resolve(i));
    if (answer instanceof Promise) pending.push(answer);
    if ((i + 1) % BATCH === 0) {
      await Promise.all(pending);
      pending.length = 0;
    }
  }
  await Promise.all(pending);
  return cache.stats().loads;
}

describe('buildTrace one-zipf', () => {
  const trace = buildTrace(200_000, 2_000, 1.1, { seed: 7 });

  it('is the same for the same seed and differs for another', () => {
    expect(buildTrace(200_000, 2_000, 1.1, { seed: 7 }).requests).toEqual(trace.requests);
    expect(buildTrace(200_000, 2_000, 1.1, { seed: 8 }).requests).not.toEqual(trace.requests);
  });

  it('draws requests from one Zipf over all keys, whatever their type', () => {
    const harmonic = Array.from({ length: 2_000 }, (_, k) => 1 / (k + 1) ** 1.1).reduce((a, b) => a + b);
    const counts = new Uint32Array(2_000);
    for (const index of trace.requests) counts[index]!++;
    for (const rank of [0, 1, 9, 99]) {
      const expected = 200_000 / (rank + 1) ** 1.1 / harmonic;
      expect(Math.abs(counts[rank]! - expected)).toBeLessThan(5 * Math.sqrt(expected));
    }
  });

  it('gives each type about its share of the keys, named by popularity within the type', () => {
    for (const [dataType, share] of KEY_MIX) {
      const ofType = trace.keys.filter((key) => key.dataType === dataType);
      expect(Math.abs(ofType.length / 2_000 - share)).toBeLessThan(0.03);
      expect(ofType[0]!.symbol).toBe(dataType === 'economic' ? 'SERIES0' : 'SYM0');
      expect(ofType.at(-1)!.symbol).toMatch(new RegExp(`${ofType.length - 1}$`));
    }
  });
});

describe('forcedUpstreamCalls', () => {
  const trace = buildTrace(30_000, 1_000, 1.1, { seed: 3 });
  const forcedAt = (stepNs: bigint) =>
    forcedUpstreamCalls(trace, {
      startNs: START_NS,
      stepNs,
      batch: BATCH,
      count: trace.requests.length,
      ttlNs: DEFAULT_TTL_NS,
    });

  it.each([1_000, 10_000, 50_000])('equals what the cache makes at %i requests/s', async (ratePerS) => {
    const stepNs = NS_PER_SECOND / BigInt(ratePerS);
    const forced = forcedAt(stepNs);
    expect(forced).toBeGreaterThan(500);
    expect(await cacheLoads(trace, stepNs)).toBe(forced);
  });

  it('is beaten by nothing that keeps the TTLs: a cache with shorter TTLs makes more calls', async () => {
    const stepNs = NS_PER_SECOND / 10_000n;
    const forced = forcedAt(stepNs);
    const shorter = { ...DEFAULT_TTL_NS, tick: 500n * NS_PER_MS, quote: NS_PER_SECOND };
    expect(await cacheLoads(trace, stepNs, shorter)).toBeGreaterThan(forced);
  });
});
