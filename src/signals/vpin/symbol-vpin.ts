import type { Nanos } from '../../domain/time.ts';
import { WarmupBucketSize } from './bucket-size.ts';
import { type Classification, type ClassifierOptions, createClassifier } from './classifiers.ts';
import { RollingCdf } from './rolling-cdf.ts';
import { TimeClock } from './time-clock-feed.ts';
import {
  DEFAULT_THRESHOLDS,
  ToxicityAlerter,
  type ToxicityLevel,
  type ToxicityThresholds,
} from './toxicity.ts';
import { VolumeClockVpin, type VpinBucket } from './volume-clock.ts';

export type VpinClock = 'volume' | 'time';

export interface SymbolVpinOptions extends ClassifierOptions {
  classification: Classification;
  clock?: VpinClock;
  /** Buckets (or intervals) in the VPIN window, n (default 50). */
  window?: number;
  /** Volume clock: a fixed V; without it V comes from the warm-up (`warmupNs`, `bucketNs`). */
  bucketVolume?: number;
  warmupNs?: Nanos;
  bucketNs?: Nanos;
  /** Time clock fed with trades: interval length (bars are one interval each). */
  intervalNs?: Nanos;
  /** Full-window VPIN values the CDF ranks against (default 250 = 5 days of 50 buckets). */
  cdfWindow?: number;
  /** Values needed before a CDF (and so an alert) is reported (default 50). */
  cdfMinHistory?: number;
  thresholds?: ToxicityThresholds;
}

export interface VpinReading extends VpinBucket {
  symbol: string;
  /** Empirical CDF of this VPIN among the recent full-window values; null until there are enough. */
  cdf: number | null;
  alert: ToxicityLevel | null;
  /** Notional (volume × price) traded over the window: the weight in cross-symbol aggregation. */
  windowNotional: number;
}

export interface BarInput {
  open: number;
  close: number;
  volume: number;
  startNs: Nanos;
  endNs: Nanos;
}

export interface TradeInput {
  price: number;
  size: number;
  aggressor?: 'buy' | 'sell' | undefined;
  tsNs: Nanos;
}

const MINUTE = 60_000_000_000n;

/**
 * One symbol's toxicity pipeline, pure and clock-free: classifier -> volume or time clock ->
 * rolling CDF of full-window VPIN -> edge-triggered alerts. Feed bars or trades in event-time
 * order; each call returns the buckets it completed.
 */
export class SymbolVpin {
  readonly window: number;
  private readonly classifier;
  private readonly cdf: RollingCdf;
  private readonly minHistory: number;
  private readonly alerter: ToxicityAlerter;
  private readonly notional: Float64Array;
  private notionalHead = 0;
  private notionalSum = 0;
  private volumeClock: VolumeClockVpin | undefined;
  private readonly timeClock: TimeClock | undefined;
  private readonly warmup: WarmupBucketSize | undefined;
  /** Classified volume held until the warm-up fixes V: [volume, buy share, time] triples. */
  private pending: Array<[number, number, Nanos]> = [];
  private price = 0;
  private out: VpinReading[] = [];

  constructor(
    readonly symbol: string,
    options: SymbolVpinOptions,
  ) {
    this.window = options.window ?? 50;
    this.classifier = createClassifier(options.classification, options);
    this.cdf = new RollingCdf(options.cdfWindow ?? 250);
    this.minHistory = options.cdfMinHistory ?? 50;
    this.alerter = new ToxicityAlerter(options.thresholds ?? DEFAULT_THRESHOLDS);
    this.notional = new Float64Array(this.window);
    const sink = (bucket: VpinBucket) => this.onBucket(bucket);
    if ((options.clock ?? 'volume') === 'time')
      this.timeClock = new TimeClock(this.window, options.intervalNs ?? MINUTE, sink);
    else if (options.bucketVolume !== undefined)
      this.volumeClock = new VolumeClockVpin(options.bucketVolume, this.window, sink);
    else this.warmup = new WarmupBucketSize(options.warmupNs ?? MINUTE, options.bucketNs ?? MINUTE);
  }

  /** V of the volume clock once known. */
  get bucketVolume(): number | undefined {
    return this.volumeClock?.bucketVolume;
  }

  onBar(bar: BarInput): VpinReading[] {
    this.price = bar.close;
    const share = this.classifier.buyFraction(bar.open, bar.close);
    if (this.timeClock) this.timeClock.addBar(bar.volume, share, bar.endNs);
    else this.addVolume(bar.volume, share, bar.startNs, bar.endNs);
    return this.drain();
  }

  onTrade(trade: TradeInput): VpinReading[] {
    this.price = trade.price;
    const share = this.classifier.buyFraction(trade.price, trade.price, trade.aggressor);
    if (this.timeClock) this.timeClock.addTrade(trade.size, share, trade.tsNs);
    else this.addVolume(trade.size, share, trade.tsNs, trade.tsNs);
    return this.drain();
  }

  private addVolume(volume: number, share: number, startNs: Nanos, endNs: Nanos): void {
    if (this.volumeClock) {
      this.volumeClock.add(volume, share, endNs);
      return;
    }
    this.pending.push([volume, share, endNs]);
    const v = this.warmup!.observe(volume, startNs, endNs);
    if (v === undefined) return;
    const clock = new VolumeClockVpin(v, this.window, (bucket) => this.onBucket(bucket));
    this.volumeClock = clock;
    for (const [volume, share, at] of this.pending) clock.add(volume, share, at);
    this.pending = [];
  }

  private onBucket(bucket: VpinBucket): void {
    const notional = (bucket.buyVolume + bucket.sellVolume) * this.price;
    this.notionalSum += notional - this.notional[this.notionalHead]!;
    this.notional[this.notionalHead] = notional;
    this.notionalHead = (this.notionalHead + 1) % this.window;
    let cdf: number | null = null;
    let alert: ToxicityLevel | null = null;
    if (bucket.full) {
      const rank = this.cdf.push(bucket.vpin);
      if (this.cdf.size >= this.minHistory) {
        cdf = rank;
        alert = this.alerter.update(rank) ?? null;
      }
    }
    this.out.push({ ...bucket, symbol: this.symbol, cdf, alert, windowNotional: this.notionalSum });
  }

  private drain(): VpinReading[] {
    if (this.out.length === 0) return NO_READINGS;
    const readings = this.out;
    this.out = [];
    return readings;
  }
}

const NO_READINGS: VpinReading[] = [];
