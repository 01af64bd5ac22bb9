import type { FastifyInstance } from 'fastify';
import { NautilusError } from '../../core/errors.ts';
import type { BacktestCatalog } from './backtest-catalog.ts';
import type { BacktestJobs } from './backtest-jobs.ts';
import { stableJson } from './backtest-spec.ts';
import { submitJob } from './backtest-views.ts';

export interface BacktestRoutesDeps {
  /** The job queue while the engine runs. */
  jobs: () => BacktestJobs | undefined;
  /** What GETs read: this process's jobs, then archived ones. */
  catalog: BacktestCatalog;
  dataRoot: string;
}

/** The job queue, or LIFECYCLE while the engine is not running. */
export function runningJobs(deps: BacktestRoutesDeps): BacktestJobs {
  const jobs = deps.jobs();
  if (!jobs) throw new NautilusError('LIFECYCLE', 'the backtesting engine is not running');
  return jobs;
}

/**
 * `POST /backtests` (202 `{id}`), `GET /backtests`, `GET /backtests/:id`,
 * `GET /backtests/:id/report` (HTML). Bodies go out through stableJson: results carry NaN
 * metrics (null) and bigints (text).
 */
export function registerBacktestRoutes(app: FastifyInstance, deps: BacktestRoutesDeps): void {
  app.post('/backtests', async (request, reply) => {
    const job = await submitJob(runningJobs(deps), request.body, deps.dataRoot);
    return reply
      .status(202)
      .type('application/json')
      .send(stableJson({ id: job.id, status: job.status }));
  });

  app.get('/backtests', async (_request, reply) => {
    runningJobs(deps);
    return reply.type('application/json').send(stableJson({ backtests: await deps.catalog.list() }));
  });

  app.get<{ Params: { id: string } }>('/backtests/:id', async (request, reply) => {
    runningJobs(deps);
    return reply.type('application/json').send(stableJson(await deps.catalog.detail(request.params.id)));
  });

  app.get<{ Params: { id: string } }>('/backtests/:id/report', async (request, reply) => {
    runningJobs(deps);
    return reply.type('text/html; charset=utf-8').send(await deps.catalog.report(request.params.id));
  });
}
