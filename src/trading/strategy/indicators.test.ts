import { describe, expect, it } from 'vitest';
import { Bollinger, Ema, RollingZScore, Rsi, Sma } from './indicators.ts';

describe('indicators', () => {
  it('EMA: alpha 2/(n+1), seeded with the first input, ready after n inputs', () => {
    const ema = new Ema(3);
    expect([1, 2, 3, 4].map((x) => ema.update(x))).toEqual([undefined, undefined, 2.25, 3.125]);
    expect(ema.ready).toBe(true);
    expect(ema.value).toBe(3.125);
  });

  it('SMA of the last n inputs', () => {
    const sma = new Sma(3);
    expect([1, 2, 3, 4, 8].map((x) => sma.update(x))).toEqual([undefined, undefined, 2, 3, 5]);
  });

  it('RSI (Wilder smoothing): 100 with no losses, 50 when gains equal losses', () => {
    const rsi = new Rsi(2);
    // changes +1, +1 -> avgGain 1, avgLoss 0; then -1 -> avgGain 0.5, avgLoss 0.5
    expect([1, 2, 3, 2].map((x) => rsi.update(x))).toEqual([undefined, undefined, 100, 50]);
  });

  it('Bollinger bands use the population standard deviation', () => {
    const bands = new Bollinger(3, 2);
    expect(bands.update(1)).toBeUndefined();
    bands.update(2);
    const result = bands.update(3)!;
    const std = Math.sqrt(2 / 3);
    expect(result.middle).toBe(2);
    expect(result.upper).toBeCloseTo(2 + 2 * std, 12);
    expect(result.lower).toBeCloseTo(2 - 2 * std, 12);
  });

  it('rolling z-score uses the sample standard deviation over the window', () => {
    const z = new RollingZScore(3);
    expect(z.update(1)).toBeUndefined();
    expect(z.update(2)).toBeUndefined();
    expect(z.update(3)).toBe(1); // mean 2, s = 1
    // window [2, 3, 6]: mean 11/3, s^2 = (25 + 4 + 49) / 9 / 2 = 13/3
    expect(z.update(6)).toBeCloseTo(7 / 3 / Math.sqrt(13 / 3), 12);
    expect(z.mean).toBeCloseTo(11 / 3, 12);
    expect(z.std).toBeCloseTo(Math.sqrt(13 / 3), 12);
  });

  it('z-score is undefined while the window does not vary', () => {
    const z = new RollingZScore(2);
    expect([5, 5, 5].map((x) => z.update(x))).toEqual([undefined, undefined, undefined]);
    expect(z.ready).toBe(true);
    expect(z.update(7)).toBeCloseTo(1 / Math.SQRT2, 12); // [5, 7]: mean 6, s = sqrt(2)
  });

  it('rejects bad periods', () => {
    expect(() => new Ema(0)).toThrow('EMA: period must be an integer >= 1, got 0');
    expect(() => new RollingZScore(1)).toThrow('z-score window: period must be an integer >= 2, got 1');
  });
});
