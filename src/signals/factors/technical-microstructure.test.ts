import { describe, expect, it } from 'vitest';
import type { BarHistoryView, FactorDefinition, FactorInputs } from './factor-types.ts';
import {
  amihud,
  bookImbalanceFactor,
  kyleLambda,
  orderImbalance,
  quotedSpread,
  rollSpread,
  vpinLike,
} from './microstructure-factors.ts';
import { momentum12m1, realizedVolatility, rsi14, shortTermReversal, trendSma } from './technical-factors.ts';

function bars(closes: number[], volumes?: number[], signedVolumes?: number[]): FactorInputs {
  const view: BarHistoryView = {
    closes,
    volumes: volumes ?? closes.map(() => 1),
    signedVolumes: signedVolumes ?? closes.map(() => 0),
  };
  return { symbol: 'X', bars: view, periodsPerYear: 252 };
}

function value(definition: FactorDefinition, inputs: FactorInputs): number {
  const result = definition.evaluate(inputs);
  if (!result.ok) throw new Error(`${definition.name}: ${result.reason}`);
  return result.value;
}

const alternate = (n: number, a: number, b: number) =>
  Array.from({ length: n }, (_, i) => (i % 2 === 0 ? a : b));

describe('technical factors', () => {
  it('momentum 12-1: C[t-21] / C[t-252] - 1', () => {
    // closes 100, 101, ..., 352: C[t-252] = 100, C[t-21] = 100 + 231 = 331 -> 331 / 100 - 1 = 2.31.
    const closes = Array.from({ length: 253 }, (_, i) => 100 + i);
    expect(value(momentum12m1, bars(closes))).toBeCloseTo(2.31, 12);
    expect(momentum12m1.evaluate(bars(closes.slice(1)))).toEqual({
      ok: false,
      reason: 'needs 253 closes, has 252',
    });
  });

  it('short-term reversal: -(C[t] / C[t-21] - 1)', () => {
    const closes = [100, ...Array(20).fill(95), 90];
    expect(value(shortTermReversal, bars(closes))).toBeCloseTo(0.1, 12); // -(90 / 100 - 1)
  });

  it('realized volatility: annualised sd of 63 log returns', () => {
    // 100, 110, 100, ...: 32 returns of +a and 31 of -a, a = ln 1.1 = 0.0953101798; mean a / 63;
    // var = (63 a^2 - 63 (a/63)^2) / 62 = 0.0092294; sqrt(var * 252) = 1.5249628769.
    expect(value(realizedVolatility, bars(alternate(64, 100, 110)))).toBeCloseTo(1.5249628769, 9);
  });

  it('RSI 14 (Cutler): 100 - 100 / (1 + G / L)', () => {
    // ten changes of +1 then four of -2: G = 10 / 14, L = 8 / 14, RS = 1.25, RSI = 100 - 100 / 2.25 = 55.5556.
    const closes = [100];
    for (let i = 0; i < 10; i++) closes.push(closes.at(-1)! + 1);
    for (let i = 0; i < 4; i++) closes.push(closes.at(-1)! - 2);
    expect(value(rsi14, bars(closes))).toBeCloseTo(55.5555555556, 9);
    expect(value(rsi14, bars(Array.from({ length: 15 }, (_, i) => 100 + i)))).toBe(100);
  });

  it('trend: SMA50 / SMA200 - 1', () => {
    // 150 closes of 100 then 50 of 110: SMA50 = 110, SMA200 = (15,000 + 5,500) / 200 = 102.5 -> 0.0731707317.
    const closes = [...Array(150).fill(100), ...Array(50).fill(110)];
    expect(value(trendSma, bars(closes))).toBeCloseTo(0.0731707317, 9);
  });
});

describe('microstructure factors', () => {
  it('Amihud: 1e6 * mean |r| / (C V) over bars with volume', () => {
    // only the last two bars trade: 100 -> 102 (r 0.02, value 102 * 1,000) and 102 -> 99.96 (r -0.02,
    // value 99.96 * 2,000): (0.02 / 102,000 + 0.02 / 199,920) / 2 = 1.48059224e-7 -> 0.148059224.
    const closes = [...Array(20).fill(100), 102, 99.96];
    const volumes = [...Array(20).fill(0), 1000, 2000];
    expect(value(amihud, bars(closes, volumes))).toBeCloseTo(0.148059224, 9);
    expect(amihud.evaluate(bars(closes, Array(22).fill(0)))).toEqual({
      ok: false,
      reason: 'no volume in the last 21 bars',
    });
  });

  it('Roll spread: 2 sqrt(-cov(dC[i], dC[i-1])) in bps of the mean close', () => {
    // 100, 101, 100, ...: changes +1, -1, ...; 62 consecutive pairs each with product -1, means 0:
    // cov = -62 / 61; 2 sqrt(62 / 61) = 2.0163261 over mean close 100.5 * 1e4 = 200.6295325 bps.
    expect(value(rollSpread, bars(alternate(64, 100, 101)))).toBeCloseTo(200.6295325, 6);
    // a steady trend has no negative autocovariance: 0 by convention
    expect(value(rollSpread, bars(Array.from({ length: 64 }, (_, i) => 100 + i * i * 0.01)))).toBe(0);
  });

  it('Kyle lambda: slope of price change on signed volume', () => {
    // dC[i] = 0.01 * S[i] + 0.5 exactly (an intercept does not change the slope): lambda = 0.01.
    const signed = Array.from({ length: 64 }, (_, i) => ((i * 37) % 11) * 10 - 50);
    const closes = [100];
    for (let i = 1; i < 64; i++) closes.push(closes[i - 1]! + 0.01 * signed[i]! + 0.5);
    expect(value(kyleLambda, bars(closes, Array(64).fill(100), signed))).toBeCloseTo(0.01, 12);
    expect(kyleLambda.evaluate(bars(closes, Array(64).fill(100), Array(64).fill(7))).ok).toBe(false);
  });

  it('order imbalance and VPIN-like', () => {
    // 11 bars of +4 and 10 of -2, volume 10 each: (44 - 20) / 210 = 0.1142857143.
    const signed = [...Array(11).fill(4), ...Array(10).fill(-2)];
    expect(value(orderImbalance, bars(Array(21).fill(1), Array(21).fill(10), signed))).toBeCloseTo(
      0.1142857143,
      10,
    );
    // 50 bars of volume 10, |S| alternating 4 and 6: (25 * 4 + 25 * 6) / 500 = 0.5.
    expect(value(vpinLike, bars(Array(50).fill(1), Array(50).fill(10), alternate(50, 4, -6)))).toBe(0.5);
  });

  it('book imbalance and quoted spread from the latest book and quote', () => {
    const book = {
      bids: [
        [99, 3],
        [98, 5],
        [97, 100],
      ] as Array<[number, number]>,
      asks: [
        [101, 1],
        [102, 1],
      ] as Array<[number, number]>,
    };
    // five levels: bids 3 + 5 + 100 = 108, asks 2 -> (108 - 2) / 110 = 0.9636363636.
    expect(value(bookImbalanceFactor, { book })).toBeCloseTo(0.9636363636, 9);
    expect(value(quotedSpread, { quote: { bid: 99, ask: 101, bidSize: 1, askSize: 1 } })).toBe(200);
    expect(quotedSpread.evaluate({})).toEqual({ ok: false, reason: 'no quote seen' });
  });
});
