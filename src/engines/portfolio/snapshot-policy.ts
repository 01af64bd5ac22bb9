import type { Nanos } from '../../domain/time.ts';

/**
 * When market data should take an equity snapshot: on every bar close (when `onBars`), and
 * otherwise at most once per interval of event time (intervals aligned to the epoch, so a minute
 * interval gives one point per minute of data). Any snapshot (fills too) counts for its interval.
 */
export class SnapshotPolicy {
  private lastNs: Nanos | undefined;

  constructor(
    private readonly everyNs: Nanos,
    private readonly onBars: boolean,
  ) {}

  due(tsNs: Nanos, isBar: boolean): boolean {
    if (isBar && this.onBars) return true;
    if (this.lastNs === undefined || this.everyNs <= 0n) return true;
    return tsNs / this.everyNs > this.lastNs / this.everyNs;
  }

  taken(tsNs: Nanos): void {
    if (this.lastNs === undefined || tsNs > this.lastNs) this.lastNs = tsNs;
  }
}
