import type { Nanos } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import type { Order } from '../../trading/orders/order.ts';
import type { OrderEvent } from '../../trading/orders/order-events.ts';
import {
  eventOfPayload,
  type OrderCommandPayload,
  type OrderEventPayload,
  submitCommand,
} from '../../trading/orders/order-messages.ts';
import { positionFillOf } from '../../trading/positions/position.ts';
import { PositionBook } from '../../trading/positions/position-book.ts';
import { StrategyOrderBook } from '../../trading/strategy/order-book.ts';
import { OrderFactory } from '../../trading/strategy/order-factory.ts';
import { positionSnapshot } from '../../trading/strategy/position-snapshot.ts';
import type {
  InstrumentLookup,
  PositionSnapshot,
  StrategyContext,
  StrategyLog,
} from '../../trading/strategy/strategy-context.ts';
import type { SignalRequest, StrategySignal } from '../../trading/strategy/types.ts';
import type { BusStrategyClock } from './bus-strategy-clock.ts';
import { orderInitOf } from './order-init.ts';

/** Where the context's messages go (the engine publishes them at the current event time). */
export type Publish = (topic: string, payload: object) => void;

export interface ContextStats {
  /** Submit commands published. */
  sent: number;
  cancelsSent: number;
  /** Orders completely filled. */
  filled: number;
  rejected: number;
  signals: number;
  /** Events that did not fit (unknown order, illegal transition, duplicate fill). */
  ignored: number;
}

export interface BusStrategyContextOptions {
  strategyId: string;
  instruments: InstrumentLookup;
  clock: BusStrategyClock;
  log: StrategyLog;
  publish: Publish;
  /** Order ids handed out by earlier runs of this strategy: ids continue after them. */
  orderIdStart?: number;
}

/**
 * A StrategyContext on the bus: submits and cancels become order commands, signals
 * STRATEGY_SIGNAL messages; the strategy's orders and netting positions move only with the order
 * events fed to `applyEvent`. A sent order is marked submitted at once (a bracket's exits stay
 * initialized until the venue activates them), so working orders count in its exposure.
 */
export class BusStrategyContext implements StrategyContext {
  readonly strategyId: string;
  readonly instruments: InstrumentLookup;
  readonly clock: BusStrategyClock;
  readonly log: StrategyLog;
  readonly orders: StrategyOrderBook;
  readonly stats: ContextStats = { sent: 0, cancelsSent: 0, filled: 0, rejected: 0, signals: 0, ignored: 0 };
  private readonly positions = new PositionBook('NETTING');
  private readonly publish: Publish;

  constructor(opts: BusStrategyContextOptions) {
    this.strategyId = opts.strategyId;
    this.instruments = opts.instruments;
    this.clock = opts.clock;
    this.log = opts.log;
    this.publish = opts.publish;
    const factory = new OrderFactory(opts.strategyId, opts.instruments, opts.clock, opts.orderIdStart);
    this.orders = new StrategyOrderBook(factory, {
      submit: (order) => this.send(order),
      cancel: (order) => this.sendCancel(order),
    });
  }

  position(symbol: string): PositionSnapshot {
    return positionSnapshot(this.instruments.get(symbol), this.positions);
  }

  /** A fill of an earlier run (from the store): the position moves, as it did then. */
  restoreFill(payload: OrderEventPayload): void {
    const event = eventOfPayload(payload);
    if (event.type !== 'filled') return;
    this.positions.applyFill(this.instruments.get(payload.instrumentId), positionFillOf(payload.side, event));
  }

  openOrders(symbol?: string): readonly Order[] {
    return this.orders.open(symbol);
  }

  publishSignal(request: SignalRequest): StrategySignal {
    const symbol = this.instruments.find(request.symbol)?.symbol ?? request.symbol;
    const signal: StrategySignal = { ...request, symbol, strategy: this.strategyId, tsNs: this.now() };
    this.publish(topics.strategy.signal(this.strategyId, symbol), signal);
    this.stats.signals++;
    return signal;
  }

  /**
   * Applies an event of one of this strategy's orders; returns false (and changes nothing) when
   * it does not fit: an unknown order, a repeat, or the venue's echo of our own "submitted".
   */
  applyEvent(event: OrderEvent): boolean {
    const order = this.orders.get(event.orderId);
    if (!order) {
      this.ignore(event, 'unknown order');
      return false;
    }
    if (event.type === 'submitted' && order.status !== 'initialized') return false;
    try {
      order.apply(event);
    } catch (error) {
      this.ignore(event, (error as Error).message);
      return false;
    }
    if (event.type === 'filled') {
      this.positions.applyFill(this.instruments.get(order.instrumentId), positionFillOf(order.side, event));
      if (order.status === 'filled') this.stats.filled++;
    }
    if (event.type === 'rejected') this.stats.rejected++;
    return true;
  }

  private send(order: Order): void {
    const child = order.parentOrderId !== undefined;
    if (!child) order.apply({ type: 'submitted', orderId: order.id, tsNs: this.now() });
    this.publish(
      topics.order.submit(this.strategyId),
      submitCommand(orderInitOf(order), this.symbolOf(order)),
    );
    this.stats.sent++;
    // A bracket entry travels with its exits: the venue holds them until the entry fills.
    for (const id of order.contingency === 'oto' ? order.linkedOrderIds : []) {
      const linked = this.orders.get(id);
      if (linked?.parentOrderId === order.id && linked.status === 'initialized') this.send(linked);
    }
  }

  private sendCancel(order: Order): void {
    const command: OrderCommandPayload = {
      action: 'cancel',
      orderId: order.id,
      strategyId: this.strategyId,
      instrumentId: order.instrumentId,
      symbol: this.symbolOf(order),
    };
    this.publish(topics.order.cancel(this.strategyId), command);
    this.stats.cancelsSent++;
  }

  private symbolOf(order: Order): string {
    return this.instruments.get(order.instrumentId).symbol;
  }

  private ignore(event: OrderEvent, why: string): void {
    this.stats.ignored++;
    this.log.warn(`${this.strategyId}: ignored ${event.type} of ${event.orderId}: ${why}`);
  }

  private now(): Nanos {
    return this.clock.nowNs();
  }
}
