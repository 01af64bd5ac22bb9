import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMarketDataFile } from '../../src/marketdata/files/read-market-data-file.ts';
import { MarketDataWriter } from '../../src/store/market-data-writer.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { BarRow } from '../../src/store/rows.ts';
import type { Store } from '../../src/store/store.ts';
import {
  dropSchema,
  postgresReachable,
  TEST_PG_URL,
  testSchema,
} from '../../src/store/testing/pg-fixture.ts';
import { DATA_DIR } from './hub-replay-phase.ts';
import { progress, type Row, rate } from './report.ts';

const FILE = 'btc-perp-20211231-20220201_1m.csv';
const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

async function loadBars(limit: number): Promise<BarRow[]> {
  const bars: BarRow[] = [];
  for await (const batch of readMarketDataFile(join(DATA_DIR, FILE), { symbol: 'BTCUSDT' }).batches())
    for (const r of batch) if (r.kind === 'bar' && bars.length < limit) bars.push({ ...r, spec: '1m' });
  return bars;
}

/** Rows/s through the writer (write() for every bar, then close() = flush), batches of 2,000. */
async function writerRate(store: Store, bars: readonly BarRow[]): Promise<number> {
  await store.exec('TRUNCATE bars');
  const writer = new MarketDataWriter(store, { batchSize: 2_000 });
  const started = process.hrtime.bigint();
  for (const bar of bars) writer.write('bars', bar);
  await writer.close();
  const elapsed = seconds(started);
  const { written } = writer.counters();
  if (written !== bars.length) throw new Error(`writer wrote ${written} of ${bars.length} bars`);
  return written / elapsed;
}

/** Same-run baseline: one INSERT per row, what the writer's batching replaces. */
async function singleRowRate(store: Store, bars: readonly BarRow[]): Promise<number> {
  await store.exec('TRUNCATE bars');
  const started = process.hrtime.bigint();
  for (const bar of bars) await store.insert('bars', [bar]);
  return bars.length / seconds(started);
}

async function measure(name: string, store: Store, bars: BarRow[], baselineRows: number) {
  const batched = await writerRate(store, bars);
  const single = await singleRowRate(store, bars.slice(0, baselineRows));
  const row: Row = {
    metric: `store writer -> ${name} (${bars.length.toLocaleString('en-US')} 1m bars)`,
    value: rate(batched),
    baseline: `${rate(single)} (1 row/INSERT)`,
    ratio: `${(batched / single).toFixed(1)}x`,
  };
  return { row, batched, single };
}

export async function runStorePhase(quick: boolean): Promise<{ rows: Row[]; json: Record<string, number> }> {
  const bars = await loadBars(quick ? 10_000 : 100_000);
  const baselineRows = quick ? 500 : 2_000;
  const rows: Row[] = [];
  const json: Record<string, number> = {};
  const nowNs = bars[0]!.startNs;

  progress('store: PGlite');
  const dir = mkdtempSync(join(tmpdir(), 'nautilus-bench-pglite-'));
  const pglite = await openStore({ url: `pglite:${dir}`, dataDir: dir }, nowNs);
  try {
    const r = await measure('PGlite', pglite, bars, baselineRows);
    rows.push(r.row);
    json.store_pglite_rows_per_s = Math.round(r.batched);
    json.store_pglite_single_rows_per_s = Math.round(r.single);
  } finally {
    await pglite.close();
    rmSync(dir, { recursive: true, force: true });
  }

  if (await postgresReachable()) {
    progress('store: PostgreSQL');
    const schema = testSchema('bench_store');
    const pg = await openStore({ url: TEST_PG_URL, dataDir: '.', schema }, nowNs);
    try {
      const r = await measure('PostgreSQL', pg, bars, baselineRows);
      rows.push(r.row);
      json.store_postgres_rows_per_s = Math.round(r.batched);
      json.store_postgres_single_rows_per_s = Math.round(r.single);
    } finally {
      await pg.close();
      await dropSchema(schema);
    }
  } else {
    rows.push({ metric: `store writer -> PostgreSQL: skipped, nothing at ${TEST_PG_URL}`, value: '-' });
  }
  return { rows, json };
}
