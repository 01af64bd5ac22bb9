import type { BusStatus, MessageBus } from '../../bus/message-bus.ts';

/**
 * One bus status read shared by every engine of a host for `maxAgeMs`: on Redis a status costs
 * an XINFO per stream, and fifteen engines beating every second would otherwise each pay it.
 */
export class BusStatusCache {
  private cached: { atMs: number; status: Promise<BusStatus> } | null = null;

  constructor(
    private readonly bus: MessageBus,
    private readonly maxAgeMs: number,
  ) {}

  get(): Promise<BusStatus> {
    const now = Date.now();
    if (!this.cached || now - this.cached.atMs >= this.maxAgeMs) {
      const status = this.bus.status();
      this.cached = { atMs: now, status };
      // A failed read is not cached: the next caller retries.
      status.catch(() => {
        if (this.cached?.status === status) this.cached = null;
      });
    }
    return this.cached.status;
  }
}

/** Messages waiting for an engine's consumer group across streams; null when the bus reports none. */
export function lagOf(status: BusStatus, engine: string): number | null {
  let lag: number | null = null;
  for (const lane of status.lanes) {
    for (const group of lane.groups) {
      if (group.group === engine && group.lag !== null) lag = (lag ?? 0) + group.lag;
    }
  }
  return lag;
}

export function busConnected(status: BusStatus): boolean {
  return status.lanes.every((lane) => lane.connected);
}
