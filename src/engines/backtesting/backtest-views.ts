import { NautilusError } from '../../core/errors.ts';
import { renderBacktestReport } from '../../reports/render-backtest-report.ts';
import type { BacktestJob, BacktestJobs } from './backtest-jobs.ts';
import { parseBacktestBody, runsOf } from './backtest-request.ts';
import type { RunSummary } from './backtest-spec.ts';

/**
 * What the HTTP routes and the bus endpoints answer about jobs, in one place so both say the same.
 * Results carry NaN metrics and bigints: callers send them through `stableJson`.
 */

/** A job without its result, for lists. */
export function jobOverview(job: BacktestJob) {
  const { spec } = job.request;
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    strategy: spec.strategy,
    dataFiles: spec.dataFiles,
    progress: job.progress,
    submitted: job.submitted,
    ...(job.started ? { started: job.started } : {}),
    ...(job.finished ? { finished: job.finished } : {}),
    ...(job.error ? { error: job.error } : {}),
  };
}

/** The single run a job's report and equity curve show: the backtest itself, or a sweep's best run. */
function reportedRun(job: BacktestJob): RunSummary | undefined {
  const result = job.result;
  if (result === undefined || 'folds' in result) return undefined;
  return 'runs' in result ? result.runs[0] : result;
}

/** A job with its request, its result and its equity curve (daily points of the reported run). */
export function jobDetail(job: BacktestJob) {
  const { spec, grid, objective, folds } = job.request;
  return {
    ...jobOverview(job),
    request: { ...spec, ...(grid ? { grid, objective } : {}), ...(folds ? { folds } : {}) },
    ...(job.result ? { result: job.result } : {}),
    metrics: reportedRun(job)?.metrics ?? null,
    equityCurve: reportedRun(job)?.dailyEquity ?? [],
  };
}

/** Queues a parsed body; BAD_REQUEST names the field, LIFECYCLE when the queue is full. */
export async function submitJob(jobs: BacktestJobs, body: unknown, dataRoot: string): Promise<BacktestJob> {
  const parsed = await parseBacktestBody(body, dataRoot);
  return jobs.submit(parsed, runsOf(parsed));
}

/** The self-contained HTML report of a finished job (its best run for a sweep). */
export function jobReportHtml(job: BacktestJob): string {
  if (job.status !== 'done')
    throw new NautilusError('INSUFFICIENT_DATA', `backtest ${job.id} is ${job.status}: no report yet`);
  const run = reportedRun(job);
  if (!run) throw new NautilusError('NOT_FOUND', `backtest ${job.id} is a ${job.kind}: no single-run report`);
  const { spec } = job.request;
  return renderBacktestReport({
    title: `Backtest ${job.id}`,
    strategy: spec.strategy,
    params: run.params,
    dataFiles: spec.dataFiles,
    startNs: BigInt(run.startNs),
    endNs: BigInt(run.endNs),
    baseCurrency: 'USD',
    equity: (run.dailyEquity ?? []).map((point) => ({ tsNs: BigInt(point.tsNs), equity: point.equity })),
    prices: [],
    fills: [],
    metrics: Object.entries(run.metrics).map(([name, value]) => ({ name, value })),
    tradeStats: Object.fromEntries(
      Object.entries(run.trades).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
    ),
    events: run.records,
  });
}
