import type { FastifyInstance } from 'fastify';
import { nsToIso } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import { Engine } from '../engine.ts';
import { BacktestArchive } from './backtest-archive.ts';
import { BacktestCatalog } from './backtest-catalog.ts';
import { type BacktestJob, BacktestJobs } from './backtest-jobs.ts';
import { type BacktestRoutesDeps, registerBacktestRoutes, runningJobs } from './backtest-routes.ts';
import { stableJson } from './backtest-spec.ts';
import { submitJob } from './backtest-views.ts';
import type { BacktestingConfig } from './manifest.ts';
import { runSweep } from './sweep.ts';
import { runWalkForward } from './walk-forward.ts';
import { type BacktestPool, createBacktestPool } from './worker-pool.ts';

/**
 * Backtests over HTTP: `POST /backtests` queues a backtest, a sweep or a walk-forward; the runs go
 * to a pool of worker threads, each running the order-path engines in its own kernel; progress
 * and the outcome are published as `backtest.progress.<id>` and `backtest.result.<id>`.
 */
export class BacktestingEngine extends Engine<BacktestingConfig> {
  private pool: BacktestPool | undefined;
  private jobs: BacktestJobs | undefined;
  private archive: BacktestArchive | undefined;
  private readonly catalog: BacktestCatalog = new BacktestCatalog(
    () => runningJobs(this.routeDeps(() => true)),
    () => this.archive,
  );
  /** Archive writes in flight: a stop waits for them. */
  private readonly archiving = new Set<Promise<void>>();

  async onStart(): Promise<void> {
    // Piscina starts threads on demand (minThreads 0): an idle engine costs no threads.
    const pool = createBacktestPool(this.ctx.config.workers);
    this.pool = pool;
    if (this.ctx.store) this.archive = new BacktestArchive(this.ctx.store, this.ctx.logger);
    this.jobs = new BacktestJobs({
      slots: pool.threads,
      maxQueued: this.ctx.config.maxQueued,
      execute: (job) => this.execute(pool, job),
      onSettled: (job) => {
        this.publishResult(job);
        const saved = this.archive?.save(job, this.ctx.clock.nowNs());
        if (saved) {
          this.archiving.add(saved);
          void saved.finally(() => this.archiving.delete(saved));
        }
      },
      now: () => nsToIso(this.ctx.clock.nowNs()),
    });
    await this.serveEndpoints();
  }

  /** The same operations as the HTTP routes, for the api engine (JSON-safe through stableJson). */
  private async serveEndpoints(): Promise<void> {
    const { bus } = this.ctx;
    const deps = this.routeDeps(() => true);
    const idOf = (body: unknown) => String((body as { id?: unknown })?.id);
    await bus.endpoint('backtest-submit', async (body) => {
      const job = await submitJob(runningJobs(deps), body, this.ctx.config.dataRoot);
      return { id: job.id, status: job.status };
    });
    await bus.endpoint('backtest-list', async () => ({ backtests: await this.catalog.list() }));
    await bus.endpoint('backtest-get', (body) => this.catalog.detail(idOf(body)));
    await bus.endpoint('backtest-report', async (body) => ({ html: await this.catalog.report(idOf(body)) }));
  }

  private routeDeps(isRunning: () => boolean): BacktestRoutesDeps {
    return {
      jobs: () => (isRunning() ? this.jobs : undefined),
      catalog: this.catalog,
      dataRoot: this.ctx.config.dataRoot,
    };
  }

  override async onStop(): Promise<void> {
    this.jobs?.cancelWaiting('the backtesting engine stopped');
    await this.pool?.destroy();
    this.pool = undefined;
    await Promise.all(this.archiving);
  }

  override registerRoutes(app: FastifyInstance, isRunning: () => boolean): void {
    registerBacktestRoutes(app, this.routeDeps(isRunning));
  }

  override healthFields(): Record<string, unknown> {
    return { workers: this.pool?.threads ?? 0, backtests: this.jobs?.counts() ?? {} };
  }

  private execute(pool: BacktestPool, job: BacktestJob) {
    const { spec, grid, objective, folds } = job.request;
    let lastPercent = -1;
    const progress = (done: number, total: number) => {
      job.progress = { done, total };
      // At most one progress message per percent: a 10,000-run sweep does not flood the bus.
      const percent = Math.floor((done * 100) / total);
      if (percent === lastPercent) return;
      lastPercent = percent;
      this.publish(topics.backtest.progress(job.id), { runId: job.id, status: job.status, done, total });
    };
    // A single backtest keeps its daily equity: GET shows it as the equity curve.
    if (!grid)
      return pool.run({ ...spec, keepDailyEquity: true }).then((summary) => {
        progress(1, 1);
        return summary;
      });
    const request = { base: spec, grid, objective };
    return folds ? runWalkForward(pool, { ...request, folds }, progress) : runSweep(pool, request, progress);
  }

  /** A compact outcome on the bus (the best run, not all of them); the full result is on GET. */
  private publishResult(job: BacktestJob): void {
    const result = job.result;
    const summary =
      result === undefined
        ? undefined
        : 'runs' in result
          ? { best: result.runs[0], runs: result.runs.length, failed: result.failed.length }
          : 'folds' in result
            ? { folds: result.folds.length, outOfSample: result.outOfSample }
            : result;
    this.publish(topics.backtest.result(job.id), {
      runId: job.id,
      kind: job.kind,
      status: job.status,
      ...(job.error ? { error: job.error } : {}),
      ...(summary ? { summary } : {}),
    });
  }

  private publish(topic: string, payload: Record<string, unknown>): void {
    try {
      // Through JSON: NaN metrics become null on every transport and codec alike.
      this.ctx.bus.publish({
        topic,
        payload: JSON.parse(stableJson(payload)),
        eventTimeNs: this.ctx.clock.nowNs(),
      });
    } catch (error) {
      this.ctx.logger.error({ err: error, topic }, 'could not publish a backtest message');
    }
  }
}
