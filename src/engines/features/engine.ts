import type { FastifyInstance } from 'fastify';
import { NautilusError } from '../../core/errors.ts';
import type { Envelope } from '../../domain/envelope.ts';
import type { MarketDataPayload } from '../../domain/payloads.ts';
import { bigintAsText } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import {
  DEFAULT_FEATURES,
  FeatureSet,
  type FeatureSettings,
  type FeatureSnapshot,
} from '../../signals/features/feature-set.ts';
import { periodsPerYearOf } from '../../signals/features/periods-per-year.ts';
import { Engine, type EngineContext } from '../engine.ts';
import type { FeaturesConfig } from './manifest.ts';

export interface FeatureCalculation extends FeatureSnapshot {
  spec: string;
  tsNs: bigint;
}

/**
 * Keeps a FeatureSet per symbol from market data: trades, quotes and books update it as they come;
 * a bar of `barSpec` updates the bar features and publishes `feature.calculation.<symbol>` (one
 * message per bar: quotes and books between bars appear in the next bar's message). GET
 * /features lists symbols, GET /features/:symbol gives the latest calculation.
 */
export class FeaturesEngine extends Engine<FeaturesConfig> {
  private readonly sets = new Map<string, FeatureSet>();
  private readonly latest = new Map<string, FeatureCalculation>();
  private readonly settings: FeatureSettings;
  private published = 0;

  constructor(ctx: EngineContext<FeaturesConfig>) {
    super(ctx);
    const { config } = ctx;
    this.settings = {
      ...DEFAULT_FEATURES,
      returnHorizons: config.returnHorizons,
      window: config.window,
      periodsPerYear: periodsPerYearOf(config.barSpec, config.periodsPerYear),
      profileBucketBps: config.profileBucketBps,
      bookDepth: config.bookDepth,
    };
  }

  async onStart(): Promise<void> {
    await this.ctx.bus.subscribe(topics.pattern('market_data'), (envelope) => this.onMarketData(envelope));
  }

  override registerRoutes(app: FastifyInstance, isRunning: () => boolean): void {
    const running = () => {
      if (!isRunning()) throw new NautilusError('LIFECYCLE', 'the features engine is not running');
    };
    app.get('/features', async () => {
      running();
      return { spec: this.ctx.config.barSpec, symbols: [...this.sets.keys()].sort() };
    });
    app.get<{ Params: { symbol: string } }>('/features/:symbol', async (request) => {
      running();
      return JSON.parse(JSON.stringify(this.calculation(request.params.symbol), bigintAsText));
    });
  }

  /** The latest calculation of `symbol`; NOT_FOUND before its first bar. */
  calculation(symbol: string): FeatureCalculation {
    const latest = this.latest.get(symbol);
    if (latest) return latest;
    const known = [...this.latest.keys()].sort().join(', ') || 'none yet';
    throw new NautilusError(
      'NOT_FOUND',
      `no features for ${symbol}: no ${this.ctx.config.barSpec} bar seen (symbols with features: ${known})`,
    );
  }

  override healthFields(): Record<string, unknown> {
    return { spec: this.ctx.config.barSpec, symbols: this.sets.size, published: this.published };
  }

  private setOf(symbol: string): FeatureSet {
    let set = this.sets.get(symbol);
    if (!set) {
      set = new FeatureSet(symbol, this.settings);
      this.sets.set(symbol, set);
    }
    return set;
  }

  private onMarketData(envelope: Envelope): void {
    const payload = envelope.payload as MarketDataPayload;
    switch (payload.kind) {
      case 'trade':
        this.setOf(payload.symbol).onTrade(payload);
        return;
      case 'quote':
        this.setOf(payload.symbol).onQuote(payload);
        return;
      case 'book':
        this.setOf(payload.symbol).onBook(payload.bids, payload.asks);
        return;
      case 'bar': {
        if (payload.spec !== this.ctx.config.barSpec) return;
        const set = this.setOf(payload.symbol);
        set.onBar(payload);
        const calculation = { ...set.snapshot(), spec: payload.spec, tsNs: envelope.eventTimeNs };
        this.latest.set(payload.symbol, calculation);
        this.published++;
        this.ctx.bus.publish({
          topic: topics.feature.calculation(payload.symbol),
          payload: calculation,
          eventTimeNs: envelope.eventTimeNs,
        });
        return;
      }
      default:
    }
  }
}
