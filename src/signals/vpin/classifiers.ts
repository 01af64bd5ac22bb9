import { normalCdf, studentTCdf } from './distributions.ts';

/**
 * How a bar's or trade's volume is split into buys and sells:
 * - `bvc`: bulk volume classification (Easley, López de Prado, O'Hara 2012), buy share Φ(ΔP/σ);
 * - `bvc-t`: the same with Student's t CDF (heavier tails: a large move is less than all-buy);
 * - `tick`: tick rule, all-buy on an uptick, all-sell on a downtick, a zero tick keeps the last sign;
 * - `aggressor`: the trade's aggressor side (trades without one fall back to the tick rule).
 */
export type Classification = 'bvc' | 'bvc-t' | 'tick' | 'aggressor';
export const CLASSIFICATIONS: readonly Classification[] = ['bvc', 'tick', 'aggressor', 'bvc-t'];

export interface ClassifierOptions {
  /** BVC: bar price changes in σ's trailing window (default 1000: about a day of 1-minute bars). */
  sigmaWindow?: number;
  /**
   * BVC-t degrees of freedom (default 0.25, the value Easley, López de Prado and O'Hara use in
   * "Discerning information from trade data", 2016; heavy tails keep large moves from being
   * classified as all-buy or all-sell).
   */
  degreesOfFreedom?: number;
}

export const DEFAULT_SIGMA_WINDOW = 1000;
export const DEFAULT_DEGREES_OF_FREEDOM = 0.25;

/** Buy share in [0, 1] of one observation's volume: a bar (open, close) or a trade (open = close). */
export interface Classifier {
  buyFraction(open: number, close: number, aggressor?: 'buy' | 'sell'): number;
}

/**
 * BVC: ΔP = close − previous close (close − open for the first bar); σ is the sample standard
 * deviation of the last `sigmaWindow` changes, the current one included (it is known when the bar
 * closes, so nothing looks ahead). Fewer than two changes, or σ = 0, gives 1/2: no information.
 * Running sums make each bar O(1); they are recomputed from the ring every time it wraps, so
 * rounding drift stays bounded on an endless feed.
 */
export class BvcClassifier implements Classifier {
  private readonly changes: Float64Array;
  private head = 0;
  private count = 0;
  private sum = 0;
  private sumSq = 0;
  private prevClose = Number.NaN;

  constructor(
    sigmaWindow: number,
    private readonly cdf: (z: number) => number = normalCdf,
  ) {
    if (!Number.isInteger(sigmaWindow) || sigmaWindow < 2)
      throw new RangeError(`sigma window must be an integer >= 2, got ${sigmaWindow}`);
    this.changes = new Float64Array(sigmaWindow);
  }

  buyFraction(open: number, close: number): number {
    const change = Number.isNaN(this.prevClose) ? close - open : close - this.prevClose;
    this.prevClose = close;
    const ring = this.changes;
    if (this.count === ring.length) {
      const old = ring[this.head]!;
      this.sum -= old;
      this.sumSq -= old * old;
    } else this.count++;
    ring[this.head] = change;
    this.sum += change;
    this.sumSq += change * change;
    if (++this.head === ring.length) {
      this.head = 0;
      this.resum();
    }
    if (this.count < 2) return 0.5;
    const variance = (this.sumSq - (this.sum * this.sum) / this.count) / (this.count - 1);
    return variance > 0 ? this.cdf(change / Math.sqrt(variance)) : 0.5;
  }

  private resum(): void {
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < this.count; i++) {
      const value = this.changes[i]!;
      sum += value;
      sumSq += value * value;
    }
    this.sum = sum;
    this.sumSq = sumSq;
  }
}

/** Tick rule on trade prices (or bar closes); before the first non-zero tick the share is 1/2. */
export class TickRuleClassifier implements Classifier {
  private last = Number.NaN;
  private sign = 0;

  buyFraction(_open: number, close: number): number {
    if (close > this.last) this.sign = 1;
    else if (close < this.last) this.sign = -1;
    this.last = close;
    return this.sign > 0 ? 1 : this.sign < 0 ? 0 : 0.5;
  }
}

/** The aggressor side when a trade carries one; the tick rule otherwise (counted in `fallbacks`). */
export class AggressorClassifier implements Classifier {
  private readonly tick = new TickRuleClassifier();
  fallbacks = 0;

  buyFraction(open: number, close: number, aggressor?: 'buy' | 'sell'): number {
    // The tick rule sees every price, so its state is right when a side is missing.
    const byTick = this.tick.buyFraction(open, close);
    if (aggressor === 'buy') return 1;
    if (aggressor === 'sell') return 0;
    this.fallbacks++;
    return byTick;
  }
}

export function createClassifier(kind: Classification, options: ClassifierOptions = {}): Classifier {
  const window = options.sigmaWindow ?? DEFAULT_SIGMA_WINDOW;
  switch (kind) {
    case 'bvc':
      return new BvcClassifier(window);
    case 'bvc-t': {
      const nu = options.degreesOfFreedom ?? DEFAULT_DEGREES_OF_FREEDOM;
      if (!(nu > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${nu}`);
      return new BvcClassifier(window, (z) => studentTCdf(z, nu));
    }
    case 'tick':
      return new TickRuleClassifier();
    case 'aggressor':
      return new AggressorClassifier();
  }
}
