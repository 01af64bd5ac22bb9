import { lastOrderNumber, storedFills } from '../../store/order-history.ts';
import type { Store } from '../../store/store.ts';
import type { OrderEventPayload } from '../../trading/orders/order-messages.ts';

/** What a strategy's earlier runs left in the store. */
export interface StrategyHistory {
  /** Highest n of its order ids "O-<id>-<n>": new ids continue after it, never repeating one. */
  orderIdStart: number;
  /** Its fills in stored order, to rebuild its position. */
  fills: OrderEventPayload[];
}

export async function readStrategyHistory(store: Store, strategyId: string): Promise<StrategyHistory> {
  return {
    orderIdStart: await lastOrderNumber(store, strategyId),
    fills: await storedFills(store, strategyId),
  };
}
