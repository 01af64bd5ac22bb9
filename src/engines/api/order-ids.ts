import type { Nanos } from '../../domain/time.ts';
import type { Store } from '../../store/store.ts';

export const API_STRATEGY_ID = 'api';

/**
 * Where the `O-api-<n>` counter starts so ids never repeat across restarts: after the highest id
 * in the store's orders and order events, or, without a store, at the current time in ms (a
 * restart is later, so its ids are higher).
 */
export async function orderCounterStart(store: Store | undefined, nowNs: Nanos): Promise<number> {
  if (!store) return Number(nowNs / 1_000_000n);
  const [row] = await store.query<{ highest: string | number | bigint | null }>(
    `SELECT max(n) AS highest FROM (
       SELECT substring(order_id FROM '^O-api-([0-9]+)$')::bigint AS n FROM orders WHERE order_id LIKE 'O-api-%'
       UNION ALL
       SELECT substring(order_id FROM '^O-api-([0-9]+)$')::bigint AS n FROM order_events WHERE order_id LIKE 'O-api-%'
     ) AS ids`,
  );
  return row?.highest === null || row?.highest === undefined ? 0 : Number(row.highest);
}
