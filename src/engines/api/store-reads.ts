import type { Nanos } from '../../domain/time.ts';
import type { Store } from '../../store/store.ts';
import type { InstrumentRegistry } from '../../trading/instruments/registry.ts';
import { CLOSED_STATUSES, type FillView, type OrderView } from './order-records.ts';

export type StatusFilter = 'open' | 'closed' | 'all';

type Cell = string | number | bigint | null | undefined;

/** Numerics and bigints come back as strings or numbers depending on the backend. */
const decimalText = (value: Cell): string | null =>
  value === null || value === undefined ? null : String(value);
const nanosOf = (value: Cell): Nanos => BigInt(value ?? 0);

function symbolOf(instruments: InstrumentRegistry, instrumentId: string): string {
  return instruments.find(instrumentId)?.symbol ?? instrumentId.split('.')[0]!;
}

const CLOSED_LIST = [...CLOSED_STATUSES].map((status) => `'${status}'`).join(', ');
const STATUS_SQL: Record<StatusFilter, string> = {
  all: 'TRUE',
  open: `status NOT IN (${CLOSED_LIST})`,
  closed: `status IN (${CLOSED_LIST})`,
};

export interface OrderQuery {
  status: StatusFilter;
  limit: number;
  /** One order only. */
  orderId?: string;
}

/** The newest orders of the store (written by the execution engine), newest first. */
export async function storedOrders(
  store: Store,
  instruments: InstrumentRegistry,
  query: OrderQuery,
): Promise<OrderView[]> {
  const byId = query.orderId === undefined ? '' : ' AND order_id = $2';
  const rows = await store.query<Record<string, Cell | Record<string, unknown>>>(
    `SELECT order_id, strategy_id, instrument_id, side, order_type, quantity, price, status, filled_qty,
            created_ns, updated_ns, data FROM orders WHERE ${STATUS_SQL[query.status]}${byId}
      ORDER BY updated_ns DESC LIMIT $1`,
    query.orderId === undefined ? [query.limit] : [query.limit, query.orderId],
  );
  return rows.map((row) => {
    const data = (row.data ?? {}) as Record<string, unknown>;
    return {
      orderId: String(row.order_id),
      strategyId: String(row.strategy_id),
      symbol: symbolOf(instruments, String(row.instrument_id)),
      side: row.side === 'sell' ? 'sell' : 'buy',
      type: String(row.order_type),
      quantity: decimalText(row.quantity as Cell),
      price: decimalText(row.price as Cell),
      status: String(row.status),
      filledQty: decimalText(row.filled_qty as Cell) ?? '0',
      avgPx: typeof data.avgPx === 'string' ? data.avgPx : null,
      createdNs: nanosOf(row.created_ns as Cell),
      updatedNs: nanosOf(row.updated_ns as Cell),
      reason: typeof data.reason === 'string' ? data.reason : null,
    };
  });
}

/** The newest fills of the store, newest first. */
export async function storedFills(
  store: Store,
  instruments: InstrumentRegistry,
  limit: number,
): Promise<FillView[]> {
  const rows = await store.read('fills', { orderBy: 'tsNs', descending: true, limit });
  return rows.map((row) => ({
    fillId: row.fillId,
    orderId: row.orderId,
    symbol: symbolOf(instruments, row.instrumentId),
    side: row.side,
    price: row.price,
    quantity: row.quantity,
    commission: row.commission,
    tsNs: row.tsNs,
  }));
}

/**
 * Store rows plus what memory has seen since (the store lags the bus): per key the newer
 * version wins, memory on a tie. Newest first by `timeOf`, cut to `limit`.
 */
export function mergeNewest<T>(
  stored: readonly T[],
  memory: readonly T[],
  keyOf: (item: T) => string,
  timeOf: (item: T) => Nanos,
  limit: number,
): T[] {
  const merged = new Map<string, T>();
  for (const item of stored) merged.set(keyOf(item), item);
  for (const item of memory) {
    const known = merged.get(keyOf(item));
    if (!known || timeOf(item) >= timeOf(known)) merged.set(keyOf(item), item);
  }
  return [...merged.values()]
    .sort((a, b) => (timeOf(b) > timeOf(a) ? 1 : timeOf(b) < timeOf(a) ? -1 : 0))
    .slice(0, limit);
}
