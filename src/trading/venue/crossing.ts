import { Fixed } from '../money/fixed.ts';
import type { Price } from '../money/price.ts';
import type { OrderSide } from '../orders/order-types.ts';
import type { LimitRule } from './venue-config.ts';

/** Can an order on `side` with `limit` trade at `price`? ('touch': at the limit too.) */
export function crosses(side: OrderSide, limit: Price, price: Price, rule: LimitRule = 'touch'): boolean {
  const c = price.cmp(limit);
  if (side === 'buy') return rule === 'touch' ? c <= 0 : c < 0;
  return rule === 'touch' ? c >= 0 : c > 0;
}

/** Buy stops trigger when the price rises to the trigger, sell stops when it falls to it. */
export function stopTriggered(side: OrderSide, trigger: Price, price: Price): boolean {
  return side === 'buy' ? price.gte(trigger) : price.lte(trigger);
}

/** The better of two prices for `side` (lower for a buyer). */
export function betterPrice(side: OrderSide, a: Price, b: Price): Price {
  if (side === 'buy') return a.lte(b) ? a : b;
  return a.gte(b) ? a : b;
}

/** `price` moved `ticks` ticks against a taker on `side`, never through `limit`, never below one tick. */
export function slipped(side: OrderSide, price: Price, tick: Price, ticks: bigint, limit?: Price): Price {
  if (ticks === 0n) return price;
  const shift = tick.mul(Fixed.of(ticks));
  let moved = side === 'buy' ? price.add(shift) : price.sub(shift);
  if (moved.lt(tick)) moved = tick;
  if (limit && !crosses(side, limit, moved)) moved = limit;
  return moved.rescale(price.scale);
}
