-- Relational state: the current picture (orders, positions) plus append-only history (events, fills).
-- Times are integer nanoseconds since the epoch (bigint), as everywhere in Nautilus; exact amounts are numeric.

CREATE TABLE instruments (
  instrument_id text PRIMARY KEY,
  symbol text NOT NULL,
  asset_class text NOT NULL,
  currency text NOT NULL,
  spec jsonb NOT NULL DEFAULT '{}',
  updated_ns bigint NOT NULL
);

CREATE TABLE orders (
  order_id text PRIMARY KEY,
  strategy_id text NOT NULL,
  instrument_id text NOT NULL,
  side text NOT NULL CHECK (side IN ('buy', 'sell')),
  order_type text NOT NULL,
  quantity numeric NOT NULL,
  price numeric,
  trigger_price numeric,
  time_in_force text,
  status text NOT NULL,
  filled_qty numeric NOT NULL DEFAULT 0,
  created_ns bigint NOT NULL,
  updated_ns bigint NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX orders_status_idx ON orders (status, updated_ns);

CREATE TABLE order_events (
  event_id bigserial PRIMARY KEY,
  order_id text NOT NULL,
  event_type text NOT NULL,
  ts_ns bigint NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX order_events_order_idx ON order_events (order_id, ts_ns);

CREATE TABLE fills (
  fill_id text PRIMARY KEY,
  order_id text NOT NULL,
  instrument_id text NOT NULL,
  side text NOT NULL CHECK (side IN ('buy', 'sell')),
  price numeric NOT NULL,
  quantity numeric NOT NULL,
  commission numeric NOT NULL DEFAULT 0,
  commission_currency text NOT NULL,
  liquidity text NOT NULL,
  ts_ns bigint NOT NULL
);
CREATE INDEX fills_order_idx ON fills (order_id);
CREATE INDEX fills_time_idx ON fills (ts_ns);

CREATE TABLE positions (
  account_id text NOT NULL,
  instrument_id text NOT NULL,
  quantity numeric NOT NULL,
  avg_price numeric NOT NULL,
  realized_pnl numeric NOT NULL DEFAULT 0,
  currency text NOT NULL,
  updated_ns bigint NOT NULL,
  PRIMARY KEY (account_id, instrument_id)
);

CREATE TABLE risk_alerts (
  alert_id bigserial PRIMARY KEY,
  ts_ns bigint NOT NULL,
  severity text NOT NULL,
  kind text NOT NULL,
  message text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX risk_alerts_time_idx ON risk_alerts (ts_ns);

CREATE TABLE factor_returns (
  factor text NOT NULL,
  ts_ns bigint NOT NULL,
  value double precision NOT NULL,
  PRIMARY KEY (factor, ts_ns)
);

CREATE TABLE predictions (
  prediction_id bigserial PRIMARY KEY,
  ts_ns bigint NOT NULL,
  model text NOT NULL,
  symbol text NOT NULL,
  horizon text NOT NULL,
  value double precision NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX predictions_idx ON predictions (model, symbol, ts_ns);

CREATE TABLE signals (
  signal_id bigserial PRIMARY KEY,
  ts_ns bigint NOT NULL,
  source text NOT NULL,
  symbol text NOT NULL,
  name text NOT NULL,
  value double precision NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX signals_idx ON signals (symbol, name, ts_ns);

CREATE TABLE backtest_runs (
  run_id text PRIMARY KEY,
  strategy text NOT NULL,
  params jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('queued', 'running', 'finished', 'failed', 'canceled')),
  progress double precision NOT NULL DEFAULT 0,
  error text,
  created_ns bigint NOT NULL,
  updated_ns bigint NOT NULL
);

CREATE TABLE backtest_results (
  run_id text PRIMARY KEY REFERENCES backtest_runs (run_id) ON DELETE CASCADE,
  metrics jsonb NOT NULL,
  equity_curve jsonb NOT NULL DEFAULT '[]',
  trades jsonb NOT NULL DEFAULT '[]',
  report_html text
);

CREATE TABLE engine_registry_history (
  entry_id bigserial PRIMARY KEY,
  ts_ns bigint NOT NULL,
  engine text NOT NULL,
  instance text NOT NULL,
  state text NOT NULL,
  detail text
);
CREATE INDEX engine_registry_history_idx ON engine_registry_history (engine, instance, ts_ns);
