import { describe, expect, it } from 'vitest';
import { bookImbalance, microprice, spread, spreadBps } from './order-book.ts';
import { RingBuffer } from './ring-buffer.ts';
import { RollingMoments } from './rolling-moments.ts';
import { RollingReturns } from './rolling-return.ts';
import {
  closeToCloseVolatility,
  garmanKlassVolatility,
  parkinsonVolatility,
  RollingVolatility,
} from './volatility.ts';
import { RollingVolumeProfile } from './volume-profile.ts';
import { RollingZScore, zScore } from './zscore.ts';

/** A bar with ln(H/L) = hl and ln(C/O) = co exactly (O = L = 100). */
function bar(hl: number, co: number) {
  return { open: 100, low: 100, high: 100 * Math.exp(hl), close: 100 * Math.exp(co) };
}

describe('ring buffer and rolling moments', () => {
  it('evicts the oldest value and indexes from the newest', () => {
    const ring = new RingBuffer(3);
    expect([1, 2, 3].map((v) => ring.push(v))).toEqual([undefined, undefined, undefined]);
    expect(ring.push(4)).toBe(1);
    expect([ring.at(0), ring.at(2), ring.at(3)]).toEqual([4, 2, undefined]);
    expect(ring.toArray()).toEqual([2, 3, 4]);
  });

  it('keeps mean and sample variance of the last n values', () => {
    const moments = new RollingMoments(3);
    for (const v of [1, 2, 3, 4]) moments.push(v);
    // window [2, 3, 4]: mean 3, deviations -1, 0, 1 -> sum of squares 2 / (3 - 1) = 1.
    expect(moments.mean()).toBe(3);
    expect(moments.variance()).toBe(1);
    expect(moments.total()).toBe(9);
  });
});

describe('volatility estimators (periodsPerYear 1 unless said)', () => {
  it('close-to-close: sample sd of log returns', () => {
    // r1 = ln(110/100) = 0.0953101798, r2 = ln(99/110) = ln 0.9 = -0.1053605157; mean -0.0050251679;
    // deviations +-0.1003353477 -> var = 2 * 0.1003353477^2 / (2 - 1) = 0.0201343640; sd 0.1418956095.
    expect(closeToCloseVolatility([100, 110, 99], 1)).toBeCloseTo(0.1418956095, 9);
    // annualised with 252 periods: 0.1418956095 * sqrt(252) = 2.2525229700.
    expect(closeToCloseVolatility([100, 110, 99], 252)).toBeCloseTo(2.25252297, 8);
    const rolling = new RollingVolatility(2, 252);
    for (const close of [100, 110, 99]) rolling.update({ open: close, high: close, low: close, close });
    expect(rolling.closeToClose()).toBeCloseTo(2.25252297, 8);
  });

  it('Parkinson: sum ln(H/L)^2 / (4 n ln 2)', () => {
    // (0.02^2 + 0.04^2) / (4 * 2 * ln 2) = 0.002 / 5.5451774445 = 0.00036067376; sqrt = 0.0189914128.
    const bars = [bar(0.02, 0), bar(0.04, 0)];
    expect(parkinsonVolatility(bars, 1)).toBeCloseTo(0.0189914128, 9);
    const rolling = new RollingVolatility(2, 1);
    for (const b of bars) rolling.update(b);
    expect(rolling.parkinsonVol()).toBeCloseTo(0.0189914128, 9);
  });

  it('Garman-Klass: mean of 0.5 ln(H/L)^2 - (2 ln 2 - 1) ln(C/O)^2', () => {
    // 2 ln 2 - 1 = 0.3862943611. Bar 1: 0.5 * 0.0004 - 0.3862943611 * 0.0001 = 0.0001613706;
    // bar 2: 0.5 * 0.0016 - 0.3862943611 * 0.0004 = 0.0006454823; mean 0.0004034264; sqrt 0.0200854776.
    const bars = [bar(0.02, 0.01), bar(0.04, -0.02)];
    expect(garmanKlassVolatility(bars, 1)).toBeCloseTo(0.0200854776, 9);
    const rolling = new RollingVolatility(2, 1);
    for (const b of bars) rolling.update(b);
    expect(rolling.garmanKlassVol()).toBeCloseTo(0.0200854776, 9);
  });

  it('is NaN until the window is full', () => {
    const rolling = new RollingVolatility(3, 1);
    rolling.update(bar(0.02, 0));
    expect([rolling.closeToClose(), rolling.parkinsonVol(), rolling.garmanKlassVol()]).toEqual([
      NaN,
      NaN,
      NaN,
    ]);
  });
});

