import { describe, expect, it } from 'vitest';
import { averageDailyVolume, WarmupBucketSize } from './bucket-size.ts';
import { CrossSymbolVpin } from './cross-symbol.ts';
import { RollingCdf } from './rolling-cdf.ts';
import { ToxicityAlerter } from './toxicity.ts';
import { evaluateToxicityGate } from './toxicity-gate.ts';

describe('RollingCdf', () => {
  it('ranks each value among the last w values (x counted once, ties ranked low)', () => {
    const cdf = new RollingCdf(3);
    // {5} -> 1; {5,3} -> 3 is lowest: 1/2; {5,3,4} -> 2/3; {3,4,1} -> 1/3; {4,1,4}: one below 4 -> 2/3
    expect([5, 3, 4, 1, 4].map((x) => cdf.push(x))).toEqual([1, 1 / 2, 2 / 3, 1 / 3, 2 / 3]);
    expect(cdf.size).toBe(3);
  });
});

describe('ToxicityAlerter', () => {
  it('alerts when the level rises and re-arms when it falls', () => {
    const alerter = new ToxicityAlerter({ warning: 0.9, critical: 0.99 });
    const levels = [0.5, 0.92, 0.95, 0.995, 0.999, 0.8, 0.991].map((c) => alerter.update(c));
    expect(levels).toEqual([undefined, 'warning', undefined, 'critical', undefined, undefined, 'critical']);
    expect(() => new ToxicityAlerter({ warning: 0.99, critical: 0.9 })).toThrow(/thresholds/);
  });
});

describe('bucket size', () => {
  const DAY = 86_400_000_000_000n;
  it('is total volume over the days that have data', () => {
    // 10 + 20 on day 0, 30 on day 2 (day 1 has no data): 60 / 2 days
    expect(averageDailyVolume([DAY / 2n, DAY - 1n, 2n * DAY + 5n], [10, 20, 30])).toBe(30);
  });

  it('estimates V from the warm-up volume rate', () => {
    const S = 1_000_000_000n;
    const warmup = new WarmupBucketSize(60n * S, 30n * S);
    expect(warmup.observe(50, 0n, 30n * S)).toBeUndefined();
    // 150 over 60 s = 2.5/s -> 75 per 30 s bucket
    expect(warmup.observe(100, 30n * S, 60n * S)).toBe(75);
  });
});

describe('CrossSymbolVpin', () => {
  it('weights each symbol by its window notional', () => {
    const cross = new CrossSymbolVpin();
    expect(cross.update('A', 0.2, 100).vpin).toBe(0.2);
    // (0.2·100 + 0.5·300) / 400 = 170 / 400
    expect(cross.update('B', 0.5, 300, false)).toEqual({
      vpin: 0.425,
      symbols: 2,
      totalWeight: 400,
      full: false,
    });
  });
});

describe('evaluateToxicityGate', () => {
  it('counts hits, false alarms, misses and correct rejections against k·σ·√H moves', () => {
    const closes = [100, 101, 100, 101, 100, 101, 110, 110, 110, 110];
    // At bar 5 the 5 trailing returns are ±a (a = ln 1.01): s² = (5a² - a²/5) / 4 = 1.2a², so the
    // limit is 3·a·√1.2 ≈ 0.0327 and the next move ln(110/101) ≈ 0.085 is large. At bar 7 the
    // window holds that jump and the next move is 0: no event. Bar 9 has no bar ahead, bar 1 no σ.
    const report = evaluateToxicityGate(
      closes,
      [
        { bar: 5, cdf: 0.95 },
        { bar: 7, cdf: 0.95 },
        { bar: 5, cdf: 0.5 },
        { bar: 7, cdf: 0.2 },
        { bar: 9, cdf: 0.99 },
        { bar: 1, cdf: 0.99 },
      ],
      { threshold: 0.9, horizon: 1, k: 3, sigmaWindow: 5 },
    );
    expect(report).toMatchObject({
      decisions: 4,
      skipped: 2,
      hits: 1,
      falseAlarms: 1,
      misses: 1,
      correctRejections: 1,
      hitRate: 0.5,
      falseAlarmRate: 0.5,
      precision: 0.5,
      baseRate: 0.5,
    });
  });
});
