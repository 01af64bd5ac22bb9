import type { Envelope } from '../../domain/envelope.ts';
import type { MarketDataPayload } from '../../domain/payloads.ts';
import { topics } from '../../domain/topics.ts';
import { defaultInstrumentRegistry } from '../../trading/instruments/defaults.ts';
import { eventOfPayload, type OrderEventPayload } from '../../trading/orders/order-messages.ts';
import { Engine } from '../engine.ts';
import { buildStrategies } from './build-strategies.ts';
import { EventTime } from './event-time.ts';
import type { HostedStrategy } from './hosted-strategy.ts';
import type { StrategyConfig } from './manifest.ts';
import { readStrategyHistory, type StrategyHistory } from './strategy-restore.ts';
import { strategySummaries, strategySummaryLine } from './summary.ts';

const SIGNAL_FAMILIES = ['vpin', 'ml', 'risk'] as const;

/**
 * Hosts the configured strategies: market data of a strategy's symbol (bars of its spec) goes to
 * onBar/onQuote/onTrade/onBook, `vpin.*` / `ml.*` / `risk.*` to onSignal, and the events of its
 * own orders update its orders and position before reaching onOrderEvent. Orders leave as
 * commands on `order.command.*`, signals on `strategy.signal.*`, at the event time being handled.
 */
export class StrategyEngine extends Engine<StrategyConfig> {
  private readonly time = new EventTime(this.ctx.clock);
  private hosted: HostedStrategy[] = [];
  private readonly byId = new Map<string, HostedStrategy>();

  async onStart(): Promise<void> {
    const { bus, clock, config, logger, store } = this.ctx;
    const history = new Map<string, StrategyHistory>();
    if (store)
      for (const entry of config.strategies) {
        const id = entry.id ?? entry.name;
        history.set(id, await readStrategyHistory(store, id));
      }
    this.hosted = buildStrategies(config, {
      history,
      clock,
      time: this.time,
      instruments: defaultInstrumentRegistry(),
      logger,
      publish: (topic, payload) => bus.publish({ topic, payload, eventTimeNs: this.time.nowNs() }),
    });
    for (const hosted of this.hosted) this.byId.set(hosted.id, hosted);
    for (const hosted of this.hosted) hosted.strategy.onStart();
    await bus.subscribe(topics.pattern('market_data'), (envelope) => this.onMarketData(envelope));
    for (const family of SIGNAL_FAMILIES)
      await bus.subscribe(topics.pattern(family), (envelope) => this.onSignal(envelope));
    await bus.subscribe(topics.pattern('order.event'), (envelope) => this.onOrderEvent(envelope));
  }

  override onStop(): void {
    for (const hosted of this.hosted) hosted.stop();
  }

  override healthDetail(): string {
    return this.hosted.map(strategySummaryLine).join('; ') || 'no strategies';
  }

  override healthFields(): Record<string, unknown> {
    return { strategies: strategySummaries(this.hosted) };
  }

  private onMarketData(envelope: Envelope): void {
    const data = envelope.payload as MarketDataPayload;
    this.time.run(envelope.eventTimeNs, () => {
      for (const hosted of this.hosted) hosted.onMarketData(data);
    });
  }

  private onSignal(envelope: Envelope): void {
    const signal = { topic: envelope.topic, payload: envelope.payload as Record<string, unknown> };
    this.time.run(envelope.eventTimeNs, () => {
      for (const hosted of this.hosted) hosted.onSignal(signal);
    });
  }

  private onOrderEvent(envelope: Envelope): void {
    const payload = envelope.payload as OrderEventPayload;
    const hosted = this.byId.get(payload.strategyId);
    if (!hosted) return;
    let event: ReturnType<typeof eventOfPayload>;
    try {
      event = eventOfPayload(payload);
    } catch (error) {
      this.ctx.logger.warn({ err: error, orderId: payload.orderId }, 'undecodable order event ignored');
      return;
    }
    this.time.run(envelope.eventTimeNs, () => hosted.onOrderEvent(event));
  }
}
