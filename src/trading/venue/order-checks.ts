import type { Nanos } from '../../domain/time.ts';
import type { Instrument } from '../instruments/instrument.ts';
import { priceProblem, quantityProblem } from '../instruments/instrument-math.ts';
import type { Price } from '../money/price.ts';
import type { Order } from '../orders/order.ts';
import { crosses } from './crossing.ts';
import type { NetPositions } from './net-positions.ts';
import type { StandingBook } from './standing-book.ts';

/** Why the venue refuses an arriving order, or undefined when it accepts it. */
export function rejectReason(
  order: Order,
  instrument: Instrument | undefined,
  book: StandingBook | undefined,
  positions: NetPositions,
  nowNs: Nanos,
): string | undefined {
  if (!instrument) return `unknown instrument ${order.instrumentId}`;
  const gridProblem =
    quantityProblem(instrument, order.quantity) ?? pricesProblem(instrument, order.price, order.triggerPrice);
  if (gridProblem) return gridProblem;
  if (order.timeInForce === 'GTD' && order.expireTimeNs !== undefined && order.expireTimeNs <= nowNs) {
    return `GTD expire time ${order.expireTimeNs} is not after arrival ${nowNs}`;
  }
  if (order.reduceOnly && positions.reducible(instrument.id, order.side).isZero()) {
    return `reduce-only ${order.side} would increase the position (net ${positions.get(instrument.id)})`;
  }
  if (order.postOnly && order.price && wouldTake(order, order.price, book)) {
    return `post-only ${order.side} at ${order.price} would take liquidity`;
  }
  return undefined;
}

export function pricesProblem(instrument: Instrument, price?: Price, trigger?: Price): string | undefined {
  return (
    (price && priceProblem(instrument, price)) || (trigger && priceProblem(instrument, trigger)) || undefined
  );
}

/** Would a limit at `price` cross the displayed touch? */
export function wouldTake(order: Order, price: Price, book: StandingBook | undefined): boolean {
  const touch = book?.touch(order.side);
  return touch !== undefined && crosses(order.side, price, touch.price);
}
