import type { FastifyInstance } from 'fastify';
import { OPTIMISATION_METHODS, type OptimisationMethod } from '../../analytics/optimisation/optimisers.ts';
import { NautilusError } from '../../core/errors.ts';
import type { Envelope } from '../../domain/envelope.ts';
import type { MarketDataPayload } from '../../domain/payloads.ts';
import { bigintAsText, msToNs, type Nanos } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import { defaultInstrumentRegistry } from '../../trading/instruments/defaults.ts';
import type { OrderEventPayload } from '../../trading/orders/order-messages.ts';
import type { EquityPoint } from '../../trading/portfolio/portfolio.ts';
import { Engine, type EngineContext } from '../engine.ts';
import type { PortfolioConfig } from './manifest.ts';
import { markOf } from './market-mark.ts';
import type { PortfolioUpdatePayload } from './portfolio-payloads.ts';
import { PortfolioPersistence, type RestoreCounts } from './portfolio-persistence.ts';
import { PortfolioTracker } from './portfolio-tracker.ts';
import { type RebalancePlan, RebalancePlanner } from './rebalance-planner.ts';
import { SnapshotPolicy } from './snapshot-policy.ts';

const UPSTREAM = ['strategy', 'risk', 'analytics', 'collateral', 'portfolio.rebalance'] as const;

/**
 * Applies fills from `order.event.filled.*` to the account, marks positions from market data,
 * and publishes `position.change.<symbol>` per fill and `portfolio.update.<account>` per fill,
 * per bar and per interval of event time. Keeps the equity curve (`equityCurve()`, bus endpoint
 * `equity-curve`). Nothing is valued while a held currency has no rate to the base currency.
 */
export class PortfolioEngine extends Engine<PortfolioConfig> {
  private readonly tracker: PortfolioTracker;
  private readonly policy: SnapshotPolicy;
  private readonly upstream: Record<string, number> = Object.fromEntries(UPSTREAM.map((name) => [name, 0]));
  private readonly warnedCurrencies = new Set<string>();
  private lastPublished: EquityPoint | undefined;
  private refusedFills = 0;
  private readonly planner: RebalancePlanner;
  private planPeriod: bigint | undefined;
  private plansPublished = 0;
  private lastMarkNs: Nanos | undefined;
  private persistence: PortfolioPersistence | undefined;
  private restored: RestoreCounts | undefined;

  constructor(ctx: EngineContext<PortfolioConfig>) {
    super(ctx);
    const { config } = ctx;
    this.tracker = new PortfolioTracker(config, defaultInstrumentRegistry());
    this.policy = new SnapshotPolicy(msToNs(config.snapshotEveryMs), config.snapshotOnBars);
    const { rebalance } = config;
    this.planner = new RebalancePlanner({
      ...rebalance,
      method: rebalance.method === 'none' ? 'hrp' : rebalance.method,
      sampleEveryNs: msToNs(rebalance.sampleEveryMs),
    });
  }

  async onStart(): Promise<void> {
    const { bus, store } = this.ctx;
    if (store && !this.persistence) {
      this.persistence = new PortfolioPersistence(store, this.tracker, this.ctx.logger);
      this.restored = await this.persistence.restore(this.ctx.config.account);
      this.ctx.logger.info(this.restored, 'portfolio restored from the store');
    }
    await bus.subscribe(topics.pattern('order.event'), (envelope) => this.onOrderEvent(envelope));
    await bus.subscribe(topics.pattern('market_data'), (envelope) => this.onMarketData(envelope));
    for (const name of UPSTREAM)
      await bus.subscribe(topics.pattern(name), () => {
        this.upstream[name]!++;
      });
    await bus.endpoint('equity-curve', () => this.equityCurve());
    await bus.endpoint('rebalance', (body) =>
      this.planNow((body as { method?: unknown } | undefined)?.method),
    );
  }

  override async onStop(): Promise<void> {
    await this.persistence?.close();
    this.persistence = undefined;
  }

  /** GET /rebalance[?method=hrp|min-variance|max-sharpe|risk-parity]: the optimiser's targets now. */
  override registerRoutes(app: FastifyInstance, isRunning: () => boolean): void {
    app.get<{ Querystring: { method?: string } }>('/rebalance', async (request) => {
      if (!isRunning()) throw new NautilusError('LIFECYCLE', 'the portfolio engine is not running');
      return JSON.parse(JSON.stringify(this.planNow(request.query.method), bigintAsText));
    });
  }

  /** A plan at the latest mark with `method` (default: the configured one, else hrp). */
  planNow(method?: unknown): RebalancePlan {
    const configured = this.ctx.config.rebalance.method;
    const chosen = method ?? (configured === 'none' ? 'hrp' : configured);
    if (!OPTIMISATION_METHODS.includes(chosen as OptimisationMethod))
      throw new NautilusError(
        'BAD_REQUEST',
        `method must be one of ${OPTIMISATION_METHODS.join(', ')}, got ${JSON.stringify(chosen)}`,
      );
    const outcome = this.plan(chosen as OptimisationMethod, this.lastMarkNs ?? this.ctx.clock.nowNs());
    if (!outcome.ok) throw new NautilusError('INSUFFICIENT_DATA', `no rebalance plan yet: ${outcome.reason}`);
    return outcome.plan;
  }

