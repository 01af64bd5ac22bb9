import { describe, expect, it } from 'vitest';
import { trade } from './test-trades.ts';
import { TimeBarAggregator } from './time-bar-aggregator.ts';

const S = 1_000_000_000n;
const MIN = 60n * S;

function bar(open: number, high: number, low: number, close: number, volume: number, startNs: bigint) {
  return {
    kind: 'bar',
    symbol: 'BTCUSDT',
    spec: '1m',
    open,
    high,
    low,
    close,
    volume,
    startNs,
    endNs: startNs + MIN,
  };
}

describe('TimeBarAggregator', () => {
  it('aligns bars to interval multiples since the epoch and emits on the next interval', () => {
    const agg = new TimeBarAggregator('BTCUSDT', MIN);
    // 10:00:05 .. 10:00:59.999 fall in the bar starting at 600 min; 10:01:00 starts the next.
    const t0 = 600n * MIN;
    expect(agg.add(trade(t0 + 5n * S, 100, 1))).toEqual([]);
    expect(agg.add(trade(t0 + 20n * S, 103, 2))).toEqual([]);
    expect(agg.add(trade(t0 + 40n * S, 99, 0.5))).toEqual([]);
    expect(agg.add(trade(t0 + MIN - 1n, 101, 1.5))).toEqual([]);
    expect(agg.add(trade(t0 + MIN, 102, 3))).toEqual([bar(100, 103, 99, 101, 5, t0)]);
    expect(agg.spec).toBe('1m');
  });

  it('produces no bar for empty intervals', () => {
    const agg = new TimeBarAggregator('BTCUSDT', MIN);
    agg.add(trade(30n * S, 10, 1));
    // Next trade is three intervals later: only the one non-empty bar comes out.
    expect(agg.add(trade(3n * MIN + S, 11, 2))).toEqual([bar(10, 10, 10, 10, 1, 0n)]);
    expect(agg.flush(4n * MIN)).toEqual([bar(11, 11, 11, 11, 2, 3n * MIN)]);
  });

  it('flush closes the open bar only once its interval has ended', () => {
    const agg = new TimeBarAggregator('BTCUSDT', MIN);
    expect(agg.flush(10n * MIN)).toEqual([]);
    agg.add(trade(MIN + S, 50, 1));
    expect(agg.flush(2n * MIN - 1n)).toEqual([]);
    expect(agg.flush(2n * MIN)).toEqual([bar(50, 50, 50, 50, 1, MIN)]);
    expect(agg.flush(3n * MIN)).toEqual([]);
  });

  it('rejects a trade for an interval already flushed', () => {
    const agg = new TimeBarAggregator('BTCUSDT', MIN);
    agg.add(trade(MIN + S, 50, 1));
    agg.flush(2n * MIN);
    expect(() => agg.add(trade(MIN + 2n * S, 51, 1))).toThrow(
      'BTCUSDT 1m: late trade at 62000000000 ns, its bar already closed at 120000000000 ns',
    );
  });

  it('aligns pre-epoch times with floor division', () => {
    const agg = new TimeBarAggregator('BTCUSDT', MIN);
    agg.add(trade(-S, 10, 1));
    expect(agg.add(trade(0n, 11, 1))).toEqual([bar(10, 10, 10, 10, 1, -MIN)]);
  });

  it('rejects out-of-order trades naming the symbol and both times', () => {
    const agg = new TimeBarAggregator('BTCUSDT', MIN);
    agg.add(trade(2000n, 10, 1));
    expect(() => agg.add(trade(1000n, 10, 1))).toThrow(
      'BTCUSDT 1m: out-of-order trade at 1000 ns, earlier than the previous at 2000 ns',
    );
    // Equal timestamps are in order.
    expect(agg.add(trade(2000n, 10, 1))).toEqual([]);
  });

  it('rejects a trade for another symbol', () => {
    const agg = new TimeBarAggregator('BTCUSDT', MIN);
    expect(() => agg.add(trade(0n, 1, 1, 'ETHUSDT'))).toThrow(/got a trade for ETHUSDT/);
  });
});
