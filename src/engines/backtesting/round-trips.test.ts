import { describe, expect, it } from 'vitest';
import { type FillRecord, roundTrips } from './round-trips.ts';

const fill = (
  tsNs: bigint,
  side: 'buy' | 'sell',
  quantity: number,
  price: number,
  extra: Partial<FillRecord> = {},
): FillRecord => ({
  tsNs,
  symbol: 'ES',
  side,
  price,
  quantity,
  multiplier: 50,
  toAccount: 1,
  ...extra,
});

describe('roundTrips', () => {
  it('closes a trip when the position returns to flat, across partial exits and adds', () => {
    expect(
      roundTrips([
        fill(1n, 'buy', 1, 4000),
        fill(2n, 'buy', 1, 4010),
        fill(3n, 'sell', 1, 4020),
        fill(4n, 'sell', 1, 4000),
      ]),
    ).toEqual([{ entryNs: 1n, exitNs: 4n, pnl: (4020 - 4005) * 50 + (4000 - 4005) * 50 }]);
  });

  it('splits a flip into a closed trip and a new one, and converts to the account currency', () => {
    const trips = roundTrips([
      fill(1n, 'buy', 1000, 100, { symbol: 'USDJPY', multiplier: 1, toAccount: 1 / 100 }),
      fill(2n, 'sell', 3000, 101, { symbol: 'USDJPY', multiplier: 1, toAccount: 1 / 101 }),
      fill(3n, 'buy', 2000, 100.5, { symbol: 'USDJPY', multiplier: 1, toAccount: 1 / 100.5 }),
    ]);
    expect(trips).toHaveLength(2);
    expect(trips[0]).toEqual({ entryNs: 1n, exitNs: 2n, pnl: 1000 / 101 });
    expect(trips[1]!.pnl).toBeCloseTo(((101 - 100.5) * 2000) / 100.5, 9);
  });
});
