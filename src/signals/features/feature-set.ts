import { DEFAULT_INDICATORS, IndicatorBank, type IndicatorSettings } from './indicator-bank.ts';
import { bookImbalance, type Levels, microprice, spread, spreadBps, type TopOfBook } from './order-book.ts';
import { RollingReturns } from './rolling-return.ts';
import { RollingFlow, TradeClassifier } from './trade-flow.ts';
import { RollingVolatility } from './volatility.ts';
import { RollingVolumeProfile } from './volume-profile.ts';
import { RollingZScore } from './zscore.ts';

export interface FeatureSettings {
  /** Horizons in bars of the rolling simple returns (return_<k>). */
  returnHorizons: readonly number[];
  /** Bars in the volatility, z-score, flow and volume-profile windows. */
  window: number;
  /** sqrt(periodsPerYear) annualises the volatilities (bars per year of the bar spec). */
  periodsPerYear: number;
  /** Volume-profile bucket width as basis points of the first close seen. */
  profileBucketBps: number;
  /** Levels per side summed in book_imbalance (book_imbalance_1 always uses the best level). */
  bookDepth: number;
  indicators: IndicatorSettings;
}

export const DEFAULT_FEATURES: FeatureSettings = {
  returnHorizons: [1, 5, 20],
  window: 20,
  periodsPerYear: 525_600,
  profileBucketBps: 10,
  bookDepth: 5,
  indicators: DEFAULT_INDICATORS,
};

export interface BarInput {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  endNs: bigint;
}

export interface FeatureSnapshot {
  symbol: string;
  bars: number;
  /** Every feature by name; null where there is not enough data yet (JSON has no NaN). */
  values: Record<string, number | null>;
  volumeProfile: { bucketWidth: number; buckets: Array<[price: number, volume: number]> } | null;
}

/**
 * Every feature of one instrument, updated incrementally: bars drive returns, volatilities,
 * z-scores, the volume profile, trade flow and the trading-signals indicators (O(1) per bar
 * except Bollinger, O(period)); quotes and books only replace the latest spread, microprice and
 * imbalance. `snapshot()` reads them all.
 */
export class FeatureSet {
  private readonly returns: RollingReturns;
  private readonly volatility: RollingVolatility;
  private readonly closeZ: RollingZScore;
  private readonly volumeZ: RollingZScore;
  private readonly classifier = new TradeClassifier();
  private readonly flow: RollingFlow;
  private readonly indicators: IndicatorBank;
  private profile: RollingVolumeProfile | undefined;
  private quote: TopOfBook | undefined;
  private book: { bids: Levels; asks: Levels } | undefined;
  private barCount = 0;

  constructor(
    readonly symbol: string,
    readonly settings: FeatureSettings = DEFAULT_FEATURES,
  ) {
    this.returns = new RollingReturns(settings.returnHorizons);
    this.volatility = new RollingVolatility(settings.window, settings.periodsPerYear);
    this.closeZ = new RollingZScore(settings.window);
    this.volumeZ = new RollingZScore(settings.window);
    this.flow = new RollingFlow(settings.window);
    this.indicators = new IndicatorBank(settings.indicators);
  }

  get bars(): number {
    return this.barCount;
  }

  onBar(bar: BarInput): void {
    this.barCount++;
    this.returns.update(bar.close);
    this.volatility.update(bar);
    this.closeZ.update(bar.close);
    this.volumeZ.update(bar.volume);
    this.flow.update(this.classifier.onBar(bar));
    this.indicators.update(bar);
    this.profile ??= new RollingVolumeProfile(
      this.settings.window,
      (bar.close * this.settings.profileBucketBps) / 10_000,
    );
    this.profile.update(bar);
  }

  onTrade(trade: { price: number; size: number; aggressor?: 'buy' | 'sell'; tsNs: bigint }): void {
    this.classifier.onTrade(trade);
  }

  onQuote(quote: TopOfBook): void {
    this.quote = quote;
  }

  onBook(bids: Levels, asks: Levels): void {
    this.book = { bids, asks };
  }

  snapshot(): FeatureSnapshot {
    const values: Record<string, number> = {};
    for (const k of this.settings.returnHorizons) values[`return_${k}`] = this.returns.value(k);
    values.vol_close_to_close = this.volatility.closeToClose();
    values.vol_parkinson = this.volatility.parkinsonVol();
    values.vol_garman_klass = this.volatility.garmanKlassVol();
    values.zscore_close = this.closeZ.value();
    values.zscore_volume = this.volumeZ.value();
    values.flow_imbalance = this.flow.imbalance();
    values.vpin_like = this.flow.vpinLike();
    values.volume_poc = this.profile?.pointOfControl() ?? Number.NaN;
    Object.assign(values, this.indicators.values());
    const { quote, book } = this;
    values.spread = quote ? spread(quote) : Number.NaN;
    values.spread_bps = quote ? spreadBps(quote) : Number.NaN;
    values.microprice = quote ? microprice(quote) : Number.NaN;
    values.book_imbalance_1 = book ? bookImbalance(book.bids, book.asks, 1) : Number.NaN;
    values.book_imbalance = book ? bookImbalance(book.bids, book.asks, this.settings.bookDepth) : Number.NaN;
    return {
      symbol: this.symbol,
      bars: this.barCount,
      values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number.isFinite(v) ? v : null])),
      volumeProfile: this.profile
        ? { bucketWidth: this.profile.bucketWidth, buckets: this.profile.buckets() }
        : null,
    };
  }
}
