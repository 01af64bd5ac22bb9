/**
 * Rates into the base currency from live FX marks: a mark of pair B/Q at price p means 1 B = p Q,
 * so with base USD, USDJPY at 150 gives JPY -> USD = 1/150 and EURUSD at 1.1 gives EUR -> USD =
 * 1.1. A currency with no direct pair goes through one intermediate (EURJPY via USDJPY); the
 * configured fallbacks come last. Unknown currencies give NaN (the Portfolio then refuses to value).
 */
export class FxRates {
  /** `${base}/${quote}` -> quote units per base unit. */
  private readonly pairs = new Map<string, number>();
  private readonly currencies = new Set<string>();

  constructor(
    readonly baseCurrency: string,
    private readonly fallback: Readonly<Record<string, number>> = {},
  ) {}

  /** Records a mark of the pair `base`/`quote`; non-positive or non-finite prices are ignored. */
  onMark(base: string, quote: string, price: number): void {
    if (!Number.isFinite(price) || price <= 0 || base === quote) return;
    this.pairs.set(`${base}/${quote}`, price);
    this.currencies.add(base);
    this.currencies.add(quote);
  }

  /** Base-currency units per unit of `currency`, or NaN when no rate is known. */
  rate(currency: string): number {
    if (currency === this.baseCurrency) return 1;
    const direct = this.cross(currency, this.baseCurrency);
    if (direct !== undefined) return direct;
    for (const via of this.currencies) {
      if (via === currency || via === this.baseCurrency) continue;
      const first = this.cross(currency, via);
      const second = first === undefined ? undefined : this.cross(via, this.baseCurrency);
      if (first !== undefined && second !== undefined) return first * second;
    }
    return this.fallback[currency] ?? Number.NaN;
  }

  private cross(from: string, to: string): number | undefined {
    const direct = this.pairs.get(`${from}/${to}`);
    if (direct !== undefined) return direct;
    const inverse = this.pairs.get(`${to}/${from}`);
    return inverse === undefined ? undefined : 1 / inverse;
  }
}
