import type { Nanos } from '../../domain/time.ts';
import type { Instrument } from '../../trading/instruments/instrument.ts';
import type { InstrumentRegistry } from '../../trading/instruments/registry.ts';
import { priceFromFloat } from '../../trading/money/price.ts';
import { eventOfPayload, type OrderEventPayload } from '../../trading/orders/order-messages.ts';
import { type EquityPoint, Portfolio } from '../../trading/portfolio/portfolio.ts';
import { positionFillOf } from '../../trading/positions/position.ts';
import type { OmsType } from '../../trading/positions/position-book.ts';
import { FxRates } from './fx-rates.ts';
import {
  byCurrency,
  exposureSummary,
  type PortfolioUpdatePayload,
  type PositionChangePayload,
  positionChange,
} from './portfolio-payloads.ts';

export interface TrackerOptions {
  account: string;
  baseCurrency: string;
  startingCapital: number;
  oms: OmsType;
  sectors: Readonly<Record<string, string>>;
  fxRates: Readonly<Record<string, number>>;
}

export type FillOutcome =
  | { kind: 'applied'; change: PositionChangePayload }
  | { kind: 'duplicate' }
  | { kind: 'refused'; reason: string };

/** A valuation needs a rate for every currency it holds; `missing` names those it lacks. */
export type Valuation = { ok: true; update: PortfolioUpdatePayload } | { ok: false; missing: string[] };

/**
 * The account's state, bus-agnostic: applies fills from order-event payloads (once per fill id),
 * snaps market-data prices to the tick as marks, keeps FX rates from FX marks, and values the
 * account into payloads and equity-curve points.
 */
export class PortfolioTracker {
  readonly portfolio: Portfolio;
  readonly fx: FxRates;
  fillsApplied = 0;
  private readonly fillKeys = new Set<string>();
  private readonly pnlCurrencies = new Set<string>();
  private readonly feeCurrencies = new Set<string>();
  private readonly missing = new Set<string>();
  private readonly bySymbol = new Map<string, Instrument | null>();
  /** Realised PnL and commissions as payload fields: they change only with fills, so are reused until one. */
  private booked: Pick<PortfolioUpdatePayload, 'realizedPnl' | 'commissions'> | undefined;

  constructor(
    private readonly options: TrackerOptions,
    private readonly instruments: InstrumentRegistry,
  ) {
    this.fx = new FxRates(options.baseCurrency, options.fxRates);
    this.portfolio = new Portfolio(
      options.baseCurrency,
      options.startingCapital,
      (currency) => this.rate(currency),
      options.oms,
    );
  }

  applyFill(payload: OrderEventPayload): FillOutcome {
    try {
      const event = eventOfPayload(payload);
      if (event.type !== 'filled') return { kind: 'refused', reason: `not a fill: ${event.type}` };
      const key = `${event.orderId}/${event.fillId}`;
      if (this.fillKeys.has(key)) return { kind: 'duplicate' };
      const instrument = this.find(payload.instrumentId) ?? this.find(payload.symbol);
      if (!instrument) return { kind: 'refused', reason: `unknown instrument ${payload.instrumentId}` };
      const fill = positionFillOf(payload.side, event);
      const before = this.portfolio.realizedPnl(instrument.quoteCurrency);
      const events = this.portfolio.applyFill(instrument, fill);
      this.fillKeys.add(key);
      this.fillsApplied++;
      this.booked = undefined;
      this.pnlCurrencies.add(instrument.quoteCurrency);
      this.feeCurrencies.add(fill.commission.currency);
      const totalRealized = this.portfolio.realizedPnl(instrument.quoteCurrency);
      const change = positionChange(this.options.account, instrument, fill, {
        events,
        netQty: this.portfolio.book.netQuantity(instrument.id),
        realized: totalRealized.sub(before),
        totalRealized,
      });
      return { kind: 'applied', change };
    } catch (error) {
      return { kind: 'refused', reason: (error as Error).message };
    }
  }

  /** A market price for `symbol`, snapped to its tick; false when the symbol is not an instrument. */
  mark(symbol: string, price: number): boolean {
    const instrument = this.find(symbol);
    if (!instrument || !Number.isFinite(price)) return false;
    const snapped = priceFromFloat(price, instrument.tickSize);
    this.portfolio.mark(instrument.id, snapped);
    if (instrument.kind === 'fx')
      this.fx.onMark(instrument.baseCurrency, instrument.quoteCurrency, snapped.toNumber());
    return true;
  }

  /** Values the account at `tsNs` and appends the equity-curve point (replacing one at the same time). */
  snapshot(tsNs: Nanos, reason: PortfolioUpdatePayload['reason']): Valuation {
    return this.valued(() => {
      const { portfolio, options } = this;
      const unrealized = portfolio.unrealizedPnl();
      const { equity } = portfolio.snapshot(tsNs, unrealized);
      this.booked ??= {
        realizedPnl: byCurrency([...this.pnlCurrencies].map((c) => portfolio.realizedPnl(c))),
        commissions: byCurrency([...this.feeCurrencies].map((c) => portfolio.commissionsPaid(c))),
      };
      const update: PortfolioUpdatePayload = {
        account: options.account,
        baseCurrency: options.baseCurrency,
        startingCapital: options.startingCapital,
        equity,
        realizedPnl: this.booked.realizedPnl,
        unrealizedPnl: byCurrency(unrealized.values()),
        commissions: this.booked.commissions,
        exposures: exposureSummary(portfolio.exposures(), (id) => this.symbolOf(id), options.sectors),
        openPositions: portfolio.book.openPositions().length,
        fills: this.fillsApplied,
        reason,
        tsNs,
      };
      return { ok: true, update };
    });
  }

  /** Equity now, without a curve point. */
  equity(): { ok: true; equity: number } | { ok: false; missing: string[] } {
    return this.valued(() => ({ ok: true, equity: this.portfolio.equity() }));
  }

  curve(): EquityPoint[] {
    return this.portfolio.curve.map((point) => ({ ...point }));
  }

  private valued<T>(value: () => T): T | { ok: false; missing: string[] } {
    this.missing.clear();
    try {
      return value();
    } catch (error) {
      if (error instanceof RangeError && this.missing.size > 0)
        return { ok: false, missing: [...this.missing].sort() };
      throw error;
    }
  }

  private rate(currency: string): number {
    const rate = this.fx.rate(currency);
    if (!(Number.isFinite(rate) && rate > 0)) this.missing.add(currency);
    return rate;
  }

  /** The instrument a symbol or id names; undefined when unknown or ambiguous. */
  instrumentOf(idOrSymbol: string): Instrument | undefined {
    return this.find(idOrSymbol);
  }

  private symbolOf(instrumentId: string): string {
    return this.instruments.find(instrumentId)?.symbol ?? instrumentId;
  }

  private find(idOrSymbol: string): Instrument | undefined {
    let found = this.bySymbol.get(idOrSymbol);
    if (found === undefined) {
      try {
        found = this.instruments.find(idOrSymbol) ?? null;
      } catch {
        found = null; // an ambiguous symbol cannot be marked
      }
      this.bySymbol.set(idOrSymbol, found);
    }
    return found ?? undefined;
  }
}
