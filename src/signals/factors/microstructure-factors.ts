import { bookImbalance, spreadBps } from '../features/order-book.ts';
import {
  type FactorDefinition,
  type FactorInputs,
  type FactorResult,
  ok,
  unavailable,
} from './factor-types.ts';
import { covariance, differences, mean, tail } from './window-stats.ts';

interface Window {
  closes: number[];
  volumes: number[];
  signed: number[];
}

/** The last `n` bars of every bar series, or why there are not that many. */
function barsOf(inputs: FactorInputs, n: number): Window | FactorResult {
  const bars = inputs.bars;
  if (!bars) return unavailable('no bars for this instrument');
  if (bars.closes.length < n) return unavailable(`needs ${n} bars, has ${bars.closes.length}`);
  return {
    closes: tail(bars.closes, n),
    volumes: tail(bars.volumes, n),
    signed: tail(bars.signedVolumes, n),
  };
}

const isResult = (value: Window | FactorResult): value is FactorResult => 'ok' in value;

export const amihud: FactorDefinition = {
  name: 'amihud_illiquidity',
  category: 'microstructure',
  scope: 'instrument',
  formula: '1e6 * mean(|C[i] / C[i-1] - 1| / (C[i] * V[i])) over the last 21 bars with V > 0',
  description:
    'Amihud (2002) illiquidity: absolute return per unit of traded value (close x volume), in return per million; bars without volume are skipped.',
  inputs: ['bars.close', 'bars.volume'],
  evaluate: (inputs) => {
    const bars = barsOf(inputs, 22);
    if (isResult(bars)) return bars;
    const ratios: number[] = [];
    for (let i = 1; i < bars.closes.length; i++) {
      const value = bars.closes[i]! * bars.volumes[i]!;
      if (value > 0) ratios.push(Math.abs(bars.closes[i]! / bars.closes[i - 1]! - 1) / value);
    }
    if (ratios.length === 0) return unavailable('no volume in the last 21 bars');
    return ok(1e6 * mean(ratios));
  },
};

export const rollSpread: FactorDefinition = {
  name: 'roll_spread_bps',
  category: 'microstructure',
  scope: 'instrument',
  formula:
    '1e4 * 2 * sqrt(-cov(dC[i], dC[i-1])) / mean(C), dC[i] = C[i] - C[i-1], last 63 changes; 0 when cov >= 0',
  description:
    'Roll (1984) effective spread from the negative autocovariance of price changes, in basis points of the mean close; 0 where the autocovariance is not negative (the usual convention).',
  inputs: ['bars.close'],
  evaluate: (inputs) => {
    const bars = barsOf(inputs, 64);
    if (isResult(bars)) return bars;
    const changes = differences(bars.closes);
    const cov = covariance(changes.slice(1), changes.slice(0, -1));
    return ok(cov >= 0 ? 0 : (1e4 * 2 * Math.sqrt(-cov)) / mean(bars.closes));
  },
};

export const kyleLambda: FactorDefinition = {
  name: 'kyle_lambda',
  category: 'microstructure',
  scope: 'instrument',
  formula: 'cov(dC[i], S[i]) / var(S[i]) over the last 63 bars; S = buy - sell volume of the bar',
  description:
    'Kyle (1985) price impact: the OLS slope of the bar price change on the bar signed volume (price units per unit of volume).',
  inputs: ['bars.close', 'bars.signedVolume'],
  evaluate: (inputs) => {
    const bars = barsOf(inputs, 64);
    if (isResult(bars)) return bars;
    const changes = differences(bars.closes);
    const signed = bars.signed.slice(1);
    const variance = covariance(signed, signed);
    if (!(variance > 0)) return unavailable('signed volume is constant over the window');
    return ok(covariance(changes, signed) / variance);
  },
};

export const orderImbalance: FactorDefinition = {
  name: 'order_imbalance',
  category: 'microstructure',
  scope: 'instrument',
  formula: 'sum(S[i]) / sum(V[i]) over the last 21 bars',
  description:
    'Order-flow imbalance in [-1, 1]: net buying as a share of volume (Chordia-Roll-Subrahmanyam).',
  inputs: ['bars.volume', 'bars.signedVolume'],
  evaluate: (inputs) => {
    const bars = barsOf(inputs, 21);
    if (isResult(bars)) return bars;
    const volume = bars.volumes.reduce((a, b) => a + b, 0);
    if (!(volume > 0)) return unavailable('no volume in the last 21 bars');
    return ok(bars.signed.reduce((a, b) => a + b, 0) / volume);
  },
};

export const vpinLike: FactorDefinition = {
  name: 'vpin_like',
  category: 'microstructure',
  scope: 'instrument',
  formula: 'sum(|S[i]|) / sum(V[i]) over the last 50 bars',
  description:
    'VPIN on time bars (the features engine computes the same over its window): the share of volume that is one-sided, in [0, 1]; the VPIN engine does it on volume buckets.',
  inputs: ['bars.volume', 'bars.signedVolume'],
  evaluate: (inputs) => {
    const bars = barsOf(inputs, 50);
    if (isResult(bars)) return bars;
    const volume = bars.volumes.reduce((a, b) => a + b, 0);
    if (!(volume > 0)) return unavailable('no volume in the last 50 bars');
    return ok(bars.signed.reduce((a, b) => a + Math.abs(b), 0) / volume);
  },
};

export const bookImbalanceFactor: FactorDefinition = {
  name: 'book_imbalance',
  category: 'microstructure',
  scope: 'instrument',
  formula: '(sum bid size - sum ask size) / (sum bid size + sum ask size), best 5 levels of each side',
  description: 'Depth imbalance of the latest order-book snapshot, in [-1, 1].',
  inputs: ['book'],
  evaluate: (inputs) => {
    if (!inputs.book) return unavailable('no order book seen');
    return ok(bookImbalance(inputs.book.bids, inputs.book.asks, 5));
  },
};

export const quotedSpread: FactorDefinition = {
  name: 'quoted_spread_bps',
  category: 'microstructure',
  scope: 'instrument',
  formula: '1e4 * (ask - bid) / ((ask + bid) / 2)',
  description: 'Latest quoted spread in basis points of the mid.',
  inputs: ['quote'],
  evaluate: (inputs) => (inputs.quote ? ok(spreadBps(inputs.quote)) : unavailable('no quote seen')),
};

export const MICROSTRUCTURE_FACTORS: readonly FactorDefinition[] = [
  amihud,
  rollSpread,
  kyleLambda,
  orderImbalance,
  vpinLike,
  bookImbalanceFactor,
  quotedSpread,
];
