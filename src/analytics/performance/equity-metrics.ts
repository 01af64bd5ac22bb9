import {
  annualReturn,
  annualVolatility,
  calmarRatio,
  maxDrawdown,
  sharpeRatio,
  sortinoRatio,
  type TradeStats,
  tradeStats,
} from '../index.ts';
import type { RoundTrip } from '../trades/trade-stats.ts';

const NS_PER_DAY = 86_400_000_000_000n;

export interface EquitySample {
  tsNs: bigint;
  equity: number;
}

/** The last equity of each UTC day: the daily series empyrical's conventions are defined on. */
export function dailyEquity(curve: readonly EquitySample[]): EquitySample[] {
  const days: EquitySample[] = [];
  for (const point of curve) {
    const last = days.at(-1);
    if (last && last.tsNs / NS_PER_DAY === point.tsNs / NS_PER_DAY) days[days.length - 1] = point;
    else days.push(point);
  }
  return days;
}

export interface RunMetrics {
  startingEquity: number;
  finalEquity: number;
  totalReturn: number;
  annualReturn: number;
  annualVolatility: number;
  sharpe: number;
  sortino: number;
  maxDrawdown: number;
  calmar: number;
  tradingDays: number;
}

/** Performance of a run from its equity curve (daily returns, 252 per year) and its round trips. */
export function runMetrics(
  startingEquity: number,
  curve: readonly EquitySample[],
  trips: readonly RoundTrip[],
): { metrics: RunMetrics; trades: TradeStats } {
  const days = dailyEquity(curve);
  const levels = [startingEquity, ...days.map((day) => day.equity)];
  const returns = levels.slice(1).map((level, i) => level / levels[i]! - 1);
  const finalEquity = levels.at(-1)!;
  const safe = (compute: () => number) => (returns.length === 0 ? Number.NaN : compute());
  return {
    metrics: {
      startingEquity,
      finalEquity,
      totalReturn: finalEquity / startingEquity - 1,
      annualReturn: safe(() => annualReturn(returns)),
      annualVolatility: safe(() => annualVolatility(returns)),
      sharpe: safe(() => sharpeRatio(returns)),
      sortino: safe(() => sortinoRatio(returns)),
      maxDrawdown: safe(() => maxDrawdown(returns)),
      calmar: safe(() => calmarRatio(returns)),
      tradingDays: days.length,
    },
    trades: tradeStats(trips),
  };
}
