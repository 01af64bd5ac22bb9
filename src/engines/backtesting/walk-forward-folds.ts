import { type RunMetrics, runMetrics } from '../../analytics/performance/equity-metrics.ts';
import { NautilusError } from '../../core/errors.ts';
import type { Nanos } from '../../domain/time.ts';
import type { RunSummary } from './backtest-spec.ts';

/** An event-time window [fromNs, toNs). */
export interface TimeWindow {
  fromNs: Nanos;
  toNs: Nanos;
}

export interface FoldWindows {
  fold: number;
  inSample: TimeWindow;
  outOfSample: TimeWindow;
}

export const MAX_FOLDS = 100;

/**
 * Splits [startNs, endNs] (both data times inclusive) into folds + 1 equal consecutive segments;
 * fold i optimises on segment i and trades segment i + 1, so every out-of-sample segment lies
 * after the data its params were chosen on.
 */
export function foldWindows(startNs: Nanos, endNs: Nanos, folds: number): FoldWindows[] {
  if (!Number.isInteger(folds) || folds < 1 || folds > MAX_FOLDS)
    throw new NautilusError(
      'BAD_REQUEST',
      `walk-forward: folds must be an integer 1..${MAX_FOLDS}, got ${folds}`,
    );
  const segments = BigInt(folds + 1);
  // endNs + 1 makes the last segment's exclusive end include the last record.
  const span = endNs + 1n - startNs;
  if (span < segments)
    throw new NautilusError('BAD_REQUEST', `walk-forward: the data spans too little time for ${folds} folds`);
  const boundary = (k: number) => startNs + (span * BigInt(k)) / segments;
  return Array.from({ length: folds }, (_, i) => ({
    fold: i + 1,
    inSample: { fromNs: boundary(i), toNs: boundary(i + 1) },
    outOfSample: { fromNs: boundary(i + 1), toNs: boundary(i + 2) },
  }));
}

export interface StitchedTotals {
  records: number;
  orders: { submitted: number; rejected: number; fills: number };
  trades: { count: number; wins: number; losses: number; winRate: number };
  metrics: RunMetrics;
}

/**
 * The out-of-sample runs as one account: each fold starts from `capital` in its own run, so its
 * PnL is added on top of what the earlier folds ended with (PnL adds up rather than compounds, as
 * the shipped strategies trade a fixed quantity). Metrics come from the stitched daily equity.
 */
export function stitchOutOfSample(capital: number, runs: readonly RunSummary[]): StitchedTotals {
  const curve: { tsNs: Nanos; equity: number }[] = [];
  const orders = { submitted: 0, rejected: 0, fills: 0 };
  const trades = { count: 0, wins: 0, losses: 0, winRate: Number.NaN };
  let carried = 0;
  let records = 0;
  for (const run of runs) {
    if (!run.dailyEquity) throw new TypeError('stitchOutOfSample: a run without its daily equity');
    for (const day of run.dailyEquity) curve.push({ tsNs: BigInt(day.tsNs), equity: day.equity + carried });
    carried += run.finalEquity - capital;
    records += run.records;
    orders.submitted += run.orders.submitted;
    orders.rejected += run.orders.rejected;
    orders.fills += run.orders.fills;
    trades.count += run.trades.count;
    trades.wins += run.trades.wins;
    trades.losses += run.trades.losses;
  }
  if (trades.count > 0) trades.winRate = trades.wins / trades.count;
  return { records, orders, trades, metrics: runMetrics(capital, curve, []).metrics };
}
