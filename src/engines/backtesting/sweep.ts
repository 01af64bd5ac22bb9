import { NautilusError } from '../../core/errors.ts';
import type { BacktestSpec, RunSummary } from './backtest-spec.ts';
import { type Objective, rankRuns } from './objective.ts';
import { expandGrid, type GridAxis, type Params } from './param-grid.ts';
import type { BacktestPool } from './worker-pool.ts';

export interface SweepRequest {
  /** Everything but the swept params; `base.params` fixes the others. */
  base: BacktestSpec;
  grid: GridAxis[];
  objective: Objective;
}

export interface SweepRun extends RunSummary {
  /** Position in the expanded grid (the tie-break). */
  index: number;
  rank: number;
  /** The objective's raw value (NaN when undefined, ranked last). */
  objective: number;
}

/** A combination the strategy refused (e.g. fast >= slow) or that failed: listed, never ranked. */
export interface FailedRun {
  index: number;
  params: Params;
  error: string;
}

export interface SweepResult {
  objective: Objective;
  grid: GridAxis[];
  runs: SweepRun[];
  failed: FailedRun[];
}

export type SweepProgress = (done: number, total: number) => void;

/**
 * Every combination of the grid on the worker pool, ranked by the objective. A combination that
 * fails does not stop the others; the sweep fails only when every combination does.
 */
export async function runSweep(
  pool: BacktestPool,
  request: SweepRequest,
  onProgress?: SweepProgress,
): Promise<SweepResult> {
  const combos = expandGrid(request.grid);
  let done = 0;
  const outcomes = await Promise.all(
    combos.map(async (swept, index) => {
      const params = { ...request.base.params, ...swept };
      try {
        const summary = await pool.run({ ...request.base, params });
        return { ...summary, index };
      } catch (error) {
        return { index, params, error: (error as Error).message };
      } finally {
        onProgress?.(++done, combos.length);
      }
    }),
  );
  const failed = outcomes.filter((outcome): outcome is FailedRun => 'error' in outcome);
  const ran = outcomes.filter((outcome): outcome is RunSummary & { index: number } => !('error' in outcome));
  if (ran.length === 0)
    throw new NautilusError(
      'BAD_REQUEST',
      `sweep: all ${combos.length} runs failed; the first: ${JSON.stringify(failed[0]!.params)}: ${failed[0]!.error}`,
    );
  return { objective: request.objective, grid: request.grid, runs: rankRuns(ran, request.objective), failed };
}
