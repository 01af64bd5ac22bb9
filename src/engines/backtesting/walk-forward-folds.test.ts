import { describe, expect, it } from 'vitest';
import type { RunSummary } from './backtest-spec.ts';
import { foldWindows, stitchOutOfSample } from './walk-forward-folds.ts';

describe('walk-forward folds', () => {
  it('splits the range into folds + 1 equal consecutive segments, in-sample before out-of-sample', () => {
    expect(foldWindows(100n, 399n, 2)).toEqual([
      { fold: 1, inSample: { fromNs: 100n, toNs: 200n }, outOfSample: { fromNs: 200n, toNs: 300n } },
      { fold: 2, inSample: { fromNs: 200n, toNs: 300n }, outOfSample: { fromNs: 300n, toNs: 400n } },
    ]);
    // Uneven spans: the segments still tile [start, end] with no gap and no overlap.
    const folds = foldWindows(0n, 9n, 3);
    expect(folds[0]!.inSample.fromNs).toBe(0n);
    expect(folds.at(-1)!.outOfSample.toNs).toBe(10n);
    for (const [i, fold] of folds.entries()) {
      expect(fold.inSample.toNs).toBe(fold.outOfSample.fromNs);
      if (i > 0) expect(fold.inSample).toEqual(folds[i - 1]!.outOfSample);
    }
  });

  it('refuses bad fold counts and too short a range', () => {
    expect(() => foldWindows(0n, 100n, 0)).toThrow(/folds must be an integer 1\.\.100, got 0/);
    expect(() => foldWindows(0n, 100n, 1.5)).toThrow(/folds must be an integer/);
    expect(() => foldWindows(0n, 1n, 4)).toThrow(/spans too little time for 4 folds/);
  });

  it('stitches out-of-sample runs by carrying PnL from fold to fold', () => {
    const day = 86_400_000_000_000n;
    const run = (dayIndex: number, equities: number[], trades: number, wins: number) =>
      ({
        records: 10,
        orders: { submitted: 2 * trades, rejected: 0, fills: 2 * trades },
        trades: { count: trades, wins, losses: trades - wins },
        finalEquity: equities.at(-1)!,
        dailyEquity: equities.map((equity, i) => ({ tsNs: String(BigInt(dayIndex + i) * day), equity })),
      }) as unknown as RunSummary;
    const stitched = stitchOutOfSample(100, [run(0, [101, 102], 2, 1), run(2, [99, 104], 3, 3)]);
    expect(stitched.metrics.finalEquity).toBe(106);
    expect(stitched.metrics.totalReturn).toBeCloseTo(0.06, 12);
    expect(stitched.metrics.tradingDays).toBe(4);
    expect(stitched.trades).toEqual({ count: 5, wins: 4, losses: 1, winRate: 0.8 });
    expect(stitched.orders.fills).toBe(10);
    expect(stitched.records).toBe(20);
  });
});
