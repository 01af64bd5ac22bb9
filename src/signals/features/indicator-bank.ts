import { ATR, BollingerBands, EMA, MACD, RSI } from 'trading-signals';

export interface IndicatorSettings {
  emaFast: number;
  emaSlow: number;
  rsi: number;
  macd: readonly [fast: number, slow: number, signal: number];
  bollinger: readonly [period: number, deviations: number];
  atr: number;
}

export const DEFAULT_INDICATORS: IndicatorSettings = {
  emaFast: 12,
  emaSlow: 26,
  rsi: 14,
  macd: [12, 26, 9],
  bollinger: [20, 2],
  atr: 14,
};

/**
 * The trading-signals 8 indicators, fed one closed bar at a time. EMA, RSI, MACD and ATR are O(1)
 * per bar; trading-signals' Bollinger Bands recompute mean and deviation over their period (O(period)).
 * Each value is NaN until the indicator is stable (trading-signals returns null before that).
 */
export class IndicatorBank {
  private readonly emaFast: EMA;
  private readonly emaSlow: EMA;
  private readonly rsi: RSI;
  private readonly macd: MACD;
  private readonly bollinger: BollingerBands;
  private readonly atr: ATR;
  private lastClose = Number.NaN;

  constructor(readonly settings: IndicatorSettings = DEFAULT_INDICATORS) {
    this.emaFast = new EMA(settings.emaFast);
    this.emaSlow = new EMA(settings.emaSlow);
    this.rsi = new RSI(settings.rsi);
    const [fast, slow, signal] = settings.macd;
    this.macd = new MACD(new EMA(fast), new EMA(slow), new EMA(signal));
    this.bollinger = new BollingerBands(settings.bollinger[0], settings.bollinger[1]);
    this.atr = new ATR(settings.atr);
  }

  update(bar: { high: number; low: number; close: number }): void {
    this.lastClose = bar.close;
    this.emaFast.add(bar.close);
    this.emaSlow.add(bar.close);
    this.rsi.add(bar.close);
    this.macd.add(bar.close);
    this.bollinger.add(bar.close);
    this.atr.add({ high: bar.high, low: bar.low, close: bar.close });
  }

  values(): Record<string, number> {
    const macd = this.macd.getResult();
    const bands = this.bollinger.getResult();
    const width = bands ? bands.upper - bands.lower : Number.NaN;
    return {
      ema_fast: stable(this.emaFast),
      ema_slow: stable(this.emaSlow),
      rsi: stable(this.rsi),
      macd: macd?.macd ?? Number.NaN,
      macd_signal: macd?.signal ?? Number.NaN,
      macd_histogram: macd?.histogram ?? Number.NaN,
      bb_upper: bands?.upper ?? Number.NaN,
      bb_middle: bands?.middle ?? Number.NaN,
      bb_lower: bands?.lower ?? Number.NaN,
      // %B: where the close sits in the band, 0 at the lower band and 1 at the upper.
      bb_percent_b: bands && width > 0 ? (this.lastClose - bands.lower) / width : Number.NaN,
      atr: stable(this.atr),
    };
  }
}

function stable(indicator: { isStable: boolean; getResult(): number | null }): number {
  return indicator.isStable ? (indicator.getResult() ?? Number.NaN) : Number.NaN;
}
