import type { StoreRows, TableName } from './rows.ts';

/** SQL type a column's values are sent as (one array parameter per column, see batch-insert.ts). */
/** `jsonb` holds an object (absent: `{}`), `jsonb-list` a list (absent: `[]`). */
type ColumnType = 'bigint' | 'text' | 'float8' | 'numeric' | 'int4' | 'jsonb' | 'jsonb-list';

export type { ColumnType };

export interface ColumnSpec<Row> {
  column: string;
  key: keyof Row & string;
  type: ColumnType;
}

export interface TableSpec<Row> {
  columns: readonly ColumnSpec<Row>[];
  /**
   * Primary key of state tables: a write replaces the row (orders, positions, runs), so writing
   * the same state twice, or again after a retry, is harmless. Append-only tables have none.
   */
  key?: readonly string[];
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Columns named after the row's keys (camelCase -> snake_case), in table order. */
type ColumnTypes<Row> = { [K in keyof Row & string]-?: ColumnType };

function spec<Row>(types: ColumnTypes<Row>, key?: readonly string[]): TableSpec<Row> {
  const columns = Object.entries(types).map(([k, type]) => ({
    column: snake(k),
    key: k as keyof Row & string,
    type: type as ColumnType,
  }));
  return key ? { columns, key } : { columns };
}

const COLUMN_TYPES: { [T in TableName]: ColumnTypes<StoreRows[T]> } = {
  // biome-ignore format: one line per table reads best
  instruments: { instrumentId: 'text', symbol: 'text', assetClass: 'text', currency: 'text', spec: 'jsonb', updatedNs: 'bigint' },
  trades: {
    tsNs: 'bigint',
    symbol: 'text',
    price: 'float8',
    size: 'float8',
    aggressor: 'text',
    tradeId: 'text',
  },
  quotes: {
    tsNs: 'bigint',
    symbol: 'text',
    bid: 'float8',
    ask: 'float8',
    bidSize: 'float8',
    askSize: 'float8',
  },
  // biome-ignore format: one line per table reads best
  bars: { startNs: 'bigint', endNs: 'bigint', symbol: 'text', spec: 'text', open: 'float8', high: 'float8', low: 'float8', close: 'float8', volume: 'float8' },
  book_snapshots: { tsNs: 'bigint', symbol: 'text', bids: 'jsonb', asks: 'jsonb' },
  orders: {
    orderId: 'text',
    strategyId: 'text',
    instrumentId: 'text',
    side: 'text',
    orderType: 'text',
    quantity: 'numeric',
    price: 'numeric',
    triggerPrice: 'numeric',
    timeInForce: 'text',
    status: 'text',
    filledQty: 'numeric',
    createdNs: 'bigint',
    updatedNs: 'bigint',
    data: 'jsonb',
  },
  order_events: { orderId: 'text', eventType: 'text', tsNs: 'bigint', data: 'jsonb' },
  fills: {
    fillId: 'text',
    orderId: 'text',
    instrumentId: 'text',
    side: 'text',
    price: 'numeric',
    quantity: 'numeric',
    commission: 'numeric',
    commissionCurrency: 'text',
    liquidity: 'text',
    tsNs: 'bigint',
  },
  // biome-ignore format: one line per table reads best
  positions: { accountId: 'text', instrumentId: 'text', quantity: 'numeric', avgPrice: 'numeric', realizedPnl: 'numeric', currency: 'text', updatedNs: 'bigint' },
  // biome-ignore format: one line per table reads best
  account_snapshots: { tsNs: 'bigint', accountId: 'text', currency: 'text', balance: 'numeric', equity: 'numeric', marginUsed: 'numeric', data: 'jsonb' },
  risk_metrics: { tsNs: 'bigint', scope: 'text', metric: 'text', value: 'float8' },
  risk_alerts: { tsNs: 'bigint', severity: 'text', kind: 'text', message: 'text', data: 'jsonb' },
  vpin_series: { tsNs: 'bigint', symbol: 'text', vpin: 'float8', cdf: 'float8', bucket: 'int4' },
  factor_values: { tsNs: 'bigint', factor: 'text', symbol: 'text', value: 'float8' },
  factor_returns: { factor: 'text', tsNs: 'bigint', value: 'float8' },
  // biome-ignore format: one line per table reads best
  predictions: { tsNs: 'bigint', model: 'text', symbol: 'text', horizon: 'text', value: 'float8', data: 'jsonb' },
  signals: { tsNs: 'bigint', source: 'text', symbol: 'text', name: 'text', value: 'float8', data: 'jsonb' },
  // biome-ignore format: one line per table reads best
  backtest_runs: { runId: 'text', strategy: 'text', params: 'jsonb', status: 'text', progress: 'float8', error: 'text', createdNs: 'bigint', updatedNs: 'bigint' },
  // biome-ignore format: one line per table reads best
  backtest_results: { runId: 'text', metrics: 'jsonb', equityCurve: 'jsonb-list', trades: 'jsonb-list', reportHtml: 'text' },
  // biome-ignore format: one line per table reads best
  engine_registry_history: { tsNs: 'bigint', engine: 'text', instance: 'text', state: 'text', detail: 'text' },
};

/** Primary keys of the state tables. */
const KEYS: Partial<Record<TableName, readonly string[]>> = {
  instruments: ['instrument_id'],
  orders: ['order_id'],
  fills: ['fill_id'],
  positions: ['account_id', 'instrument_id'],
  factor_returns: ['factor', 'ts_ns'],
  backtest_runs: ['run_id'],
  backtest_results: ['run_id'],
};

export const TABLE_SPECS = Object.fromEntries(
  Object.entries(COLUMN_TYPES).map(([table, types]) => [
    table,
    spec(types as ColumnTypes<unknown>, KEYS[table as TableName]),
  ]),
) as unknown as { [T in TableName]: TableSpec<StoreRows[T]> };
