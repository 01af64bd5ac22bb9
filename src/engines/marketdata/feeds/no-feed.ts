import type { Clock } from '../../../core/clock.ts';
import type { Nanos } from '../../../domain/time.ts';
import type { LiveFeed } from './live-feed.ts';

/** A hub that only answers requests (e.g. a research process): no live stream. */
export class NoFeed implements LiveFeed {
  readonly name = 'none';
  readonly symbols: readonly string[] = [];
  readonly finished = true;

  constructor(private readonly clock: Clock) {}

  start(): void {}

  stop(): void {}

  timeNs(): Nanos {
    return this.clock.nowNs();
  }

  detail(): string {
    return 'no live feed (requests only)';
  }
}
