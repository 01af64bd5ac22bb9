import type { Envelope } from '../../domain/envelope.ts';
import { topics } from '../../domain/topics.ts';
import { defaultInstrumentRegistry } from '../../trading/instruments/defaults.ts';
import type { OrderCommandPayload } from '../../trading/orders/order-messages.ts';
import type { MarketData } from '../../trading/venue/venue-types.ts';
import { Engine, type EngineContext } from '../engine.ts';
import { registerExecutionMetrics } from './execution-metrics.ts';
import type { ExecutionConfig } from './manifest.ts';
import { marketDataOf } from './market-data.ts';
import { OrderPersistence } from './order-persistence.ts';
import { OrderRouter, type Publication } from './order-router.ts';
import { SimulatedVenueAdapter, type VenueAdapter } from './venue-adapter.ts';
import { venueConfigOf } from './venue-config-of.ts';

/**
 * Routes `order.approved.<venue>` commands to a venue adapter (the simulated venue unless one is
 * given) and publishes every order event and fill it reports. Market data drives the simulated
 * venue's matching, and its event time moves the venue's clock (latency, DAY/GTD expiry). Handlers
 * are synchronous, so a backtest on the sync bus stays in (event time, sequence) order.
 */
export class ExecutionEngine extends Engine<ExecutionConfig> {
  private readonly venue: VenueAdapter;
  private readonly router: OrderRouter;
  private badData = 0;
  private unregisterMetrics: (() => void) | undefined;
  private persistence: OrderPersistence | undefined;

  constructor(ctx: EngineContext<ExecutionConfig>, venue?: VenueAdapter) {
    super(ctx);
    this.venue = venue ?? new SimulatedVenueAdapter(venueConfigOf(ctx.config, defaultInstrumentRegistry()));
    this.router = new OrderRouter(this.venue, ctx.logger);
    this.venue.listen?.((events) => this.send(this.router.fromVenue(events)));
  }

  async onStart(): Promise<void> {
    const { bus, config } = this.ctx;
    this.unregisterMetrics ??= registerExecutionMetrics(this.ctx.metrics, this.router);
    await bus.subscribe(topics.order.approved(config.venue), (envelope) => this.onApproved(envelope));
    await bus.subscribe(topics.pattern('market_data'), (envelope) => this.onMarketData(envelope));
    const { store } = this.ctx;
    if (store) {
      this.persistence = new OrderPersistence(this.ctx, store);
      await this.persistence.start(store);
    }
  }

  override onHostReady(): void {
    this.persistence?.settleRestored();
  }

  override async onStop(): Promise<void> {
    this.unregisterMetrics?.();
    this.unregisterMetrics = undefined;
    await this.persistence?.stop();
    this.persistence = undefined;
  }

  override healthDetail(): string {
    const { routed, fills, rejections, commandsRefused } = this.router.stats;
    return `venue ${this.venue.name}: orders routed ${routed}, fills ${fills}, rejections ${rejections}, commands refused ${commandsRefused}, open orders ${this.router.openOrders}`;
  }

  override healthFields(): Record<string, unknown> {
    const journal = this.persistence && {
      ...this.persistence.writer.counters(),
      restoredOpen: this.persistence.restoredOpen,
      unknownOrderEvents: this.persistence.journal.unknownOrderEvents,
    };
    return {
      venue: this.venue.name,
      ...this.router.stats,
      openOrders: this.router.openOrders,
      ...(journal ? { journal } : {}),
    };
  }

  private onApproved(envelope: Envelope): void {
    this.send(this.router.onCommand(envelope.payload as OrderCommandPayload, envelope.eventTimeNs));
  }

  private onMarketData(envelope: Envelope): void {
    let data: MarketData | undefined;
    try {
      data = marketDataOf(envelope.payload);
    } catch (error) {
      this.badData++;
      if (this.badData === 1 || this.badData % 1000 === 0)
        this.ctx.logger.warn(
          { err: error, topic: envelope.topic, count: this.badData },
          'bad market data skipped',
        );
    }
    this.send(this.router.onMarketData(data, envelope.eventTimeNs));
  }

  private send(publications: readonly Publication[]): void {
    for (const { topic, payload, eventTimeNs } of publications) {
      this.ctx.bus.publish({ topic, payload, eventTimeNs });
      // The order flow in the log: fills and rejections (other events are in /metrics).
      const event = payload as {
        status?: string;
        orderId?: string;
        symbol?: string;
        side?: string;
        event?: Record<string, unknown>;
      };
      if (event.status === 'filled' || event.status === 'rejected')
        this.ctx.logger.info(
          { orderId: event.orderId, symbol: event.symbol, side: event.side, ...pickFill(event.event) },
          `order ${event.status}`,
        );
    }
  }
}

function pickFill(event: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!event) return {};
  const { lastPrice, lastQty, reason } = event;
  return { lastPrice, lastQty, reason };
}
