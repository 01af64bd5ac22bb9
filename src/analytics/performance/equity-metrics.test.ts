import { describe, expect, it } from 'vitest';
import { dailyEquity, runMetrics } from './equity-metrics.ts';

const DAY = 86_400_000_000_000n;

describe('equity metrics', () => {
  it('keeps the last equity of each UTC day', () => {
    const curve = [
      { tsNs: DAY + 1n, equity: 101 },
      { tsNs: 2n * DAY - 1n, equity: 102 },
      { tsNs: 2n * DAY, equity: 99 },
      { tsNs: 3n * DAY + 5n, equity: 103 },
    ];
    expect(dailyEquity(curve).map((p) => p.equity)).toEqual([102, 99, 103]);
  });

  it('computes returns from the starting equity and the daily closes', () => {
    const { metrics, trades } = runMetrics(
      100,
      [
        { tsNs: DAY, equity: 110 },
        { tsNs: 2n * DAY, equity: 99 },
      ],
      [{ entryNs: 0n, exitNs: DAY, pnl: 10 }],
    );
    expect(metrics.finalEquity).toBe(99);
    expect(metrics.totalReturn).toBeCloseTo(-0.01, 12);
    expect(metrics.maxDrawdown).toBeCloseTo(99 / 110 - 1, 12);
    expect(metrics.tradingDays).toBe(2);
    expect(trades.count).toBe(1);
    const empty = runMetrics(100, [], []);
    expect(empty.metrics.finalEquity).toBe(100);
    expect(Number.isNaN(empty.metrics.sharpe)).toBe(true);
  });
});
