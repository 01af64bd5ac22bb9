import type { RunMetrics } from '../../analytics/performance/equity-metrics.ts';
import { NautilusError } from '../../core/errors.ts';

export const OBJECTIVES = ['sharpe', 'total-return', 'calmar', 'sortino'] as const;
export type Objective = (typeof OBJECTIVES)[number];

const FIELD: Record<Objective, keyof RunMetrics> = {
  sharpe: 'sharpe',
  'total-return': 'totalReturn',
  calmar: 'calmar',
  sortino: 'sortino',
};

export function parseObjective(text: string | undefined): Objective {
  const name = text ?? 'sharpe';
  if (!(OBJECTIVES as readonly string[]).includes(name))
    throw new NautilusError(
      'BAD_REQUEST',
      `objective: unknown objective ${name} (objectives: ${OBJECTIVES.join(', ')})`,
    );
  return name as Objective;
}

/** Higher is better for every objective; NaN (no returns, no volatility) counts as the worst. */
export function objectiveValue(metrics: RunMetrics, objective: Objective): number {
  const value = metrics[FIELD[objective]];
  return Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value;
}

/**
 * Best first; equal objectives keep their grid order (`index`), so the ranking is the same
 * whatever order the worker threads finished in.
 */
export function rankRuns<R extends { index: number; metrics: RunMetrics }>(
  runs: readonly R[],
  objective: Objective,
): (R & { rank: number; objective: number })[] {
  return runs
    .map((run) => ({ run, value: objectiveValue(run.metrics, objective) }))
    .sort((a, b) => (a.value === b.value ? a.run.index - b.run.index : b.value - a.value))
    .map(({ run }, i) => ({ ...run, rank: i + 1, objective: run.metrics[FIELD[objective]] }));
}
