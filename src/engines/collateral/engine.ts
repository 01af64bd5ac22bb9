import type { FastifyInstance } from 'fastify';
import { NautilusError } from '../../core/errors.ts';
import type { Envelope } from '../../domain/envelope.ts';
import type { MarketDataPayload } from '../../domain/payloads.ts';
import { bigintAsText, msToNs, type Nanos } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import { MarginBook } from '../../signals/collateral/margin-book.ts';
import { presentProjection, presentReport } from '../../signals/collateral/present.ts';
import { projectMargin } from '../../signals/collateral/projected.ts';
import { marginReport, marginSummary } from '../../signals/collateral/report.ts';
import { defaultInstrumentRegistry } from '../../trading/instruments/defaults.ts';
import { Fixed } from '../../trading/money/fixed.ts';
import { fixedFromNumber, priceFromFloat } from '../../trading/money/price.ts';
import { Engine, type EngineContext } from '../engine.ts';
import { registerCollateralMetrics } from './collateral-metrics.ts';
import { marginTerms } from './instrument-terms.ts';
import type { CollateralConfig } from './manifest.ts';
import { markPrice, type PortfolioUpdate, type PositionChange, projectedMarginRequest } from './wire.ts';

interface AccountWatch {
  inCall: boolean;
  lastPublishNs: Nanos | undefined;
}

/**
 * Margin of every account the portfolio engine reports. Positions come from
 * `position.change.*` (net quantity, and the fill's cash flow), cash is re-synchronised from each
 * `portfolio.update.<account>` as equity − value of the margined positions (the portfolio's
 * equity is a float: cash is taken from it to the cent), and prices from market data. Every
 * price tick re-margins the accounts holding the symbol (incremental, exact); the full report
 * is published on `collateral.margin.<account>` at most once per `publishEveryMs` of event time
 * per account (throttle), and at once after a fill or when the call state changes. Entering a
 * call publishes `margin.alert.<account>` with URGENT priority; clearing it, a NORMAL one.
 *
 * Bus endpoint `projected-margin` (for the risk engine's pre-trade check): body
 * `{account, symbol, side: 'buy'|'sell', quantity: "100", price?: "150.25"}` (price defaults to
 * the last mark, else the position's fill price); answers `{account, symbol, method, before, after, wouldCall, increasesExposure,
 * initialShortfall}` with amounts as decimal strings (see signals/collateral/projected.ts). An
 * account not seen yet is projected from `startingCash` and no positions.
 * HTTP: GET /margin (accounts and status), GET /margin/:account (the full report).
 */
export class CollateralEngine extends Engine<CollateralConfig> {
  private readonly book: MarginBook;
  private readonly registry = defaultInstrumentRegistry();
  private readonly watch = new Map<string, AccountWatch>();
  private readonly publishEveryNs: bigint;
  private readonly skipped = new Set<string>();
  private remargins = 0;
  private alerts = 0;
  private publishedUpdates = 0;

  constructor(ctx: EngineContext<CollateralConfig>) {
    super(ctx);
    this.book = new MarginBook({ method: ctx.config.method });
    this.publishEveryNs = msToNs(ctx.config.publishEveryMs);
  }

  async onStart(): Promise<void> {
    const { bus } = this.ctx;
    registerCollateralMetrics(this.ctx.metrics, () => this.book.accountNames().map((a) => this.status(a)));
    await bus.subscribe(topics.pattern('position.change'), (e) => this.onPositionChange(e));
    await bus.subscribe(topics.pattern('portfolio.update'), (e) => this.onPortfolioUpdate(e));
    await bus.subscribe(topics.pattern('market_data'), (e) => this.onMarketData(e));
    await bus.endpoint('projected-margin', (body) => this.projected(body));
    await bus.endpoint('margin', (body) => this.report((body as { account?: unknown } | undefined)?.account));
  }

  override registerRoutes(app: FastifyInstance, isRunning: () => boolean): void {
    const running = () => {
      if (!isRunning()) throw new NautilusError('LIFECYCLE', 'the collateral engine is not running');
    };
    app.get('/margin', async () => {
      running();
      return {
        method: this.ctx.config.method,
        accounts: this.book.accountNames().map((a) => this.status(a)),
      };
    });
    app.get<{ Params: { account: string } }>('/margin/:account', async (request) => {
      running();
      return JSON.parse(JSON.stringify(this.report(request.params.account), bigintAsText));
    });
  }

  /** The full margin report of `account` now (decimal strings). */
  report(account: unknown) {
    if (typeof account !== 'string' || !this.book.has(account))
      throw new NautilusError(
        'NOT_FOUND',
        `no margin account ${JSON.stringify(account)} (known: ${this.book.accountNames().join(', ') || 'none'})`,
      );
    const positions = this.book.account(account)!;
    return { account, ...presentReport(marginReport(positions, { method: this.ctx.config.method })) };
  }

  override healthFields(): Record<string, unknown> {
    return {
      method: this.ctx.config.method,
      accounts: this.book.accountNames().length,
      inCall: [...this.watch.values()].filter((w) => w.inCall).length,
      remargins: this.remargins,
      updatesPublished: this.publishedUpdates,
      alertsPublished: this.alerts,
      notMargined: [...this.skipped].sort(),
    };
  }

  override healthDetail(): string {
    const calls = [...this.watch.entries()].filter(([, w]) => w.inCall).map(([a]) => a);
    return `${this.book.accountNames().length} accounts, ${calls.length ? `in call: ${calls.join(', ')}` : 'none in call'}`;
  }

