import type { FastifyInstance } from 'fastify';
import { NautilusError } from '../../core/errors.ts';
import type { Envelope } from '../../domain/envelope.ts';
import type { MarketDataPayload } from '../../domain/payloads.ts';
import { msToNs, type Nanos } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import {
  type DateEstimate,
  estimateFactorModel,
  type FactorModelOptions,
  STYLE_FACTORS,
} from '../../signals/factor-model/estimate.ts';
import { factorNames, factorReturnsOf } from '../../signals/factor-model/factor-names.ts';
import type { FactorPanel } from '../../signals/factor-model/panel.ts';
import { Engine, type EngineContext } from '../engine.ts';
import { BarPanel } from './bar-panel.ts';
import type { ToranikoConfig } from './manifest.ts';

/** One estimated period as served by GET /factor-returns (NaN as null: JSON has no NaN). */
export interface FactorReturnRecord {
  tsNs: string;
  assets: number;
  rSquared: number | null;
  returns: Record<string, number | null>;
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);
const topicSegment = (name: string) => name.replace(/[^A-Za-z0-9_\-/:]/g, '_');

/**
 * Builds a panel of bar closes (`market_data.bar.<symbol>.<barSpec>`), re-estimates the Toraniko
 * model once per `estimateEveryMs` of event time over every period closed since the last
 * estimate, and publishes `factor.return.<factor>` per factor and period and `factor.model.<model>`
 * (factor returns, exposures and residuals of the newest period). GET /factor-returns serves the
 * kept history.
 */
export class ToranikoEngine extends Engine<ToranikoConfig> {
  private readonly panel: BarPanel;
  private readonly options: FactorModelOptions;
  private readonly symbols: Set<string>;
  /** closedPeriods count up to which periods were estimated (or skipped for too few assets). */
  private estimatedThrough = 0;
  private schedulePeriod: bigint | undefined;
  private readonly history: FactorReturnRecord[] = [];
  private estimates = 0;
  private lastError: string | undefined;

  constructor(ctx: EngineContext<ToranikoConfig>) {
    super(ctx);
    const c = ctx.config;
    this.panel = new BarPanel(c.assets, c.historyPeriods);
    this.symbols = new Set(c.symbols);
    this.options = {
      mode: c.mode,
      momentum: { window: c.momentumWindow, halfLife: c.momentumHalfLife, lag: c.momentumLag },
      momentumWinsor: 0.01,
      sizeQuantiles:
        c.sizeLowerQuantile === c.sizeUpperQuantile
          ? null
          : { lower: c.sizeLowerQuantile, upper: c.sizeUpperQuantile },
      valueWinsor: 0.05,
      returnsWinsor: c.returnsWinsor === 0 ? null : c.returnsWinsor,
      minAssets: c.minAssets,
    };
    if (c.sizeLowerQuantile > c.sizeUpperQuantile)
      throw new NautilusError('CONFIG_INVALID', 'toraniko: sizeLowerQuantile is above sizeUpperQuantile');
  }

  async onStart(): Promise<void> {
    await this.ctx.bus.subscribe(topics.pattern('market_data.bar'), (envelope) => this.onBar(envelope));
  }

  /** GET /factor-returns[?limit=n]: the newest estimated periods, oldest first. */
  override registerRoutes(app: FastifyInstance, isRunning: () => boolean): void {
    app.get<{ Querystring: { limit?: string } }>('/factor-returns', async (request) => {
      if (!isRunning()) throw new NautilusError('LIFECYCLE', 'the toraniko engine is not running');
      const text = request.query.limit;
      const limit = text === undefined ? 100 : Number(text);
      if (!Number.isInteger(limit) || limit < 1)
        throw new NautilusError('BAD_REQUEST', `limit must be an integer >= 1, got ${JSON.stringify(text)}`);
      return { model: this.ctx.config.model, mode: this.options.mode, periods: this.history.slice(-limit) };
    });
  }

