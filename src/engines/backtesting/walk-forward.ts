import { NautilusError } from '../../core/errors.ts';
import type { Nanos } from '../../domain/time.ts';
import { readMarketDataFile } from '../../marketdata/files/read-market-data-file.ts';
import { mergeByEventTime } from '../../marketdata/replay/merge-by-event-time.ts';
import type { RunSummary } from './backtest-spec.ts';
import type { Objective } from './objective.ts';
import { checkGrid, type Params } from './param-grid.ts';
import { runSweep, type SweepProgress, type SweepRequest } from './sweep.ts';
import { foldWindows, type StitchedTotals, stitchOutOfSample } from './walk-forward-folds.ts';
import type { BacktestPool } from './worker-pool.ts';

export interface WalkForwardRequest extends SweepRequest {
  folds: number;
}

export interface FoldResult {
  fold: number;
  inSample: { fromNs: string; toNs: string };
  outOfSample: { fromNs: string; toNs: string };
  bestParams: Params;
  /** The best in-sample value of the objective (NaN when no run defined it). */
  inSampleObjective: number;
  /** Grid runs the strategy refused or that failed in-sample. */
  inSampleFailed: number;
  outOfSampleRun: Omit<RunSummary, 'dailyEquity'>;
}

export interface WalkForwardResult {
  objective: Objective;
  folds: FoldResult[];
  outOfSample: StitchedTotals;
}

/** First and last event time of the merged files (one pass; the files are read again by the runs). */
export async function dataRange(
  files: readonly string[],
  symbol?: string,
): Promise<{ startNs: Nanos; endNs: Nanos }> {
  let startNs: Nanos | undefined;
  let endNs: Nanos | undefined;
  for await (const { eventNs } of mergeByEventTime(
    files.map((path) => readMarketDataFile(path, { symbol })),
  )) {
    startNs ??= eventNs;
    endNs = eventNs;
  }
  if (startNs === undefined || endNs === undefined)
    throw new NautilusError('BAD_REQUEST', `walk-forward: no records in ${files.join(', ')}`);
  return { startNs, endNs };
}

/**
 * Walk-forward optimisation: fold i sweeps the grid on segment i and trades the best params on
 * segment i + 1. The folds run side by side on the pool; each out-of-sample run starts as soon as
 * its own sweep is done.
 */
export async function runWalkForward(
  pool: BacktestPool,
  request: WalkForwardRequest,
  onProgress?: SweepProgress,
): Promise<WalkForwardResult> {
  const { startNs, endNs } = await dataRange(request.base.dataFiles, request.base.symbol);
  const windows = foldWindows(startNs, endNs, request.folds);
  const total = windows.length * (checkGrid(request.grid) + 1);
  let done = 0;
  const tick = () => onProgress?.(++done, total);
  const runs = await Promise.all(
    windows.map(async ({ fold, inSample, outOfSample }) => {
      const inFold = (part: string) => (error: Error) => {
        throw new NautilusError('BAD_REQUEST', `walk-forward fold ${fold} ${part}: ${error.message}`);
      };
      const sweep = await runSweep(pool, { ...request, base: { ...request.base, ...inSample } }, tick).catch(
        inFold('in-sample'),
      );
      const best = sweep.runs[0]!;
      const oos = await pool
        .run({ ...request.base, ...outOfSample, params: best.params, keepDailyEquity: true })
        .catch(inFold('out-of-sample'))
        .finally(tick);
      const { dailyEquity: _daily, ...outOfSampleRun } = oos;
      const fields: FoldResult = {
        fold,
        inSample: { fromNs: inSample.fromNs.toString(), toNs: inSample.toNs.toString() },
        outOfSample: { fromNs: outOfSample.fromNs.toString(), toNs: outOfSample.toNs.toString() },
        bestParams: best.params,
        inSampleObjective: best.objective,
        inSampleFailed: sweep.failed.length,
        outOfSampleRun,
      };
      return { fields, oos };
    }),
  );
  return {
    objective: request.objective,
    folds: runs.map((run) => run.fields),
    outOfSample: stitchOutOfSample(
      request.base.capital,
      runs.map((run) => run.oos),
    ),
  };
}
