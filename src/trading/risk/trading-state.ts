import type { Nanos } from '../../domain/time.ts';

/** ACTIVE trades normally, REDUCING only lets positions shrink, HALTED lets nothing through. */
export type TradingState = 'ACTIVE' | 'REDUCING' | 'HALTED';

export interface TradingStateChange {
  from: TradingState;
  to: TradingState;
  reason: string;
  /** Who asked: an engine name, 'operator', or 'flash-crash'. */
  requestedBy: string;
  tsNs: Nanos;
}

/**
 * The platform's trading state. Any engine may request a change with a reason; every change is
 * kept (the audit trail risk publishes). Requests that change nothing return undefined.
 */
export class TradingStateMachine {
  private current: TradingState = 'ACTIVE';
  readonly history: TradingStateChange[] = [];

  get state(): TradingState {
    return this.current;
  }

  request(
    to: TradingState,
    reason: string,
    requestedBy: string,
    tsNs: Nanos,
  ): TradingStateChange | undefined {
    if (reason.trim() === '') throw new RangeError('a trading-state change needs a reason');
    if (to === this.current) return undefined;
    const change: TradingStateChange = { from: this.current, to, reason, requestedBy, tsNs };
    this.current = to;
    this.history.push(change);
    return change;
  }

  /** A FLASH_CRASH alert halts trading at once, whatever the state. */
  flashCrash(detail: string, tsNs: Nanos): TradingStateChange | undefined {
    return this.request('HALTED', `flash crash: ${detail}`, 'flash-crash', tsNs);
  }
}
