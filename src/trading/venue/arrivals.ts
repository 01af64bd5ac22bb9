import type { Nanos } from '../../domain/time.ts';
import { quantityProblem } from '../instruments/instrument-math.ts';
import type { Quantity } from '../money/price.ts';
import type { EngineContext } from './fill-executor.ts';
import { matchStanding } from './matching.ts';
import { pricesProblem, rejectReason, wouldTake } from './order-checks.ts';
import type { Working } from './order-store.ts';
import { expiryOf } from './session.ts';
import type { StandingBook } from './standing-book.ts';
import type { Amendment } from './venue-types.ts';

export interface ArrivalContext extends EngineContext {
  readonly books: Map<string, StandingBook>;
  nextVenueOrderId(): string;
}

/** An order reaches the matching engine: reject, or accept and match against the displayed book. */
export function arriveOrder(ctx: ArrivalContext, w: Working, tsNs: Nanos): void {
  const { order } = w;
  const book = w.instrument ? ctx.books.get(w.instrument.id) : undefined;
  const reason = rejectReason(order, w.instrument, book, ctx.positions, tsNs);
  ctx.store.arrive(w, tsNs);
  if (reason) {
    ctx.store.emit(w, { type: 'rejected', orderId: order.id, reason, tsNs });
    return;
  }
  ctx.store.emit(w, { type: 'accepted', orderId: order.id, venueOrderId: ctx.nextVenueOrderId(), tsNs });
  w.expiryNs = expiryOf(order, tsNs, ctx.cfg.sessionEndUtcNs);
  w.fresh = order.type === 'market' || order.type === 'limit';
  if (book) matchStanding(ctx, w, book, true, tsNs);
}

/** A bracket child activated by its parent's fill: resized to the filled quantity, then submitted. */
export function activateChild(ctx: ArrivalContext, w: Working, quantity: Quantity, tsNs: Nanos): void {
  const id = w.order.id;
  if (!quantity.eq(w.order.quantity)) ctx.store.emit(w, { type: 'updated', orderId: id, quantity, tsNs });
  ctx.store.emit(w, { type: 'submitted', orderId: id, tsNs });
  arriveOrder(ctx, w, tsNs);
}

/** Why an amendment is refused, or undefined. */
export function amendProblem(ctx: ArrivalContext, w: Working | undefined, a: Amendment): string | undefined {
  if (!w) return 'unknown order';
  const { order, instrument } = w;
  if (!['accepted', 'triggered', 'partially_filled'].includes(order.status) || !instrument) {
    return `order is ${order.status}`;
  }
  if (a.price && !order.price) return `${order.type} order has no limit price`;
  if (a.triggerPrice && (!order.triggerPrice || w.triggered)) return 'trigger price cannot be changed';
  const grid = pricesProblem(instrument, a.price, a.triggerPrice);
  if (grid) return grid;
  if (a.quantity) {
    const bad = quantityProblem(instrument, a.quantity);
    if (bad) return bad;
    if (a.quantity.lte(order.filledQty))
      return `quantity ${a.quantity} must exceed filled ${order.filledQty}`;
  }
  if (order.postOnly && a.price && wouldTake(order, a.price, ctx.books.get(instrument.id))) {
    return `post-only ${order.side} at ${a.price} would take liquidity`;
  }
  return undefined;
}

/** A valid amendment: OrderUpdated, then a re-match (a now marketable limit takes as a taker). */
export function amendOrder(ctx: ArrivalContext, w: Working, a: Amendment, tsNs: Nanos): void {
  const patch = {
    ...(a.quantity ? { quantity: a.quantity } : {}),
    ...(a.price ? { price: a.price } : {}),
    ...(a.triggerPrice ? { triggerPrice: a.triggerPrice } : {}),
  };
  ctx.store.emit(w, { type: 'updated', orderId: w.order.id, ...patch, tsNs });
  const book = ctx.books.get(w.instrument!.id);
  if (book) matchStanding(ctx, w, book, true, tsNs);
}
