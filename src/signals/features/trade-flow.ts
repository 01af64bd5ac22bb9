import { RollingMoments } from './rolling-moments.ts';

/** Standard normal CDF via erf (Abramowitz-Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Buy and sell volume of one bar. */
export interface BarFlow {
  buy: number;
  sell: number;
}

/**
 * Classifies trades as buys or sells and gives each bar its buy and sell volume.
 * A trade's side is its aggressor when the feed carries one, else the tick rule (up-tick: buy,
 * down-tick: sell, unchanged: the previous trade's side). A bar no trade was seen for (bar-only
 * data) is split by bulk volume classification (Easley, Lopez de Prado, O'Hara 2012): buy share
 * Phi(dC / sigma), sigma the sample sd of the last `window` close changes including this one;
 * before two changes (or with sigma 0) the tick rule on the close: up buy, down sell, flat half.
 * Trades wait in a queue until the bar whose end they precede arrives, so a trade of the next
 * interval published before the bar is not counted in it; each trade is queued and taken once.
 */
export class TradeClassifier {
  private readonly pendingTs: bigint[] = [];
  private readonly pendingSigned: number[] = [];
  private head = 0;
  private lastTradePrice = Number.NaN;
  private lastSign = 1;
  private lastClose = Number.NaN;
  private readonly changes: RollingMoments;

  constructor(window = 50) {
    this.changes = new RollingMoments(window);
  }

  onTrade(trade: { price: number; size: number; aggressor?: 'buy' | 'sell'; tsNs: bigint }): void {
    let sign: number;
    if (trade.aggressor) sign = trade.aggressor === 'buy' ? 1 : -1;
    else if (trade.price > this.lastTradePrice) sign = 1;
    else if (trade.price < this.lastTradePrice) sign = -1;
    else sign = this.lastSign;
    this.lastTradePrice = trade.price;
    this.lastSign = sign;
    this.pendingTs.push(trade.tsNs);
    this.pendingSigned.push(sign * trade.size);
  }

  onBar(bar: { close: number; volume: number; endNs: bigint }): BarFlow {
    let buy = 0;
    let sell = 0;
    let seen = false;
    while (this.head < this.pendingTs.length && this.pendingTs[this.head]! < bar.endNs) {
      const signed = this.pendingSigned[this.head++]!;
      seen = true;
      if (signed >= 0) buy += signed;
      else sell -= signed;
    }
    this.compact();
    const previous = this.lastClose;
    this.lastClose = bar.close;
    const change = bar.close - previous;
    if (!Number.isNaN(change)) this.changes.push(change);
    if (seen) return { buy, sell };
    const sigma = Math.sqrt(this.changes.variance());
    if (sigma > 0) {
      const bought = bar.volume * normalCdf(change / sigma);
      return { buy: bought, sell: bar.volume - bought };
    }
    if (bar.close > previous) return { buy: bar.volume, sell: 0 };
    if (bar.close < previous) return { buy: 0, sell: bar.volume };
    return { buy: bar.volume / 2, sell: bar.volume / 2 };
  }

  private compact(): void {
    if (this.head < 1024 && this.head < this.pendingTs.length) return;
    this.pendingTs.splice(0, this.head);
    this.pendingSigned.splice(0, this.head);
    this.head = 0;
  }
}

/**
 * Over the last `window` bars: order-flow imbalance sum(B - S) / sum(B + S) in [-1, 1], and the
 * VPIN-like toxicity sum |B - S| / sum(B + S) in [0, 1] (VPIN on time bars rather than volume
 * buckets). O(1) per bar.
 */
export class RollingFlow {
  private readonly signed: RollingMoments;
  private readonly absolute: RollingMoments;
  private readonly volume: RollingMoments;

  constructor(readonly window: number) {
    this.signed = new RollingMoments(window);
    this.absolute = new RollingMoments(window);
    this.volume = new RollingMoments(window);
  }

  update(flow: BarFlow): void {
    this.signed.push(flow.buy - flow.sell);
    this.absolute.push(Math.abs(flow.buy - flow.sell));
    this.volume.push(flow.buy + flow.sell);
  }

  imbalance(): number {
    const volume = this.volume.total();
    return this.volume.full && volume > 0 ? this.signed.total() / volume : Number.NaN;
  }

  vpinLike(): number {
    const volume = this.volume.total();
    return this.volume.full && volume > 0 ? this.absolute.total() / volume : Number.NaN;
  }
}
