import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, migrationStatus } from '../migrations.ts';
import type { SqlClient } from '../sql-client.ts';
import type { Store } from '../store.ts';
import { sampleRows } from './sample-rows.ts';
import { runWriterConformance } from './writer-conformance.ts';

export interface StoreUnderTest {
  name: string;
  /** Before each test: an empty database (PGlite: new dir; PostgreSQL: the file's schema recreated). */
  fresh(): Promise<void>;
  /** Opens (and migrates) the current database; a second call after close() reopens the same one. */
  open(): Promise<Store>;
  /** A bare client on the current database, not migrated. */
  openClient(): Promise<SqlClient>;
  /** After all tests: remove the dir / drop the schema. */
  dispose(): Promise<void>;
}

/** 2025-11-22T00:00:00Z in ns: a fixed "now", so partition names are deterministic. */
export const NOW_NS = 1_763_769_600_000_000_000n;
const DAY_NS = 86_400_000_000_000n;

/** The store contract, run against PGlite and PostgreSQL alike. */
export function runStoreConformance(target: StoreUnderTest): void {
  describe(`Store conformance: ${target.name}`, () => {
    const open: (Store | SqlClient)[] = [];
    const track = <T extends Store | SqlClient>(handle: T): T => {
      open.push(handle);
      return handle;
    };
    beforeEach(() => target.fresh());
    afterAll(() => target.dispose());
    afterEach(async () => {
      for (const handle of open.splice(0)) await handle.close();
    });

    it('applies every migration once, recording checksum and time', async () => {
      const client = track(await target.openClient());
      const files = loadMigrations();
      expect((await migrate(client)).map((m) => m.file)).toEqual(files.map((m) => m.file));
      expect(await migrate(client)).toEqual([]);
      const status = await migrationStatus(client);
      expect(status.map((s) => [s.file, s.state])).toEqual(files.map((m) => [m.file, 'applied']));
      expect(status.every((s) => s.appliedAt instanceof Date)).toBe(true);
    });

    it('reports pending migrations, and refuses a changed or unknown applied one by name', async () => {
      const client = track(await target.openClient());
      const [first, second] = loadMigrations();
      await migrate(client, [first!]);
      expect((await migrationStatus(client)).map((s) => s.state)).toEqual(['applied', 'pending']);
      const edited = { ...first!, checksum: 'f'.repeat(64) };
      await expect(migrate(client, [edited, second!])).rejects.toThrow(
        /migration 0001_core\.sql was changed after it was applied/,
      );
      expect((await migrationStatus(client, [edited])).map((s) => s.state)).toEqual(['changed']);
      await migrate(client, [first!, second!]);
      await expect(migrate(client, [first!])).rejects.toThrow(/0002_timeseries\.sql that this version/);
    });

    it('writes and reads back one row of every table exactly (ns bigints, decimal strings, JSON)', async () => {
      const store = track(await target.open());
      const rows = sampleRows(NOW_NS);
      for (const [table, row] of Object.entries(rows)) {
        await store.insert(table as keyof typeof rows, [row as never]);
      }
      for (const [table, row] of Object.entries(rows)) {
        const [got] = await store.read(table as keyof typeof rows);
        expect(got, table).toEqual(row);
      }
    });

    it('upserts state tables: the newest order state wins, also twice in one batch', async () => {
      const store = track(await target.open());
      const order = sampleRows(NOW_NS).orders;
      await store.insert('orders', [order]);
      const filled = { ...order, status: 'filled', filledQty: '10', updatedNs: NOW_NS + 5n };
      expect(await store.insert('orders', [{ ...order, status: 'accepted' }, filled])).toBe(1);
      expect(await store.read('orders')).toEqual([filled]);
    });

    it('writes an order update atomically: a bad fill rolls back the order and its event', async () => {
      const store = track(await target.open());
      const { orders, order_events, fills } = sampleRows(NOW_NS);
      const badFill = { ...fills, side: 'long' as 'buy' };
      await expect(
        store.recordOrderUpdate({ orders: [orders], events: [order_events], fills: [badFill] }),
      ).rejects.toThrow();
      expect(await store.read('orders')).toEqual([]);
      expect(await store.read('order_events')).toEqual([]);
    });

    it('range-partitions time series by day, with a default partition that later moves into its day', async () => {
      const store = track(await target.open());
      const layouts = await store.timeseriesLayouts();
      expect(Object.keys(layouts).sort()).toEqual(
        // biome-ignore format: a list of names
        ['account_snapshots', 'bars', 'book_snapshots', 'factor_values', 'quotes', 'risk_metrics', 'trades', 'vpin_series'],
      );
      expect(new Set(Object.values(layouts))).toEqual(new Set(['partitioned']));
      const trade = sampleRows(NOW_NS).trades;
      const later = NOW_NS + 30n * DAY_NS; // 2025-12-22: beyond the prepared week
      await store.insert('trades', [trade, { ...trade, tsNs: later }]);
      const where = () =>
        store.query<{ part: string }>('SELECT tableoid::regclass::text AS part FROM trades ORDER BY ts_ns');
      expect((await where()).map((r) => r.part)).toEqual(['trades_p20251122', 'trades_default']);
      // 8 tables x 2 days (the day before and the day itself); the new day takes the row out of default.
      expect(await store.maintainPartitions(later, 0)).toBe(16);
      expect((await where()).map((r) => r.part)).toEqual(['trades_p20251122', 'trades_p20251222']);
      expect(await store.maintainPartitions(later, 0)).toBe(0);
    });

    it('keeps orders, fills and positions across a restart', async () => {
      const first = await target.open();
      const { orders, order_events, fills, positions } = sampleRows(NOW_NS);
      const orders2 = { ...orders, orderId: 'o-2', status: 'accepted', filledQty: '0' };
      await first.recordOrderUpdate({
        orders: [orders, orders2],
        events: [order_events],
        fills: [fills],
        positions: [positions],
      });
      await first.close();
      const second = track(await target.open());
      expect(await second.read('orders')).toEqual([orders, orders2]);
      expect(await second.read('order_events', { where: { orderId: 'o-1' } })).toEqual([order_events]);
      expect(await second.read('fills')).toEqual([fills]);
      expect(await second.read('positions')).toEqual([positions]);
    });

    runWriterConformance(() => target.open().then(track));
  });
}
