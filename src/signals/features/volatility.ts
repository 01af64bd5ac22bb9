import { RollingMoments } from './rolling-moments.ts';

/**
 * Volatility estimators on OHLC bars, each annualised by sqrt(periodsPerYear):
 *
 * - close-to-close: r_i = ln(C_i / C_{i-1}); sigma^2 = sum (r_i - mean r)^2 / (n - 1) over the last n returns.
 * - Parkinson (1980): sigma^2 = 1 / (4 n ln 2) * sum ln(H_i / L_i)^2 over the last n bars.
 * - Garman-Klass (1980): sigma^2 = 1/n * sum [ 0.5 ln(H_i / L_i)^2 - (2 ln 2 - 1) ln(C_i / O_i)^2 ].
 *
 * Parkinson and Garman-Klass assume no drift and no opening jump; GK can go negative on odd bars,
 * so its window mean is clamped at 0 before the square root.
 */
export interface Ohlc {
  open: number;
  high: number;
  low: number;
  close: number;
}

const LN2 = Math.LN2;
const GK_CLOSE_WEIGHT = 2 * LN2 - 1;

export function parkinsonTerm(bar: Ohlc): number {
  const hl = Math.log(bar.high / bar.low);
  return hl * hl;
}

export function garmanKlassTerm(bar: Ohlc): number {
  const hl = Math.log(bar.high / bar.low);
  const co = Math.log(bar.close / bar.open);
  return 0.5 * hl * hl - GK_CLOSE_WEIGHT * co * co;
}

/** Batch close-to-close volatility of `closes` (n + 1 closes give n returns). */
export function closeToCloseVolatility(closes: readonly number[], periodsPerYear: number): number {
  if (closes.length < 3) return Number.NaN;
  const returns: number[] = [];
  for (let i = 1; i < closes.length; i++) returns.push(Math.log(closes[i]! / closes[i - 1]!));
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  const ss = returns.reduce((a, r) => a + (r - mean) ** 2, 0);
  return Math.sqrt((ss / (returns.length - 1)) * periodsPerYear);
}

export function parkinsonVolatility(bars: readonly Ohlc[], periodsPerYear: number): number {
  if (bars.length === 0) return Number.NaN;
  const sum = bars.reduce((a, bar) => a + parkinsonTerm(bar), 0);
  return Math.sqrt((sum / (4 * bars.length * LN2)) * periodsPerYear);
}

export function garmanKlassVolatility(bars: readonly Ohlc[], periodsPerYear: number): number {
  if (bars.length === 0) return Number.NaN;
  const sum = bars.reduce((a, bar) => a + garmanKlassTerm(bar), 0);
  return Math.sqrt(Math.max(0, sum / bars.length) * periodsPerYear);
}

/** The three estimators over the last `window` bars (returns: the last `window` close-to-close), O(1) per bar. */
export class RollingVolatility {
  private readonly returns: RollingMoments;
  private readonly parkinson: RollingMoments;
  private readonly garmanKlass: RollingMoments;
  private lastClose = Number.NaN;

  constructor(
    readonly window: number,
    readonly periodsPerYear: number,
  ) {
    this.returns = new RollingMoments(window);
    this.parkinson = new RollingMoments(window);
    this.garmanKlass = new RollingMoments(window);
  }

  update(bar: Ohlc): void {
    if (!Number.isNaN(this.lastClose)) this.returns.push(Math.log(bar.close / this.lastClose));
    this.lastClose = bar.close;
    this.parkinson.push(parkinsonTerm(bar));
    this.garmanKlass.push(garmanKlassTerm(bar));
  }

  /** NaN until `window` returns (window + 1 bars) have been seen. */
  closeToClose(): number {
    return this.returns.full ? Math.sqrt(this.returns.variance() * this.periodsPerYear) : Number.NaN;
  }

  parkinsonVol(): number {
    return this.parkinson.full
      ? Math.sqrt((this.parkinson.mean() / (4 * LN2)) * this.periodsPerYear)
      : Number.NaN;
  }

  garmanKlassVol(): number {
    return this.garmanKlass.full
      ? Math.sqrt(Math.max(0, this.garmanKlass.mean()) * this.periodsPerYear)
      : Number.NaN;
  }
}
