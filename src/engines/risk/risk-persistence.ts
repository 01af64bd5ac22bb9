import type { Logger } from '../../core/logger.ts';
import { storedFills } from '../../store/order-history.ts';
import type { Store } from '../../store/store.ts';
import { eventOfPayload } from '../../trading/orders/order-messages.ts';
import type { TradingState, TradingStateChange } from '../../trading/risk/trading-state.ts';
import type { RiskBook } from './risk-book.ts';

/** How a trading-state change is kept in `risk_alerts` (kind `trading-state`). */
export const STATE_ALERT_KIND = 'trading-state';

const SEVERITY: Record<TradingState, string> = { ACTIVE: 'info', REDUCING: 'warning', HALTED: 'critical' };

export interface StoredStateChange extends TradingStateChange {
  /** Imposed by a critical toxicity alert (it lifts after the cool-off). */
  toxicity: boolean;
}

/**
 * Risk's memory: its position book is rebuilt from the stored fills (so position limits hold
 * after a restart), and every trading-state change is appended to `risk_alerts`, the latest of
 * which is restored at start: an operator's HALT survives a restart.
 */
export class RiskPersistence {
  private pending: Promise<void> = Promise.resolve();
  failedWrites = 0;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  async restoreBook(book: RiskBook): Promise<number> {
    let applied = 0;
    for (const payload of await storedFills(this.store)) {
      const event = eventOfPayload(payload);
      if (event.type !== 'filled') continue;
      book.onFill(payload.instrumentId, payload.side, event.lastQty);
      applied++;
    }
    return applied;
  }

  async lastStateChange(): Promise<StoredStateChange | undefined> {
    const [row] = await this.store.query<{ data: StoredStateChange & { tsNs: string } }>(
      'SELECT data FROM risk_alerts WHERE kind = $1 ORDER BY alert_id DESC LIMIT 1',
      [STATE_ALERT_KIND],
    );
    return row ? { ...row.data, tsNs: BigInt(row.data.tsNs) } : undefined;
  }

  /** Appended in order behind earlier writes; a failure is logged and counted, never thrown at the bus. */
  recordChange(change: TradingStateChange, toxicity: boolean): void {
    const row = {
      tsNs: change.tsNs,
      severity: SEVERITY[change.to],
      kind: STATE_ALERT_KIND,
      message: `${change.from} -> ${change.to}: ${change.reason}`,
      data: { ...change, tsNs: change.tsNs.toString(), toxicity },
    };
    this.pending = this.pending
      .then(() => this.store.insert('risk_alerts', [row]))
      .then(
        () => undefined,
        (error: unknown) => {
          this.failedWrites++;
          this.logger.error({ err: error, change: row.message }, 'trading-state change not stored');
        },
      );
  }

  flush(): Promise<void> {
    return this.pending;
  }
}
