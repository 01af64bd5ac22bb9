import type { Clock } from '../core/clock.ts';
import { msToNs, type Nanos } from '../domain/time.ts';

/**
 * Beats once at start and then every `intervalMs` on the clock (never setTimeout), so heartbeats
 * follow a backtest's test clock like any other engine timer.
 */
export class Heartbeat {
  private readonly timerName: string;
  lastNs: Nanos | null = null;

  constructor(
    engine: string,
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly beat: (nowNs: Nanos) => void,
  ) {
    this.timerName = `heartbeat.${engine}`;
  }

  start(): void {
    this.fire();
    this.clock.setTimer(this.timerName, msToNs(this.intervalMs), () => this.fire());
  }

  stop(): void {
    this.clock.cancel(this.timerName);
  }

  private fire(): void {
    this.lastNs = this.clock.nowNs();
    this.beat(this.lastNs);
  }
}
