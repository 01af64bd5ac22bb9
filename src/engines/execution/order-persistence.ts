import type { Envelope } from '../../domain/envelope.ts';
import { topics } from '../../domain/topics.ts';
import { OrderUpdateWriter } from '../../store/order-update-writer.ts';
import type { OrderRow } from '../../store/rows.ts';
import type { Store } from '../../store/store.ts';
import {
  eventPayload,
  type OrderCommandPayload,
  type OrderEventPayload,
} from '../../trading/orders/order-messages.ts';
import { TERMINAL_STATUSES } from '../../trading/orders/order-types.ts';
import type { EngineContext } from '../engine.ts';
import { OrderJournal } from './order-journal.ts';

/** The code on the cancel of an order that was resting at the paper venue when it stopped. */
export const VENUE_RESTARTED = 'VENUE_RESTARTED';

/**
 * Keeps every order, order event and fill of the platform in the store, from the bus: submit
 * commands (so orders risk denies are kept too) and order events from risk and the venue. At
 * start it rebuilds the orders the store still shows open; the simulated venue keeps no resting
 * orders across a restart, so once the host is ready they are canceled with code VENUE_RESTARTED,
 * on the bus like any cancel, so strategies, portfolio and the store all see it.
 */
export class OrderPersistence {
  readonly journal = new OrderJournal();
  readonly writer: OrderUpdateWriter;
  restoredOpen = 0;

  constructor(
    private readonly ctx: EngineContext,
    store: Store,
  ) {
    this.writer = new OrderUpdateWriter(store, {
      onGiveUp: (update, error) =>
        ctx.logger.error(
          { err: error, orders: update.orders?.length, events: update.events?.length },
          'order update given up after retries: not in the store',
        ),
    });
  }

  async start(store: Store): Promise<void> {
    await this.restore(store);
    const { bus } = this.ctx;
    await bus.subscribe(topics.pattern('order.command'), (envelope) => this.onCommand(envelope));
    await bus.subscribe(topics.pattern('order.event'), (envelope) => this.onEvent(envelope));
  }

  /** Cancels the orders restored open: after every engine subscribed, so all of them hear it. */
  settleRestored(): void {
    const nowNs = this.ctx.clock.nowNs();
    for (const { order, symbol } of this.journal.openOrders()) {
      this.ctx.bus.publish({
        topic: topics.order.event('canceled', symbol),
        payload: eventPayload(
          order,
          symbol,
          { type: 'canceled', orderId: order.id, tsNs: nowNs },
          VENUE_RESTARTED,
        ),
        eventTimeNs: nowNs,
      });
    }
  }

  stop(): Promise<void> {
    return this.writer.close();
  }

  private async restore(store: Store): Promise<void> {
    const open = await store.query<{ order_id: string }>(
      `SELECT order_id FROM orders WHERE status NOT IN (${[...TERMINAL_STATUSES].map((status) => `'${status}'`).join(', ')}) ORDER BY created_ns`,
    );
    for (const { order_id: orderId } of open) {
      const [row] = await store.read('orders', { where: { orderId } });
      const history = await store.read('order_events', { where: { orderId } });
      try {
        this.journal.restore(row as OrderRow, history);
        this.restoredOpen++;
      } catch (error) {
        this.ctx.logger.error({ err: error, orderId }, 'stored open order could not be rebuilt');
      }
    }
    if (this.restoredOpen > 0)
      this.ctx.logger.warn(
        { orders: this.restoredOpen },
        'orders open at the last stop: the paper venue keeps none, they are canceled (VENUE_RESTARTED)',
      );
  }

  /** Returns the write, so the bus acks the message only once the store has it. */
  private onCommand(envelope: Envelope): Promise<void> | undefined {
    const update = this.journal.onSubmit(envelope.payload as OrderCommandPayload, envelope.eventTimeNs);
    return update && this.writer.write(update);
  }

  private onEvent(envelope: Envelope): Promise<void> {
    return this.writer.write(
      this.journal.onEvent(envelope.payload as OrderEventPayload, envelope.eventTimeNs),
    );
  }
}
