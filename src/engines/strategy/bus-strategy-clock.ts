import type { Clock } from '../../core/clock.ts';
import type { Nanos } from '../../domain/time.ts';
import type { StrategyClock } from '../../trading/strategy/strategy-context.ts';

/**
 * A strategy's clock over the engine clock: now is the event time, timers go through the engine
 * clock under "strategy:<id>:<name>" (strategies share the clock) and call `fire(name, scheduledNs)`.
 */
export class BusStrategyClock implements StrategyClock {
  private readonly prefix: string;

  constructor(
    strategyId: string,
    private readonly clock: Clock,
    private readonly now: { nowNs(): Nanos },
    private readonly fire: (name: string, scheduledNs: Nanos) => void,
  ) {
    this.prefix = `strategy:${strategyId}:`;
  }

  nowNs(): Nanos {
    return this.now.nowNs();
  }

  setTimer(name: string, intervalNs: Nanos, opts: { startNs?: Nanos; stopNs?: Nanos } = {}): void {
    const startNs = opts.startNs ?? this.nowNs() + intervalNs;
    this.clock.setTimer(this.prefix + name, intervalNs, (e) => this.fire(name, e.scheduledNs), {
      ...opts,
      startNs,
    });
  }

  setTimeAlert(name: string, atNs: Nanos): void {
    this.clock.setTimeAlert(this.prefix + name, atNs, (e) => this.fire(name, e.scheduledNs));
  }

  cancel(name: string): boolean {
    return this.clock.cancel(this.prefix + name);
  }

  timerNames(): string[] {
    return this.clock
      .timerNames()
      .filter((name) => name.startsWith(this.prefix))
      .map((name) => name.slice(this.prefix.length));
  }

  cancelAll(): void {
    for (const name of this.timerNames()) this.cancel(name);
  }
}
