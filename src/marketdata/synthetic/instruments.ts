export type AssetClass = 'equity' | 'fx' | 'future' | 'crypto';

/** Static description of one simulated instrument. */
export interface InstrumentSpec {
  symbol: string;
  assetClass: AssetClass;
  tickSize: number;
  lotSize: number;
  startPrice: number;
  /** Long-run return volatility per sqrt(second), e.g. 1e-4 is ~1.5% over a 6.5 h session. */
  volPerSqrtSecond: number;
  /** Baseline (unexcited) trade arrival rate per second before self-excitation. */
  baseTradeRate: number;
  /** Quoted spread in ticks at long-run volatility; it widens when volatility clusters up. */
  baseSpreadTicks: number;
  /** Mean trade size in lots. */
  meanTradeLots: number;
}

export const DEFAULT_INSTRUMENTS: readonly InstrumentSpec[] = [
  {
    symbol: 'AAPL',
    assetClass: 'equity',
    tickSize: 0.01,
    lotSize: 1,
    startPrice: 190,
    volPerSqrtSecond: 1e-4,
    baseTradeRate: 30,
    baseSpreadTicks: 1,
    meanTradeLots: 100,
  },
  {
    symbol: 'EURUSD',
    assetClass: 'fx',
    tickSize: 0.00001,
    lotSize: 1000,
    startPrice: 1.085,
    volPerSqrtSecond: 2e-5,
    baseTradeRate: 20,
    baseSpreadTicks: 2,
    meanTradeLots: 500,
  },
  {
    symbol: 'ES',
    assetClass: 'future',
    tickSize: 0.25,
    lotSize: 1,
    startPrice: 5000,
    volPerSqrtSecond: 6e-5,
    baseTradeRate: 40,
    baseSpreadTicks: 1,
    meanTradeLots: 5,
  },
  {
    symbol: 'BTCUSDT',
    assetClass: 'crypto',
    tickSize: 0.01,
    lotSize: 0.0001,
    startPrice: 60_000,
    volPerSqrtSecond: 1.5e-4,
    baseTradeRate: 40,
    baseSpreadTicks: 2,
    meanTradeLots: 200,
  },
  {
    symbol: 'GC',
    assetClass: 'future',
    tickSize: 0.1,
    lotSize: 1,
    startPrice: 2300,
    volPerSqrtSecond: 5e-5,
    baseTradeRate: 10,
    baseSpreadTicks: 1,
    meanTradeLots: 3,
  },
];

/** Decimal places of a step such as 0.00001, so grid prices print without float noise. */
export function stepDecimals(step: number): number {
  const text = step.toString();
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Number(exponent[1]);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Multiplies an integer count of steps back into a clean decimal number. */
export function onGrid(count: number, step: number): number {
  return Number((count * step).toFixed(stepDecimals(step)));
}
