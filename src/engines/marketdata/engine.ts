import type { FastifyInstance } from 'fastify';
import { NautilusError } from '../../core/errors.ts';
import { msToNs } from '../../domain/time.ts';
import { TieredCache } from '../../marketdata/cache/tiered-cache.ts';
import { LiveMarket } from '../../marketdata/hub/live-market.ts';
import { MarketDataHub } from '../../marketdata/hub/market-data-hub.ts';
import { buildSourceSlots } from '../../marketdata/hub/source-catalog.ts';
import { SourceSlots } from '../../marketdata/hub/source-slot.ts';
import { StalenessMonitor } from '../../marketdata/hub/staleness-monitor.ts';
import { Engine } from '../engine.ts';
import { createFeed } from './feeds/create-feed.ts';
import type { LiveFeed } from './feeds/live-feed.ts';
import { registerHubMetrics } from './hub-metrics.ts';
import { type HubView, registerHubRoutes } from './hub-routes.ts';
import type { MarketdataConfig } from './manifest.ts';
import { MarketPublisher } from './market-publisher.ts';
import { MarketRecorder } from './market-recorder.ts';
import { fetchRequestFromBody } from './request-params.ts';

/**
 * The market-data hub: publishes a live feed (synthetic by default) with bars built from its
 * trades, answers requests for external data through one cache and one rate limiter per source
 * (bus endpoints `fetch`, `quote`, `bars`; HTTP /quote /bars /series /fetch /sources), and
 * raises an alert when a live subscription goes silent.
 */
export class MarketDataEngine extends Engine<MarketdataConfig> {
  private view: HubView | undefined;
  private feed: LiveFeed | undefined;
  private startFeed: (() => void | Promise<void>) | undefined;
  private publisher: MarketPublisher | undefined;
  private recorder: MarketRecorder | undefined;
  private unregisterMetrics: (() => void) | undefined;
  private readonly checkTimer = `marketdata.check.${this.ctx.instanceId}`;

  async onStart(): Promise<void> {
    const { config, clock, bus, logger } = this.ctx;
    const live = new LiveMarket(config.barHistory);
    const staleness = new StalenessMonitor(msToNs(config.staleAfterMs));
    const slots = new SourceSlots(buildSourceSlots(config.sources, clock));
    const hub = new MarketDataHub({
      clock,
      slots,
      cache: new TieredCache(clock, { maxEntries: config.cacheMaxEntries }),
      prefetch: config.prefetch.enabled ? config.prefetch : false,
    });
    const lockstep = config.feed === 'replay' && config.replay.lockstep;
    if (lockstep && !bus.idle)
      throw new NautilusError(
        'CONFIG_INVALID',
        'marketdata: replay.lockstep needs the in-process memory bus (a network bus cannot tell when its consumers have caught up)',
      );
    const feed = createFeed(config, {
      clock,
      logger,
      instanceId: this.ctx.instanceId,
      settle: lockstep ? bus.idle : undefined,
    });
    const { store } = this.ctx;
    const recorder =
      store && config.record.length > 0
        ? new MarketRecorder(store, new Set(config.record), logger)
        : undefined;
    this.recorder = recorder;
    const publisher = new MarketPublisher(
      bus,
      live,
      config.bars,
      () => clock.nowNs(),
      logger,
      (payload) => recorder?.record(payload),
    );
    this.feed = feed;
    this.publisher = publisher;
    this.view = { hub, live, staleness, feed: feed.name, barSpecs: config.bars, nowNs: () => clock.nowNs() };
    this.unregisterMetrics = registerHubMetrics(
      this.ctx.metrics,
      () => this.view,
      () => this.publisher,
    );

    await bus.endpoint('fetch', (body, request) =>
      hub.fetch(fetchRequestFromBody(body), request.source.engine),
    );
    await bus.endpoint('quote', (body) => live.quote(String((body as { symbol?: unknown })?.symbol)) ?? null);
    await bus.endpoint('bars', (body) => {
      const {
        symbol,
        spec = config.bars[0],
        limit,
      } = (body ?? {}) as { symbol?: string; spec?: string; limit?: number };
      return live.bars(String(symbol), String(spec), limit);
    });

    const startNs = clock.nowNs();
    for (const symbol of feed.symbols) live.expect(symbol, startNs);
    // Lockstep replays start once every engine of the host has subscribed (onHostReady).
    this.startFeed = () => feed.start((event) => publisher.publish(event));
    if (!lockstep) await this.startFeed();
    const checkMs = Math.max(10, Math.min(1_000, Math.floor(config.staleAfterMs / 4)));
    clock.setTimer(this.checkTimer, msToNs(checkMs), () => this.check());
  }

  override async onHostReady(): Promise<void> {
    const start = this.startFeed;
    this.startFeed = undefined;
    if (this.ctx.config.feed === 'replay' && this.ctx.config.replay.lockstep) await start?.();
  }

  override async onStop(): Promise<void> {
    this.ctx.clock.cancel(this.checkTimer);
    await this.feed?.stop();
    await this.view?.hub.slots.close();
    await this.recorder?.close();
    this.unregisterMetrics?.();
    this.view = undefined;
  }

  override registerRoutes(app: FastifyInstance, isRunning: () => boolean): void {
    registerHubRoutes(app, () => (isRunning() ? this.view : undefined));
  }

  override healthFields(): Record<string, unknown> {
    return {
      symbols: this.view?.live.symbols() ?? [],
      feed: this.feed?.name,
      ...(this.recorder ? { recorded: this.recorder.counters() } : {}),
    };
  }

  override healthDetail(): string {
    const published = this.publisher?.published;
    const stale = this.view?.staleness.staleCount ?? 0;
    const counts = published
      ? `published trades ${published.trade}, quotes ${published.quote}, books ${published.book}, bars ${published.bar}, price updates ${published.price}, volume updates ${published.volume}`
      : '';
    return `${this.feed?.detail() ?? 'no feed'}; symbols ${this.view?.live.symbols().join(',') ?? 'none'}; ${counts}; stale ${stale}`;
  }

  /** Closes due time bars and raises stale/live edges (not after a finite replay has ended). */
  private check(): void {
    const { view, feed, publisher } = this;
    if (!view || !feed || !publisher) return;
    publisher.flushTimeBars(feed.timeNs());
    if (feed.finished) return;
    const nowNs = this.ctx.clock.nowNs();
    const last = view.live.symbols().map((symbol) => [symbol, view.live.quote(symbol)!.receivedNs] as const);
    for (const change of view.staleness.check(last, nowNs)) {
      publisher.publishStatus(feed.name, change, nowNs);
      const log = { symbol: change.symbol, feed: feed.name, silentMs: Number(change.ageNs / 1_000_000n) };
      if (change.state === 'stale') this.ctx.logger.warn(log, 'live subscription went stale');
      else this.ctx.logger.info(log, 'live subscription recovered');
    }
  }
}
