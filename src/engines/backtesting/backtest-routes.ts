import type { FastifyInstance } from 'fastify';
import { NautilusError } from '../../core/errors.ts';
import type { BacktestJobs } from './backtest-jobs.ts';
import { stableJson } from './backtest-spec.ts';
import { jobDetail, jobOverview, jobReportHtml, submitJob } from './backtest-views.ts';

export interface BacktestRoutesDeps {
  /** The job queue while the engine runs. */
  jobs: () => BacktestJobs | undefined;
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

  app.get('/backtests', async (_request, reply) =>
    reply.type('application/json').send(stableJson({ backtests: runningJobs(deps).list().map(jobOverview) })),
  );

  app.get<{ Params: { id: string } }>('/backtests/:id', async (request, reply) =>
    reply.type('application/json').send(stableJson(jobDetail(runningJobs(deps).get(request.params.id)))),
  );

  app.get<{ Params: { id: string } }>('/backtests/:id/report', async (request, reply) =>
    reply.type('text/html; charset=utf-8').send(jobReportHtml(runningJobs(deps).get(request.params.id))),
  );
}
