import type { Nanos } from '../../domain/time.ts';
import type { Liquidity } from '../instruments/instrument-math.ts';
import type { Money } from '../money/money.ts';
import type { Price, Quantity } from '../money/price.ts';

interface Base {
  readonly orderId: string;
  readonly tsNs: Nanos;
}

export interface OrderSubmitted extends Base {
  readonly type: 'submitted';
}
export interface OrderAccepted extends Base {
  readonly type: 'accepted';
  readonly venueOrderId?: string;
}
export interface OrderRejected extends Base {
  readonly type: 'rejected';
  readonly reason: string;
}
export interface OrderFilled extends Base {
  readonly type: 'filled';
  readonly fillId: string;
  readonly lastPrice: Price;
  readonly lastQty: Quantity;
  readonly commission: Money;
  readonly liquidity: Liquidity;
}
export interface OrderPendingCancel extends Base {
  readonly type: 'pending_cancel';
}
export interface OrderCancelRejected extends Base {
  readonly type: 'cancel_rejected';
  readonly reason: string;
}
export interface OrderCanceled extends Base {
  readonly type: 'canceled';
}
export interface OrderExpired extends Base {
  readonly type: 'expired';
}
export interface OrderTriggered extends Base {
  readonly type: 'triggered';
}
/** Amendment of a working order; omitted fields are unchanged. */
export interface OrderUpdated extends Base {
  readonly type: 'updated';
  readonly quantity?: Quantity;
  readonly price?: Price;
  readonly triggerPrice?: Price;
}

export type OrderEvent =
  | OrderSubmitted
  | OrderAccepted
  | OrderRejected
  | OrderFilled
  | OrderPendingCancel
  | OrderCancelRejected
  | OrderCanceled
  | OrderExpired
  | OrderTriggered
  | OrderUpdated;
