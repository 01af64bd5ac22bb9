import type { OrderEventPayload } from '../trading/orders/order-messages.ts';
import type { SqlExecutor } from './sql-client.ts';

/**
 * Every stored fill event's bus payload, in the order it was stored (the execution engine's
 * journal keeps each whole): what engines replay at start to rebuild positions exactly.
 * `strategyId` narrows it to one strategy's fills.
 */
export async function storedFills(db: SqlExecutor, strategyId?: string): Promise<OrderEventPayload[]> {
  const rows = await db.query<{ data: OrderEventPayload }>(
    strategyId === undefined
      ? `SELECT data FROM order_events WHERE event_type = 'filled' ORDER BY event_id`
      : `SELECT data FROM order_events WHERE event_type = 'filled' AND data->>'strategyId' = $1 ORDER BY event_id`,
    strategyId === undefined ? [] : [strategyId],
  );
  return rows.map((row) => row.data);
}

/** The highest n among a strategy's stored order ids "O-<id>-<n>" (0 when it has none). */
export async function lastOrderNumber(db: SqlExecutor, strategyId: string): Promise<number> {
  const [row] = await db.query<{ last: string | number | null }>(
    `SELECT max(substring(order_id from '-([0-9]+)$')::bigint) AS last FROM orders WHERE strategy_id = $1`,
    [strategyId],
  );
  return Number(row?.last ?? 0);
}
