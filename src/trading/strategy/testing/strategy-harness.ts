import type { Nanos } from '../../../domain/time.ts';
import type { Order } from '../../orders/order.ts';
import type { Strategy } from '../strategy.ts';
import type { PriceInput } from '../strategy-context.ts';
import type { Bar, BookSnapshot, QuoteTick, SignalEvent, TradeTick } from '../types.ts';
import { RecordingContext, type RecordingContextOptions } from './recording-context.ts';

/**
 * Drives one strategy over a RecordingContext the way a runtime would: time advances to each
 * event (bar end, tick time) before the handler runs; order events follow the handler.
 */
export class StrategyHarness<S extends Strategy<unknown>> {
  readonly strategy: S;
  readonly ctx: RecordingContext;

  constructor(strategy: S, opts: Omit<RecordingContextOptions, 'strategyId'> = {}) {
    this.strategy = strategy;
    this.ctx = new RecordingContext({ ...opts, strategyId: strategy.id });
    strategy.attach(this.ctx);
    this.ctx.connect({
      onTimer: (name) => strategy.onTimer(name),
      onOrderEvent: (event) => strategy.onOrderEvent(event),
    });
  }

  start(): this {
    this.ctx.deliver(() => this.strategy.onStart());
    return this;
  }

  stop(): this {
    this.ctx.deliver(() => this.strategy.onStop());
    return this;
  }

  bar(bar: Bar): void {
    this.ctx.advanceTo(bar.endNs);
    this.ctx.deliver(() => this.strategy.onBar(bar));
  }

  quote(quote: QuoteTick): void {
    this.ctx.advanceTo(quote.tsNs);
    this.ctx.deliver(() => this.strategy.onQuote(quote));
  }

  trade(trade: TradeTick): void {
    this.ctx.advanceTo(trade.tsNs);
    this.ctx.deliver(() => this.strategy.onTrade(trade));
  }

  book(book: BookSnapshot): void {
    this.ctx.advanceTo(book.tsNs);
    this.ctx.deliver(() => this.strategy.onBook(book));
  }

  signal(signal: SignalEvent, tsNs?: Nanos): void {
    if (tsNs !== undefined) this.ctx.advanceTo(tsNs);
    this.ctx.deliver(() => this.strategy.onSignal(signal));
  }

  advanceTo(tsNs: Nanos): void {
    this.ctx.advanceTo(tsNs);
  }

  /** Feeds bars in order; with `fillAtClose` every market order is filled at the close of its bar. */
  replay(bars: readonly Bar[], opts: { fillAtClose?: boolean } = {}): void {
    for (const bar of bars) {
      this.bar(bar);
      if (opts.fillAtClose) this.fillMarketOrders(bar.close);
    }
  }

  /** Fills every open market order in full at `price` (a simple next-event execution model). */
  fillMarketOrders(price: PriceInput): Order[] {
    const orders = this.ctx.openOrders().filter((o) => o.type === 'market' && o.status !== 'initialized');
    for (const order of orders) this.ctx.fill(order.id, price);
    return orders;
  }
}
