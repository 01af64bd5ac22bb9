import type { Order } from '../../orders/order.ts';

/** A JSON-safe view of an order as submitted (decimal strings, ns as strings). */
export interface OrderRecord {
  id: string;
  instrumentId: string;
  side: string;
  type: string;
  quantity: string;
  price?: string;
  triggerPrice?: string;
  timeInForce: string;
  reduceOnly?: true;
  contingency?: string;
  parentOrderId?: string;
  tsInitNs: string;
}

export function orderRecord(order: Order): OrderRecord {
  return {
    id: order.id,
    instrumentId: order.instrumentId,
    side: order.side,
    type: order.type,
    quantity: order.quantity.toString(),
    ...(order.price ? { price: order.price.toString() } : {}),
    ...(order.triggerPrice ? { triggerPrice: order.triggerPrice.toString() } : {}),
    timeInForce: order.timeInForce,
    ...(order.reduceOnly ? { reduceOnly: true as const } : {}),
    ...(order.contingency !== 'none' ? { contingency: order.contingency } : {}),
    ...(order.parentOrderId ? { parentOrderId: order.parentOrderId } : {}),
    tsInitNs: order.tsInitNs.toString(),
  };
}
