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

  it('nets each trip of its commissions, splitting a flipping fill pro rata', () => {
    const trips = roundTrips([
      fill(1n, 'buy', 1, 4000, { commission: 2 }),
      fill(2n, 'buy', 1, 4010, { commission: 2 }),
      fill(3n, 'sell', 3, 4020, { commission: 6 }),
      fill(4n, 'buy', 1, 4000, { commission: 2 }),
    ]);
    // Trip 1: gross (4020 - 4005) * 2 * 50 = 1500, fees 2 + 2 + 6 * (2/3) = 8.
    // Trip 2: short 1 at 4020 covered at 4000: 20 * 50 = 1000, fees 6 * (1/3) + 2 = 4.
    expect(trips).toEqual([
      { entryNs: 1n, exitNs: 3n, pnl: 1500 - 8 },
      { entryNs: 3n, exitNs: 4n, pnl: 1000 - 4 },
    ]);
  });
});
