import type { RunMetrics } from '../../analytics/performance/equity-metrics.ts';
import { dailyEquity } from '../../analytics/performance/equity-metrics.ts';
import type { TradeStats } from '../../analytics/trades/trade-stats.ts';
import type { Nanos } from '../../domain/time.ts';
import type { BacktestOptions, BacktestRun } from './backtest-runner.ts';
import type { Params } from './param-grid.ts';

/** One backtest as plain data: what crosses to a worker thread (structured clone) or comes in over HTTP. */
export interface BacktestSpec {
  strategy: string;
  /** The strategy's params, symbol and quantity included. */
  params: Params;
  dataFiles: string[];
  /** Overrides the symbol of every file (files whose layout has none). */
  symbol?: string;
  barSpec: string;
  capital: number;
  fromNs?: Nanos;
  toNs?: Nanos;
  /** Keep the daily equity in the summary (walk-forward stitches its out-of-sample runs with it). */
  keepDailyEquity?: boolean;
}

/** A run reduced to what a ranking or a report needs: no equity curve, no fills, bigints as text. */
export interface RunSummary {
  params: Params;
  records: number;
  startNs: string;
  endNs: string;
  orders: { submitted: number; rejected: number; fills: number };
  metrics: RunMetrics;
  trades: TradeStats;
  finalEquity: number;
  handlerFailures: number;
  /** The last equity of each UTC day, only when the spec asks for it. */
  dailyEquity?: { tsNs: string; equity: number }[];
}

/** The runner's options for a spec: the same engine config as `nautilus backtest`. */
export function optionsOfSpec(spec: BacktestSpec): BacktestOptions {
  return {
    dataFiles: spec.dataFiles,
    symbol: spec.symbol,
    startingCapital: spec.capital,
    fromNs: spec.fromNs,
    toNs: spec.toNs,
    engineConfig: {
      strategy: { strategies: [{ name: spec.strategy, params: spec.params }], barSpec: spec.barSpec },
      portfolio: { startingCapital: spec.capital },
    },
  };
}

export function summarize(spec: BacktestSpec, run: BacktestRun): RunSummary {
  return {
    params: spec.params,
    records: run.records,
    startNs: run.startNs.toString(),
    endNs: run.endNs.toString(),
    orders: { ...run.orders },
    metrics: run.metrics.metrics,
    trades: run.metrics.trades,
    finalEquity: run.metrics.metrics.finalEquity,
    handlerFailures: run.handlerFailures,
    ...(spec.keepDailyEquity
      ? {
          dailyEquity: dailyEquity(run.equity).map(({ tsNs, equity }) => ({
            tsNs: tsNs.toString(),
            equity,
          })),
        }
      : {}),
  };
}

/** JSON with bigints as text and non-finite numbers as null: the same result gives the same bytes. */
export function stableJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, item) =>
      typeof item === 'bigint'
        ? item.toString()
        : typeof item === 'number' && !Number.isFinite(item)
          ? null
          : item,
    2,
  );
}
