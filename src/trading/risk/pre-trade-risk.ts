import type { Nanos } from '../../domain/time.ts';
import type { Instrument } from '../instruments/instrument.ts';
import { notionalValue } from '../instruments/instrument-math.ts';
import type { Fixed } from '../money/fixed.ts';
import type { OrderInit } from '../orders/order-types.ts';
import type { PreTradeLimits } from './pre-trade-limits.ts';
import type { TradingState } from './trading-state.ts';

export type DenialCode =
  | 'HALTED'
  | 'REDUCING_ONLY'
  | 'REDUCE_ONLY_WOULD_INCREASE'
  | 'MAX_ORDER_NOTIONAL'
  | 'MAX_POSITION'
  | 'MAX_ORDER_RATE'
  | 'PRICE_BAND'
  | 'NO_REFERENCE_PRICE';

export type RiskDecision = { approved: true } | { approved: false; code: DenialCode; reason: string };

export interface RiskContext {
  state: TradingState;
  nowNs: Nanos;
  instrument: Instrument;
  /** Signed net position of the instrument now (positive long). */
  netPosition: Fixed;
  /** Last traded or mid price, for notional of market orders and price bands. */
  referencePrice: Fixed | undefined;
}

const APPROVED: RiskDecision = { approved: true };
const NS_PER_SECOND = 1_000_000_000n;

/**
 * Pre-trade checks, in a fixed order so the reason given is deterministic: trading state, reduce-only,
 * price band, order notional, position limit, order rate. Denials are values (published as events),
 * never exceptions. Only approved orders count towards the rate limit.
 */
export class PreTradeRisk {
  private readonly approvedAt: Nanos[] = [];

  constructor(private readonly limits: PreTradeLimits) {}

  check(order: OrderInit, ctx: RiskContext): RiskDecision {
    const signed = order.side === 'buy' ? order.quantity : order.quantity.neg();
    const after = ctx.netPosition.add(signed);
    const reduces = after.abs().lte(ctx.netPosition.abs()) && after.sign() * ctx.netPosition.sign() >= 0;
    if (ctx.state === 'HALTED') return deny('HALTED', `${order.id}: trading is HALTED`);
    if (ctx.state === 'REDUCING' && !reduces)
      return deny(
        'REDUCING_ONLY',
        `${order.id}: trading is REDUCING and the order would not reduce the ${order.instrumentId} position (${ctx.netPosition} -> ${after})`,
      );
    if (order.reduceOnly && !reduces)
      return deny(
        'REDUCE_ONLY_WOULD_INCREASE',
        `${order.id}: reduce-only order would take the position from ${ctx.netPosition} to ${after}`,
      );
    const orderPrice = order.type === 'stop' ? order.triggerPrice : (order.price ?? order.triggerPrice);
    const band = this.limits.priceBand;
    if (band !== undefined && orderPrice !== undefined) {
      if (ctx.referencePrice === undefined)
        return deny(
          'NO_REFERENCE_PRICE',
          `${order.id}: no reference price for ${order.instrumentId} to check the price band`,
        );
      const distance = Math.abs(orderPrice.toNumber() / ctx.referencePrice.toNumber() - 1);
      if (distance > band)
        return deny(
          'PRICE_BAND',
          `${order.id}: price ${orderPrice} is ${(distance * 100).toFixed(2)}% from the reference ${ctx.referencePrice} (band ${(band * 100).toFixed(2)}%)`,
        );
    }
    const { maxOrderNotional } = this.limits;
    if (maxOrderNotional !== undefined) {
      const price = orderPrice ?? ctx.referencePrice;
      if (price === undefined)
        return deny(
          'NO_REFERENCE_PRICE',
          `${order.id}: no price for ${order.instrumentId} to value a market order`,
        );
      const value = notionalValue(ctx.instrument, order.quantity, price).abs();
      if (value.gt(maxOrderNotional))
        return deny(
          'MAX_ORDER_NOTIONAL',
          `${order.id}: notional ${value} ${ctx.instrument.quoteCurrency} exceeds the limit ${maxOrderNotional}`,
        );
    }
    const positionLimit = this.limits.maxPosition?.[order.instrumentId] ?? this.limits.maxPosition?.['*'];
    if (positionLimit !== undefined && !reduces && after.abs().gt(positionLimit))
      return deny(
        'MAX_POSITION',
        `${order.id}: position would be ${after}, beyond the limit ${positionLimit} for ${order.instrumentId}`,
      );
    const rate = this.limits.maxOrdersPerSecond;
    if (rate !== undefined) {
      while (this.approvedAt.length > 0 && this.approvedAt[0]! <= ctx.nowNs - NS_PER_SECOND)
        this.approvedAt.shift();
      if (this.approvedAt.length >= rate)
        return deny('MAX_ORDER_RATE', `${order.id}: ${rate} orders already approved in the last second`);
      this.approvedAt.push(ctx.nowNs);
    }
    return APPROVED;
  }
}

function deny(code: DenialCode, reason: string): RiskDecision {
  return { approved: false, code, reason };
}
