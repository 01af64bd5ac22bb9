import type { Nanos } from '../../../domain/time.ts';
import type { FeedEvent } from '../../../marketdata/hub/live-market.ts';

/** Where the hub's live stream comes from: synthetic market, file replay or a broker stream. */
export interface LiveFeed {
  readonly name: string;
  /** Symbols known to be live before their first event (staleness covers them from the start). */
  readonly symbols: readonly string[];
  start(emit: (event: FeedEvent) => void): void | Promise<void>;
  stop(): void | Promise<void>;
  /** The feed's notion of now for closing time bars: clock time live, event time in replay. */
  timeNs(): Nanos;
  /** True once a finite feed (a replay) has delivered everything: silence is then not staleness. */
  readonly finished: boolean;
  detail(): string;
}
