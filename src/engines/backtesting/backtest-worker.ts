import { runBacktest } from './backtest-runner.ts';
import { type BacktestSpec, optionsOfSpec, type RunSummary, summarize } from './backtest-spec.ts';

/**
 * Piscina's task function: one backtest on this worker thread. Only the summary travels back, so
 * a 10,000-run sweep does not copy 10,000 equity curves between threads.
 */
export default async function runBacktestTask(spec: BacktestSpec): Promise<RunSummary> {
  return summarize(spec, await runBacktest(optionsOfSpec(spec)));
}
