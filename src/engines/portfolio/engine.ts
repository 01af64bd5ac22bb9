import type { Envelope } from '../../domain/envelope.ts';
import type { MarketDataPayload } from '../../domain/payloads.ts';
import { msToNs, type Nanos } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import { defaultInstrumentRegistry } from '../../trading/instruments/defaults.ts';
import type { OrderEventPayload } from '../../trading/orders/order-messages.ts';
import type { EquityPoint } from '../../trading/portfolio/portfolio.ts';
import { Engine, type EngineContext } from '../engine.ts';
import type { PortfolioConfig } from './manifest.ts';
import { markOf } from './market-mark.ts';
import type { PortfolioUpdatePayload } from './portfolio-payloads.ts';
import { PortfolioTracker } from './portfolio-tracker.ts';
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

  constructor(ctx: EngineContext<PortfolioConfig>) {
    super(ctx);
    const { config } = ctx;
    this.tracker = new PortfolioTracker(config, defaultInstrumentRegistry());
    this.policy = new SnapshotPolicy(msToNs(config.snapshotEveryMs), config.snapshotOnBars);
  }

  async onStart(): Promise<void> {
    const { bus } = this.ctx;
    await bus.subscribe(topics.pattern('order.event'), (envelope) => this.onOrderEvent(envelope));
    await bus.subscribe(topics.pattern('market_data'), (envelope) => this.onMarketData(envelope));
    for (const name of UPSTREAM)
      await bus.subscribe(topics.pattern(name), () => {
        this.upstream[name]!++;
      });
    await bus.endpoint('equity-curve', () => this.equityCurve());
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
      upstream: { ...this.upstream },
    };
  }

  private onOrderEvent(envelope: Envelope): void {
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
  }

  private onMarketData(envelope: Envelope): void {
    const mark = markOf(envelope.payload as MarketDataPayload);
    if (mark) this.tracker.mark(mark.symbol, mark.price);
    const isBar = mark?.isBar ?? false;
    if (this.policy.due(envelope.eventTimeNs, isBar))
      this.snapshot(envelope.eventTimeNs, isBar && this.ctx.config.snapshotOnBars ? 'bar' : 'interval');
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
  }
}
