import type { Order } from '../../trading/orders/order.ts';
import type { OrderInit } from '../../trading/orders/order-types.ts';

/** The creation fields of an order (what a submit command carries), without unset options. */
export function orderInitOf(order: Order): OrderInit {
  const init: OrderInit = {
    id: order.id,
    strategyId: order.strategyId,
    instrumentId: order.instrumentId,
    side: order.side,
    type: order.type,
    quantity: order.quantity,
    timeInForce: order.timeInForce,
    tsInitNs: order.tsInitNs,
  };
  if (order.price !== undefined) init.price = order.price;
  if (order.triggerPrice !== undefined) init.triggerPrice = order.triggerPrice;
  if (order.expireTimeNs !== undefined) init.expireTimeNs = order.expireTimeNs;
  if (order.reduceOnly) init.reduceOnly = true;
  if (order.postOnly) init.postOnly = true;
  if (order.contingency !== 'none') {
    init.contingency = order.contingency;
    init.linkedOrderIds = order.linkedOrderIds;
  }
  if (order.parentOrderId !== undefined) init.parentOrderId = order.parentOrderId;
  return init;
}
