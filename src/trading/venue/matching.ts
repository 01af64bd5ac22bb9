import type { Nanos } from '../../domain/time.ts';
import type { Price } from '../money/price.ts';
import { betterPrice, stopTriggered } from './crossing.ts';
import { type EngineContext, settleFresh, takeLiquidity } from './fill-executor.ts';
import type { Working } from './order-store.ts';
import type { StandingBook } from './standing-book.ts';
import type { Level } from './venue-types.ts';

function awaitsTrigger(w: Working): boolean {
  return (w.order.type === 'stop' || w.order.type === 'stop-limit') && !w.triggered;
}

function isMarketLike(w: Working): boolean {
  return w.order.type === 'market' || w.order.type === 'stop';
}

/** Emits OrderTriggered when the stop's trigger is reached at `price`; true when it fired now. */
function tryTrigger(ctx: EngineContext, w: Working, price: Price | undefined, tsNs: Nanos): boolean {
  const trigger = w.order.triggerPrice;
  if (!trigger || !price || !stopTriggered(w.order.side, trigger, price)) return false;
  w.triggered = true;
  w.fresh = true;
  ctx.store.emit(w, { type: 'triggered', orderId: w.order.id, tsNs });
  return true;
}

/**
 * Against the displayed quote / L2 book. Buy stops trigger on the ask, sell stops on the bid.
 * `aggressive`: the order just arrived or was amended (marketable = taker).
 */
export function matchStanding(
  ctx: EngineContext,
  w: Working,
  book: StandingBook,
  aggressive: boolean,
  tsNs: Nanos,
): void {
  if (!w.order.isWorking) return;
  let taker = aggressive || isMarketLike(w);
  if (awaitsTrigger(w)) {
    if (!tryTrigger(ctx, w, book.touch(w.order.side)?.price, tsNs)) return;
    taker = true;
  }
  takeLiquidity(ctx, w, book.levelsFor(w.order.side), { aggressive: taker, rule: 'touch', tsNs });
  settleFresh(ctx, w, tsNs);
}

/** Against one trade, whose remaining size is shared by all orders in time priority. */
export function matchTrade(ctx: EngineContext, w: Working, level: Level, tsNs: Nanos): void {
  if (!w.order.isWorking) return;
  let taker = isMarketLike(w);
  if (awaitsTrigger(w)) {
    if (!tryTrigger(ctx, w, level.price, tsNs)) return;
    taker = true;
  }
  takeLiquidity(ctx, w, [level], { aggressive: taker, rule: ctx.cfg.tradeLimitRule, tsNs });
  settleFresh(ctx, w, tsNs);
}

/**
 * At one point of a bar's path (unlimited size). The open may gap: there stops fill at the open
 * and limits at the better of open and limit. Later points are reached continuously, so stops
 * fill at their trigger and limits at their limit.
 */
export function matchBarPoint(
  ctx: EngineContext,
  w: Working,
  price: Price,
  first: boolean,
  tsNs: Nanos,
): void {
  if (!w.order.isWorking) return;
  let taker = isMarketLike(w);
  let levelPrice = price;
  if (awaitsTrigger(w)) {
    if (!tryTrigger(ctx, w, price, tsNs)) return;
    taker = true;
    levelPrice = first ? price : w.order.triggerPrice!;
  }
  const side = w.order.side;
  const passivePrice = first ? (limit: Price, px: Price) => betterPrice(side, limit, px) : undefined;
  takeLiquidity(ctx, w, [{ price: levelPrice, remaining: null }], {
    aggressive: taker,
    rule: ctx.cfg.barLimitRule,
    passivePrice,
    tsNs,
  });
  settleFresh(ctx, w, tsNs);
}
