import type { Nanos } from '../../domain/time.ts';
import type { TradingStateChange } from '../../trading/risk/trading-state.ts';

/**
 * The trading state a critical toxicity alert imposed, and when it may lift: after `coolOffNs`
 * of event time without another critical alert, and only while that change is still the latest
 * (an operator's or another engine's later change is never undone). 0 disables the release.
 */
export class ToxicityHold {
  private change: TradingStateChange | undefined;
  private untilNs: Nanos = 0n;

  constructor(private readonly coolOffNs: Nanos) {}

  /** A critical alert at `tsNs`; `change` is the state change it caused, if it caused one. */
  onCritical(tsNs: Nanos, change: TradingStateChange | undefined): void {
    if (change) this.change = change;
    if (this.change) this.untilNs = tsNs + this.coolOffNs;
  }

  due(tsNs: Nanos, latest: TradingStateChange | undefined): boolean {
    if (this.change === undefined || this.coolOffNs <= 0n) return false;
    if (latest !== this.change) {
      this.change = undefined;
      return false;
    }
    return tsNs >= this.untilNs;
  }

  release(): void {
    this.change = undefined;
  }
}
