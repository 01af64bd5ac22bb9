import { bigintAsText, type Nanos } from '../../domain/time.ts';
import type { FillRow, OrderEventRow, OrderRow } from '../../store/rows.ts';
import type { OrderUpdate } from '../../store/store.ts';
import { Order } from '../../trading/orders/order.ts';
import {
  eventOfPayload,
  type OrderCommandPayload,
  type OrderEventPayload,
  orderOfCommand,
} from '../../trading/orders/order-messages.ts';
import { orderInitFromWire } from '../../trading/orders/order-wire.ts';

interface Journaled {
  readonly order: Order;
  readonly symbol: string;
  readonly wire: Record<string, unknown>;
  code?: string;
}

/** Bus payloads hold bigint ns; jsonb holds them as decimal strings (the wire decoders accept both). */
function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, bigintAsText)) as T;
}

/**
 * Turns the order flow seen on the bus (submit commands, then every order event from risk and
 * the venue) into store rows: the order's current state, its event history (each event row holds
 * the whole bus payload, so fills can be replayed exactly) and its fills. Pure: the engine writes
 * what it returns.
 */
export class OrderJournal {
  private readonly open = new Map<string, Journaled>();
  /** Events of orders this journal never saw submitted (written as history only). */
  unknownOrderEvents = 0;

  onSubmit(command: OrderCommandPayload, tsNs: Nanos): OrderUpdate | undefined {
    if (command.action !== 'submit' || this.open.has(command.orderId)) return undefined;
    let order: Order;
    try {
      order = new Order(orderOfCommand(command));
    } catch {
      return undefined; // execution refuses it too, and says so; there is no order to keep
    }
    // As a strategy does when it sends: the order is submitted from here on (risk may reject it).
    order.apply({ type: 'submitted', orderId: order.id, tsNs });
    const entry: Journaled = { order, symbol: command.symbol, wire: asJson(command.order ?? {}) };
    this.open.set(order.id, entry);
    return { orders: [this.rowOf(entry, tsNs)] };
  }

  /** An order still open in the store at start, rebuilt from its submit and its event history. */
  restore(row: OrderRow, history: readonly OrderEventRow[]): Order {
    const data = (row.data ?? {}) as { symbol?: string; order?: Record<string, unknown>; code?: string };
    const order = new Order(orderInitFromWire(data.order));
    order.apply({ type: 'submitted', orderId: order.id, tsNs: row.createdNs });
    for (const event of history) {
      try {
        order.apply(eventOfPayload(event.data as unknown as OrderEventPayload));
      } catch {
        // Same rule as live: history that does not fit leaves the state as it was.
      }
    }
    const entry: Journaled = { order, symbol: data.symbol ?? row.instrumentId, wire: data.order ?? {} };
    if (data.code) entry.code = data.code;
    if (!order.isTerminal) this.open.set(order.id, entry);
    return order;
  }

  /** Open orders and their symbols (after restore: the ones to settle). */
  openOrders(): Array<{ order: Order; symbol: string }> {
    return [...this.open.values()].map(({ order, symbol }) => ({ order, symbol }));
  }

  onEvent(payload: OrderEventPayload, tsNs: Nanos): OrderUpdate {
    const eventRow: OrderEventRow = {
      orderId: payload.orderId,
      eventType: payload.status,
      tsNs,
      data: asJson(payload) as unknown as Record<string, unknown>,
    };
    const event = eventOfPayload(payload);
    const fills: FillRow[] =
      event.type === 'filled'
        ? [
            {
              fillId: event.fillId,
              orderId: payload.orderId,
              instrumentId: payload.instrumentId,
              side: payload.side,
              price: event.lastPrice.toString(),
              quantity: event.lastQty.toString(),
              commission: event.commission.amount.toString(),
              commissionCurrency: event.commission.currency,
              liquidity: event.liquidity,
              tsNs: event.tsNs,
            },
          ]
        : [];
    const entry = this.open.get(payload.orderId);
    if (!entry) {
      this.unknownOrderEvents++;
      return { events: [eventRow], fills };
    }
    try {
      entry.order.apply(event);
    } catch {
      // A redelivered or out-of-order event: the history keeps it, the state stays as it was.
    }
    if (payload.code) entry.code = payload.code;
    if (entry.order.isTerminal) this.open.delete(payload.orderId);
    return { orders: [this.rowOf(entry, tsNs)], events: [eventRow], fills };
  }

  private rowOf({ order, symbol, wire, code }: Journaled, tsNs: Nanos): OrderRow {
    // 8 decimals, trailing zeros dropped: 189.97, not 189.97000000.
    const avgPx = order.avgPx
      ?.toFixed(8, 'half-even')
      .toString()
      .replace(/\.?0+$/, '');
    return {
      orderId: order.id,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      side: order.side,
      orderType: order.type,
      quantity: order.quantity.toString(),
      price: order.price?.toString() ?? null,
      triggerPrice: order.triggerPrice?.toString() ?? null,
      timeInForce: order.timeInForce,
      status: order.status,
      filledQty: order.filledQty.toString(),
      createdNs: order.tsInitNs,
      updatedNs: tsNs,
      data: {
        symbol,
        order: wire,
        ...(avgPx === undefined ? {} : { avgPx }),
        ...(order.rejectReason === undefined ? {} : { reason: order.rejectReason }),
        ...(code === undefined ? {} : { code }),
      },
    };
  }
}
