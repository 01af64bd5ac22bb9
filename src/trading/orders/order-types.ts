import type { Nanos } from '../../domain/time.ts';
import type { Price, Quantity } from '../money/price.ts';

export type OrderSide = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop' | 'stop-limit';
/** GTD needs expireTimeNs; DAY expiry is the venue's session end. */
export type TimeInForce = 'GTC' | 'IOC' | 'FOK' | 'DAY' | 'GTD';
export type OrderStatus =
  | 'initialized'
  | 'submitted'
  | 'accepted'
  | 'rejected'
  | 'triggered'
  | 'pending_cancel'
  | 'partially_filled'
  | 'filled'
  | 'canceled'
  | 'expired';
/** oto: a parent whose children activate on fill (bracket entry); oco: siblings cancel each other. */
export type ContingencyType = 'none' | 'oto' | 'oco';

export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'rejected',
  'filled',
  'canceled',
  'expired',
]);

/** Everything needed to create an order. Prices/quantities are exact and on the instrument grid. */
export interface OrderInit {
  id: string;
  strategyId: string;
  instrumentId: string;
  side: OrderSide;
  type: OrderType;
  quantity: Quantity;
  /** Limit price: limit and stop-limit. */
  price?: Price;
  /** Trigger price: stop and stop-limit. */
  triggerPrice?: Price;
  timeInForce?: TimeInForce;
  expireTimeNs?: Nanos;
  reduceOnly?: boolean;
  /** Limit orders only: reject rather than take liquidity. */
  postOnly?: boolean;
  contingency?: ContingencyType;
  parentOrderId?: string;
  linkedOrderIds?: readonly string[];
  tsInitNs: Nanos;
}

export function oppositeSide(side: OrderSide): OrderSide {
  return side === 'buy' ? 'sell' : 'buy';
}
