-- Time-series tables. With TimescaleDB installed: hypertables (chunks by time, compressed after
-- 7 days, segmented by symbol). Otherwise native range partitioning on the ns time column with a
-- DEFAULT partition, so an insert outside the prepared partitions never fails;
-- nautilus_ensure_partitions() creates the per-interval partitions ahead of time.

CREATE TABLE timeseries_tables (
  table_name text PRIMARY KEY,
  time_column text NOT NULL,
  interval_ns bigint NOT NULL,
  layout text NOT NULL CHECK (layout IN ('partitioned', 'hypertable'))
);

CREATE FUNCTION nautilus_now_ns() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT (extract(epoch FROM now()) * 1000000000)::bigint
$$;

-- The schema TimescaleDB lives in, loading it when it is available; NULL means native partitioning.
CREATE FUNCTION nautilus_timescale_schema() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_schema text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
    RETURN NULL;
  END IF;
  BEGIN
    CREATE EXTENSION IF NOT EXISTS timescaledb;
  EXCEPTION WHEN OTHERS THEN
    -- Installed but not in shared_preload_libraries (or no privilege): fall back, loudly.
    RAISE NOTICE 'timescaledb is available but cannot be created (%); using native partitioning', SQLERRM;
    RETURN NULL;
  END;
  SELECT extnamespace::regnamespace::text INTO v_schema FROM pg_extension WHERE extname = 'timescaledb';
  RETURN v_schema;
END $$;

CREATE FUNCTION nautilus_create_timeseries(
  p_table text, p_columns text, p_time text, p_interval_ns bigint, p_segment_by text
) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_ts text := nautilus_timescale_schema();
BEGIN
  IF v_ts IS NOT NULL THEN
    EXECUTE format('CREATE TABLE %I (%s)', p_table, p_columns);
    EXECUTE format('SELECT %I.create_hypertable($1::regclass, $2::name, chunk_time_interval => $3)', v_ts)
      USING p_table, p_time, p_interval_ns;
    EXECUTE format('SELECT %I.set_integer_now_func($1::regclass, $2::regproc)', v_ts)
      USING p_table, 'nautilus_now_ns';
    EXECUTE format(
      'ALTER TABLE %I SET (timescaledb.compress, timescaledb.compress_segmentby = %L, timescaledb.compress_orderby = %L)',
      p_table, p_segment_by, p_time || ' DESC');
    EXECUTE format('SELECT %I.add_compression_policy($1::regclass, compress_after => $2)', v_ts)
      USING p_table, 7 * 86400000000000::bigint;
    INSERT INTO timeseries_tables VALUES (p_table, p_time, p_interval_ns, 'hypertable');
    RETURN 'hypertable';
  END IF;
  EXECUTE format('CREATE TABLE %I (%s) PARTITION BY RANGE (%I)', p_table, p_columns, p_time);
  EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', p_table || '_default', p_table);
  INSERT INTO timeseries_tables VALUES (p_table, p_time, p_interval_ns, 'partitioned');
  RETURN 'partitioned';
END $$;

-- Creates the missing partitions covering [p_from_ns, p_to_ns] of every partitioned time-series
-- table. Rows that already landed in the DEFAULT partition for such a range move into the new one.
CREATE FUNCTION nautilus_ensure_partitions(p_from_ns bigint, p_to_ns bigint) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  t record;
  v_bucket bigint;
  v_lo bigint;
  v_name text;
  v_created integer := 0;