  private status(account: string) {
    const summary = marginSummary(this.book.totals(account)!);
    return {
      account,
      equity: summary.equity.toString(),
      requirement: summary.requirement.toString(),
      excess: summary.excess.toString(),
      call: summary.call.toString(),
    };
  }

  private projected(body: unknown) {
    const parsed = projectedMarginRequest.safeParse(body);
    if (!parsed.success)
      throw new NautilusError(
        'BAD_REQUEST',
        `projected-margin: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`,
      );
    const { account, symbol, side, quantity } = parsed.data;
    const held = this.book.account(account) ?? { cash: this.startingCash(), positions: [] };
    const price = parsed.data.price
      ? Fixed.parse(parsed.data.price)
      : (this.book.price(symbol) ?? held.positions.find((p) => p.symbol === symbol)?.price);
    if (!price)
      throw new NautilusError(
        'INSUFFICIENT_DATA',
        `projected-margin: no price for ${symbol} yet; pass "price"`,
      );
    const terms = marginTerms(this.registry, symbol, this.ctx.config.baseCurrency);
    if (!terms)
      throw new NautilusError(
        'BAD_REQUEST',
        `projected-margin: ${symbol} is not quoted in ${this.ctx.config.baseCurrency}`,
      );
    const order = { symbol, side, quantity: Fixed.parse(quantity), price, ...terms.terms };
    const projection = projectMargin(held, order, { method: this.ctx.config.method });
    return { account, symbol, method: this.ctx.config.method, ...presentProjection(projection) };
  }

  private startingCash(): Fixed {
    return fixedFromNumber(this.ctx.config.startingCash).rescale(2, 'half-even');
  }

  private ensure(account: string): void {
    if (!this.book.has(account)) this.book.setCash(account, this.startingCash());
  }

  private onPositionChange(envelope: Envelope): void {
    const change = envelope.payload as PositionChange;
    const margin = marginTerms(this.registry, change.symbol, this.ctx.config.baseCurrency);
    if (!margin) {
      this.skipped.add(change.symbol);
      return;
    }
    this.ensure(change.account);
    const fillPrice = Fixed.parse(change.fillPrice);
    const multiplier = margin.terms.multiplier ?? Fixed.of(1n);
    const signed =
      change.fillSide === 'buy' ? Fixed.parse(change.fillQuantity) : Fixed.parse(change.fillQuantity).neg();
    let flow = signed.mul(fillPrice).mul(multiplier).neg();
    if (change.commission.currency === this.ctx.config.baseCurrency)
      flow = flow.sub(Fixed.parse(change.commission.amount));
    this.book.addCash(change.account, flow);
    this.book.setPosition(
      change.account,
      change.symbol,
      Fixed.parse(change.quantity),
      fillPrice,
      margin.terms,
    );
    this.evaluate(change.account, envelope.eventTimeNs, true);
  }

  private onPortfolioUpdate(envelope: Envelope): void {
    const update = envelope.payload as PortfolioUpdate;
    if (update.baseCurrency !== this.ctx.config.baseCurrency || !Number.isFinite(update.equity)) return;
    let margined = 0;
    for (const exposure of update.exposures.byInstrument)
      if (marginTerms(this.registry, exposure.symbol, this.ctx.config.baseCurrency))
        margined += exposure.notionalBase;
    this.book.setCash(update.account, fixedFromNumber(update.equity - margined).rescale(2, 'half-even'));
    this.evaluate(update.account, envelope.eventTimeNs, false);
  }

  private onMarketData(envelope: Envelope): void {
    const mark = markPrice(envelope.payload as MarketDataPayload);
    if (!mark || !(mark.price > 0)) return;
    const margin = marginTerms(this.registry, mark.symbol, this.ctx.config.baseCurrency);
    if (!margin) return;
    for (const account of this.book.mark(mark.symbol, priceFromFloat(mark.price, margin.tick)))
      this.evaluate(account, envelope.eventTimeNs, false);
  }

  /** Re-margined `account`: alert on a change of call state, publish the report when due. */
  private evaluate(account: string, tsNs: Nanos, force: boolean): void {
    this.remargins++;
    const summary = marginSummary(this.book.totals(account)!);
    const inCall = summary.call.isPositive();
    let watch = this.watch.get(account);
    if (!watch) {
      watch = { inCall: false, lastPublishNs: undefined };
      this.watch.set(account, watch);
    }
    const changed = inCall !== watch.inCall;
    if (changed) {
      watch.inCall = inCall;
      this.publishAlert(account, tsNs);
    }
    const due =
      force ||
      changed ||
      watch.lastPublishNs === undefined ||
      tsNs - watch.lastPublishNs >= this.publishEveryNs;
    if (!due) return;
    watch.lastPublishNs = tsNs;
    this.publishedUpdates++;
    this.ctx.bus.publish({
      topic: topics.collateral.margin(account),
      payload: { ...this.report(account), tsNs },
      eventTimeNs: tsNs,
    });
  }

  private publishAlert(account: string, tsNs: Nanos): void {
    const report = this.report(account);
    this.alerts++;
    this.ctx.bus.publish({
      topic: topics.margin.alert(account),
      priority: report.status === 'margin-call' ? 'URGENT' : 'NORMAL',
      payload: {
        account,
        status: report.status === 'margin-call' ? 'margin-call' : 'cleared',
        method: report.method,
        equity: report.equity,
        requirement: report.requirement,
        excess: report.excess,
        call: report.call,
        cashToCure: report.cashToCure,
        liquidationToCure: report.liquidationToCure,
        tsNs,
      },
      eventTimeNs: tsNs,
    });
    if (report.status === 'margin-call') this.ctx.logger.warn({ account, call: report.call }, 'margin call');
  }
}
