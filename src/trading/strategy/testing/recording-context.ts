import { TestClock } from '../../../core/test-clock.ts';
import type { Nanos } from '../../../domain/time.ts';
import { invalid } from '../../errors.ts';
import { defaultInstrumentRegistry } from '../../instruments/defaults.ts';
import { Money } from '../../money/money.ts';
import { contingentActions } from '../../orders/contingent.ts';
import type { Order } from '../../orders/order.ts';
import type { OrderEvent, OrderFilled } from '../../orders/order-events.ts';
import { fillId } from '../../orders/order-id.ts';
import { PositionBook } from '../../positions/position-book.ts';
import { snapPrice, snapQuantity } from '../grid.ts';
import { StrategyOrderBook } from '../order-book.ts';
import { OrderFactory } from '../order-factory.ts';
import { positionSnapshot } from '../position-snapshot.ts';
import type {
  InstrumentLookup,
  PositionSnapshot,
  PriceInput,
  QuantityInput,
  StrategyContext,
} from '../strategy-context.ts';
import type { SignalRequest, StrategySignal } from '../types.ts';
import { type OrderRecord, orderRecord } from './order-record.ts';
import { RecordingClock } from './recording-clock.ts';
import { type LogRecord, RecordingLog } from './recording-log.ts';

export interface RecordingContextOptions {
  strategyId: string;
  /** Default: the platform's default instruments (AAPL.SIM, EURUSD.SIM, ...). */
  instruments?: InstrumentLookup;
  startNs?: Nanos;
}

export interface ContextHandlers {
  onTimer?: (name: string) => void;
  onOrderEvent?: (event: OrderEvent) => void;
}

/**
 * A complete in-memory StrategyContext: an instant venue that records what the strategy does.
 * Submits and cancels take effect at once (submitted / canceled events); fills are fed with
 * `fill()` (or any event with `apply()`), move the netting position and run the contingency rules
 * (bracket exits activate on the entry fill, OCO siblings cancel). Events reach the strategy after
 * the handler that caused them returns, in order; timers run on a TestClock.
 */
export class RecordingContext implements StrategyContext {
  readonly strategyId: string;
  readonly instruments: InstrumentLookup;
  readonly testClock: TestClock;
  readonly clock: RecordingClock;
  readonly orders: StrategyOrderBook;
  readonly log: RecordingLog;
  /** Orders sent to the venue, in order (bracket exits when they activate). */
  readonly submitted: Order[] = [];
  readonly cancels: Array<{ orderId: string; tsNs: Nanos }> = [];
  readonly signals: StrategySignal[] = [];
  /** Every order event applied, in order. */
  readonly events: OrderEvent[] = [];
  private readonly positions = new PositionBook('NETTING');
  private readonly pending: OrderEvent[] = [];
  private handlers: ContextHandlers = {};
  private busy = false;

  constructor(opts: RecordingContextOptions) {
    this.strategyId = opts.strategyId;
    this.instruments = opts.instruments ?? defaultInstrumentRegistry();
    this.testClock = new TestClock(opts.startNs ?? 0n);
    this.clock = new RecordingClock(this.testClock, (name) =>
      this.deliver(() => this.handlers.onTimer?.(name)),
    );
    this.log = new RecordingLog(() => this.testClock.nowNs());
    const factory = new OrderFactory(opts.strategyId, this.instruments, this.testClock);
    this.orders = new StrategyOrderBook(factory, {
      submit: (order) => this.sendToVenue(order),
      cancel: (order) => {
        this.cancels.push({ orderId: order.id, tsNs: this.now() });
        this.apply({ type: 'canceled', orderId: order.id, tsNs: this.now() });
      },
    });
  }

  get logs(): readonly LogRecord[] {
    return this.log.records;
  }

  /** Where timer firings and order events go (the strategy's handlers). */
  connect(handlers: ContextHandlers): void {
    this.handlers = handlers;
  }

  /** Runs `fn` (a strategy handler), then delivers the order events it caused. */
  deliver(fn: () => void): void {
    if (this.busy) {
      fn();
      return;
    }
    this.busy = true;
    try {
      fn();
      for (let event = this.pending.shift(); event; event = this.pending.shift()) {
        this.handlers.onOrderEvent?.(event);
      }
    } finally {
      this.busy = false;
    }
  }

  /** Moves time forward, firing due timers; never backwards. */
  advanceTo(tsNs: Nanos): void {
    if (tsNs > this.now()) this.testClock.advanceTo(tsNs);
  }

  position(symbol: string): PositionSnapshot {
    return positionSnapshot(this.instruments.get(symbol), this.positions);
  }

  openOrders(symbol?: string): readonly Order[] {
    return this.orders.open(symbol);
  }

  publishSignal(request: SignalRequest): StrategySignal {
    const signal: StrategySignal = { ...request, strategy: this.strategyId, tsNs: this.now() };
    this.signals.push(signal);
    return signal;
  }

  /** Applies an order event as the venue would report it, then its consequences. */
  apply(event: OrderEvent): void {
    this.deliver(() => this.record(event));
  }

  private record(event: OrderEvent): void {
    const order = this.orders.get(event.orderId);
    if (!order) throw invalid(`unknown order ${event.orderId} for strategy ${this.strategyId}`);
    order.apply(event);
    this.events.push(event);
    this.pending.push(event);
    if (event.type === 'filled') {
      this.positions.applyFill(this.instruments.get(order.instrumentId), {
        orderId: order.id,
        fillId: event.fillId,
        side: order.side,
        quantity: event.lastQty,
        price: event.lastPrice,
        commission: event.commission,
        tsNs: event.tsNs,
      });
    }
    const actions = contingentActions(order, (id) => this.orders.get(id));
    for (const { orderId, quantity } of actions.activate) {
      const child = this.orders.get(orderId)!;
      if (!child.quantity.eq(quantity)) this.record({ type: 'updated', orderId, quantity, tsNs: this.now() });
      this.sendToVenue(child);
    }
    for (const orderId of actions.cancel) this.record({ type: 'canceled', orderId, tsNs: this.now() });
  }

  /** Fills (all of the leaves by default) at `price`, accepting the order first if needed. */
  fill(orderId: string, price: PriceInput, quantity?: QuantityInput): OrderFilled {
    const order = this.orders.get(orderId);
    if (!order) throw invalid(`unknown order ${orderId} for strategy ${this.strategyId}`);
    const instrument = this.instruments.get(order.instrumentId);
    if (order.status === 'submitted') this.apply({ type: 'accepted', orderId, tsNs: this.now() });
    const event: OrderFilled = {
      type: 'filled',
      orderId,
      fillId: fillId(orderId, order.events.filter((e) => e.type === 'filled').length + 1),
      lastPrice: snapPrice(instrument, price),
      lastQty: quantity === undefined ? order.leavesQty : snapQuantity(instrument, quantity),
      commission: Money.zero(instrument.quoteCurrency),
      liquidity: 'taker',
      tsNs: this.now(),
    };
    this.apply(event);
    return event;
  }

  /** The submitted orders as plain JSON-safe records (for snapshots and determinism checks). */
  orderLog(): OrderRecord[] {
    return this.submitted.map(orderRecord);
  }

  private sendToVenue(order: Order): void {
    this.submitted.push(order);
    this.deliver(() => this.record({ type: 'submitted', orderId: order.id, tsNs: this.now() }));
  }

  private now(): Nanos {
    return this.testClock.nowNs();
  }
}
