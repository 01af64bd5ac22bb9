import type { TestClock } from '../../../core/test-clock.ts';
import type { Nanos } from '../../../domain/time.ts';
import type { StrategyClock } from '../strategy-context.ts';

/** A StrategyClock over a TestClock: every timer calls `fire(name)` (the strategy's onTimer). */
export class RecordingClock implements StrategyClock {
  readonly fired: Array<{ name: string; scheduledNs: Nanos }> = [];
  private readonly clock: TestClock;
  private readonly fire: (name: string) => void;

  constructor(clock: TestClock, fire: (name: string) => void) {
    this.clock = clock;
    this.fire = fire;
  }

  nowNs(): Nanos {
    return this.clock.nowNs();
  }

  setTimer(name: string, intervalNs: Nanos, opts: { startNs?: Nanos; stopNs?: Nanos } = {}): void {
    this.clock.setTimer(name, intervalNs, (e) => this.onFire(e.name, e.scheduledNs), opts);
  }

  setTimeAlert(name: string, atNs: Nanos): void {
    this.clock.setTimeAlert(name, atNs, (e) => this.onFire(e.name, e.scheduledNs));
  }

  cancel(name: string): boolean {
    return this.clock.cancel(name);
  }

  timerNames(): string[] {
    return this.clock.timerNames();
  }

  private onFire(name: string, scheduledNs: Nanos): void {
    this.fired.push({ name, scheduledNs });
    this.fire(name);
  }
}
