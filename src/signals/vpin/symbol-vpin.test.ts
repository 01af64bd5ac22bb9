import { describe, expect, it } from 'vitest';
import { SymbolVpin } from './symbol-vpin.ts';

const S = 1_000_000_000n;

describe('SymbolVpin', () => {
  it('fixes V after the warm-up and replays the warm-up volume into the buckets', () => {
    // Warm-up 10 s, buckets of 5 s of volume: 2 per second over 10 s -> V = 10.
    const vpin = new SymbolVpin('X', {
      classification: 'aggressor',
      window: 2,
      warmupNs: 10n * S,
      bucketNs: 5n * S,
    });
    const readings = [];
    for (let s = 0; s <= 10; s++)
      readings.push(
        ...vpin.onTrade({
          price: 100,
          size: 2,
          aggressor: s % 3 === 0 ? 'sell' : 'buy',
          tsNs: BigInt(s) * S,
        }),
      );
    // Sides s b b s b b s b b s b, 2 units each: 22 units over 10 s -> 2.2/s -> V = 11.
    expect(vpin.bucketVolume).toBe(11);
    // Bucket 1 = trades 0-4 (buy 6, sell 4) + 1 unit of trade 5 (buy): buy 7, sell 4 -> |7 - 4| = 3.
    // Bucket 2 = the other unit of trade 5 + trades 6-9 (buy 4, sell 4) + 2 of trade 10: buy 7.
    expect(readings.map((r) => [r.index, r.endNs, r.buyVolume, r.imbalance])).toEqual([
      [1, 5n * S, 7, 3],
      [2, 10n * S, 7, 3],
    ]);
    expect(readings[1]).toMatchObject({ vpin: (3 + 3) / 22, full: true, cdf: null, alert: null });
    expect(readings[1]!.windowNotional).toBe(2200);
  });

  it('ranks full-window VPIN against its history and raises a critical alert at the top', () => {
    const vpin = new SymbolVpin('X', {
      classification: 'aggressor',
      window: 1,
      bucketVolume: 10,
      cdfMinHistory: 3,
      cdfWindow: 10,
    });
    const bucket = (buy: number, t: bigint) => [
      ...vpin.onTrade({ price: 1, size: buy, aggressor: 'buy', tsNs: t }),
      ...vpin.onTrade({ price: 1, size: 10 - buy, aggressor: 'sell', tsNs: t }),
    ];
    // VPIN (window 1) = |2·buy - 10| / 10: 0, 0, 0.2, then 1 (all buys).
    const seen = [bucket(5, 1n), bucket(5, 2n), bucket(6, 3n), bucket(10, 4n)].flat();
    expect(seen.map((r) => [r.vpin, r.cdf, r.alert])).toEqual([
      [0, null, null],
      [0, null, null],
      [0.2, 1, 'critical'], // history {0, 0, 0.2}: 0.2 is the top -> CDF 3/3
      [1, 1, null], // still critical: no second alert
    ]);
  });

  it('runs the time clock on bars, one interval per bar', () => {
    const vpin = new SymbolVpin('X', { classification: 'tick', clock: 'time', window: 2 });
    const bar = (close: number, volume: number, end: bigint) =>
      vpin.onBar({ open: close, close, volume, startNs: end - 1n, endNs: end });
    bar(10, 4, 1n); // first bar: share 1/2 -> imbalance 0
    const [second] = bar(11, 6, 2n); // uptick: all 6 buys -> (0 + 6) / 10
    expect(second).toMatchObject({ index: 2, vpin: 0.6, full: true });
  });
});
