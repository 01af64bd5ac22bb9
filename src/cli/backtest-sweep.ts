import { SingleBar } from 'cli-progress';
import { NautilusError } from '../core/errors.ts';
import { nsToIso } from '../domain/time.ts';
import { type BacktestSpec, stableJson } from '../engines/backtesting/backtest-spec.ts';
import { parseObjective } from '../engines/backtesting/objective.ts';
import { checkGrid, parseGrid } from '../engines/backtesting/param-grid.ts';
import { runSweep, type SweepResult } from '../engines/backtesting/sweep.ts';
import { runWalkForward, type WalkForwardResult } from '../engines/backtesting/walk-forward.ts';
import { createBacktestPool } from '../engines/backtesting/worker-pool.ts';
import { renderTable } from './table.ts';

export interface SweepFlags {
  sweep: string[];
  workers?: string;
  objective?: string;
  walkForward?: string;
  json?: boolean;
}

type Io = { out: (text: string) => void; err: (text: string) => void; tty: boolean };

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(2)}%` : 'n/a');
const num = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const day = (ns: string) => nsToIso(BigInt(ns)).slice(0, 16).replace('T', ' ');

function positiveInt(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new NautilusError('BAD_REQUEST', `${flag}: expected a positive integer, got ${text}`);
  return value;
}

/**
 * `nautilus backtest --sweep ...`: the grid on worker threads, ranked by the objective; with
 * `--walk-forward N`, N folds of optimise-then-trade. `base.params` holds the fixed params; a swept
 * one overrides its default.
 */
export async function sweepBacktests(flags: SweepFlags, base: BacktestSpec, io: Io): Promise<number> {
  const grid = parseGrid(flags.sweep);
  const runs = checkGrid(grid);
  const names = grid.map((axis) => axis.name);
  const objective = parseObjective(flags.objective);
  const folds = positiveInt('--walk-forward', flags.walkForward);
  const pool = createBacktestPool(positiveInt('--workers', flags.workers));
  const total = folds ? folds * (runs + 1) : runs;
  const bar = io.tty
    ? new SingleBar({ format: ' sweep [{bar}] {value}/{total} runs', stream: process.stderr })
    : undefined;
  bar?.start(total, 0);
  const step = Math.max(1, Math.floor(total / 20));
  const progress = (done: number) => {
    if (bar) bar.update(done);
    else if (done % step === 0 || done === total) io.err(`sweep: ${done}/${total} runs\n`);
  };
  const started = Date.now();
  const request = { base, grid, objective };
  try {
    const result = folds
      ? await runWalkForward(pool, { ...request, folds }, progress)
      : await runSweep(pool, request, progress);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    bar?.stop();
    io.err(
      `sweep: ${folds ? `${folds} folds x ${runs + 1}` : runs} runs on ${pool.threads} worker(s) in ${seconds} s\n`,
    );
    const head = { strategy: base.strategy, dataFiles: base.dataFiles, fixedParams: base.params };
    if (flags.json) io.out(`${stableJson({ ...head, ...result })}\n`);
    else if ('folds' in result) io.out(`${walkForwardTable(result, names)}\n`);
    else io.out(`${sweepTable(result)}\n`);
    return 0;
  } finally {
    bar?.stop();
    await pool.destroy();
  }
}

function sweepTable(result: SweepResult): string {
  const names = result.grid.map((axis) => axis.name);
  const rows = result.runs.map((run) => [
    String(run.rank),
    ...names.map((name) => String(run.params[name])),
    pct(run.metrics.totalReturn),
    num(run.metrics.sharpe),
    num(run.metrics.sortino),
    num(run.metrics.calmar),
    pct(run.metrics.maxDrawdown),
    String(run.trades.count),
    pct(run.trades.winRate),
  ]);
  const header = ['rank', ...names, 'return', 'sharpe', 'sortino', 'calmar', 'max dd', 'trades', 'win rate'];
  const failed = result.failed.map(
    (run) => `failed: ${names.map((name) => `${name}=${run.params[name]}`).join(' ')}: ${run.error}`,
  );
  return [`ranked by ${result.objective}`, renderTable(header, rows), ...failed].join('\n');
}

function walkForwardTable(result: WalkForwardResult, names: readonly string[]): string {
  const rows = result.folds.map((fold) => [
    String(fold.fold),
    `${day(fold.inSample.fromNs)} .. ${day(fold.inSample.toNs)}`,
    `${day(fold.outOfSample.fromNs)} .. ${day(fold.outOfSample.toNs)}`,
    names.map((name) => `${name}=${fold.bestParams[name]}`).join(' '),
    result.objective === 'total-return' ? pct(fold.inSampleObjective) : num(fold.inSampleObjective),
    pct(fold.outOfSampleRun.metrics.totalReturn),
    num(fold.outOfSampleRun.metrics.sharpe),
    String(fold.outOfSampleRun.trades.count),
  ]);
  const total = result.outOfSample;
  rows.push([
    'all',
    '',
    'stitched out-of-sample',
    `max dd ${pct(total.metrics.maxDrawdown)}`,
    '',
    pct(total.metrics.totalReturn),
    num(total.metrics.sharpe),
    String(total.trades.count),
  ]);
  const header = [
    'fold',
    'in-sample',
    'out-of-sample',
    'best',
    `IS ${result.objective}`,
    'OOS return',
    'OOS sharpe',
    'OOS trades',
  ];
  return renderTable(header, rows);
}
