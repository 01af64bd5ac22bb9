import type { Nanos } from '../../domain/time.ts';
import { TimeClockVpin } from './time-clock.ts';
import type { BucketSink } from './volume-clock.ts';

/**
 * Cuts the time clock's intervals: a bar is one interval; trades fall into epoch-aligned
 * [k·interval, (k+1)·interval) intervals, and an interval closes when a trade lands in a later one.
 */
export class TimeClock {
  private readonly vpin: TimeClockVpin;
  private openEndNs: Nanos | undefined;

  constructor(
    window: number,
    private readonly intervalNs: Nanos,
    sink: BucketSink,
  ) {
    if (intervalNs <= 0n) throw new RangeError('time-clock interval must be > 0');
    this.vpin = new TimeClockVpin(window, sink);
  }

  addBar(volume: number, share: number, endNs: Nanos): void {
    this.vpin.add(volume, share);
    this.vpin.close(endNs);
  }

  addTrade(size: number, share: number, tsNs: Nanos): void {
    if (this.openEndNs !== undefined && tsNs >= this.openEndNs) {
      this.vpin.close(this.openEndNs);
      this.openEndNs = undefined;
    }
    if (this.openEndNs === undefined) {
      const offset = ((tsNs % this.intervalNs) + this.intervalNs) % this.intervalNs;
      this.openEndNs = tsNs - offset + this.intervalNs;
    }
    this.vpin.add(size, share);
  }
}
