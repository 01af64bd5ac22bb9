import { describe, expect, it } from 'vitest';
import { trade } from './test-trades.ts';
import { VolumeBarAggregator } from './volume-bar-aggregator.ts';

function bar(
  spec: string,
  o: number,
  h: number,
  l: number,
  c: number,
  volume: number,
  startNs: bigint,
  endNs: bigint,
) {
  return { kind: 'bar', symbol: 'BTCUSDT', spec, open: o, high: h, low: l, close: c, volume, startNs, endNs };
}

describe('VolumeBarAggregator', () => {
  it('closes exactly at the target and carries the remainder into the next bar', () => {
    const agg = new VolumeBarAggregator('BTCUSDT', 10);
    expect(agg.spec).toBe('10v');
    expect(agg.add(trade(1n, 100, 4))).toEqual([]);
    expect(agg.add(trade(2n, 102, 3))).toEqual([]);
    // Needs 3 more: 3 of these 5 close bar 1 at 101, the other 2 open bar 2 at 101.
    expect(agg.add(trade(3n, 101, 5))).toEqual([bar('10v', 100, 102, 100, 101, 10, 1n, 3n)]);
    expect(agg.add(trade(4n, 97, 8))).toEqual([bar('10v', 101, 101, 97, 97, 10, 3n, 4n)]);
    expect(agg.add(trade(5n, 99, 1))).toEqual([]);
  });

  it('splits one large trade across several bars', () => {
    const agg = new VolumeBarAggregator('BTCUSDT', 10);
    agg.add(trade(1n, 100, 6));
    // 27 = 4 (fills bar 1) + 10 + 10 (two whole bars) + 3 left open.
    expect(agg.add(trade(2n, 110, 27))).toEqual([
      bar('10v', 100, 110, 100, 110, 10, 1n, 2n),
      bar('10v', 110, 110, 110, 110, 10, 2n, 2n),
      bar('10v', 110, 110, 110, 110, 10, 2n, 2n),
    ]);
    // The open bar holds 3: 7 more fill it exactly with nothing left over.
    expect(agg.add(trade(3n, 90, 7))).toEqual([bar('10v', 110, 110, 90, 90, 10, 2n, 3n)]);
    expect(agg.add(trade(4n, 95, 2))).toEqual([]);
  });

  it('fills fractional targets despite float rounding', () => {
    const agg = new VolumeBarAggregator('BTCUSDT', 0.3);
    expect(agg.add(trade(1n, 1, 0.1))).toEqual([]);
    // 0.1 + 0.2 is 0.30000000000000004 in floats: one bar of exactly 0.3, no dust bar.
    expect(agg.add(trade(2n, 2, 0.2))).toEqual([bar('0.3v', 1, 2, 1, 2, 0.3, 1n, 2n)]);
    expect(agg.add(trade(3n, 3, 0.1))).toEqual([]);
    expect(agg.add(trade(4n, 3, 0.1))).toEqual([]);
    expect(agg.add(trade(5n, 4, 0.1))).toEqual([bar('0.3v', 3, 4, 3, 4, 0.3, 3n, 5n)]);
  });

  it('validates its size and the trade order', () => {
    expect(() => new VolumeBarAggregator('BTCUSDT', 0)).toThrow(/positive number/);
    const agg = new VolumeBarAggregator('BTCUSDT', 10);
    agg.add(trade(9n, 1, 1));
    expect(() => agg.add(trade(8n, 1, 1))).toThrow(
      'BTCUSDT 10v: out-of-order trade at 8 ns, earlier than the previous at 9 ns',
    );
  });
});
