import type { Nanos } from '../../domain/time.ts';
import { lastOrderNumber } from '../../store/order-history.ts';
import type { Store } from '../../store/store.ts';

export const API_STRATEGY_ID = 'api';

/**
 * Where the `O-api-<n>` counter starts so ids never repeat across restarts: after the highest id
 * in the store (the execution engine journals every order), or, without a store, at the current
 * time in ms (a restart is later, so its ids are higher).
 */
export async function orderCounterStart(store: Store | undefined, nowNs: Nanos): Promise<number> {
  if (!store) return Number(nowNs / 1_000_000n);
  return lastOrderNumber(store, API_STRATEGY_ID);
}
