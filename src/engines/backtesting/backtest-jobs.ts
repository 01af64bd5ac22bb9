import { randomUUID } from 'node:crypto';
import { NautilusError } from '../../core/errors.ts';
import type { BacktestKind, BacktestRequest } from './backtest-request.ts';
import type { RunSummary } from './backtest-spec.ts';
import type { SweepResult } from './sweep.ts';
import type { WalkForwardResult } from './walk-forward.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface BacktestJob {
  id: string;
  kind: BacktestKind;
  status: JobStatus;
  request: BacktestRequest;
  submitted: string;
  started?: string;
  finished?: string;
  /** Runs finished of the job's total (1 for a single backtest). */
  progress: { done: number; total: number };
  result?: RunSummary | SweepResult | WalkForwardResult;
  error?: string;
}

export interface JobsDeps {
  slots: number;
  maxQueued: number;
  /** Runs a job to its result; updates `job.progress` as runs finish. */
  execute: (job: BacktestJob) => Promise<NonNullable<BacktestJob['result']>>;
  /** The job is done or failed. */
  onSettled: (job: BacktestJob) => void;
  /** ISO time for the job's timestamps. */
  now: () => string;
}

/**
 * Jobs of this process, in memory (the engine archives settled ones when it has a store): at most `slots` run at once, each
 * fanning its runs out on the shared worker pool; at most `maxQueued` wait behind them.
 */
export class BacktestJobs {
  private readonly jobs = new Map<string, BacktestJob>();
  private readonly waiting: BacktestJob[] = [];
  private running = 0;

  constructor(private readonly deps: JobsDeps) {}

  submit(request: BacktestRequest, total: number): BacktestJob {
    if (this.waiting.length >= this.deps.maxQueued)
      throw new NautilusError(
        'LIFECYCLE',
        `backtesting: ${this.waiting.length} backtests already queued (maxQueued ${this.deps.maxQueued}); retry later`,
      );
    const job: BacktestJob = {
      id: randomUUID(),
      kind: request.kind,
      status: 'queued',
      request,
      submitted: this.deps.now(),
      progress: { done: 0, total },
    };
    this.jobs.set(job.id, job);
    this.waiting.push(job);
    this.pump();
    return job;
  }

  has(id: string): boolean {
    return this.jobs.has(id);
  }

  get(id: string): BacktestJob {
    const job = this.jobs.get(id);
    if (!job) throw new NautilusError('NOT_FOUND', `no backtest ${id}`);
    return job;
  }

  list(): BacktestJob[] {
    return [...this.jobs.values()];
  }

  counts(): Record<JobStatus, number> {
    const counts = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const job of this.jobs.values()) counts[job.status]++;
    return counts;
  }

  /** Jobs still waiting fail with `reason` (the engine is stopping); running ones finish on their own. */
  cancelWaiting(reason: string): void {
    for (const job of this.waiting.splice(0)) {
      job.status = 'failed';
      job.error = reason;
      job.finished = this.deps.now();
    }
  }

  private pump(): void {
    while (this.running < this.deps.slots && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running++;
      job.status = 'running';
      job.started = this.deps.now();
      this.deps
        .execute(job)
        .then(
          (result) => {
            job.status = 'done';
            job.result = result;
          },
          (error: Error) => {
            job.status = 'failed';
            job.error = error.message;
          },
        )
        .finally(() => {
          job.finished = this.deps.now();
          this.running--;
          this.deps.onSettled(job);
          this.pump();
        });
    }
  }
}
