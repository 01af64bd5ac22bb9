import type { Logger } from '../../core/logger.ts';
import type { MarketDataPayload } from '../../domain/payloads.ts';
import type { Nanos } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import { createBarAggregator } from '../../marketdata/bars/bar-aggregators.ts';
import type { Bar, BarAggregator } from '../../marketdata/bars/bar-types.ts';
import { TimeBarAggregator } from '../../marketdata/bars/time-bar-aggregator.ts';
import type { FeedEvent, LiveMarket } from '../../marketdata/hub/live-market.ts';
import type { StalenessChange } from '../../marketdata/hub/staleness-monitor.ts';
import type { EngineBus } from '../engine-bus.ts';

export type PublishedKind = 'trade' | 'quote' | 'book' | 'bar' | 'price' | 'volume' | 'status';

/**
 * Puts the live stream on the bus: each event on `market_data.<kind>.<symbol>`, each trade also as
 * PRICE_UPDATE and VOLUME_UPDATE, and the bars the hub's aggregators build from trades.
 */
export class MarketPublisher {
  readonly published: Record<PublishedKind, number> = {
    trade: 0,
    quote: 0,
    book: 0,
    bar: 0,
    price: 0,
    volume: 0,
    status: 0,
  };
  barErrors = 0;
  private readonly aggregators = new Map<string, BarAggregator[]>();

  constructor(
    private readonly bus: EngineBus,
    private readonly live: LiveMarket,
    private readonly barSpecs: readonly string[],
    private readonly clockNs: () => Nanos,
    private readonly logger: Logger,
    /** Sees every market-data payload published (the store's recorder). */
    private readonly onMarketData?: (payload: MarketDataPayload) => void,
  ) {}

  publish(event: FeedEvent): void {
    this.live.onEvent(event, this.clockNs());
    const { symbol } = event;
    switch (event.kind) {
      case 'trade':
        this.send(topics.marketData.trade(symbol), event, event.tsNs, 'trade');
        this.send(
          topics.price.update(symbol),
          { symbol, price: event.price, tsNs: event.tsNs },
          event.tsNs,
          'price',
        );
        this.send(
          topics.volume.update(symbol),
          { symbol, volume: event.size, tsNs: event.tsNs },
          event.tsNs,
          'volume',
        );
        for (const aggregator of this.aggregatorsOf(symbol)) this.aggregate(() => aggregator.add(event));
        break;
      case 'quote':
        this.send(topics.marketData.quote(symbol), event, event.tsNs, 'quote');
        break;
      case 'book':
        this.send(topics.marketData.book(symbol), event, event.tsNs, 'book');
        break;
      case 'bar':
        this.send(topics.marketData.bar(symbol, event.spec), event, event.endNs, 'bar');
        this.send(
          topics.price.update(symbol),
          { symbol, price: event.close, tsNs: event.endNs },
          event.endNs,
          'price',
        );
        this.send(
          topics.volume.update(symbol),
          { symbol, volume: event.volume, tsNs: event.endNs },
          event.endNs,
          'volume',
        );
        break;
    }
  }

  /** Closes time bars whose interval has ended by the feed's time, so quiet symbols still get bars. */
  flushTimeBars(untilNs: Nanos): void {
    for (const aggregators of this.aggregators.values())
      for (const aggregator of aggregators)
        if (aggregator instanceof TimeBarAggregator) this.aggregate(() => aggregator.flush(untilNs));
  }

  publishStatus(feed: string, change: StalenessChange, nowNs: Nanos): void {
    const payload = {
      kind: 'status' as const,
      symbol: change.symbol,
      feed,
      state: change.state,
      lastEventNs: change.lastEventNs,
      silentMs: Number(change.ageNs / 1_000_000n),
      tsNs: nowNs,
    };
    this.send(topics.marketData.status(change.symbol), payload, nowNs, 'status');
  }

  private aggregate(step: () => Bar[]): void {
    let bars: Bar[];
    try {
      bars = step();
    } catch (error) {
      // A late or malformed trade must not stop the feed: it is counted and named.
      if (this.barErrors++ < 10) this.logger.warn({ err: (error as Error).message }, 'trade not aggregated');
      return;
    }
    for (const bar of bars) {
      this.live.onBar(bar);
      this.send(topics.marketData.bar(bar.symbol, bar.spec), bar, bar.endNs, 'bar');
    }
  }

  private aggregatorsOf(symbol: string): BarAggregator[] {
    let list = this.aggregators.get(symbol);
    if (!list) {
      list = this.barSpecs.map((spec) => createBarAggregator(symbol, spec));
      this.aggregators.set(symbol, list);
    }
    return list;
  }

  private send(topic: string, payload: unknown, eventTimeNs: Nanos, kind: PublishedKind): void {
    this.bus.publish({ topic, payload, eventTimeNs });
    this.published[kind]++;
    if (kind === 'trade' || kind === 'quote' || kind === 'book' || kind === 'bar')
      this.onMarketData?.(payload as MarketDataPayload);
  }
}
