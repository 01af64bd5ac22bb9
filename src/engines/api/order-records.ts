import type { Nanos } from '../../domain/time.ts';
import { Fixed } from '../../trading/money/fixed.ts';
import type { OrderCommandPayload, OrderEventPayload } from '../../trading/orders/order-messages.ts';

/** An order as the API shows it: exact amounts as decimal strings, times as ns (text on the wire). */
export interface OrderView {
  orderId: string;
  strategyId: string;
  symbol: string;
  side: 'buy' | 'sell';
  type: string;
  quantity: string | null;
  price: string | null;
  /** `denied` is a risk refusal (a rejected event carrying the failed check's code). */
  status: string;
  filledQty: string;
  avgPx: string | null;
  createdNs: Nanos;
  updatedNs: Nanos;
  reason: string | null;
}

export interface FillView {
  fillId: string;
  orderId: string;
  symbol: string;
  side: 'buy' | 'sell';
  price: string;
  quantity: string;
  commission: string;
  tsNs: Nanos;
}

export const CLOSED_STATUSES: ReadonlySet<string> = new Set([
  'rejected',
  'denied',
  'filled',
  'canceled',
  'expired',
]);

/** Events that set the status as they are named ('submitted' is the venue's echo, 'updated' a modify). */
const STATUS_EVENTS: ReadonlySet<string> = new Set([
  'accepted',
  'triggered',
  'pending_cancel',
  'canceled',
  'expired',
]);

interface Tracked extends OrderView {
  /** Sum of price x quantity over the fills, for the average fill price. */
  notional: Fixed;
}

const AVG_PX_SCALE = 10;

/** "101.5000000000" -> "101.5": an average is shown without padding. */
function trimZeros(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/\.?0+$/, '') : decimal;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** An order as first seen: nothing filled yet, created and updated at `tsNs`. */
function newOrder(
  ids: { orderId: string; strategyId: string; symbol: string },
  tsNs: Nanos,
  fields: Pick<Tracked, 'side' | 'type' | 'quantity' | 'price' | 'status'>,
): Tracked {
  const { orderId, strategyId, symbol } = ids;
  return {
    orderId,
    strategyId,
    symbol,
    ...fields,
    filledQty: '0',
    avgPx: null,
    createdNs: tsNs,
    updatedNs: tsNs,
    reason: null,
    notional: Fixed.zero(),
  };
}

/**
 * Orders and fills in memory from `order.command.*` and `order.event.*`, bounded to the newest
 * `capacity` of each (the store keeps the full history).
 */
export class OrderRecords {
  private readonly orders = new Map<string, Tracked>();
  private readonly fills = new Map<string, FillView>();

  constructor(private readonly capacity = 5_000) {}

  applyCommand(command: OrderCommandPayload, tsNs: Nanos): void {
    if (command.action !== 'submit' || this.orders.has(command.orderId)) return;
    const order = command.order ?? {};
    this.put(
      newOrder(command, tsNs, {
        side: order.side === 'sell' ? 'sell' : 'buy',
        type: text(order.type) ?? 'unknown',
        quantity: text(order.quantity),
        price: text(order.price),
        status: 'submitted',
      }),
    );
  }

  applyEvent(payload: OrderEventPayload, tsNs: Nanos): void {
    const order = this.orders.get(payload.orderId) ?? this.unseen(payload, tsNs);
    const event = payload.event;
    order.updatedNs = tsNs;
    if (payload.status === 'filled') this.applyFill(order, payload, tsNs);
    else if (payload.status === 'cancel_rejected') order.reason = text(event.reason);
    else if (CLOSED_STATUSES.has(order.status)) return;
    else if (payload.status === 'rejected') {
      order.status = payload.code === undefined ? 'rejected' : 'denied';
      order.reason = text(event.reason);
    } else if (STATUS_EVENTS.has(payload.status)) order.status = payload.status;
  }

  get size(): number {
    return this.orders.size;
  }

  /** Newest first. */
  listOrders(): OrderView[] {
    return [...this.orders.values()].reverse().map(({ notional: _notional, ...view }) => view);
  }

  getOrder(orderId: string): OrderView | undefined {
    const tracked = this.orders.get(orderId);
    if (!tracked) return undefined;
    const { notional: _notional, ...view } = tracked;
    return view;
  }

  /** Newest first. */
  listFills(): FillView[] {
    return [...this.fills.values()].reverse();
  }

  private applyFill(order: Tracked, payload: OrderEventPayload, tsNs: Nanos): void {
    const event = payload.event;
    const fillId = text(event.fillId);
    const price = text(event.lastPrice);
    const quantity = text(event.lastQty);
    if (!fillId || !price || !quantity || this.fills.has(fillId)) return;
    const commission = event.commission as { amount?: unknown } | undefined;
    this.fills.set(fillId, {
      fillId,
      orderId: payload.orderId,
      symbol: payload.symbol,
      side: payload.side,
      price,
      quantity,
      commission: text(commission?.amount) ?? '0',
      tsNs,
    });
    this.trim(this.fills);
    const filled = Fixed.parse(order.filledQty).add(Fixed.parse(quantity));
    order.notional = order.notional.add(Fixed.parse(price).mul(Fixed.parse(quantity)));
    order.filledQty = filled.toString();
    order.avgPx = trimZeros(order.notional.div(filled, AVG_PX_SCALE).toString());
    const complete = order.quantity !== null && filled.gte(Fixed.parse(order.quantity));
    order.status = complete ? 'filled' : 'partially_filled';
  }

  /** An event of an order whose command this process did not see (e.g. sent before a restart). */
  private unseen(payload: OrderEventPayload, tsNs: Nanos): Tracked {
    const order = newOrder(payload, tsNs, {
      side: payload.side,
      type: 'unknown',
      quantity: null,
      price: null,
      status: payload.status,
    });
    this.put(order);
    return order;
  }

  private put(order: Tracked): void {
    this.orders.set(order.orderId, order);
    this.trim(this.orders);
  }

  private trim<V>(map: Map<string, V>): void {
    if (map.size <= this.capacity) return;
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}
