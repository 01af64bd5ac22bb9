import type { Instrument } from '../instruments/instrument.ts';
import { priceFromFloat, quantityFromFloat } from '../money/price.ts';
import type { OrderSide } from '../orders/order-types.ts';
import type { BookData, Level, QuoteData } from './venue-types.ts';

/**
 * The displayed liquidity of the last quote or L2 snapshot of an instrument. Each update replaces
 * every level, so what one order took at a level stays taken until the next update.
 */
export class StandingBook {
  /** Best first: bids descending, asks ascending. */
  readonly bids: Level[];
  readonly asks: Level[];

  constructor(bids: Level[], asks: Level[]) {
    this.bids = bids.filter(nonEmpty).sort((a, b) => b.price.cmp(a.price));
    this.asks = asks.filter(nonEmpty).sort((a, b) => a.price.cmp(b.price));
  }

  /** Levels an order on `side` takes from: asks for a buy, bids for a sell. */
  levelsFor(side: OrderSide): Level[] {
    return side === 'buy' ? this.asks : this.bids;
  }

  /** Best opposite price for `side` (the ask for a buy), ignoring consumption. */
  touch(side: OrderSide): Level | undefined {
    return this.levelsFor(side)[0];
  }
}

function nonEmpty(level: Level): boolean {
  return level.price.isPositive() && (level.remaining === null || level.remaining.isPositive());
}

function level(instrument: Instrument, price: number, size: number | null): Level {
  return {
    price: priceFromFloat(price, instrument.tickSize),
    remaining: size === null ? null : quantityFromFloat(Math.max(0, size), instrument.lotSize, 'floor'),
  };
}

/** Quote or book payload onto the instrument grid (prices half-even to a tick, sizes floored to a lot). */
export function standingBookOf(instrument: Instrument, data: QuoteData | BookData): StandingBook {
  if (data.kind === 'quote') {
    // Quote files without size columns (bid/ask only) carry 0 on both sides: sizes are unknown,
    // not empty, so the touch is treated as unlimited rather than never filling anything.
    const unknownSizes = data.bidSize === 0 && data.askSize === 0;
    return new StandingBook(
      [level(instrument, data.bid, unknownSizes ? null : data.bidSize)],
      [level(instrument, data.ask, unknownSizes ? null : data.askSize)],
    );
  }
  return new StandingBook(
    data.bids.map(([p, s]) => level(instrument, p, s)),
    data.asks.map(([p, s]) => level(instrument, p, s)),
  );
}