BEGIN
  IF p_to_ns < p_from_ns THEN
    RAISE EXCEPTION 'nautilus_ensure_partitions: to (%) is before from (%)', p_to_ns, p_from_ns;
  END IF;
  -- Two processes preparing the same day would race on CREATE TABLE.
  PERFORM pg_advisory_xact_lock(hashtext('nautilus_ensure_partitions'));
  FOR t IN SELECT * FROM timeseries_tables WHERE layout = 'partitioned' ORDER BY table_name LOOP
    IF (p_to_ns - p_from_ns) / t.interval_ns > 1000 THEN
      RAISE EXCEPTION 'nautilus_ensure_partitions: more than 1000 partitions of % requested', t.table_name;
    END IF;
    FOR v_bucket IN floor(p_from_ns::numeric / t.interval_ns)::bigint .. floor(p_to_ns::numeric / t.interval_ns)::bigint LOOP
      v_lo := v_bucket * t.interval_ns;
      v_name := t.table_name || '_p' || to_char(to_timestamp(v_lo / 1000000000.0) AT TIME ZONE 'UTC', 'YYYYMMDD');
      CONTINUE WHEN to_regclass(quote_ident(v_name)) IS NOT NULL;
      EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS)', v_name, t.table_name);
      EXECUTE format(
        'WITH moved AS (DELETE FROM %I WHERE %I >= $1 AND %I < $2 RETURNING *) INSERT INTO %I SELECT * FROM moved',
        t.table_name || '_default', t.time_column, t.time_column, v_name)
        USING v_lo, v_lo + t.interval_ns;
      EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%s) TO (%s)',
        t.table_name, v_name, v_lo, v_lo + t.interval_ns);
      v_created := v_created + 1;
    END LOOP;
  END LOOP;
  RETURN v_created;
END $$;

-- One day per partition / chunk: a day of ticks for a handful of symbols is a comfortable size.
SELECT nautilus_create_timeseries('trades',
  'ts_ns bigint NOT NULL, symbol text NOT NULL, price double precision NOT NULL, size double precision NOT NULL, aggressor text, trade_id text',
  'ts_ns', 86400000000000, 'symbol');
SELECT nautilus_create_timeseries('quotes',
  'ts_ns bigint NOT NULL, symbol text NOT NULL, bid double precision NOT NULL, ask double precision NOT NULL, bid_size double precision NOT NULL, ask_size double precision NOT NULL',
  'ts_ns', 86400000000000, 'symbol');
SELECT nautilus_create_timeseries('bars',
  'start_ns bigint NOT NULL, end_ns bigint NOT NULL, symbol text NOT NULL, spec text NOT NULL, open double precision NOT NULL, high double precision NOT NULL, low double precision NOT NULL, close double precision NOT NULL, volume double precision NOT NULL',
  'start_ns', 86400000000000, 'symbol');
SELECT nautilus_create_timeseries('book_snapshots',
  'ts_ns bigint NOT NULL, symbol text NOT NULL, bids jsonb NOT NULL, asks jsonb NOT NULL',
  'ts_ns', 86400000000000, 'symbol');
SELECT nautilus_create_timeseries('vpin_series',
  'ts_ns bigint NOT NULL, symbol text NOT NULL, vpin double precision NOT NULL, cdf double precision, bucket integer NOT NULL',
  'ts_ns', 86400000000000, 'symbol');
SELECT nautilus_create_timeseries('factor_values',
  'ts_ns bigint NOT NULL, factor text NOT NULL, symbol text NOT NULL, value double precision NOT NULL',
  'ts_ns', 86400000000000, 'factor');
SELECT nautilus_create_timeseries('account_snapshots',
  'ts_ns bigint NOT NULL, account_id text NOT NULL, currency text NOT NULL, balance numeric NOT NULL, equity numeric NOT NULL, margin_used numeric NOT NULL DEFAULT 0, data jsonb NOT NULL DEFAULT ''{}''',
  'ts_ns', 86400000000000, 'account_id');
SELECT nautilus_create_timeseries('risk_metrics',
  'ts_ns bigint NOT NULL, scope text NOT NULL, metric text NOT NULL, value double precision NOT NULL',
  'ts_ns', 86400000000000, 'scope');

CREATE INDEX trades_symbol_time_idx ON trades (symbol, ts_ns);
CREATE INDEX quotes_symbol_time_idx ON quotes (symbol, ts_ns);
CREATE INDEX bars_symbol_spec_time_idx ON bars (symbol, spec, start_ns);
CREATE INDEX book_snapshots_symbol_time_idx ON book_snapshots (symbol, ts_ns);
CREATE INDEX vpin_series_symbol_time_idx ON vpin_series (symbol, ts_ns);
CREATE INDEX factor_values_idx ON factor_values (factor, ts_ns, symbol);
CREATE INDEX account_snapshots_idx ON account_snapshots (account_id, ts_ns);
CREATE INDEX risk_metrics_idx ON risk_metrics (scope, metric, ts_ns);
