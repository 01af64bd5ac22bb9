import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { BacktestSpec, RunSummary } from './backtest-spec.ts';

/** Runs backtest specs on worker threads. */
export interface BacktestPool {
  readonly threads: number;
  run(spec: BacktestSpec): Promise<RunSummary>;
  destroy(): Promise<void>;
}

/**
 * The worker is the `.ts` file next to this one under tsx (dev, tests) and the `.js` one after
 * `npm run build`. Worker threads do not inherit tsx's loader (vitest gives them none either), so a
 * `.ts` worker is started with `--import tsx`.
 */
function workerFile(): { filename: string; execArgv: string[] } {
  const typescript = import.meta.url.endsWith('.ts');
  const filename = new URL(`./backtest-worker.${typescript ? 'ts' : 'js'}`, import.meta.url).href;
  return {
    filename,
    execArgv: typescript ? [...process.execArgv, '--import', 'tsx'] : [...process.execArgv],
  };
}

/** `workers` threads (default: one per core); idle threads stay up so walk-forward folds reuse them. */
export function createBacktestPool(workers?: number): BacktestPool {
  const threads = workers && workers > 0 ? workers : availableParallelism();
  const piscina = new Piscina<BacktestSpec, RunSummary>({
    ...workerFile(),
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 30_000,
  });
  return {
    threads,
    run: (spec) => piscina.run(spec),
    destroy: () => piscina.destroy(),
  };
}
