import { describe, expect, it } from 'vitest';
import { MAX_BARS, MAX_TRADES, MarketSnapshots } from './market-snapshots.ts';

const MINUTE = 60_000_000_000n;
const T0 = 1_704_153_600_000_000_000n;

const trade = (price: number, tsNs: bigint) => ({
  kind: 'trade' as const,
  symbol: 'ES',
  price,
  size: 1,
  tsNs,
});

describe('market snapshots', () => {
  it('builds 1-minute bars from trades, folding a late trade into the open bar', () => {
    const market = new MarketSnapshots();
    market.apply(trade(10, T0 + 5n));
    market.apply(trade(12, T0 + MINUTE - 1n));
    market.apply(trade(11, T0 + 3n * MINUTE));
    market.apply(trade(9, T0 + 2n * MINUTE));
    expect(market.get('ES')!.bars).toEqual([
      { startNs: T0, open: 10, high: 12, low: 10, close: 12, volume: 2 },
      { startNs: T0 + 3n * MINUTE, open: 11, high: 11, low: 9, close: 9, volume: 2 },
    ]);
  });

  it(`keeps the newest ${MAX_TRADES} trades and ${MAX_BARS} bars, and the latest book`, () => {
    const market = new MarketSnapshots();
    for (let i = 0; i < MAX_BARS + 20; i++) market.apply(trade(100 + i, T0 + BigInt(i) * MINUTE));
    market.apply({ kind: 'book', symbol: 'ES', bids: [[99, 3]], asks: [[101, 4]], tsNs: T0 });
    const snapshot = market.get('ES')!;
    expect(snapshot.trades).toHaveLength(MAX_TRADES);
    expect(snapshot.trades.at(-1)!.price).toBe(100 + MAX_BARS + 19);
    expect(snapshot.bars).toHaveLength(MAX_BARS);
    expect(snapshot.bars[0]!.startNs).toBe(T0 + 20n * MINUTE);
    expect(snapshot.book).toEqual({ bids: [[99, 3]], asks: [[101, 4]], tsNs: T0 });
  });
});
