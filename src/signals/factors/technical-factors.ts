import {
  type FactorDefinition,
  type FactorInputs,
  type FactorResult,
  ok,
  unavailable,
} from './factor-types.ts';
import { covariance, logReturns, mean, tail } from './window-stats.ts';

/** The last `n` closes, or why there are not that many. Windows count bars of the engine's bar spec. */
export function closesOf(inputs: FactorInputs, n: number): number[] | FactorResult {
  const closes = inputs.bars?.closes;
  if (!closes) return unavailable('no bars for this instrument');
  if (closes.length < n) return unavailable(`needs ${n} closes, has ${closes.length}`);
  return tail(closes, n);
}

const isResult = (value: unknown): value is FactorResult => !Array.isArray(value);

export const momentum12m1: FactorDefinition = {
  name: 'momentum_12_1',
  category: 'technical',
  scope: 'instrument',
  formula: 'C[t-21] / C[t-252] - 1',
  description:
    'Jegadeesh-Titman 12-1 momentum: the return over the last 252 bars skipping the most recent 21 (12 months minus the last one on daily bars).',
  inputs: ['bars.close'],
  evaluate: (inputs) => {
    const closes = closesOf(inputs, 253);
    if (isResult(closes)) return closes;
    // closes[252] is C[t], so C[t-21] is closes[231] and C[t-252] is closes[0].
    return ok(closes[231]! / closes[0]! - 1);
  },
};

export const shortTermReversal: FactorDefinition = {
  name: 'short_term_reversal',
  category: 'technical',
  scope: 'instrument',
  formula: '-(C[t] / C[t-21] - 1)',
  description:
    'One-month reversal (Jegadeesh 1990): minus the return over the last 21 bars; high for recent losers.',
  inputs: ['bars.close'],
  evaluate: (inputs) => {
    const closes = closesOf(inputs, 22);
    if (isResult(closes)) return closes;
    return ok(-(closes[21]! / closes[0]! - 1));
  },
};

export const realizedVolatility: FactorDefinition = {
  name: 'realized_volatility',
  category: 'technical',
  scope: 'instrument',
  formula: 'sqrt(P) * stdev(ln(C[i] / C[i-1]), last 63 returns, divisor n - 1); P = bars per year',
  description:
    'Annualised close-to-close volatility over 63 bars (a quarter of daily bars): the low-volatility factor input.',
  inputs: ['bars.close'],
  evaluate: (inputs) => {
    const closes = closesOf(inputs, 64);
    if (isResult(closes)) return closes;
    if (!inputs.periodsPerYear) return unavailable('bars per year unknown');
    const returns = logReturns(closes);
    return ok(Math.sqrt(covariance(returns, returns) * inputs.periodsPerYear));
  },
};

export const rsi14: FactorDefinition = {
  name: 'rsi_14',
  category: 'technical',
  scope: 'instrument',
  formula: '100 - 100 / (1 + G / L); G, L = mean gain, mean loss of the last 14 close changes (Cutler)',
  description:
    "RSI with simple averages over exactly 14 changes (Cutler's RSI), so the value depends only on its window; 100 when there is no loss.",
  inputs: ['bars.close'],
  evaluate: (inputs) => {
    const closes = closesOf(inputs, 15);
    if (isResult(closes)) return closes;
    let gains = 0;
    let losses = 0;
    for (let i = 1; i < closes.length; i++) {
      const change = closes[i]! - closes[i - 1]!;
      if (change > 0) gains += change;
      else losses -= change;
    }
    if (losses === 0) return gains === 0 ? unavailable('no price change in 14 bars') : ok(100);
    return ok(100 - 100 / (1 + gains / losses));
  },
};

export const trendSma: FactorDefinition = {
  name: 'trend_sma_50_200',
  category: 'technical',
  scope: 'instrument',
  formula: 'SMA50 / SMA200 - 1 (simple means of the last 50 and 200 closes)',
  description: 'Moving-average trend: positive when the 50-bar average is above the 200-bar one.',
  inputs: ['bars.close'],
  evaluate: (inputs) => {
    const closes = closesOf(inputs, 200);
    if (isResult(closes)) return closes;
    return ok(mean(tail(closes, 50)) / mean(closes) - 1);
  },
};

export const TECHNICAL_FACTORS: readonly FactorDefinition[] = [
  momentum12m1,
  shortTermReversal,
  realizedVolatility,
  rsi14,
  trendSma,
];