describe('returns and z-scores', () => {
  it('simple returns over each horizon', () => {
    const returns = new RollingReturns([1, 3]);
    for (const close of [100, 104, 102, 110]) returns.update(close);
    expect(returns.value(1)).toBeCloseTo(110 / 102 - 1, 15); // 0.0784313725
    expect(returns.value(3)).toBeCloseTo(0.1, 15); // 110 / 100 - 1
    expect(new RollingReturns([5]).value(5)).toBeNaN();
  });

  it('z-score of the newest value against its window', () => {
    // [1, 2, 3, 4, 10]: mean 4, squares 9 + 4 + 1 + 0 + 36 = 50, var 50 / 4 = 12.5, sd 3.5355339059;
    // z = (10 - 4) / 3.5355339059 = 1.6970562748.
    expect(zScore([1, 2, 3, 4, 10])).toBeCloseTo(1.6970562748, 9);
    const rolling = new RollingZScore(5);
    for (const v of [99, 1, 2, 3, 4, 10]) rolling.update(v);
    expect(rolling.value()).toBeCloseTo(1.6970562748, 9);
    const flat = new RollingZScore(3);
    for (const v of [1.08, 1.08, 1.08]) flat.update(v);
    expect(flat.value()).toBe(0);
  });
});

describe('volume profile', () => {
  it('buckets volume by typical price and forgets bars that leave the window', () => {
    const profile = new RollingVolumeProfile(2, 1);
    // typical prices (H + L + C) / 3: 10.2 -> bucket 10, 10.7 -> bucket 10, 11.5 -> bucket 11.
    profile.update({ high: 10.2, low: 10.2, close: 10.2, volume: 5 });
    profile.update({ high: 10.7, low: 10.7, close: 10.7, volume: 3 });
    expect(profile.buckets()).toEqual([[10, 8]]);
    profile.update({ high: 12, low: 11, close: 11.5, volume: 4 });
    // the first bar (5 at bucket 10) left: bucket 10 keeps 3, bucket 11 has 4 -> POC mid of [11, 12).
    expect(profile.buckets()).toEqual([
      [10, 3],
      [11, 4],
    ]);
    expect(profile.pointOfControl()).toBe(11.5);
  });
});

describe('quote and book measures', () => {
  const quote = { bid: 99, ask: 101, bidSize: 3, askSize: 1 };
  it('spread, spread in bps of mid, microprice', () => {
    expect(spread(quote)).toBe(2);
    expect(spreadBps(quote)).toBe(200); // 2 / 100 * 10,000
    expect(microprice(quote)).toBe(100.5); // (99 * 1 + 101 * 3) / (3 + 1) = 402 / 4
    expect(microprice({ ...quote, bidSize: 0, askSize: 0 })).toBe(100);
  });

  it('book imbalance over the best k levels', () => {
    const bids = [
      [99, 3],
      [98, 5],
    ] as const;
    const asks = [
      [101, 1],
      [102, 1],
    ] as const;
    expect(bookImbalance(bids, asks, 1)).toBe(0.5); // (3 - 1) / 4
    expect(bookImbalance(bids, asks, 2)).toBe(0.6); // (8 - 2) / 10
    expect(bookImbalance([], [], 5)).toBeNaN();
  });
});
