import type { FastifyInstance } from 'fastify';
import { NautilusError } from '../../core/errors.ts';
import type { Envelope } from '../../domain/envelope.ts';
import type { MarketDataPayload } from '../../domain/payloads.ts';
import { bigintAsText } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import { type CrossSymbolReading, CrossSymbolVpin } from '../../signals/vpin/cross-symbol.ts';
import { SymbolVpin, type VpinReading } from '../../signals/vpin/symbol-vpin.ts';
import { VpinBook } from '../../signals/vpin/vpin-book.ts';
import { alertMessage, pipelineOptions, readingPayload } from '../../signals/vpin/vpin-config.ts';
import { Engine } from '../engine.ts';
import { AGGREGATE_SYMBOL, type EnhancedVpinConfig } from './manifest.ts';

const S = 1_000_000_000n;

/**
 * VPIN variants: tick-rule, aggressor or Student-t BVC classification on the volume or the time
 * clock, per symbol on `vpin.enhanced.<symbol>`, and a market-wide notional-weighted aggregate on
 * `vpin.enhanced._all` after every symbol reading (`full` once every symbol's window is full).
 * Toxicity alerts as the vpin engine sends them.
 */
export class EnhancedVpinEngine extends Engine<EnhancedVpinConfig> {
  private readonly cross = new CrossSymbolVpin();
  private aggregate: (CrossSymbolReading & { tsNs: bigint }) | undefined;
  private readonly book = new VpinBook(
    (symbol) => new SymbolVpin(symbol, this.options(symbol)),
    this.ctx.config.recent,
  );

  private options(symbol: string) {
    const config = this.ctx.config;
    return pipelineOptions(config, symbol, {
      classification: config.classification,
      clock: config.clock,
      intervalNs: BigInt(config.intervalSeconds) * S,
      degreesOfFreedom: config.degreesOfFreedom,
    });
  }

  private get usesBars(): boolean {
    return this.ctx.config.classification === 'bvc' || this.ctx.config.classification === 'bvc-t';
  }

  async onStart(): Promise<void> {
    this.options(''); // refuses inconsistent thresholds at start rather than at the first bar
    const onData = (envelope: Envelope) => this.onMarketData(envelope);
    await this.ctx.bus.subscribe(
      topics.pattern(this.usesBars ? 'market_data.bar' : 'market_data.trade'),
      onData,
    );
  }

  private onMarketData(envelope: Envelope): void {
    const readings = this.book.onMarketData(envelope.payload as MarketDataPayload, this.ctx.config);
    for (const reading of readings) this.publish(reading, envelope);
  }

  private publish(reading: VpinReading, envelope: Envelope): void {
    const { bus, config } = this.ctx;
    const eventTimeNs = envelope.eventTimeNs;
    const extra = {
      classification: config.classification,
      clock: config.clock,
      windowNotional: reading.windowNotional,
    };
    bus.publish({
      topic: topics.vpin.enhanced(reading.symbol),
      payload: readingPayload(reading, extra),
      eventTimeNs,
    });
    if (reading.alert) {
      const { priority, payload } = alertMessage(reading, 'enhanced-vpin');
      bus.publish({ topic: topics.toxicity.alert(reading.symbol), payload, priority, eventTimeNs });
    }
    const aggregate = this.cross.update(reading.symbol, reading.vpin, reading.windowNotional, reading.full);
    this.aggregate = { ...aggregate, tsNs: reading.endNs };
    bus.publish({
      topic: topics.vpin.enhanced(AGGREGATE_SYMBOL),
      payload: { symbol: AGGREGATE_SYMBOL, ...this.aggregate, weighting: 'window notional' },
      eventTimeNs,
    });
  }

  override registerRoutes(app: FastifyInstance, isRunning: () => boolean): void {
    const running = () => {
      if (!isRunning()) throw new NautilusError('LIFECYCLE', 'the enhanced-vpin engine is not running');
    };
    app.get('/vpin', async () => {
      running();
      const symbols = this.book
        .symbols()
        .map((symbol) => ({ ...this.book.snapshot(symbol)!, recent: undefined }));
      return asJson({ aggregate: this.aggregate ?? null, symbols });
    });
    app.get<{ Params: { symbol: string } }>('/vpin/:symbol', async (request) => {
      running();
      const snapshot = this.book.snapshot(request.params.symbol);
      if (!snapshot)
        throw new NautilusError(
          'NOT_FOUND',
          `no enhanced VPIN for ${request.params.symbol} (symbols: ${this.book.symbols().join(', ') || 'none yet'})`,
        );
      return asJson(snapshot);
    });
  }

  override healthFields(): Record<string, unknown> {
    return { symbols: this.book.symbols().length, buckets: this.book.buckets, alerts: this.book.alerts };
  }

  override healthDetail(): string {
    const { classification, clock } = this.ctx.config;
    return `${classification} on the ${clock} clock: ${this.book.buckets} buckets over ${this.book.symbols().length} symbols, ${this.book.alerts} toxicity alerts`;
  }
}

function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, bigintAsText));
}
