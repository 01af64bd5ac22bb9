import { NautilusError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { Nanos } from '../../domain/time.ts';
import type { Store } from '../../store/store.ts';
import type { BacktestJob } from './backtest-jobs.ts';
import { stableJson } from './backtest-spec.ts';
import { jobDetail, jobOverview, jobReportHtml } from './backtest-views.ts';

type Json = Record<string, unknown>;

const plain = (value: unknown): Json => JSON.parse(stableJson(value)) as Json;

/**
 * Settled backtests in the store (`backtest_runs` with the job's overview, `backtest_results`
 * with its full detail and HTML report), so they outlive the process: the engine answers for
 * jobs it no longer holds in memory from here.
 */
export class BacktestArchive {
  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  async save(job: BacktestJob, nowNs: Nanos): Promise<void> {
    let reportHtml: string | null = null;
    try {
      reportHtml = job.status === 'done' ? jobReportHtml(job) : null;
    } catch {
      // A sweep's or walk-forward's outcome has no single-run report: the detail is kept alone.
    }
    try {
      await this.store.transaction(async (tx) => {
        await tx.insert('backtest_runs', [
          {
            runId: job.id,
            strategy: job.request.spec.strategy,
            params: plain(jobOverview(job)),
            status: job.status === 'done' ? 'finished' : 'failed',
            progress: job.progress.total > 0 ? job.progress.done / job.progress.total : 0,
            error: job.error ?? null,
            createdNs: nowNs,
            updatedNs: nowNs,
          },
        ]);
        await tx.insert('backtest_results', [{ runId: job.id, metrics: plain(jobDetail(job)), reportHtml }]);
      });
    } catch (error) {
      this.logger.error(
        { err: error, runId: job.id },
        'backtest not archived: it is lost at the next restart',
      );
    }
  }

  /** Overviews of archived jobs, newest first. */
  async list(): Promise<Json[]> {
    const rows = await this.store.query<{ params: Json }>(
      'SELECT params FROM backtest_runs ORDER BY created_ns DESC LIMIT 500',
    );
    return rows.map((row) => row.params);
  }

  async detail(id: string): Promise<Json> {
    const [row] = await this.store.read('backtest_results', { where: { runId: id } });
    if (!row) throw new NautilusError('NOT_FOUND', `no backtest ${id}`);
    return row.metrics as Json;
  }

  async report(id: string): Promise<string> {
    const [row] = await this.store.read('backtest_results', { where: { runId: id } });
    if (!row) throw new NautilusError('NOT_FOUND', `no backtest ${id}`);
    if (!row.reportHtml) throw new NautilusError('NOT_FOUND', `backtest ${id} has no single-run report`);
    return row.reportHtml;
  }
}
