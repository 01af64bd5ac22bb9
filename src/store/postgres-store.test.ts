import { describe, expect, it } from 'vitest';
import { openSqlClient, openStore } from './open-store.ts';
import { dropSchema, postgresTestsEnabled, TEST_PG_URL, testSchema } from './testing/pg-fixture.ts';
import { NOW_NS, runStoreConformance } from './testing/store-conformance.ts';

const schema = testSchema('store_test');
const options = { url: TEST_PG_URL, dataDir: '.', schema, poolSize: 4 };

if (await postgresTestsEnabled()) {
  runStoreConformance({
    name: 'postgres',
    fresh: () => dropSchema(schema),
    open: () => openStore(options, NOW_NS),
    openClient: () => openSqlClient(options),
    dispose: () => dropSchema(schema),
  });
} else {
  describe.skip(`Store conformance: postgres (no server at ${TEST_PG_URL}; CI fails instead)`, () => {
    it('needs PostgreSQL', () => {});
  });
}

const timescale = await timescaleAvailable();

/** Only where TimescaleDB is installed (not Debian's stock PostgreSQL): the hypertable path. */
describe.skipIf(!timescale)('TimescaleDB hypertables (skipped: extension not available)', () => {
  it('creates every time-series table as a compressed hypertable', async () => {
    const tsSchema = testSchema('store_ts');
    const store = await openStore({ ...options, schema: tsSchema }, NOW_NS);
    try {
      expect(new Set(Object.values(await store.timeseriesLayouts()))).toEqual(new Set(['hypertable']));
      const compressed = await store.query<{ hypertable_name: string }>(
        'SELECT hypertable_name FROM timescaledb_information.hypertables WHERE hypertable_schema = $1 AND compression_enabled',
        [tsSchema],
      );
      expect(compressed).toHaveLength(8);
      await store.insert('trades', [{ tsNs: NOW_NS, symbol: 'A', price: 1, size: 1 }]);
      expect(await store.read('trades')).toHaveLength(1);
    } finally {
      await store.close();
      await dropSchema(tsSchema);
    }
  });
});

async function timescaleAvailable(): Promise<boolean> {
  if (!(await postgresTestsEnabled())) return false;
  const client = await openSqlClient({ ...options, schema: undefined });
  try {
    const rows = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'");
    return rows.length > 0;
  } finally {
    await client.close();
  }
}
