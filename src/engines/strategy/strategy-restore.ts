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
  const [ids] = await store.query<{ last: string | number | null }>(
    `SELECT max(substring(order_id from '-([0-9]+)$')::bigint) AS last
       FROM orders WHERE strategy_id = $1`,
    [strategyId],
  );
  const fills = await store.query<{ data: OrderEventPayload }>(
    `SELECT data FROM order_events
      WHERE event_type = 'filled' AND data->>'strategyId' = $1 ORDER BY event_id`,
    [strategyId],
  );
  return { orderIdStart: Number(ids?.last ?? 0), fills: fills.map((row) => row.data) };
}
