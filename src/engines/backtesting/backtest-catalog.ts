import type { BacktestArchive } from './backtest-archive.ts';
import type { BacktestJobs } from './backtest-jobs.ts';
import { stableJson } from './backtest-spec.ts';
import { jobDetail, jobOverview, jobReportHtml } from './backtest-views.ts';

type Json = Record<string, unknown>;

/** JSON-safe: NaN metrics become null, bigints text. */
const plain = (value: unknown): Json => JSON.parse(stableJson(value)) as Json;

/**
 * Every backtest the engine can answer for: the jobs this process holds, then (with a store) the
 * ones archived by earlier runs. The HTTP routes and the bus endpoints both read it.
 */
export class BacktestCatalog {
  constructor(
    private readonly jobs: () => BacktestJobs,
    private readonly archiveOf: () => BacktestArchive | undefined,
  ) {}

  async list(): Promise<Json[]> {
    const live = this.jobs().list().map(jobOverview);
    const ids = new Set(live.map((job) => job.id));
    const archive = this.archiveOf();
    const archived = archive ? (await archive.list()).filter((job) => !ids.has(String(job.id))) : [];
    return [...live.map(plain), ...archived];
  }

  detail(id: string): Promise<Json> | Json {
    return this.held(id) ? plain(jobDetail(this.jobs().get(id))) : this.archiveOf()!.detail(id);
  }

  report(id: string): Promise<string> | string {
    return this.held(id) ? jobReportHtml(this.jobs().get(id)) : this.archiveOf()!.report(id);
  }

  /** In memory, or no archive to look in (then `get` names the missing job). */
  private held(id: string): boolean {
    return this.jobs().has(id) || !this.archiveOf();
  }
}
