import type { Clock } from '../../core/clock.ts';
import { type Nanos, NS_PER_SECOND } from '../../domain/time.ts';

export interface TokenBucketOptions {
  /** Burst size: the most tokens the bucket holds (it starts full). */
  capacity: number;
  refillPerSecond: number;
}

/** Absorbs float noise from fractional refills so a token due at time t is takeable at t. */
const EPSILON = 1e-9;

/** Classic token bucket; time comes from the injected Clock so backtests and tests are deterministic. */
export class TokenBucket {
  readonly capacity: number;
  readonly refillPerSecond: number;
  private tokens: number;
  private lastRefillNs: Nanos;

  constructor(
    private readonly clock: Clock,
    options: TokenBucketOptions,
  ) {
    const { capacity, refillPerSecond } = options;
    if (!Number.isFinite(capacity) || capacity <= 0)
      throw new RangeError(`token bucket capacity must be a positive number, got ${capacity}`);
    if (!Number.isFinite(refillPerSecond) || refillPerSecond <= 0)
      throw new RangeError(`token bucket refillPerSecond must be a positive number, got ${refillPerSecond}`);
    this.capacity = capacity;
    this.refillPerSecond = refillPerSecond;
    this.tokens = capacity;
    this.lastRefillNs = clock.nowNs();
  }

  /** Takes `n` tokens if available now; never partially. */
  tryTake(n = 1): boolean {
    this.checkCost(n);
    this.refill();
    if (this.tokens + EPSILON < n) return false;
    this.tokens = Math.max(0, this.tokens - n);
    return true;
  }

  /** Nanoseconds until `n` tokens are available (0n if they are now), assuming nobody else takes any. */
  waitTimeNs(n = 1): Nanos {
    this.checkCost(n);
    this.refill();
    const deficit = n - this.tokens;
    if (deficit <= EPSILON) return 0n;
    return BigInt(Math.ceil((deficit * Number(NS_PER_SECOND)) / this.refillPerSecond));
  }

  /** Tokens available now (fractional while refilling), for metrics. */
  remaining(): number {
    this.refill();
    return this.tokens;
  }

  private refill(): void {
    const nowNs = this.clock.nowNs();
    // A clock that steps back must not mint or destroy tokens.
    if (nowNs <= this.lastRefillNs) return;
    const elapsedSeconds = Number(nowNs - this.lastRefillNs) / Number(NS_PER_SECOND);
    this.tokens = Math.min(this.capacity, this.tokens + elapsedSeconds * this.refillPerSecond);
    this.lastRefillNs = nowNs;
  }

  private checkCost(n: number): void {
    if (!Number.isFinite(n) || n <= 0 || n > this.capacity)
      throw new RangeError(`token cost must be in (0, ${this.capacity}], got ${n}`);
  }
}
