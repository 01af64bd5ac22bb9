import { insertRows, type ReadOptions, readRows } from './batch-insert.ts';
import type { FillRow, OrderEventRow, OrderRow, PositionRow, StoreRows, TableName } from './rows.ts';
import type { SqlBackend, SqlClient, SqlExecutor } from './sql-client.ts';

const DAY_NS = 86_400_000_000_000n;

/** Everything an order changed, written together: a restart sees all of it or none of it. */
export interface OrderUpdate {
  orders?: readonly OrderRow[];
  events?: readonly OrderEventRow[];
  fills?: readonly FillRow[];
  positions?: readonly PositionRow[];
}

/** Typed access to the tables, on the store itself or inside one transaction. */
export interface StoreTables extends SqlExecutor {
  /** Batch insert (upsert for state tables: instruments, orders, fills, positions, runs, results). */
  insert<T extends TableName>(table: T, rows: readonly StoreRows[T][]): Promise<number>;
  read<T extends TableName>(table: T, options?: ReadOptions<StoreRows[T]>): Promise<StoreRows[T][]>;
}

export type TimeseriesLayout = 'partitioned' | 'hypertable';

/** The one persistence interface of Nautilus; PGlite and PostgreSQL behind the same SQL. */
export interface Store extends StoreTables {
  readonly backend: SqlBackend;
  transaction<T>(fn: (tx: StoreTables) => Promise<T>): Promise<T>;
  /** Orders, their events, fills and positions in one transaction. */
  recordOrderUpdate(update: OrderUpdate): Promise<void>;
  /** Creates the time partitions from a day before `nowNs` to `daysAhead` after (no-op for hypertables). */
  maintainPartitions(nowNs: bigint, daysAhead?: number): Promise<number>;
  /** How each time-series table is laid out: native partitions or TimescaleDB hypertable. */
  timeseriesLayouts(): Promise<Record<string, TimeseriesLayout>>;
  close(): Promise<void>;
}

function tables(db: SqlExecutor): StoreTables {
  return {
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    insert: (table, rows) => insertRows(db, table, rows),
    read: (table, options) => readRows(db, table, options),
  };
}

async function writeOrderUpdate(tx: StoreTables, update: OrderUpdate): Promise<void> {
  await tx.insert('orders', update.orders ?? []);
  await tx.insert('order_events', update.events ?? []);
  await tx.insert('fills', update.fills ?? []);
  await tx.insert('positions', update.positions ?? []);
}

/** A Store over an open, migrated SQL client. */
export function storeOver(client: SqlClient): Store {
  return {
    backend: client.backend,
    ...tables(client),
    transaction: (fn) => client.transaction((tx) => fn(tables(tx))),
    recordOrderUpdate: (update) => client.transaction((tx) => writeOrderUpdate(tables(tx), update)),
    async maintainPartitions(nowNs, daysAhead = 7) {
      const [row] = await client.query<{ created: number }>(
        'SELECT nautilus_ensure_partitions($1, $2) AS created',
        [nowNs - DAY_NS, nowNs + BigInt(daysAhead) * DAY_NS],
      );
      return row?.created ?? 0;
    },
    async timeseriesLayouts() {
      const rows = await client.query<{ table_name: string; layout: TimeseriesLayout }>(
        'SELECT table_name, layout FROM timeseries_tables ORDER BY table_name',
      );
      return Object.fromEntries(rows.map((row) => [row.table_name, row.layout]));
    },
    close: () => client.close(),
  };
}
