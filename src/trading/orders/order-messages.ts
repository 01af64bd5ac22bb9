import type { OrderEvent } from './order-events.ts';
import type { OrderInit, OrderSide } from './order-types.ts';
import { orderEventFromWire, orderEventToWire, orderInitFromWire, orderInitToWire } from './order-wire.ts';

/**
 * The payloads of the order path on the bus: `order.command.*` (strategy -> risk),
 * `order.approved.<venue>` (risk -> execution) and `order.event.<kind>.<symbol>` (risk denials,
 * execution and venue events -> strategy, portfolio, risk). Routing fields sit beside the wire
 * order or event so consumers can filter without decoding.
 */
export interface OrderCommandPayload {
  action: 'submit' | 'cancel';
  orderId: string;
  strategyId: string;
  instrumentId: string;
  symbol: string;
  /** submit: the order (wire form). */
  order?: Record<string, unknown>;
}

export interface OrderEventPayload {
  orderId: string;
  status: OrderEvent['type'];
  strategyId: string;
  instrumentId: string;
  symbol: string;
  side: OrderSide;
  event: Record<string, unknown>;
  /** Risk denials: the check that failed (e.g. MAX_POSITION). */
  code?: string;
}

export function submitCommand(init: OrderInit, symbol: string): OrderCommandPayload {
  return {
    action: 'submit',
    orderId: init.id,
    strategyId: init.strategyId,
    instrumentId: init.instrumentId,
    symbol,
    order: orderInitToWire(init),
  };
}

export function orderOfCommand(command: OrderCommandPayload): OrderInit {
  if (command.action !== 'submit' || command.order === undefined)
    throw new RangeError(`order command ${command.orderId}: ${command.action} carries no order`);
  return orderInitFromWire(command.order);
}

export function eventPayload(
  init: Pick<OrderInit, 'id' | 'strategyId' | 'instrumentId' | 'side'>,
  symbol: string,
  event: OrderEvent,
  code?: string,
): OrderEventPayload {
  return {
    orderId: init.id,
    status: event.type,
    strategyId: init.strategyId,
    instrumentId: init.instrumentId,
    symbol,
    side: init.side,
    event: orderEventToWire(event),
    ...(code === undefined ? {} : { code }),
  };
}

export function eventOfPayload(payload: OrderEventPayload): OrderEvent {
  return orderEventFromWire(payload.event);
}
