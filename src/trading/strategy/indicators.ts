import { EMA, RSI, SMA, BollingerBands as TsBollinger } from 'trading-signals';
import { invalid } from '../errors.ts';

function checkPeriod(name: string, period: number, min = 1): void {
  if (!Number.isInteger(period) || period < min) {
    throw invalid(`${name}: period must be an integer >= ${min}, got ${period}`);
  }
}

/** A streaming indicator: `update` returns the value once warmed up, undefined before. */
export interface Indicator<T = number> {
  update(x: number): T | undefined;
  readonly value: T | undefined;
  readonly ready: boolean;
}

/**
 * Exponential moving average, alpha = 2 / (period + 1), seeded with the first input (the
 * trading-signals convention); ready after `period` inputs.
 */
export class Ema implements Indicator {
  private readonly ema: EMA;
  constructor(readonly period: number) {
    checkPeriod('EMA', period);
    this.ema = new EMA(period);
  }
  update(x: number): number | undefined {
    this.ema.add(x);
    return this.value;
  }
  get ready(): boolean {
    return this.ema.isStable;
  }
  get value(): number | undefined {
    return this.ready ? this.ema.getResultOrThrow() : undefined;
  }
}

/** Simple moving average of the last `period` inputs. */
export class Sma implements Indicator {
  private readonly sma: SMA;
  constructor(readonly period: number) {
    checkPeriod('SMA', period);
    this.sma = new SMA(period);
  }
  update(x: number): number | undefined {
    return this.sma.add(x) ?? undefined;
  }
  get ready(): boolean {
    return this.sma.isStable;
  }
  get value(): number | undefined {
    return this.sma.getResult() ?? undefined;
  }
}

/** Wilder RSI in [0, 100]; ready after period + 1 inputs. */
export class Rsi implements Indicator {
  private readonly rsi: RSI;
  constructor(readonly period: number) {
    checkPeriod('RSI', period);
    this.rsi = new RSI(period);
  }
  update(x: number): number | undefined {
    return this.rsi.add(x) ?? undefined;
  }
  get ready(): boolean {
    return this.rsi.getResult() !== null;
  }
  get value(): number | undefined {
    return this.rsi.getResult() ?? undefined;
  }
}

export interface Bands {
  lower: number;
  middle: number;
  upper: number;
}

/** Bollinger bands: SMA +/- k * population standard deviation over `period`. */
export class Bollinger implements Indicator<Bands> {
  private readonly bands: TsBollinger;
  constructor(
    readonly period: number,
    readonly k = 2,
  ) {
    checkPeriod('Bollinger', period);
    this.bands = new TsBollinger(period, k);
  }
  update(x: number): Bands | undefined {
    return this.bands.add(x) ?? undefined;
  }
  get ready(): boolean {
    return this.bands.getResult() !== null;
  }
  get value(): Bands | undefined {
    return this.bands.getResult() ?? undefined;
  }
}

/**
 * Rolling z-score of the latest input against the last `window` inputs (itself included):
 * (x - mean) / s with the sample standard deviation s (n - 1). Undefined until the window is
 * full and while s is 0. Sums are recomputed per update, so results never drift.
 */
export class RollingZScore implements Indicator {
  private readonly values: number[] = [];
  mean: number | undefined;
  std: number | undefined;
  value: number | undefined;

  constructor(readonly window: number) {
    checkPeriod('z-score window', window, 2);
  }

  update(x: number): number | undefined {
    this.values.push(x);
    if (this.values.length > this.window) this.values.shift();
    if (this.values.length < this.window) return undefined;
    const n = this.values.length;
    const mean = this.values.reduce((a, b) => a + b, 0) / n;
    const ss = this.values.reduce((a, b) => a + (b - mean) * (b - mean), 0);
    this.mean = mean;
    this.std = Math.sqrt(ss / (n - 1));
    this.value = this.std === 0 ? undefined : (x - mean) / this.std;
    return this.value;
  }

  get ready(): boolean {
    return this.values.length >= this.window;
  }
}
