import type { Order } from '../../trading/orders/order.ts';
import type { OrderFilled } from '../../trading/orders/order-events.ts';

/**
 * TRADE_EXECUTION payload of one fill: the schema's core (orderId, symbol, side, price and
 * quantity as exact decimal strings, tsNs) plus what a consumer needs to book it without the order.
 */
export function tradeExecutionPayload(order: Order, symbol: string, fill: OrderFilled) {
  return {
    orderId: order.id,
    fillId: fill.fillId,
    strategyId: order.strategyId,
    instrumentId: order.instrumentId,
    symbol,
    side: order.side,
    price: fill.lastPrice.toString(),
    quantity: fill.lastQty.toString(),
    commission: { amount: fill.commission.amount.toString(), currency: fill.commission.currency },
    liquidity: fill.liquidity,
    ...(order.venueOrderId === undefined ? {} : { venueOrderId: order.venueOrderId }),
    tsNs: fill.tsNs,
  };
}