  /** The equity curve so far, one point per snapshot time (read by the backtest kernel). */
  equityCurve(): EquityPoint[] {
    return this.tracker.curve();
  }

  override healthDetail(): string {
    const valued = this.tracker.equity();
    const equity = valued.ok
      ? `equity ${valued.equity.toFixed(2)} ${this.ctx.config.baseCurrency}`
      : `equity unknown (no ${valued.missing.join(', ')} rate)`;
    const open = this.tracker.portfolio.book.openPositions().length;
    return `${equity}; open positions ${open}; fills applied ${this.tracker.fillsApplied}`;
  }

  override healthFields(): Record<string, unknown> {
    return {
      fillsApplied: this.tracker.fillsApplied,
      fillsRefused: this.refusedFills,
      curvePoints: this.tracker.portfolio.curve.length,
      rebalance: {
        method: this.ctx.config.rebalance.method,
        samples: this.planner.samples,
        plansPublished: this.plansPublished,
      },
      upstream: { ...this.upstream },
      ...(this.persistence ? { store: { restored: this.restored, ...this.persistence.counters() } } : {}),
    };
  }

  /** With a store, returns the position write: the bus acks the fill once its position is stored. */
  private onOrderEvent(envelope: Envelope): void | Promise<void> {
    const payload = envelope.payload as OrderEventPayload;
    if (payload.status !== 'filled') return;
    const outcome = this.tracker.applyFill(payload);
    if (outcome.kind === 'duplicate') return;
    if (outcome.kind === 'refused') {
      this.refusedFills++;
      this.ctx.logger.warn({ orderId: payload.orderId, reason: outcome.reason }, 'fill not applied');
      return;
    }
    const { change } = outcome;
    this.ctx.bus.publish({
      topic: topics.position.change(change.symbol),
      payload: { ...change, tsNs: envelope.eventTimeNs },
      eventTimeNs: envelope.eventTimeNs,
    });
    this.snapshot(envelope.eventTimeNs, 'fill');
    return this.persistence?.recordPosition(change, envelope.eventTimeNs);
  }

  private onMarketData(envelope: Envelope): void {
    const mark = markOf(envelope.payload as MarketDataPayload);
    if (mark && this.tracker.mark(mark.symbol, mark.price)) {
      this.lastMarkNs = envelope.eventTimeNs;
      this.planner.observe(mark.symbol, mark.price, envelope.eventTimeNs);
      this.maybeRebalance(envelope.eventTimeNs);
    }
    const isBar = mark?.isBar ?? false;
    if (this.policy.due(envelope.eventTimeNs, isBar))
      this.snapshot(envelope.eventTimeNs, isBar && this.ctx.config.snapshotOnBars ? 'bar' : 'interval');
  }

  /** Publishes a plan once per rebalance.everyMs of event time, when there is enough data for one. */
  private maybeRebalance(tsNs: Nanos): void {
    const { method, everyMs } = this.ctx.config.rebalance;
    if (method === 'none') return;
    const period = tsNs / msToNs(everyMs);
    if (this.planPeriod !== undefined && period <= this.planPeriod) return;
    const outcome = this.plan(method, tsNs);
    if (!outcome.ok) return;
    this.planPeriod = period;
    this.plansPublished++;
    this.ctx.bus.publish({
      topic: topics.portfolio.rebalance(this.ctx.config.account),
      payload: outcome.plan,
      eventTimeNs: tsNs,
    });
  }

  private plan(method: OptimisationMethod, tsNs: Nanos) {
    const valued = this.tracker.equity();
    if (!valued.ok)
      return { ok: false as const, reason: `equity unknown (no ${valued.missing.join(', ')} rate)` };
    const planner = method === this.planner.settings.method ? this.planner : this.planner.withMethod(method);
    try {
      return planner.plan({
        account: this.ctx.config.account,
        equity: valued.equity,
        tsNs,
        instrumentOf: (symbol) => this.tracker.instrumentOf(symbol),
        rateToBase: (currency) => this.tracker.fx.rate(currency),
      });
    } catch (error) {
      return { ok: false as const, reason: (error as Error).message };
    }
  }

  private snapshot(tsNs: Nanos, reason: PortfolioUpdatePayload['reason']): void {
    const valuation = this.tracker.snapshot(tsNs, reason);
    if (!valuation.ok) {
      const fresh = valuation.missing.filter((currency) => !this.warnedCurrencies.has(currency));
      for (const currency of fresh) this.warnedCurrencies.add(currency);
      if (fresh.length > 0)
        this.ctx.logger.warn(
          { missing: fresh, baseCurrency: this.ctx.config.baseCurrency },
          'no FX rate to value the portfolio: equity is not published until one is marked',
        );
      return;
    }
    this.policy.taken(tsNs);
    const { update } = valuation;
    const last = this.lastPublished;
    // Several bars closing at one time give one curve point; publish again only if equity moved.
    if (reason !== 'fill' && last && last.tsNs === tsNs && last.equity === update.equity) return;
    this.lastPublished = { tsNs, equity: update.equity };
    this.ctx.bus.publish({
      topic: topics.portfolio.update(this.ctx.config.account),
      payload: update,
      eventTimeNs: tsNs,
    });
    this.persistence?.recordValuation(update);
  }
}
