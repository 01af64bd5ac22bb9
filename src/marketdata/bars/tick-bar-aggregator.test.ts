import { describe, expect, it } from 'vitest';
import { trade } from './test-trades.ts';
import { TickBarAggregator } from './tick-bar-aggregator.ts';

describe('TickBarAggregator', () => {
  it('emits a bar every N trades spanning first to last trade time', () => {
    const agg = new TickBarAggregator('BTCUSDT', 3);
    expect(agg.spec).toBe('3t');
    expect(agg.add(trade(10n, 100, 1))).toEqual([]);
    expect(agg.add(trade(20n, 98, 2))).toEqual([]);
    expect(agg.add(trade(30n, 99, 4))).toEqual([
      {
        kind: 'bar',
        symbol: 'BTCUSDT',
        spec: '3t',
        open: 100,
        high: 100,
        low: 98,
        close: 99,
        volume: 7,
        startNs: 10n,
        endNs: 30n,
      },
    ]);
    expect(agg.add(trade(40n, 105, 1))).toEqual([]);
    expect(agg.add(trade(40n, 101, 1))).toEqual([]);
    expect(agg.add(trade(50n, 102, 0))).toEqual([
      {
        kind: 'bar',
        symbol: 'BTCUSDT',
        spec: '3t',
        open: 105,
        high: 105,
        low: 101,
        close: 102,
        volume: 2,
        startNs: 40n,
        endNs: 50n,
      },
    ]);
  });

  it('validates its size and the trade order', () => {
    expect(() => new TickBarAggregator('BTCUSDT', 0)).toThrow(/positive integer/);
    expect(() => new TickBarAggregator('BTCUSDT', 1.5)).toThrow(/positive integer/);
    const agg = new TickBarAggregator('BTCUSDT', 2);
    agg.add(trade(5n, 1, 1));
    expect(() => agg.add(trade(4n, 1, 1))).toThrow(
      'BTCUSDT 2t: out-of-order trade at 4 ns, earlier than the previous at 5 ns',
    );
  });
});
