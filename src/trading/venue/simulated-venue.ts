import type { Nanos } from '../../domain/time.ts';
import type { Instrument } from '../instruments/instrument.ts';
import { priceFromFloat, quantityFromFloat } from '../money/price.ts';
import type { Order } from '../orders/order.ts';
import { type ArrivalContext, activateChild, amendOrder, amendProblem, arriveOrder } from './arrivals.ts';
import { barPath } from './bar-path.ts';
import { CommandQueue } from './command-queue.ts';
import { applyContingency } from './contingency.ts';
import { matchBarPoint, matchStanding, matchTrade } from './matching.ts';
import { NetPositions } from './net-positions.ts';
import { cloneOrder, OrderStore, type Working } from './order-store.ts';
import { laterNs } from './session.ts';
import { type StandingBook, standingBookOf } from './standing-book.ts';
import { type ResolvedConfig, resolveConfig, type VenueConfig } from './venue-config.ts';
import type { Amendment, CommandRejected, MarketData, VenueEvent } from './venue-types.ts';

/**
 * The deterministic simulated venue shared by backtests and paper trading. Pure: time comes only
 * from `nowNs` arguments and market data timestamps (never backwards: earlier times are clamped).
 * Every call returns the events it produced, in order; apply the OrderEvents to the caller's orders.
 */
export class SimulatedVenue {
  readonly config: ResolvedConfig;
  private readonly store = new OrderStore();
  private readonly positions = new NetPositions();
  private readonly books = new Map<string, StandingBook>();
  private readonly barSidesSeen = new Map<string, Set<'bid' | 'ask'>>();
  private readonly queue = new CommandQueue();
  private readonly ctx: ArrivalContext;
  private clock: Nanos = 0n;
  private venueOrders = 0;

  constructor(config: VenueConfig) {
    this.config = resolveConfig(config);
    this.ctx = {
      cfg: this.config,
      store: this.store,
      positions: this.positions,
      books: this.books,
      nextVenueOrderId: () => `${this.config.venueName}-${++this.venueOrders}`,
    };
    this.store.hook = (w, event) =>
      applyContingency(this.store, w, event.tsNs, (child, qty) =>
        activateChild(this.ctx, child, qty, event.tsNs),
      );
  }

  /** Net position per instrument from the venue's fills (long > 0). */
  netPosition(instrumentId: string) {
    return this.positions.get(instrumentId);
  }

  /**
   * Emits OrderSubmitted now (when the order is still initialized) and queues its arrival at
   * nowNs + latency. Bracket children (parentOrderId) stay initialized until their parent is done.
   */
  submit(order: Order, nowNs: Nanos): VenueEvent[] {
    this.advance(nowNs);
    const ts = this.clock;
    const child = order.parentOrderId !== undefined;
    const okStatus = order.status === 'initialized' || (!child && order.status === 'submitted');
    if (!okStatus || this.store.has(order.id)) {
      const why = okStatus ? `duplicate order id ${order.id}` : `cannot submit a ${order.status} order`;
      return [this.refused('submit', order.id, why, ts)];
    }
    const clone = cloneOrder(order);
    const w = this.store.add(clone, this.findInstrument(order.instrumentId));
    if (order.status === 'submitted')
      clone.apply({ type: 'submitted', orderId: order.id, tsNs: order.tsLastNs });
    else if (!child) this.store.emit(w, { type: 'submitted', orderId: order.id, tsNs: ts });
    this.queue.push(ts + this.config.latencyNs, (at) =>
      child ? this.arriveChild(w, at) : arriveOrder(this.ctx, w, at),
    );
    if (this.config.latencyNs === 0n) this.advance(ts);
    return this.store.drain();
  }

  /** OrderPendingCancel now (when working); at arrival OrderCanceled, or a rejection if it lost the race. */
  cancel(orderId: string, nowNs: Nanos): VenueEvent[] {
    this.advance(nowNs);
    const ts = this.clock;
    const w = this.store.get(orderId);
    if (!w || w.order.isTerminal)
      return [this.refused('cancel', orderId, w ? `order is ${w.order.status}` : 'unknown order', ts)];
    if (w.order.isWorking) this.store.emit(w, { type: 'pending_cancel', orderId, tsNs: ts });
    this.queue.push(ts + this.config.latencyNs, (at) => {
      if (!w.order.isTerminal) this.store.emit(w, { type: 'canceled', orderId, tsNs: at });
      else if (w.order.status !== 'canceled')
        this.store.out.push(this.refused('cancel', orderId, `order is ${w.order.status}`, at));
    });
    if (this.config.latencyNs === 0n) this.advance(ts);
    return this.store.drain();
  }

  /** Amends a working order at arrival (OrderUpdated) or reports command_rejected with the reason. */
  modify(orderId: string, amendment: Amendment, nowNs: Nanos): VenueEvent[] {
    this.advance(nowNs);
    const ts = this.clock;
    this.queue.push(ts + this.config.latencyNs, (at) => {
      const w = this.store.get(orderId);
      const problem = amendProblem(this.ctx, w, amendment);
      if (problem || !w) this.store.out.push(this.refused('modify', orderId, problem ?? 'unknown order', at));
      else amendOrder(this.ctx, w, amendment, at);
    });
    if (this.config.latencyNs === 0n) this.advance(ts);
    return this.store.drain();
  }

