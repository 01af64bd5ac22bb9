import type { FastifyInstance } from 'fastify';
import { NautilusError } from '../../core/errors.ts';
import type { BacktestJob, BacktestJobs } from './backtest-jobs.ts';
import { parseBacktestBody, runsOf } from './backtest-request.ts';
import { stableJson } from './backtest-spec.ts';

export interface BacktestRoutesDeps {
  /** The job queue while the engine runs. */
  jobs: () => BacktestJobs | undefined;
  dataRoot: string;
}

/** A job without its result, for lists. */
function overview(job: BacktestJob) {
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

/**
 * `POST /backtests` (202 `{id}`), `GET /backtests`, `GET /backtests/:id`. Bodies go out through
 * stableJson: results carry NaN metrics (null) and bigints (text).
 */
export function registerBacktestRoutes(app: FastifyInstance, deps: BacktestRoutesDeps): void {
  const running = (): BacktestJobs => {
    const jobs = deps.jobs();
    if (!jobs) throw new NautilusError('LIFECYCLE', 'the backtesting engine is not running');
    return jobs;
  };

  app.post('/backtests', async (request, reply) => {
    const jobs = running();
    const parsed = await parseBacktestBody(request.body, deps.dataRoot);
    const job = jobs.submit(parsed, runsOf(parsed));
    return reply
      .status(202)
      .type('application/json')
      .send(stableJson({ id: job.id, status: job.status }));
  });

  app.get('/backtests', async (_request, reply) =>
    reply.type('application/json').send(stableJson({ backtests: running().list().map(overview) })),
  );

  app.get<{ Params: { id: string } }>('/backtests/:id', async (request, reply) => {
    const job = running().get(request.params.id);
    const { spec, grid, objective, folds } = job.request;
    return reply.type('application/json').send(
      stableJson({
        ...overview(job),
        request: { ...spec, ...(grid ? { grid, objective } : {}), ...(folds ? { folds } : {}) },
        ...(job.result ? { result: job.result } : {}),
      }),
    );
  });
}
