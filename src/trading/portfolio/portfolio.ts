import type { Nanos } from '../../domain/time.ts';
import type { Instrument } from '../instruments/instrument.ts';
import { notionalValue } from '../instruments/instrument-math.ts';
import type { Fixed } from '../money/fixed.ts';
import { Money } from '../money/money.ts';
import type { PositionFill } from '../positions/position.ts';
import { type OmsType, PositionBook, type PositionEvent } from '../positions/position-book.ts';

/** Converts an amount of `currency` into the base currency (float: reporting, not accounting). */
export type FxRate = (currency: string) => number;

export interface EquityPoint {
  tsNs: Nanos;
  /** Base-currency equity: starting capital + realised PnL − commissions + unrealised PnL. */
  equity: number;
}

export interface Exposure {
  instrumentId: string;
  currency: string;
  /** Signed notional at the mark price, in the instrument's quote currency. */
  notional: number;
  /** The same in the base currency. */
  notionalBase: number;
}

/**
 * Positions, PnL and exposures of one account, by average-cost accounting in exact money per
 * currency. Equity uses PnL accounting for every instrument kind (cash spent on a stock is not a
 * loss), so stocks, FX and futures share one equity curve; conversion to the base currency is the
 * only float step.
 */
export class Portfolio {
  readonly book: PositionBook;
  private readonly realized = new Map<string, Money>();
  private readonly commissions = new Map<string, Money>();
  private readonly marks = new Map<string, Fixed>();
  readonly curve: EquityPoint[] = [];

  constructor(
    readonly baseCurrency: string,
    readonly startingCapital: number,
    private readonly fxRate: FxRate,
    oms: OmsType = 'NETTING',
  ) {
    this.book = new PositionBook(oms);
  }

  applyFill(instrument: Instrument, fill: PositionFill): PositionEvent[] {
    const { events, realizedPnl } = this.book.applyFill(instrument, fill);
    add(this.realized, realizedPnl);
    add(this.commissions, fill.commission);
    this.marks.set(instrument.id, fill.price);
    return events;
  }

  /** The latest price of an instrument, for unrealised PnL and exposure. */
  mark(instrumentId: string, price: Fixed): void {
    this.marks.set(instrumentId, price);
  }

  realizedPnl(currency: string): Money {
    return this.realized.get(currency) ?? Money.zero(currency);
  }

  commissionsPaid(currency: string): Money {
    return this.commissions.get(currency) ?? Money.zero(currency);
  }

  /** Unrealised PnL per quote currency at the latest marks. */
  unrealizedPnl(): Map<string, Money> {
    const out = new Map<string, Money>();
    for (const position of this.book.openPositions()) {
      const mark = this.marks.get(position.instrument.id);
      if (mark !== undefined) add(out, position.unrealizedPnl(mark));
    }
    return out;
  }

  /** Base-currency equity; pass `unrealized` when the caller already computed it at these marks. */
  equity(unrealized: ReadonlyMap<string, Money> = this.unrealizedPnl()): number {
    let total = this.startingCapital;
    for (const money of this.realized.values()) total += this.toBase(money);
    for (const money of this.commissions.values()) total -= this.toBase(money);
    for (const money of unrealized.values()) total += this.toBase(money);
    return total;
  }

  /** Appends the equity now to the curve (call on each bar, or on each fill and mark). */
  snapshot(tsNs: Nanos, unrealized?: ReadonlyMap<string, Money>): EquityPoint {
    const point = { tsNs, equity: this.equity(unrealized) };
    const last = this.curve.at(-1);
    if (last && last.tsNs === tsNs) this.curve[this.curve.length - 1] = point;
    else this.curve.push(point);
    return point;
  }

  private toBase(money: Money): number {
    return money.amount.toNumber() * this.rate(money.currency);
  }

  exposures(): Exposure[] {
    const out: Exposure[] = [];
    for (const position of this.book.openPositions()) {
      const { instrument } = position;
      const mark = this.marks.get(instrument.id);
      if (mark === undefined) continue;
      const notional = notionalValue(instrument, position.signedQty, mark).toNumber();
      out.push({
        instrumentId: instrument.id,
        currency: instrument.quoteCurrency,
        notional,
        notionalBase: notional * this.rate(instrument.quoteCurrency),
      });
    }
    return out.sort((a, b) => (a.instrumentId < b.instrumentId ? -1 : 1));
  }

  private rate(currency: string): number {
    if (currency === this.baseCurrency) return 1;
    const rate = this.fxRate(currency);
    if (!Number.isFinite(rate) || rate <= 0)
      throw new RangeError(`no ${currency}/${this.baseCurrency} rate to value the portfolio`);
    return rate;
  }
}

function add(totals: Map<string, Money>, money: Money): void {
  const current = totals.get(money.currency);
  totals.set(money.currency, current ? current.add(money) : money);
}
