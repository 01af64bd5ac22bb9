import type { Nanos } from '../../domain/time.ts';
import type { Liquidity } from '../instruments/instrument-math.ts';
import { Fixed, minFixed } from '../money/fixed.ts';
import type { Price, Quantity } from '../money/price.ts';
import { fillId } from '../orders/order-id.ts';
import { crosses, slipped } from './crossing.ts';
import type { NetPositions } from './net-positions.ts';
import type { OrderStore, Working } from './order-store.ts';
import type { LimitRule, ResolvedConfig } from './venue-config.ts';
import type { Level } from './venue-types.ts';

export interface EngineContext {
  readonly cfg: ResolvedConfig;
  readonly store: OrderStore;
  readonly positions: NetPositions;
}

export interface TakeOptions {
  /** Taker (level prices plus slippage) or maker (the limit price). */
  aggressive: boolean;
  /** Crossing rule for a maker limit (takers always cross at the limit). */
  rule: LimitRule;
  /** Maker fill price from the limit and the level price; default the limit. */
  passivePrice?: (limit: Price, levelPrice: Price) => Price;
  tsNs: Nanos;
}

/** The limit price the order trades under now (limit, or stop-limit once triggered). */
export function limitOf(w: Working): Price | undefined {
  return w.order.type === 'limit' || w.order.type === 'stop-limit' ? w.order.price : undefined;
}

/**
 * Takes liquidity from `levels` (best first) for the order's leaves quantity, capped by the net
 * position for reduce-only orders. Consumes the levels. FOK takes nothing unless it can fill in full.
 */
export function takeLiquidity(ctx: EngineContext, w: Working, levels: Level[], opts: TakeOptions): void {
  const { order, instrument } = w;
  if (!instrument || !order.isWorking) return;
  let want = order.leavesQty;
  if (order.reduceOnly) want = minFixed(want, ctx.positions.reducible(instrument.id, order.side));
  const limit = limitOf(w);
  const rule = opts.aggressive ? 'touch' : opts.rule;
  const usable = levels.filter(
    (l) =>
      (l.remaining === null || l.remaining.isPositive()) &&
      (!limit || crosses(order.side, limit, l.price, rule)),
  );
  if (w.fresh && order.timeInForce === 'FOK' && !enough(usable, order.leavesQty, want)) return;
  for (const level of usable) {
    if (!want.isPositive() || !order.isWorking) break;
    const qty = level.remaining === null ? want : minFixed(want, level.remaining);
    const price = opts.aggressive
      ? slipped(order.side, level.price, instrument.tickSize, ctx.cfg.slippageTicks, limit)
      : limit
        ? (opts.passivePrice?.(limit, level.price) ?? limit)
        : level.price;
    if (level.remaining !== null) level.remaining = level.remaining.sub(qty);
    want = want.sub(qty);
    recordFill(ctx, w, qty, price, opts.aggressive ? 'taker' : 'maker', opts.tsNs);
  }
  if (order.reduceOnly && order.isWorking && ctx.positions.reducible(instrument.id, order.side).isZero()) {
    ctx.store.emit(w, { type: 'canceled', orderId: order.id, tsNs: opts.tsNs });
  }
}

function enough(levels: Level[], leaves: Quantity, want: Quantity): boolean {
  if (want.lt(leaves)) return false;
  let total = Fixed.zero();
  for (const l of levels) {
    if (l.remaining === null) return true;
    total = total.add(l.remaining);
  }
  return total.gte(leaves);
}

export function recordFill(
  ctx: EngineContext,
  w: Working,
  qty: Quantity,
  price: Price,
  liquidity: Liquidity,
  tsNs: Nanos,
): void {
  const instrument = w.instrument!;
  const lastQty = qty.rescale(instrument.sizePrecision);
  const lastPrice = price.rescale(instrument.pricePrecision);
  w.fills += 1;
  ctx.positions.apply(instrument.id, w.order.side, lastQty);
  ctx.store.emit(w, {
    type: 'filled',
    orderId: w.order.id,
    fillId: fillId(w.order.id, w.fills),
    lastPrice,
    lastQty,
    commission: ctx.cfg.fees(instrument, lastQty, lastPrice, liquidity),
    liquidity,
    tsNs,
  });
}

/** After its first matching opportunity an IOC/FOK order cancels whatever did not fill. */
export function settleFresh(ctx: EngineContext, w: Working, tsNs: Nanos): void {
  if (!w.fresh) return;
  w.fresh = false;
  const tif = w.order.timeInForce;
  if ((tif === 'IOC' || tif === 'FOK') && w.order.isWorking) {
    ctx.store.emit(w, { type: 'canceled', orderId: w.order.id, tsNs });
  }
}
