/** Row shapes of the store, in the engines' terms: ns times as bigint, exact amounts as decimal strings. */
type Json = Record<string, unknown> | unknown[];

export interface InstrumentRow {
  instrumentId: string;
  symbol: string;
  assetClass: string;
  currency: string;
  spec?: Json;
  updatedNs: bigint;
}
export interface TradeRow {
  tsNs: bigint;
  symbol: string;
  price: number;
  size: number;
  aggressor?: 'buy' | 'sell' | null;
  tradeId?: string | null;
}
export interface QuoteRow {
  tsNs: bigint;
  symbol: string;
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
}
export interface BarRow {
  startNs: bigint;
  endNs: bigint;
  symbol: string;
  spec: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}
export interface BookSnapshotRow {
  tsNs: bigint;
  symbol: string;
  bids: [number, number][];
  asks: [number, number][];
}
export interface OrderRow {
  orderId: string;
  strategyId: string;
  instrumentId: string;
  side: 'buy' | 'sell';
  orderType: string;
  quantity: string;
  price?: string | null;
  triggerPrice?: string | null;
  timeInForce?: string | null;
  status: string;
  filledQty: string;
  createdNs: bigint;
  updatedNs: bigint;
  data?: Json;
}
export interface OrderEventRow {
  orderId: string;
  eventType: string;
  tsNs: bigint;
  data?: Json;
}
export interface FillRow {
  fillId: string;
  orderId: string;
  instrumentId: string;
  side: 'buy' | 'sell';
  price: string;
  quantity: string;
  commission: string;
  commissionCurrency: string;
  liquidity: string;
  tsNs: bigint;
}
export interface PositionRow {
  accountId: string;
  instrumentId: string;
  quantity: string;
  avgPrice: string;
  realizedPnl: string;
  currency: string;
  updatedNs: bigint;
}
export interface AccountSnapshotRow {
  tsNs: bigint;
  accountId: string;
  currency: string;
  balance: string;
  equity: string;
  marginUsed: string;
  data?: Json;
}
export interface RiskMetricRow {
  tsNs: bigint;
  scope: string;
  metric: string;
  value: number;
}
export interface RiskAlertRow {
  tsNs: bigint;
  severity: string;
  kind: string;
  message: string;
  data?: Json;
}
export interface VpinRow {
  tsNs: bigint;
  symbol: string;
  vpin: number;
  cdf?: number | null;
  bucket: number;
}
export interface FactorValueRow {
  tsNs: bigint;
  factor: string;
  symbol: string;
  value: number;
}
export interface FactorReturnRow {
  factor: string;
  tsNs: bigint;
  value: number;
}
export interface PredictionRow {
  tsNs: bigint;
  model: string;
  symbol: string;
  horizon: string;
  value: number;
  data?: Json;
}
export interface SignalRow {
  tsNs: bigint;
  source: string;
  symbol: string;
  name: string;
  value: number;
  data?: Json;
}
export interface BacktestRunRow {
  runId: string;
  strategy: string;
  params?: Json;
  status: 'queued' | 'running' | 'finished' | 'failed' | 'canceled';
  progress: number;
  error?: string | null;
  createdNs: bigint;
  updatedNs: bigint;
}
export interface BacktestResultRow {
  runId: string;
  metrics: Json;
  equityCurve?: Json;
  trades?: Json;
  reportHtml?: string | null;
}
export interface EngineRegistryRow {
  tsNs: bigint;
  engine: string;
  instance: string;
  state: string;
  detail?: string | null;
}

/** Every writable table and its row type. */
export interface StoreRows {
  instruments: InstrumentRow;
  trades: TradeRow;
  quotes: QuoteRow;
  bars: BarRow;
  book_snapshots: BookSnapshotRow;
  orders: OrderRow;
  order_events: OrderEventRow;
  fills: FillRow;
  positions: PositionRow;
  account_snapshots: AccountSnapshotRow;
  risk_metrics: RiskMetricRow;
  risk_alerts: RiskAlertRow;
  vpin_series: VpinRow;
  factor_values: FactorValueRow;
  factor_returns: FactorReturnRow;
  predictions: PredictionRow;
  signals: SignalRow;
  backtest_runs: BacktestRunRow;
  backtest_results: BacktestResultRow;
  engine_registry_history: EngineRegistryRow;
}
export type TableName = keyof StoreRows;
