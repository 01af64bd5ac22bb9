import type { BacktestOverview } from '../../api/types.ts';

/** 0..1; a finished backtest is 1 whatever its counters say. */
export function progressOf(backtest: BacktestOverview): number {
  if (backtest.status === 'done') return 1;
  const { done, total } = backtest.progress;
  return total > 0 ? done / total : 0;
}
