import { type Nanos, NS_PER_MS } from '../domain/time.ts';
import { assertNewTimer, assertPositive, type Clock, type TimeEventHandler } from './clock.ts';

/** Wall time in integer ns: Date.now() anchors the epoch once, hrtime gives monotonic resolution. */
export class LiveClock implements Clock {
  /** Epoch ns minus hrtime at construction: one addition per read instead of two. */
  private readonly offsetNs = BigInt(Date.now()) * NS_PER_MS - process.hrtime.bigint();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  nowNs(): Nanos {
    return process.hrtime.bigint() + this.offsetNs;
  }

  setTimer(
    name: string,
    intervalNs: Nanos,
    handler: TimeEventHandler,
    opts: { startNs?: Nanos; stopNs?: Nanos } = {},
  ): void {
    assertNewTimer(this.timers, name);
    assertPositive(intervalNs, name);
    let next = opts.startNs ?? this.nowNs() + intervalNs;
    const fire = () => {
      if (opts.stopNs !== undefined && next > opts.stopNs) {
        this.timers.delete(name);
        return;
      }
      const scheduledNs = next;
      next += intervalNs;
      this.schedule(name, next, fire);
      handler({ name, scheduledNs });
    };
    this.schedule(name, next, fire);
  }

  setTimeAlert(name: string, atNs: Nanos, handler: TimeEventHandler): void {
    assertNewTimer(this.timers, name);
    this.schedule(name, atNs, () => {
      this.timers.delete(name);
      handler({ name, scheduledNs: atNs });
    });
  }

  cancel(name: string): boolean {
    const timer = this.timers.get(name);
    if (!timer) return false;
    clearTimeout(timer);
    this.timers.delete(name);
    return true;
  }

  cancelAll(): void {
    for (const name of [...this.timers.keys()]) this.cancel(name);
  }

  timerNames(): string[] {
    return [...this.timers.keys()];
  }

  /** Never fires early: timers have millisecond granularity, so a callback that is early waits again. */
  private schedule(name: string, atNs: Nanos, fire: () => void): void {
    const remainingNs = atNs - this.nowNs();
    if (remainingNs <= 0n) {
      const timer = setTimeout(fire, 0);
      timer.unref?.();
      this.timers.set(name, timer);
      return;
    }
    const delayMs = Math.max(1, Math.ceil(Number(remainingNs) / 1e6));
    const timer = setTimeout(() => this.schedule(name, atNs, fire), delayMs);
    timer.unref?.();
    this.timers.set(name, timer);
  }
}
