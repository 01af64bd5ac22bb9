import type { Clock } from '../../core/clock.ts';
import { NautilusError } from '../../core/errors.ts';
import type { Nanos } from '../../domain/time.ts';
import type { MergedRecord } from './merge-by-event-time.ts';

/** 1 = real time, 10 = ten times faster; 'max' = as fast as possible. */
export type ReplaySpeed = number | 'max';

export interface ReplayProgress {
  delivered: number;
  /** Event time of the last delivered record. */
  eventNs: Nanos | undefined;
  /** delivered / totalRecords when a total was given. */
  fraction: number | undefined;
  /** True once the stream is exhausted. */
  done: boolean;
}

export interface ReplayPacerOptions {
  clock: Clock;
  speed: ReplaySpeed;
  onRecord: (merged: MergedRecord) => void;
  onProgress?: (progress: ReplayProgress) => void;
  /** Progress is reported every this many records, and once more at the end (default 10,000). */
  progressEvery?: number;
  /** In 'max' mode, yield to the event loop every this many records (default 1,000). */
  yieldEvery?: number;
  /** Known record count, for `fraction`. */
  totalRecords?: number;
  /** Awaited before each record after the first (lockstep: the consumers have caught up). */
  settle?: () => Promise<void>;
}

/** Integer scale for speed so due times stay exact bigint arithmetic for whole and decimal speeds. */
const SPEED_SCALE = 1_000_000n;

let pacerCount = 0;

/**
 * Delivers a merged stream to `onRecord`: either paced against the clock (`run`) or stepped by an
 * external clock such as a backtest (`deliverUntil`). Waits go through the Clock, never setTimeout.
 */
export class ReplayPacer {
  private readonly iterator: AsyncIterator<MergedRecord>;
  private readonly timerName = `replay-pacer-${++pacerCount}`;
  private readonly progressEvery: number;
  private readonly yieldEvery: number;
  private head: MergedRecord | undefined;
  private exhausted = false;
  private stopped = false;
  private busy = false;
  private delivered = 0;
  private lastEventNs: Nanos | undefined;
  private wake: (() => void) | undefined;

  constructor(
    stream: AsyncIterable<MergedRecord>,
    private readonly options: ReplayPacerOptions,
  ) {
    const { speed } = options;
    // Below 1e-6 the scaled integer speed would round to 0.
    if (speed !== 'max' && !(Number.isFinite(speed) && speed >= 1e-6))
      throw new RangeError(`replay speed must be >= 1e-6 or 'max', got ${speed}`);
    this.iterator = stream[Symbol.asyncIterator]();
    this.progressEvery = positiveInteger(options.progressEvery ?? 10_000, 'progressEvery');
    this.yieldEvery = positiveInteger(options.yieldEvery ?? 1_000, 'yieldEvery');
  }

  /** Replays to the end (or `stop()`) at the configured speed; resolves with the final progress. */
  async run(): Promise<ReplayProgress> {
    return this.exclusive(async () => {
      const { clock, speed } = this.options;
      const first = await this.peek();
      if (!first) return this.progress();
      // Anchors: the first record is due now; later ones keep their event-time gaps divided by speed.
      const startNs = clock.nowNs();
      const scaledSpeed = speed === 'max' ? 0n : BigInt(Math.round(speed * Number(SPEED_SCALE)));
      for (let head: MergedRecord | undefined = first; head && !this.stopped; head = await this.peek()) {
        if (speed === 'max') {
          if (this.delivered > 0 && this.delivered % this.yieldEvery === 0) await yieldToEventLoop();
        } else {
          const dueNs = startNs + ((head.eventNs - first.eventNs) * SPEED_SCALE) / scaledSpeed;
          if (dueNs > clock.nowNs()) await this.waitUntil(dueNs);
        }
        if (this.delivered > 0 && this.options.settle) await this.options.settle();
        if (!this.stopped) this.deliver(this.take());
      }
      return this.progress();
    });
  }

  /** Backtest stepping: delivers every buffered record with event time <= `tNs`; returns how many. */
  async deliverUntil(tNs: Nanos): Promise<number> {
    return this.exclusive(async () => {
      const before = this.delivered;
      for (
        let head = await this.peek();
        head && head.eventNs <= tNs && !this.stopped;
        head = await this.peek()
      )
        this.deliver(this.take());
      return this.delivered - before;
    });
  }

  /** Ends replay cleanly: cancels any pending wait and closes the stream. Safe to call repeatedly. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.options.clock.cancel(this.timerName);
    this.wake?.();
    // Closing is best effort: a source failing while it closes has nothing left to report to.
    this.iterator.return?.().catch(() => {});
  }

  private async exclusive<T>(body: () => Promise<T>): Promise<T> {
    if (this.busy) throw new NautilusError('LIFECYCLE', 'replay is already running: await it or stop it');
    this.busy = true;
    try {
      return await body();
    } finally {
      this.busy = false;
    }
  }

  private async peek(): Promise<MergedRecord | undefined> {
    if (this.head || this.exhausted || this.stopped) return this.head;
    const next = await this.iterator.next();
    if (next.done) {
      this.exhausted = true;
      // The final report, unless the last periodic one already covered every record.
      if (this.delivered === 0 || this.delivered % this.progressEvery !== 0)
        this.options.onProgress?.(this.progress());
    } else this.head = next.value;
    return this.head;
  }

  private take(): MergedRecord {
    const head = this.head!;
    this.head = undefined;
    return head;
  }

  private deliver(merged: MergedRecord): void {
    this.delivered++;
    this.lastEventNs = merged.eventNs;
    this.options.onRecord(merged);
    if (this.delivered % this.progressEvery === 0) this.options.onProgress?.(this.progress());
  }

  private progress(): ReplayProgress {
    const total = this.options.totalRecords;
    return {
      delivered: this.delivered,
      eventNs: this.lastEventNs,
      fraction: total === undefined ? undefined : total === 0 ? 1 : Math.min(1, this.delivered / total),
      done: this.exhausted,
    };
  }

  private waitUntil(dueNs: Nanos): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      this.options.clock.setTimeAlert(this.timerName, dueNs, () => resolve());
    }).finally(() => {
      this.wake = undefined;
    });
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
  return value;
}

/** setImmediate lets pending I/O and timers run between batches in 'max' mode. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