  override healthFields(): Record<string, unknown> {
    return {
      periods: this.panel.closedPeriods,
      estimatedPeriods: this.estimates,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  override healthDetail(): string {
    return `${this.panel.closedPeriods} periods closed, ${this.estimates} estimated`;
  }

  private onBar(envelope: Envelope): void {
    const bar = envelope.payload as MarketDataPayload;
    if (bar.kind !== 'bar' || bar.spec !== this.ctx.config.barSpec) return;
    if (this.symbols.size > 0 && !this.symbols.has(bar.symbol)) return;
    if (!this.panel.observe(bar.symbol, bar.close, bar.endNs)) return;
    const period = envelope.eventTimeNs / msToNs(this.ctx.config.estimateEveryMs);
    if (this.schedulePeriod !== undefined && period <= this.schedulePeriod) return;
    this.schedulePeriod = period;
    this.estimate(envelope.eventTimeNs);
  }

  /** Estimates the periods closed since the last estimate that are still in the kept history. */
  private estimate(nowNs: Nanos): void {
    const pending = this.panel.closedPeriods - this.estimatedThrough;
    this.estimatedThrough = this.panel.closedPeriods;
    const from = Math.max(0, this.panel.length - pending);
    const panel = this.panel.toPanel();
    let estimates: DateEstimate[];
    try {
      estimates = estimateFactorModel(panel, this.options, { from, keepExposures: true });
      this.lastError = undefined;
    } catch (error) {
      this.lastError = (error as Error).message;
      this.ctx.logger.warn({ error: this.lastError }, 'factor model estimation failed');
      return;
    }
    const names = factorNames(panel.sectorNames);
    for (const estimate of estimates) this.publishReturns(names, estimate, nowNs);
    const newest = estimates.at(-1);
    if (newest) this.publishModel(panel, names, newest, nowNs);
  }

  private publishReturns(names: string[], estimate: DateEstimate, nowNs: Nanos): void {
    const tsNs = BigInt(estimate.date);
    const values = factorReturnsOf(estimate);
    const { model } = this.ctx.config;
    names.forEach((factor, k) => {
      if (!Number.isFinite(values[k]!)) return; // not estimable this period (e.g. momentum warming up)
      this.ctx.bus.publish({
        topic: topics.factor.return(topicSegment(factor)),
        payload: { model, factor, value: values[k]!, assets: estimate.assets, tsNs },
        eventTimeNs: nowNs,
      });
    });
    this.estimates++;
    this.history.push({
      tsNs: estimate.date,
      assets: estimate.assets,
      rSquared: finiteOrNull(estimate.rSquared),
      returns: Object.fromEntries(names.map((name, k) => [name, finiteOrNull(values[k]!)])),
    });
    if (this.history.length > this.ctx.config.keepEstimates) this.history.shift();
  }

  private publishModel(panel: FactorPanel, names: string[], estimate: DateEstimate, nowNs: Nanos): void {
    const exposures: Record<string, Record<string, string | number | null>> = {};
    const residuals: Record<string, number> = {};
    panel.symbols.forEach((symbol, i) => {
      if (!Number.isFinite(estimate.residuals[i]!)) return;
      exposures[symbol] = {
        sector: panel.sectorNames[panel.sectorOf[i]!]!,
        ...Object.fromEntries(
          STYLE_FACTORS.map((style, s) => [style, finiteOrNull(estimate.exposures![s]![i]!)]),
        ),
      };
      residuals[symbol] = estimate.residuals[i]!;
    });
    const values = factorReturnsOf(estimate);
    this.ctx.bus.publish({
      topic: topics.factor.model(this.ctx.config.model),
      payload: {
        model: this.ctx.config.model,
        mode: this.options.mode,
        tsNs: BigInt(estimate.date),
        assets: estimate.assets,
        rSquared: finiteOrNull(estimate.rSquared),
        factorReturns: Object.fromEntries(names.map((name, k) => [name, finiteOrNull(values[k]!)])),
        exposures,
        residuals,
      },
      eventTimeNs: nowNs,
    });
  }
}
