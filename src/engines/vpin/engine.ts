import type { FastifyInstance } from 'fastify';
import { NautilusError } from '../../core/errors.ts';
import type { Envelope } from '../../domain/envelope.ts';
import type { MarketDataPayload } from '../../domain/payloads.ts';
import { partitionOfSymbol } from '../../domain/symbol-partition.ts';
import { bigintAsText } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import { SymbolVpin, type VpinReading } from '../../signals/vpin/symbol-vpin.ts';
import { VpinBook } from '../../signals/vpin/vpin-book.ts';
import { alertMessage, pipelineOptions, readingPayload } from '../../signals/vpin/vpin-config.ts';
import { MarketDataWriter } from '../../store/market-data-writer.ts';
import { Engine } from '../engine.ts';
import type { VpinConfig } from './manifest.ts';
import { registerVpinMetrics } from './vpin-metrics.ts';

/**
 * VPIN per symbol from the live market data: BVC on `barSpec` time bars (or trades' aggressor
 * side), one `vpin.calculation.<symbol>` per completed bucket, `toxicity.alert.<symbol>` when the
 * CDF of VPIN crosses a threshold (critical ones with FLASH_CRASH priority, which the risk engine
 * acts on). V is fixed per symbol by config or estimated over a warm-up (see WarmupBucketSize).
 */
export class VpinEngine extends Engine<VpinConfig> {
  private readonly book = new VpinBook(
    (symbol) =>
      new SymbolVpin(
        symbol,
        pipelineOptions(this.ctx.config, symbol, { classification: this.ctx.config.classification }),
      ),
    this.ctx.config.recent,
  );

  /** With a store: every published reading is kept in `vpin_series`, in batches off the bus path. */
  private series: MarketDataWriter | undefined;

  async onStart(): Promise<void> {
    const { config, bus, store, logger } = this.ctx;
    if (store)
      this.series ??= new MarketDataWriter(store, {
        onGiveUp: (_table, rows, error) =>
          logger.error({ err: error, rows }, 'VPIN rows given up after retries'),
      });
    // Refuses inconsistent thresholds at start rather than at the first bar.
    pipelineOptions(config, '', { classification: config.classification });
    registerVpinMetrics(this.ctx.metrics, this.book, config);
    const onData = (envelope: Envelope) => this.onMarketData(envelope);
    // A shared group would split one symbol's trades between instances and corrupt its buckets:
    // partitioned instances each read everything and keep their own symbols.
    const scope = config.partition.count > 1 ? 'instance' : 'shared';
    const family = config.classification === 'bvc' ? 'market_data.bar' : 'market_data.trade';
    await bus.subscribe(topics.pattern(family), onData, { scope });
  }

  private onMarketData(envelope: Envelope): void {
    const { partition } = this.ctx.config;
    const { symbol } = envelope.payload as MarketDataPayload;
    if (partition.count > 1 && partitionOfSymbol(symbol, partition.count) !== partition.index) return;
    const readings = this.book.onMarketData(envelope.payload as MarketDataPayload, this.ctx.config);
    for (const reading of readings) this.publish(reading, envelope);
  }

  private publish(reading: VpinReading, envelope: Envelope): void {
    const { bus, config } = this.ctx;
    bus.publish({
      topic: topics.vpin.calculation(reading.symbol),
      payload: readingPayload(reading, {
        bucketVolume: this.book.snapshot(reading.symbol)?.bucketVolume,
        classification: config.classification,
        // Consumers (the api, the dashboard) draw the alert levels this engine really uses.
        thresholds: { warning: config.warning, critical: config.critical },
      }),
      eventTimeNs: envelope.eventTimeNs,
    });
    this.series?.write('vpin_series', {
      tsNs: envelope.eventTimeNs,
      symbol: reading.symbol,
      vpin: reading.vpin,
      cdf: reading.cdf,
      bucket: reading.index,
    });
    if (!reading.alert) return;
    const { priority, payload } = alertMessage(reading, 'vpin');
    bus.publish({
      topic: topics.toxicity.alert(reading.symbol),
      payload,
      priority,
      eventTimeNs: envelope.eventTimeNs,
    });
    this.ctx.logger.warn(
      { symbol: reading.symbol, level: reading.alert, cdf: reading.cdf },
      'toxicity alert',
    );
  }

  override registerRoutes(app: FastifyInstance, isRunning: () => boolean): void {
    app.get('/vpin', async () => {
      if (!isRunning()) throw new NautilusError('LIFECYCLE', 'the vpin engine is not running');
      return asJson(
        this.book.symbols().map((symbol) => ({ ...this.book.snapshot(symbol)!, recent: undefined })),
      );
    });
    app.get<{ Params: { symbol: string } }>('/vpin/:symbol', async (request) => {
      if (!isRunning()) throw new NautilusError('LIFECYCLE', 'the vpin engine is not running');
      const snapshot = this.book.snapshot(request.params.symbol);
      if (!snapshot)
        throw new NautilusError(
          'NOT_FOUND',
          `no VPIN for ${request.params.symbol} (symbols: ${this.book.symbols().join(', ') || 'none yet'})`,
        );
      return asJson(snapshot);
    });
  }

  override async onStop(): Promise<void> {
    await this.series?.close();
    this.series = undefined;
  }

  override healthFields(): Record<string, unknown> {
    return { symbols: this.book.symbols().length, buckets: this.book.buckets, alerts: this.book.alerts };
  }

  override healthDetail(): string {
    return `${this.book.buckets} buckets over ${this.book.symbols().length} symbols, ${this.book.alerts} toxicity alerts`;
  }
}

function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, bigintAsText));
}