  /** Releases commands and expiries due by nowNs. */
  advanceTo(nowNs: Nanos): VenueEvent[] {
    this.advance(nowNs);
    return this.store.drain();
  }

  /** Matches working orders of the instrument against one market data event (after due commands). */
  onMarketData(data: MarketData): VenueEvent[] {
    const ts = data.kind === 'bar' ? data.endNs : data.tsNs;
    this.advance(ts);
    const instrument = this.findInstrument(data.symbol);
    if (!instrument || !this.config.kinds.has(data.kind)) return this.store.drain();
    const at = this.clock;
    if (data.kind === 'quote' || data.kind === 'book') {
      const book = standingBookOf(instrument, data);
      this.books.set(instrument.id, book);
      for (const w of this.store.working(instrument.id)) matchStanding(this.ctx, w, book, false, at);
      return this.store.drain();
    }
    // Trades and bars leave no state behind: with no working order there is nothing to match.
    const side = data.kind === 'bar' ? this.barSide(instrument.id, data.spec) : undefined;
    const working = this.store.hasLive ? this.store.working(instrument.id) : [];
    if (working.length === 0) return this.store.drain();
    if (data.kind === 'trade') {
      const level = {
        price: priceFromFloat(data.price, instrument.tickSize),
        remaining: quantityFromFloat(Math.max(0, data.size), instrument.lotSize, 'floor'),
      };
      for (const w of working) matchTrade(this.ctx, w, level, at);
    } else {
      const { tickSize } = instrument;
      const path = barPath(
        priceFromFloat(data.open, tickSize),
        priceFromFloat(data.high, tickSize),
        priceFromFloat(data.low, tickSize),
        priceFromFloat(data.close, tickSize),
      );
      for (let k = 0; k < path.length; k++)
        for (const w of this.store.working(instrument.id))
          if ((side === undefined || w.order.side === side) && w.arrivedNs <= data.startNs)
            matchBarPoint(this.ctx, w, path[k]!, k === 0, at);
    }
    return this.store.drain();
  }

  /**
   * Bid bars are what a seller gets and ask bars what a buyer pays ('1m-bid', '1m-ask'): once an
   * instrument has shown both, each side matches only on its own bars. A bar without a side, or
   * bid (or ask) bars alone, serve both sides.
   */
  private barSide(instrumentId: string, spec: string): 'buy' | 'sell' | undefined {
    const quoteSide = spec.endsWith('-bid') ? 'bid' : spec.endsWith('-ask') ? 'ask' : undefined;
    if (quoteSide === undefined) return undefined;
    let seen = this.barSidesSeen.get(instrumentId);
    if (!seen) {
      seen = new Set();
      this.barSidesSeen.set(instrumentId, seen);
    }
    seen.add(quoteSide);
    if (seen.size < 2) return undefined;
    return quoteSide === 'bid' ? 'sell' : 'buy';
  }

  private advance(targetNs: Nanos): void {
    for (;;) {
      const cmdAt = this.queue.nextAt();
      const exp = this.store.hasLive ? this.nextExpiry() : undefined;
      const expAt = exp?.expiryNs;
      const expDue = expAt !== undefined && expAt <= targetNs;
      const cmdDue = cmdAt !== undefined && cmdAt <= targetNs;
      if (expDue && (!cmdDue || expAt <= cmdAt)) {
        this.clock = laterNs(this.clock, expAt);
        this.expire(exp!);
      } else if (cmdDue) {
        this.clock = laterNs(this.clock, cmdAt);
        this.queue.runNext();
      } else break;
    }
    if (targetNs > this.clock) this.clock = targetNs;
  }

  private nextExpiry(): Working | undefined {
    let best: Working | undefined;
    for (const w of this.store.working()) {
      if (w.expiryNs !== undefined && (!best || w.expiryNs < best.expiryNs!)) best = w;
    }
    return best;
  }

  /** Expired; a pending cancel wins (OrderCanceled: the state machine has no pending_cancel -> expired). */
  private expire(w: Working): void {
    const type = w.order.status === 'pending_cancel' ? 'canceled' : 'expired';
    w.expiryNs = undefined;
    this.store.emit(w, { type, orderId: w.order.id, tsNs: this.clock });
  }

  private arriveChild(w: Working, at: Nanos): void {
    const parent = this.store.get(w.order.parentOrderId!);
    if (!parent?.arrived) {
      this.store.emit(w, { type: 'submitted', orderId: w.order.id, tsNs: at });
      this.store.arrive(w, at);
      this.store.emit(w, { type: 'rejected', orderId: w.order.id, reason: 'unknown parent order', tsNs: at });
      return;
    }
    this.store.arrive(w, at);
    applyContingency(this.store, parent, at, (child, qty) => activateChild(this.ctx, child, qty, at));
  }

  private findInstrument(idOrSymbol: string): Instrument | undefined {
    try {
      return this.config.instruments.find(idOrSymbol);
    } catch {
      return undefined;
    }
  }

  private refused(
    command: CommandRejected['command'],
    orderId: string,
    reason: string,
    tsNs: Nanos,
  ): CommandRejected {
    return { type: 'command_rejected', command, orderId, reason, tsNs };
  }
}
