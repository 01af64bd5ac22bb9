import { describe, expect, it } from 'vitest';
import { TimeClockVpin } from './time-clock.ts';
import { TimeClock } from './time-clock-feed.ts';
import { VolumeClockVpin, type VpinBucket } from './volume-clock.ts';

const pick = (b: VpinBucket) => [b.index, b.endNs, b.buyVolume, b.imbalance, b.vpin, b.full];

describe('VolumeClockVpin', () => {
  it('fills buckets of V, splits a crossing bar pro rata and averages |B - S| over n buckets', () => {
    const buckets: VpinBucket[] = [];
    const vpin = new VolumeClockVpin(10, 2, (b) => buckets.push(b));
    vpin.add(6, 1, 1n); // bucket 1: 6 buy
    vpin.add(8, 0.25, 2n); // 4 of 8 close bucket 1: buy 6 + 1 = 7, sell 3; 4 (1 buy) carry over
    vpin.add(26, 0.5, 3n); // 6 close bucket 2 (buy 1 + 3 = 4); then 10 and exactly 10 more
    vpin.add(0, 0.9, 4n);
    expect(buckets.map(pick)).toEqual([
      [1, 2n, 7, 4, 4 / 10, false], // |7 - 3| = 4; VPIN over 1 bucket = 4 / (1 * 10)
      [2, 3n, 4, 2, 6 / 20, true], // |4 - 6| = 2; (4 + 2) / (2 * 10)
      [3, 3n, 5, 0, 2 / 20, true], // (2 + 0) / 20
      [4, 3n, 5, 0, 0, true], // a bar ending exactly on a boundary completes that bucket
    ]);
    expect(vpin.pendingVolume).toBe(0);
    expect(() => vpin.add(-1, 0.5, 5n)).toThrow(/volume/);
    expect(() => new VolumeClockVpin(0, 2, () => {})).toThrow(/bucket volume/);
  });
});

describe('time clock', () => {
  it('averages |B - S| / V over the last n intervals, skipping empty ones', () => {
    const out: VpinBucket[] = [];
    const clock = new TimeClockVpin(2, (b) => out.push(b));
    const interval = (volume: number, share: number, end: bigint) => {
      clock.add(volume, share);
      clock.close(end);
    };
    interval(10, 0.8, 1n); // |8 - 2| = 6 -> 6 / 10
    interval(30, 0.5, 2n); // 0 -> (6 + 0) / 40
    interval(0, 0.5, 3n); // empty: skipped
    interval(10, 0, 4n); // 10 -> window {30, 10}: (0 + 10) / 40
    expect(out.map(pick)).toEqual([
      [1, 1n, 8, 6, 0.6, false],
      [2, 2n, 15, 0, 0.15, true],
      [3, 4n, 0, 10, 0.25, true],
    ]);
  });

  it('cuts trades into epoch-aligned intervals closed by the first later trade', () => {
    const out: VpinBucket[] = [];
    const clock = new TimeClock(5, 10n, (b) => out.push(b));
    clock.addTrade(1, 1, 3n);
    clock.addTrade(1, 0, 7n);
    clock.addTrade(2, 1, 12n); // closes [0, 10): buy 1, sell 1
    clock.addTrade(1, 1, 25n); // closes [10, 20): buy 2
    expect(out.map(pick)).toEqual([
      [1, 10n, 1, 0, 0, false],
      [2, 20n, 2, 2, 2 / 4, false],
    ]);
  });
});
