import { inputsFromPrices, type PriceCell } from '../../analytics/optimisation/inputs-from-prices.ts';
import { OPTIMISERS, type OptimisationMethod } from '../../analytics/optimisation/optimisers.ts';
import type { Nanos } from '../../domain/time.ts';
import type { Instrument } from '../../trading/instruments/instrument.ts';
import { quantityFromFloat } from '../../trading/money/price.ts';

export interface RebalanceSettings {
  method: OptimisationMethod;
  /** Symbols to allocate across; empty: every symbol with prices in the window. */
  symbols: readonly string[];
  /** Returns are taken between samples of the last price, one per this much event time. */
  sampleEveryNs: Nanos;
  /** Samples kept (the optimiser sees at most lookback - 1 returns). */
  lookback: number;
  minObservations: number;
  riskFree: number;
  periodsPerYear: number;
}

export interface RebalanceTarget {
  symbol: string;
  weight: number;
  /** Base-currency value of the target, weight x equity. */
  notionalBase: number;
  /** Position size that holds that value at the last price, floored to the lot grid. */
  quantity: string;
  price: number;
}

/** `portfolio.rebalance.<account>`: target weights and sizes from an optimiser over sampled returns. */
export interface RebalancePlan {
  account: string;
  method: OptimisationMethod;
  equity: number;
  observations: number;
  expectedReturn: number;
  volatility: number;
  sharpe: number;
  targets: RebalanceTarget[];
  tsNs: Nanos;
}

export interface PlanContext {
  account: string;
  equity: number;
  tsNs: Nanos;
  instrumentOf(symbol: string): Instrument | undefined;
  /** Rate from a currency to the base currency (NaN when unknown). */
  rateToBase(currency: string): number;
}

/**
 * Samples the last price of every marked symbol on a grid of event time (the close of each
 * period) and turns the window into optimiser inputs; `plan` sizes the weights against equity.
 */
export class RebalancePlanner {
  private readonly last = new Map<string, number>();
  private readonly rows: Map<string, number>[] = [];
  private period: bigint | undefined;

  constructor(readonly settings: RebalanceSettings) {
    if (settings.lookback < 3)
      throw new RangeError(`rebalance lookback must be >= 3, got ${settings.lookback}`);
  }

  /** The same samples seen through another optimiser (for on-demand plans). */
  withMethod(method: OptimisationMethod): RebalancePlanner {
    const other = new RebalancePlanner({ ...this.settings, method });
    for (const row of this.rows) other.rows.push(row);
    for (const [symbol, price] of this.last) other.last.set(symbol, price);
    other.period = this.period;
    return other;
  }

  get samples(): number {
    return this.rows.length;
  }

  observe(symbol: string, price: number, tsNs: Nanos): void {
    if (!(price > 0 && Number.isFinite(price))) return;
    const period = tsNs / this.settings.sampleEveryNs;
    if (this.period !== undefined && period > this.period && this.last.size > 0) {
      this.rows.push(new Map(this.last));
      if (this.rows.length > this.settings.lookback) this.rows.shift();
    }
    if (this.period === undefined || period > this.period) this.period = period;
    this.last.set(symbol, price);
  }

  /** The plan now, or why there is none (too few symbols or samples). */
  plan(context: PlanContext): { ok: true; plan: RebalancePlan } | { ok: false; reason: string } {
    const { settings } = this;
    const assets = (settings.symbols.length > 0 ? [...settings.symbols] : [...this.last.keys()])
      .filter((symbol) => context.instrumentOf(symbol) !== undefined && this.last.has(symbol))
      .sort();
    if (assets.length < 2)
      return { ok: false, reason: `need prices for at least 2 symbols, have ${assets.length}` };
    // Leading blanks are allowed (a symbol first seen later); the common window is what counts.
    const prices: PriceCell[][] = this.rows.map((row) => assets.map((symbol) => row.get(symbol) ?? null));
    const usable = prices.filter((row) => row.every((cell) => cell !== null)).length - 1;
    if (usable < settings.minObservations)
      return {
        ok: false,
        reason: `need ${settings.minObservations} sampled returns, have ${Math.max(0, usable)}`,
      };
    const inputs = inputsFromPrices(assets, prices);
    const result = OPTIMISERS[settings.method](inputs, {
      riskFree: settings.riskFree,
      periodsPerYear: settings.periodsPerYear,
    });
    const targets = assets.map((symbol) => this.target(symbol, result.weights[symbol] ?? 0, context));
    return {
      ok: true,
      plan: {
        account: context.account,
        method: settings.method,
        equity: context.equity,
        observations: inputs.observations,
        expectedReturn: result.expectedReturn,
        volatility: result.volatility,
        sharpe: result.sharpe,
        targets,
        tsNs: context.tsNs,
      },
    };
  }

  private target(symbol: string, weight: number, context: PlanContext): RebalanceTarget {
    const instrument = context.instrumentOf(symbol)!;
    const price = this.last.get(symbol)!;
    const notionalBase = weight * context.equity;
    const unitValue = price * instrument.multiplier.toNumber() * context.rateToBase(instrument.quoteCurrency);
    const size = unitValue > 0 && Number.isFinite(unitValue) ? notionalBase / unitValue : 0;
    return {
      symbol,
      weight,
      notionalBase,
      quantity: quantityFromFloat(Math.max(0, size), instrument.lotSize, 'floor').toString(),
      price,
    };
  }
}
