import type { Nanos } from '../domain/time.ts';
import {
  assertNewTimer,
  assertPositive,
  type Clock,
  type TimeEvent,
  type TimeEventHandler,
} from './clock.ts';

interface TestTimer {
  name: string;
  nextNs: Nanos;
  intervalNs: Nanos | null;
  stopNs: Nanos | undefined;
  handler: TimeEventHandler;
  seq: number;
}

/** Moved only by `advanceTo`: timers fire in (time, creation order), each at its own scheduled time. */
export class TestClock implements Clock {
  private timeNs: Nanos;
  private readonly timers = new Map<string, TestTimer>();
  private seq = 0;

  constructor(startNs: Nanos = 0n) {
    this.timeNs = startNs;
  }

  nowNs(): Nanos {
    return this.timeNs;
  }

  setTimer(
    name: string,
    intervalNs: Nanos,
    handler: TimeEventHandler,
    opts: { startNs?: Nanos; stopNs?: Nanos } = {},
  ): void {
    assertNewTimer(this.timers, name);
    assertPositive(intervalNs, name);
    const nextNs = opts.startNs ?? this.timeNs + intervalNs;
    this.timers.set(name, { name, nextNs, intervalNs, stopNs: opts.stopNs, handler, seq: this.seq++ });
  }

  setTimeAlert(name: string, atNs: Nanos, handler: TimeEventHandler): void {
    assertNewTimer(this.timers, name);
    this.timers.set(name, {
      name,
      nextNs: atNs,
      intervalNs: null,
      stopNs: undefined,
      handler,
      seq: this.seq++,
    });
  }

  cancel(name: string): boolean {
    return this.timers.delete(name);
  }

  cancelAll(): void {
    this.timers.clear();
  }

  timerNames(): string[] {
    return [...this.timers.keys()];
  }

  /** Advances time to `targetNs`, firing every due timer in order; returns the events fired. */
  advanceTo(targetNs: Nanos): TimeEvent[] {
    if (targetNs < this.timeNs)
      throw new RangeError(`TestClock cannot go back: ${targetNs} < ${this.timeNs}`);
    const fired: TimeEvent[] = [];
    for (let timer = this.nextDue(targetNs); timer; timer = this.nextDue(targetNs)) {
      this.timeNs = timer.nextNs;
      const event = { name: timer.name, scheduledNs: timer.nextNs };
      if (timer.intervalNs === null) {
        this.timers.delete(timer.name);
      } else {
        timer.nextNs += timer.intervalNs;
        if (timer.stopNs !== undefined && timer.nextNs > timer.stopNs) this.timers.delete(timer.name);
      }
      fired.push(event);
      timer.handler(event);
    }
    this.timeNs = targetNs;
    return fired;
  }

  /** The time of the next due timer, if any: a backtest loop interleaves it with data events. */
  nextEventNs(): Nanos | undefined {
    let best: Nanos | undefined;
    for (const timer of this.timers.values())
      if (best === undefined || timer.nextNs < best) best = timer.nextNs;
    return best;
  }

  private nextDue(limitNs: Nanos): TestTimer | undefined {
    let best: TestTimer | undefined;
    for (const timer of this.timers.values()) {
      if (timer.nextNs > limitNs) continue;
      if (!best || timer.nextNs < best.nextNs || (timer.nextNs === best.nextNs && timer.seq < best.seq))
        best = timer;
    }
    return best;
  }
}
