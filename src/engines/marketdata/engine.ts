import { msToNs } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import { DEFAULT_INSTRUMENTS } from '../../marketdata/synthetic/instruments.ts';
import type { MarketDataEvent } from '../../marketdata/synthetic/market-event.ts';
import { SyntheticMarket } from '../../marketdata/synthetic/synthetic-market.ts';
import { Engine } from '../engine.ts';
import type { MarketdataConfig } from './manifest.ts';

type EventKind = MarketDataEvent['kind'];

/**
 * The market-data hub, embedded default: a seeded SyntheticMarket whose event time starts at the
 * clock's now. Every `tickMs` it publishes the events that are due (tsNs <= now) on
 * `market_data.<kind>.<symbol>`, and for each trade a PRICE_UPDATE and a VOLUME_UPDATE.
 */
export class MarketDataEngine extends Engine<MarketdataConfig> {
  private market: SyntheticMarket | undefined;
  private readonly timerName = `marketdata.tick.${this.ctx.instanceId}`;
  private readonly published: Record<EventKind | 'price' | 'volume', number> = {
    trade: 0,
    quote: 0,
    book: 0,
    price: 0,
    volume: 0,
  };

  onStart(): void {
    const { seed, tickMs, symbols, rateScale } = this.ctx.config;
    let instruments = DEFAULT_INSTRUMENTS;
    if (symbols) {
      const known = new Set(DEFAULT_INSTRUMENTS.map((spec) => spec.symbol));
      const unknown = symbols.filter((symbol) => !known.has(symbol));
      if (unknown.length > 0) {
        throw new RangeError(
          `marketdata: unknown symbol(s) ${unknown.join(', ')} (known: ${[...known].join(', ')})`,
        );
      }
      instruments = DEFAULT_INSTRUMENTS.filter((spec) => symbols.includes(spec.symbol));
    }
    this.market = new SyntheticMarket(
      { instruments, dynamics: { rateScale }, startNs: this.ctx.clock.nowNs() },
      seed,
    );
    this.ctx.clock.setTimer(this.timerName, msToNs(tickMs), () => this.publishDue());
    this.ctx.logger.info(
      { seed, tickMs, rateScale, symbols: this.market.symbols },
      'publishing the synthetic market',
    );
  }

  override onStop(): void {
    this.ctx.clock.cancel(this.timerName);
  }

  override healthDetail(): string {
    const symbols = this.market?.symbols.join(',') ?? 'none';
    const { trade, quote, book, price, volume } = this.published;
    return `synthetic market (seed ${this.ctx.config.seed}) symbols ${symbols}; published trades ${trade}, quotes ${quote}, books ${book}, price updates ${price}, volume updates ${volume}`;
  }

  /** Publishes every event with tsNs <= now. */
  private publishDue(): void {
    const market = this.market;
    if (!market) return;
    const bus = this.ctx.bus;
    for (const event of market.eventsUntil(this.ctx.clock.nowNs())) {
      const { symbol, tsNs } = event;
      switch (event.kind) {
        case 'trade':
          bus.publish({ topic: topics.marketData.trade(symbol), payload: event, eventTimeNs: tsNs });
          bus.publish({
            topic: topics.price.update(symbol),
            payload: { symbol, price: event.price, tsNs },
            eventTimeNs: tsNs,
          });
          bus.publish({
            topic: topics.volume.update(symbol),
            payload: { symbol, volume: event.size, tsNs },
            eventTimeNs: tsNs,
          });
          this.published.price++;
          this.published.volume++;
          break;
        case 'quote':
          bus.publish({ topic: topics.marketData.quote(symbol), payload: event, eventTimeNs: tsNs });
          break;
        case 'book':
          bus.publish({ topic: topics.marketData.book(symbol), payload: event, eventTimeNs: tsNs });
          break;
      }
      this.published[event.kind]++;
    }
  }
}
