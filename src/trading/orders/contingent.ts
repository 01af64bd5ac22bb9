import type { Nanos } from '../../domain/time.ts';
import type { Price, Quantity } from '../money/price.ts';
import { Order } from './order.ts';
import type { OrderIdGenerator } from './order-id.ts';
import { type OrderInit, type OrderSide, oppositeSide, type TimeInForce } from './order-types.ts';

type Leg = Omit<OrderInit, 'id' | 'contingency' | 'linkedOrderIds' | 'parentOrderId'>;

/** Two orders that cancel each other: the first fill (or cancel/expiry/reject) of one cancels the other. */
export function createOco(ids: OrderIdGenerator, a: Leg, b: Leg): [Order, Order] {
  const idA = ids.next();
  const idB = ids.next();
  return [
    new Order({ ...a, id: idA, contingency: 'oco', linkedOrderIds: [idB] }),
    new Order({ ...b, id: idB, contingency: 'oco', linkedOrderIds: [idA] }),
  ];
}

export interface BracketRequest {
  strategyId: string;
  instrumentId: string;
  side: OrderSide;
  quantity: Quantity;
  /** Limit entry when given, market entry otherwise. */
  entryPrice?: Price;
  takeProfitPrice: Price;
  stopLossTriggerPrice: Price;
  entryTimeInForce?: TimeInForce;
  tsInitNs: Nanos;
}

export interface Bracket {
  entry: Order;
  takeProfit: Order;
  stopLoss: Order;
}

/**
 * Entry (OTO parent) + take-profit limit + stop-loss stop on the opposite side. The children stay
 * initialized until the entry fills (see contingentActions) and are OCO with each other.
 */
export function createBracket(ids: OrderIdGenerator, r: BracketRequest): Bracket {
  const entryId = ids.next();
  const tpId = ids.next();
  const slId = ids.next();
  const common = { strategyId: r.strategyId, instrumentId: r.instrumentId, tsInitNs: r.tsInitNs };
  const exit = { ...common, side: oppositeSide(r.side), quantity: r.quantity, reduceOnly: true };
  const entry = new Order({
    ...common,
    id: entryId,
    side: r.side,
    quantity: r.quantity,
    ...(r.entryPrice
      ? { type: 'limit', price: r.entryPrice, timeInForce: r.entryTimeInForce ?? 'GTC' }
      : { type: 'market', timeInForce: r.entryTimeInForce ?? 'IOC' }),
    contingency: 'oto',
    linkedOrderIds: [tpId, slId],
  });
  const takeProfit = new Order({
    ...exit,
    id: tpId,
    type: 'limit',
    price: r.takeProfitPrice,
    contingency: 'oco',
    linkedOrderIds: [slId],
    parentOrderId: entryId,
  });
  const stopLoss = new Order({
    ...exit,
    id: slId,
    type: 'stop',
    triggerPrice: r.stopLossTriggerPrice,
    contingency: 'oco',
    linkedOrderIds: [tpId],
    parentOrderId: entryId,
  });
  return { entry, takeProfit, stopLoss };
}

export interface ContingentActions {
  /** Children to submit now, with their quantity (the parent's filled quantity). */
  activate: Array<{ orderId: string; quantity: Quantity }>;
  /** Orders to cancel (non-terminal only). */
  cancel: string[];
}

/** What the contingency rules demand after `changed` received an event. Pure: the caller acts. */
export function contingentActions(
  changed: Order,
  lookup: (id: string) => Order | undefined,
): ContingentActions {
  const actions: ContingentActions = { activate: [], cancel: [] };
  const linked = changed.linkedOrderIds.map(lookup).filter((o): o is Order => o !== undefined);
  const open = linked.filter((o) => !o.isTerminal);
  if (changed.contingency === 'oto') {
    const parentDone = changed.status === 'filled' || changed.isTerminal;
    if (!parentDone) return actions;
    const waiting = open.filter((o) => o.status === 'initialized');
    if (changed.filledQty.isPositive()) {
      actions.activate = waiting.map((o) => ({ orderId: o.id, quantity: changed.filledQty }));
    } else {
      actions.cancel = waiting.map((o) => o.id);
    }
  } else if (changed.contingency === 'oco') {
    const hit = changed.filledQty.isPositive() || changed.isTerminal;
    if (hit) actions.cancel = open.map((o) => o.id);
  }
  return actions;
}
