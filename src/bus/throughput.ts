import type { BusCounters } from './message-bus.ts';

/**
 * Publish/deliver rates from counter snapshots taken when status is read: nothing on the hot path.
 * The rate covers the time since the previous snapshot that is at least one second old.
 */
export class CounterRate {
  private previous = { atMs: Date.now(), published: 0, delivered: 0 };
  private rates = { publishedPerS: 0, deliveredPerS: 0 };

  sample(counters: BusCounters): { publishedPerS: number; deliveredPerS: number } {
    const now = Date.now();
    const elapsedS = (now - this.previous.atMs) / 1000;
    if (elapsedS >= 1) {
      this.rates = {
        publishedPerS: Math.round((counters.published - this.previous.published) / elapsedS),
        deliveredPerS: Math.round((counters.delivered - this.previous.delivered) / elapsedS),
      };
      this.previous = { atMs: now, published: counters.published, delivered: counters.delivered };
    }
    return this.rates;
  }
}
