/** Response shapes of the backend API (port 8001), as the platform contract states them. */

export interface EngineRow {
  engine: string;
  instance: string;
  state: string;
  detail: string;
  lastHeartbeatNs: string;
  ageMs: number;
}

export interface BusGroup {
  group: string;
  stream: string;
  pending: number;
  lag: number | null;
  consumers: number;
}

export interface BusLane {
  lane: string;
  connected: boolean;
  endpoint: string;
  streams: Array<{ stream: string; length: number }>;
  groups: BusGroup[];
}

export interface BusStatus {
  transport: string;
  instanceId: string;
  counters: Record<string, number>;
  lanes: BusLane[];
  throughput: { publishedPerS: number; deliveredPerS: number };
  publishedByType: Record<string, number>;
}

export interface Instrument {
  symbol: string;
  instrumentId: string;
  assetClass: string;
  currency: string;
  tickSize: string;
}

export interface Quote {
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
  tsNs: string;
}

export type BookLevel = [number, number];

export interface Trade {
  price: number;
  size: number;
  aggressor?: string | null;
  tsNs: string;
}

export interface Bar {
  startNs: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface MarketSnapshot {
  symbol: string;
  quote: Quote | null;
  book: { bids: BookLevel[]; asks: BookLevel[]; tsNs: string } | null;
  trades: Trade[];
  bars: Bar[];
}

export interface Order {
  orderId: string;
  strategyId: string;
  symbol: string;
  side: string;
  type: string;
  quantity: string;
  price: string | null;
  status: string;
  filledQty: string;
  avgPx: string | null;
  createdNs: string;
  updatedNs: string;
  reason: string | null;
}

export interface Position {
  symbol: string;
  instrumentId: string;
  quantity: string;
  side: string;
  avgPrice: string;
  realizedPnl: string;
  unrealizedPnl: string;
  currency: string;
}

export interface PortfolioUpdate {
  account: string;
  baseCurrency: string;
  startingCapital: number;
  equity: number;
  realizedPnl: Record<string, string>;
  unrealizedPnl: Record<string, string>;
  commissions: Record<string, string>;
  exposures?: { gross: number; net: number };
}

export interface EquityPoint {
  tsNs: string;
  equity: number;
}

export interface Alert {
  kind: string;
  severity: string;
  message: string;
  symbol?: string;
  tsNs: string;
  topic: string;
}

export interface RiskView {
  tradingState: { state: string; reason: string } | null;
  metrics: Record<string, { value: number; tsNs: string }>;
  limits: Record<string, unknown> | null;
  alerts: Alert[];
}

export interface VpinReading {
  symbol: string;
  vpin: number;
  cdf: number | null;
  level: string | null;
  tsNs: string;
}

export interface VpinOverview {
  symbols: VpinReading[];
  thresholds: { warning: number; critical: number };
}

export interface VpinSeries {
  symbol: string;
  series: Array<{ tsNs: string; vpin: number; cdf: number | null }>;
}

export interface FactorRow {
  name: string;
  tsNs: string;
  values: Record<string, number | null>;
}

export interface BacktestOverview {
  id: string;
  kind: string;
  strategy: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: { done: number; total: number };
  error?: string;
}

export interface BacktestDetail extends BacktestOverview {
  metrics: Record<string, unknown> | null;
  /** Daily equity of the reported run (a sweep's best). */
  equityCurve: EquityPoint[];
  error?: string;
}
