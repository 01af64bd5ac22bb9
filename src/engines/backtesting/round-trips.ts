import type { RoundTrip } from '../../analytics/trades/trade-stats.ts';

export interface FillRecord {
  tsNs: bigint;
  symbol: string;
  side: 'buy' | 'sell';
  price: number;
  quantity: number;
  /** Contract multiplier of the instrument (1 for cash instruments). */
  multiplier: number;
  /** Quote-currency to account-currency rate at the fill (1 when they are the same). */
  toAccount: number;
  /** Commission of this fill in the account currency (0 when none). */
  commission?: number;
  orderId?: string;
}

interface Open {
  qty: number;
  avg: number;
  sinceNs: bigint;
}

/**
 * Round trips by average cost, per symbol: a trip opens when a position leaves flat and closes
 * when it returns to flat (a flip closes one trip and opens the next). PnL is net of the trip's
 * commissions (a flipping fill's commission is split pro rata between the trip it closes and the
 * one it opens), so trade statistics add up to the equity curve. PnL is converted to the account
 * currency at each closing fill's rate. Analytics only: float64 is fine here.
 */
export function roundTrips(fills: readonly FillRecord[]): RoundTrip[] {
  const open = new Map<string, Open>();
  const pnlSoFar = new Map<string, number>();
  const trips: RoundTrip[] = [];
  for (const fill of fills) {
    const signed = fill.side === 'buy' ? fill.quantity : -fill.quantity;
    const fee = fill.commission ?? 0;
    const position = open.get(fill.symbol);
    if (!position || position.qty === 0) {
      open.set(fill.symbol, { qty: signed, avg: fill.price, sinceNs: fill.tsNs });
      pnlSoFar.set(fill.symbol, -fee);
      continue;
    }
    if (Math.sign(signed) === Math.sign(position.qty)) {
      const qty = position.qty + signed;
      position.avg = (position.avg * position.qty + fill.price * signed) / qty;
      position.qty = qty;
      pnlSoFar.set(fill.symbol, (pnlSoFar.get(fill.symbol) ?? 0) - fee);
      continue;
    }
    const closing = Math.min(Math.abs(signed), Math.abs(position.qty));
    const closingFee = fee * (closing / Math.abs(signed));
    const pnl =
      (fill.price - position.avg) * closing * Math.sign(position.qty) * fill.multiplier * fill.toAccount;
    const total = (pnlSoFar.get(fill.symbol) ?? 0) + pnl - closingFee;
    const remaining = position.qty + signed;
    if (Math.abs(remaining) < 1e-12 || Math.sign(remaining) !== Math.sign(position.qty)) {
      trips.push({ entryNs: position.sinceNs, exitNs: fill.tsNs, pnl: total });
      if (Math.abs(remaining) < 1e-12) open.delete(fill.symbol);
      else open.set(fill.symbol, { qty: remaining, avg: fill.price, sinceNs: fill.tsNs });
      pnlSoFar.set(fill.symbol, -(fee - closingFee));
    } else {
      position.qty = remaining;
      pnlSoFar.set(fill.symbol, total);
    }
  }
  return trips;
}
