import { describe, expect, it } from 'vitest';
import { type RoundTrip, tradeStats } from './trade-stats.ts';

const s = 1_000_000_000n;
const t = (pnl: number, holdSeconds: bigint): RoundTrip => ({
  entryNs: 1_700_000_000n * s,
  exitNs: 1_700_000_000n * s + holdSeconds * s,
  pnl,
});

describe('tradeStats', () => {
  it('computes every statistic by hand', () => {
    // pnl: +100, +50, -30, 0, -20, -10, +40   holds: 10, 20, 30, 40, 50, 60, 70 s
    const trades = [t(100, 10n), t(50, 20n), t(-30, 30n), t(0, 40n), t(-20, 50n), t(-10, 60n), t(40, 70n)];
    const st = tradeStats(trades);
    expect(st.count).toBe(7);
    expect(st.wins).toBe(3);
    expect(st.losses).toBe(3);
    expect(st.breakeven).toBe(1);
    expect(st.winRate).toBe(3 / 7);
    expect(st.grossProfit).toBe(190);
    expect(st.grossLoss).toBe(-60);
    expect(st.profitFactor).toBe(190 / 60);
    expect(st.expectancy).toBe(130 / 7);
    expect(st.averageWin).toBe(190 / 3);
    expect(st.averageLoss).toBe(-20);
    expect(st.largestWin).toBe(100);
    expect(st.largestLoss).toBe(-30);
    expect(st.averageHoldingSeconds).toBe(40);
    expect(st.maxConsecutiveWins).toBe(2);
    expect(st.maxConsecutiveLosses).toBe(2); // the breakeven trade splits -30 | -20, -10
  });

  it('profit factor is Infinity with no losses and NaN with no trades', () => {
    expect(tradeStats([t(5, 1n), t(7, 1n)]).profitFactor).toBe(Number.POSITIVE_INFINITY);
    expect(tradeStats([t(5, 1n), t(7, 1n)]).maxConsecutiveWins).toBe(2);
    const empty = tradeStats([]);
    expect(empty.count).toBe(0);
    expect(empty.profitFactor).toBeNaN();
    expect(empty.winRate).toBeNaN();
    expect(empty.averageHoldingSeconds).toBeNaN();
  });

  it('keeps sub-second holding times', () => {
    const st = tradeStats([{ entryNs: 0n, exitNs: 1_500_000n, pnl: -1 }]);
    expect(st.averageHoldingSeconds).toBe(0.0015);
    expect(st.profitFactor).toBe(0);
    expect(st.largestWin).toBeNaN();
  });

  it('rejects non-finite pnl and exits before entries', () => {
    expect(() => tradeStats([t(Number.NaN, 1n)])).toThrow(/trades\[0\]\.pnl/);
    expect(() => tradeStats([{ entryNs: 2n, exitNs: 1n, pnl: 1 }])).toThrow(/exitNs/);
  });
});
