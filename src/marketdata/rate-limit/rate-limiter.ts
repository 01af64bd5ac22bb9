import type { Clock } from '../../core/clock.ts';
import { TokenBucket, type TokenBucketOptions } from './token-bucket.ts';

export interface RateLimiterOptions extends TokenBucketOptions {
  /** Names the rate-limited source (e.g. a venue's REST API) in errors and the timer name. */
  source: string;
  /** Calls allowed to wait; beyond it `schedule` rejects rather than queueing without bound. */
  maxQueued: number;
}

interface Waiting {
  run: () => unknown;
  cost: number;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/** Makes timer names unique when several limiters share a clock. */
let nextId = 0;

/**
 * Starts calls in FIFO order as the bucket allows; it limits the start rate, not concurrency.
 * Waiting is driven by `clock.setTimeAlert` so it is deterministic under a TestClock.
 */
export class RateLimiter {
  readonly source: string;
  readonly bucket: TokenBucket;
  private readonly maxQueued: number;
  private readonly queue: Waiting[] = [];
  private readonly timerName: string;
  private timerArmed = false;

  constructor(
    private readonly clock: Clock,
    options: RateLimiterOptions,
  ) {
    if (!Number.isSafeInteger(options.maxQueued) || options.maxQueued < 0)
      throw new RangeError(`rate limiter "${options.source}": maxQueued must be an integer >= 0`);
    this.source = options.source;
    this.maxQueued = options.maxQueued;
    this.bucket = new TokenBucket(clock, options);
    this.timerName = `rate-limit:${options.source}#${nextId++}`;
  }

  /** Calls waiting for tokens. */
  get queued(): number {
    return this.queue.length;
  }

  /** Runs `fn` once `cost` tokens are available and every earlier call has started. */
  schedule<T>(fn: () => T | Promise<T>, cost = 1): Promise<T> {
    if (!Number.isFinite(cost) || cost <= 0 || cost > this.bucket.capacity)
      return Promise.reject(
        new RangeError(
          `rate limiter "${this.source}": cost must be in (0, ${this.bucket.capacity}], got ${cost}`,
        ),
      );
    // Only bypass the queue when it is empty, or a cheap call could overtake an expensive one.
    if (this.queue.length === 0 && this.bucket.tryTake(cost)) return startNow(fn);
    if (this.queue.length >= this.maxQueued)
      return Promise.reject(
        new Error(
          `rate limiter "${this.source}": queue full (${this.maxQueued} calls waiting), call rejected`,
        ),
      );
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: fn, cost, resolve: resolve as (value: unknown) => void, reject });
      this.arm();
    });
  }

  /** Rejects every waiting call and stops the timer, e.g. on shutdown. */
  close(reason = `rate limiter "${this.source}" closed`): void {
    this.clock.cancel(this.timerName);
    this.timerArmed = false;
    for (const waiting of this.queue.splice(0)) waiting.reject(new Error(reason));
  }

  private drain(): void {
    this.timerArmed = false;
    for (let head = this.queue[0]; head && this.bucket.tryTake(head.cost); head = this.queue[0]) {
      this.queue.shift();
      startNow(head.run).then(head.resolve, head.reject);
    }
    this.arm();
  }

  /** One alert at a time, set for when the head of the queue can afford its cost. */
  private arm(): void {
    const head = this.queue[0];
    if (!head || this.timerArmed) return;
    // At least 1 ns so float rounding can never spin on an alert due "now".
    const waitNs = this.bucket.waitTimeNs(head.cost);
    const atNs = this.clock.nowNs() + (waitNs > 0n ? waitNs : 1n);
    this.timerArmed = true;
    this.clock.setTimeAlert(this.timerName, atNs, () => this.drain());
  }
}

/** Starts `fn` synchronously, turning a throw into a rejection. */
function startNow<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error);
  }
}
