import type { Nanos } from '../../domain/time.ts';

/**
 * "Now" for strategies: the event time of the message being handled (so a backtest is
 * deterministic), never going backwards; the clock's time before any message arrived.
 */
export class EventTime {
  private latest: Nanos | undefined;

  constructor(private readonly clock: { nowNs(): Nanos }) {}

  nowNs(): Nanos {
    return this.latest ?? this.clock.nowNs();
  }

  /** Moves now to `tsNs` (when later) and runs `fn`. */
  run<T>(tsNs: Nanos, fn: () => T): T {
    if (this.latest === undefined || tsNs > this.latest) this.latest = tsNs;
    return fn();
  }
}
